// SPDX-License-Identifier: MIT
#pragma once

#include "casefile.h"
#include "fixturefolder.h"
#include "jsontext.h"
#include "webhookrequest.h"

#include <QWidget>

#include <optional>

class QAction;
class QSplitter;
class QTimer;
class QTreeView;

namespace hb {
struct IntegrationEntry;
}

namespace hb::gui {

class CaseRequestPanel;
class CodeEditor;
class FixtureListModel;
class FixtureTextEdit;
class Workbench;

// The fixture editor (issue 4, item 5): the fixtures of the selected integration (fixtures/<folder>/)
// with the cases of cases.json that use each one; the open fixture in a JSON editor (colours, line
// numbers, bracket matching, errors at their line and column, Format/Compact that keep key order and
// every literal's spelling); the case's headers and query as editable tables. Save (Ctrl+S) writes the
// fixture in the stable layout (two-space indent, final newline) and the edited headers/query into
// cases.json, keeping the rest of it. New, Duplicate, Rename (cases.json follows) and Delete check
// names before touching the disk. Unsaved changes are marked in the list and asked about before
// another fixture or integration is opened. Shortcuts (while the focus is in the pane): Ctrl+S save,
// Ctrl+N new, Ctrl+Shift+F format, Ctrl+Shift+M compact, Ctrl+Shift+D duplicate, F2 rename.
//
// For the Preview pane (connect directly; the arguments are not registered metatypes):
//  - fixtureEdited() is emitted when a fixture or another of its cases is opened, and 300 ms after the
//    last change to its text or to the headers/query tables. `body` is the editor's text as UTF-8 (saved or not), `headers` and
//    `query` come from the tables, and `testCase` is the case being edited with those headers and query
//    (nullopt when no case uses the fixture: compare nothing then). For a case whose body is a form
//    that embeds the fixture, body is still the fixture text: use currentRequest() to dispatch.
//  - currentRequest() is the HTTP request to dispatch for what is on screen, built as buildCaseRequest()
//    builds it for the case but with the unsaved text and tables (a fixture without a case: a POST of
//    the text with the tables' headers and query). caseSuite()->clock, when set, is the clock the case
//    runs with: pass it as DispatchOptions::now so time-dependent messages match the expectation.
//  - fixtureClosed() is emitted when nothing is open any more (another integration, deleted fixture).
class FixtureEditorPane final : public QWidget
{
    Q_OBJECT

public:
    explicit FixtureEditorPane(Workbench &workbench, QWidget *parent = nullptr);
    ~FixtureEditorPane() override;

    QString currentIntegration() const;                  // registry name; empty when none
    QString currentFixture() const { return m_fixture; } // file name; empty when none is open
    std::optional<TestCase> currentCase() const;         // with the tables' headers and query
    const std::optional<CaseSuite> &caseSuite() const { return m_folder.suite(); }
    std::optional<WebhookRequest> currentRequest(QString *error = nullptr) const;

    bool isModified() const;
    // The open fixture's JSON error as "line L, column C: message" (after the 300 ms pause); empty
    // when the text is valid JSON or not JSON at all.
    QString jsonError() const;
    CodeEditor *editor() const;

    // Offers to save unsaved changes (Save / Discard / Cancel); false when the user cancels. For the
    // main window's closeEvent(), so that closing the window loses nothing.
    bool maybeSave();

public Q_SLOTS:
    // Opens a fixture (and a case of it, or its first case with -1) after asking about unsaved
    // changes; false when that was cancelled or the file cannot be read.
    bool openFixture(const QString &fixture, int caseIndex = -1);
    // cases.json changed on disk (a case was approved): read the folder again and show the open
    // fixture with the case `caseName`. Nothing happens while the open fixture has unsaved edits.
    void reloadCases(const QString &caseName);
    bool save();
    void formatJson();
    void compactJson();
    // Without questions (the menu actions ask first). Names are checked before the disk is touched;
    // false, with a status message, when refused or failed.
    bool createFixture(const QString &name);
    bool duplicateFixture(const QString &from, const QString &to);
    bool renameFixture(const QString &from, const QString &to);
    bool deleteFixture(const QString &name);

Q_SIGNALS:
    void fixtureEdited(const QString &integration, const QByteArray &body, const hb::HeaderList &headers,
                       const hb::ParamList &query, const std::optional<hb::TestCase> &testCase);
    void fixtureClosed();

private:
    void createActions();
    void setIntegration(const IntegrationEntry *entry);
    void reloadFolder(); // re-reads the disk
    void refreshList();
    void load(const QString &fixture, int caseIndex);
    void closeFixture();
    const TestCase *suiteCase() const; // the open case as cases.json has it
    void fillTables();
    void selectCurrentInList();
    void onListCurrentChanged(const QModelIndex &current);
    void emitEdited();
    void updateState();
    bool isJsonFixture() const;
    bool failed(const QString &message);
    void reformat(JsonLayout layout);

    void askNew();
    void askDuplicate();
    void askRename();
    void askDelete();

    Workbench &m_workbench;
    const IntegrationEntry *m_entry = nullptr;
    FixtureFolder m_folder;
    FixtureListModel *m_model;
    QTreeView *m_list;
    FixtureTextEdit *m_text;
    CaseRequestPanel *m_case;
    QSplitter *m_splitter;
    QTimer *m_debounce;

    QAction *m_new = nullptr;
    QAction *m_save = nullptr;
    QAction *m_format = nullptr;
    QAction *m_compact = nullptr;
    QAction *m_duplicate = nullptr;
    QAction *m_rename = nullptr;
    QAction *m_delete = nullptr;

    bool m_open = false;       // a fixture (or a case without one) is in the editor
    QString m_fixture;
    int m_caseIndex = -1;
    bool m_tablesModified = false;
    bool m_loading = false;    // programmatic list changes: no reactions
};

} // namespace hb::gui
