// SPDX-License-Identifier: MIT
#pragma once

#include "casefile.h"
#include "webhookrequest.h"

#include <QDateTime>
#include <QHash>
#include <QWidget>

#include <functional>
#include <optional>

class QAction;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QSplitter;

namespace hb::gui {

class PreviewBrowser;
class Workbench;

// The live preview: the message the fixture being edited produces, as Zulip shows it (the message
// view in a QTextBrowser), with handler errors in place and, when the case has an expectation, a
// pass/fail line and a diff of expected against actual. Dispatch and rendering run on a worker
// thread; only the newest request's result is shown.
class PreviewPane final : public QWidget
{
    Q_OBJECT

public:
    explicit PreviewPane(Workbench &workbench, QWidget *parent = nullptr);

    void preview(const WebhookRequest &request, const std::optional<TestCase> &testCase, std::optional<qint64> clock);
    void clear(const QString &message = {});

    // What "Approve" records: the fixture on disk of an integration's folder and the case shown (empty:
    // the case named after the fixture, or a new one). While `modified` says the editor has unsaved
    // changes, approving waits for Save. nullopt disables Approve.
    struct ApprovalTarget
    {
        QString folder;      // fixtures/<folder>/
        QString integration; // registry name
        QString fixture;
        QString caseName;
        std::function<bool()> modified; // the editor has unsaved changes
    };
    void setApprovalTarget(std::optional<ApprovalTarget> target);
    // "Approve" (Ctrl+Shift+A): the outcome the saved fixture renders now becomes its case's expectation.
    QAction *approveAction() const { return m_approveAction; }

    // For tests: what is on screen.
    QString verdict() const;
    QString diffText() const;
    QString plainText() const;
    QStringList blockedResources() const; // resources the browser was asked for and refused

public Q_SLOTS:
    // Approves the target: a new case is written at once; a changed expectation only after the diff is
    // shown and confirmed. True when cases.json was written.
    bool approve();

Q_SIGNALS:
    void rendered(); // a result reached the screen
    void caseApproved(const QString &integration, const QString &fixture, const QString &caseName);

private:
    void show(int generation, const QString &html, const QString &verdict, bool passed, const QString &diff);

    Workbench &m_workbench;
    QLabel *m_verdict;
    PreviewBrowser *m_browser;
    QPlainTextEdit *m_diff;
    int m_generation = 0;
    QAction *m_approveAction;
    QPushButton *m_approveButton;
    std::optional<ApprovalTarget> m_target;
    // Cases approved here, as cases.json has them now: the editor's copy of the suite is older.
    QHash<QString, TestCase> m_approved;
    struct Shown { WebhookRequest request; std::optional<TestCase> testCase; std::optional<qint64> clock; };
    std::optional<Shown> m_shown;
};

// Shows how approving changes a case's expectation and asks to confirm (Approve / Cancel).
bool confirmApproval(QWidget *parent, const QString &caseName, const QString &diff);

// Expected against actual, line by line: "  same", "- expected only", "+ actual only".
QString lineDiff(const QString &expected, const QString &actual);

} // namespace hb::gui
