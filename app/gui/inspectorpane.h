// SPDX-License-Identifier: MIT
#pragma once

#include "capturedetails.h"

#include <QFutureWatcher>
#include <QWidget>

#include <optional>

class QAction;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QSplitter;
class QStackedWidget;
class QTabWidget;
class QToolButton;

namespace hb {
struct IntegrationEntry;
class RequestRedaction;
}

namespace hb::gui {

class JsonPanel;
class KeyValueTable;
class OutcomeView;
class SendDialog;
class Workbench;

// The selected capture in detail: headers, query, the body as a JSON tree and as raw bytes, a
// form's fields; the stored outcome, and Replay through the current handlers beside it.
class InspectorPane final : public QWidget
{
    Q_OBJECT

public:
    explicit InspectorPane(Workbench &workbench, QWidget *parent = nullptr);
    ~InspectorPane() override;

    enum Tab { HeadersTab, QueryTab, BodyTab, RawTab, FormTab };

    qint64 shownCapture() const { return m_details ? m_details->capture.id : 0; }
    QAction *replayAction() const { return m_replayAction; }
    // "Save as fixture…" (Ctrl+Shift+S): enabled while a capture of a registered integration is shown.
    QAction *saveFixtureAction() const { return m_saveFixtureAction; }
    // "Forward to URL…" (Ctrl+Alt+F) and "Send to Zulip…" (Ctrl+Alt+P): enabled while a capture is shown.
    QAction *forwardAction() const { return m_forwardAction; }
    QAction *sendToZulipAction() const { return m_sendToZulipAction; }
    // The parts, for the window's menus and for tests.
    QTabWidget *tabs() const { return m_tabs; }
    KeyValueTable *headersTable() const { return m_headers; }
    KeyValueTable *queryTable() const { return m_query; }
    KeyValueTable *formTable() const { return m_form; }
    JsonPanel *bodyPanel() const { return m_body; }
    JsonPanel *formPayloadPanel() const { return m_formPayload; }
    QPlainTextEdit *rawView() const { return m_raw; }
    QString rawNote() const;
    QString summaryText() const;
    OutcomeView *storedOutcomeView() const { return m_stored; }
    OutcomeView *replayOutcomeView() const { return m_replayed; }

public Q_SLOTS:
    void replay();
    // Selects a payload path in the body's tree (or the form's JSON field); false if not exact.
    bool showJsonPath(const QString &path);
    // Asks for a fixture name (a free one derived from the event is offered), then saveAsFixture().
    void askSaveAsFixture();
    // Writes the shown capture as fixtures/<folder>/<name> and adds its case to cases.json, with every
    // redaction found applied (or with `redaction`, as the dialog left it). The name is checked before
    // the disk is touched; a taken name is replaced only after the user confirms.
    bool saveAsFixture(const QString &name);
    // Opens the dialog that forwards the shown capture, or posts its messages (from the current
    // handler) to a Zulip server; returns it (it deletes itself when closed).
    SendDialog *openForwardDialog();
    SendDialog *openSendToZulipDialog();
    bool saveAsFixture(const QString &name, const hb::RequestRedaction &redaction);

Q_SIGNALS:
    void captureShown(qint64 id);
    void replayed(bool changed);
    // A capture was saved as a fixture of `integration` (registry name): for the fixture editor.
    void fixtureSaved(const QString &integration, const QString &fileName);

private:
    void setUpReplay();
    void setUpSaveFixture();
    void setUpSend();
    SendDialog *openSendDialog(bool zulip);
    void updateSaveFixture();
    const IntegrationEntry *shownEntry() const;
    void createLayout();
    void connectWorkbench();
    void load(qint64 id);
    void analyse(const Capture &capture);
    void display(const CaptureDetails &details);
    void showSummary(const CaptureDetails &details);
    void showBody(const CaptureDetails &details);
    void showRaw(const RawBody &raw, const Capture &capture);
    void showForm(const CaptureDetails &details);
    void showPlaceholder(const QString &text);
    bool save(const QString &name, const hb::RequestRedaction *redaction);
    QWidget *createTabs();
    QWidget *createRawTab();
    QWidget *createFormTab();

    Workbench &m_workbench;
    qint64 m_pending = 0;
    std::optional<CaptureDetails> m_details;
    QFutureWatcher<CaptureDetails> m_analysis;

    QStackedWidget *m_pages;
    QLabel *m_placeholder;
    QLabel *m_summary;
    QPushButton *m_replayButton;
    QAction *m_replayAction;
    QPushButton *m_saveFixtureButton;
    QAction *m_saveFixtureAction;
    QAction *m_forwardAction;
    QAction *m_sendToZulipAction;
    QToolButton *m_sendButton;
    QTabWidget *m_tabs = nullptr;
    KeyValueTable *m_headers = nullptr;
    KeyValueTable *m_query = nullptr;
    JsonPanel *m_body = nullptr;
    QPlainTextEdit *m_raw = nullptr;
    QLabel *m_rawNote = nullptr;
    KeyValueTable *m_form = nullptr;
    QLabel *m_formPayloadTitle = nullptr;
    JsonPanel *m_formPayload = nullptr;
    QSplitter *m_split = nullptr;
    OutcomeView *m_stored;
    OutcomeView *m_replayed;
};

} // namespace hb::gui
