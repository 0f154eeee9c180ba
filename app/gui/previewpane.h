// SPDX-License-Identifier: MIT
#pragma once

#include "casefile.h"
#include "webhookrequest.h"

#include <QDateTime>
#include <QWidget>

#include <optional>

class QLabel;
class QPlainTextEdit;
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

    // For tests: what is on screen.
    QString verdict() const;
    QString diffText() const;
    QString plainText() const;
    QStringList blockedResources() const; // resources the browser was asked for and refused

Q_SIGNALS:
    void rendered(); // a result reached the screen

private:
    void show(int generation, const QString &html, const QString &verdict, bool passed, const QString &diff);

    Workbench &m_workbench;
    QLabel *m_verdict;
    PreviewBrowser *m_browser;
    QPlainTextEdit *m_diff;
    int m_generation = 0;
};

// Expected against actual, line by line: "  same", "- expected only", "+ actual only".
QString lineDiff(const QString &expected, const QString &actual);

} // namespace hb::gui
