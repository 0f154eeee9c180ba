// SPDX-License-Identifier: MIT
#include "previewpane.h"

#include "dispatcher.h"
#include "messageview.h"
#include "workbench.h"

#include <QApplication>
#include <QFontDatabase>
#include <QScrollBar>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPointer>
#include <QSplitter>
#include <QTextBrowser>
#include <QThreadPool>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace hb::gui {

// Loads nothing it was not given: data: URIs (the avatar) only. Everything else is refused and
// recorded, so the preview never reaches the network, whatever the content links to.
class PreviewBrowser final : public QTextBrowser
{
public:
    using QTextBrowser::QTextBrowser;
    QStringList blocked;

    QVariant loadResource(int type, const QUrl &name) override
    {
        if (name.scheme() == u"data")
            return QTextBrowser::loadResource(type, name);
        blocked.append(name.toString());
        return {};
    }
};

QString lineDiff(const QString &expected, const QString &actual)
{
    const QStringList a = expected.split(u'\n');
    const QStringList b = actual.split(u'\n');
    if (a.size() * b.size() > 4'000'000) // too big for a table; say so rather than stall
        return u"(the messages are too long to compare line by line)"_s;
    // Longest common subsequence of lines, then walk it.
    QList<QList<int>> lcs(a.size() + 1, QList<int>(b.size() + 1, 0));
    for (qsizetype i = a.size() - 1; i >= 0; --i) {
        for (qsizetype j = b.size() - 1; j >= 0; --j)
            lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    }
    QStringList out;
    qsizetype i = 0, j = 0;
    while (i < a.size() || j < b.size()) {
        if (i < a.size() && j < b.size() && a[i] == b[j]) {
            out.append(u"  "_s + a[i++]);
            ++j;
        } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
            out.append(u"- "_s + a[i++]);
        } else {
            out.append(u"+ "_s + b[j++]);
        }
    }
    return out.join(u'\n');
}

namespace {

struct Verdict
{
    QString text;
    bool passed = false;
    QString diff;
};

Verdict judge(const TestCase &test, const Outcome &outcome)
{
    const QString problem = compareOutcome(test, outcome);
    if (problem.isEmpty())
        return {QObject::tr("✓ Matches the case's expected %1").arg(test.expect), true, {}};
    Verdict v{QObject::tr("✗ %1").arg(problem.section(u'\n', 0, 0)), false, problem};
    if (test.expect == u"message" && outcome.isMessage()) {
        // Show the messages side by side as one text each: topic line, blank line, content.
        QStringList expected, actual;
        for (const auto &m : test.expectedMessages)
            expected.append(m.topic + u"\n\n"_s + m.content);
        const auto &msgs = outcome.messages();
        for (qsizetype k = std::max<qsizetype>(0, msgs.size() - test.expectedMessages.size()); k < msgs.size(); ++k)
            actual.append(msgs[k].topic + u"\n\n"_s + msgs[k].content);
        v.diff = lineDiff(expected.join(u"\n\n"_s), actual.join(u"\n\n"_s));
    }
    return v;
}

} // namespace

PreviewPane::PreviewPane(Workbench &workbench, QWidget *parent)
    : QWidget(parent), m_workbench(workbench), m_verdict(new QLabel(this)), m_browser(new PreviewBrowser(this)),
      m_diff(new QPlainTextEdit(this))
{
    m_verdict->setWordWrap(true);
    m_verdict->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_browser->setOpenExternalLinks(true);
    m_diff->setReadOnly(true);
    m_diff->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_diff->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_diff->hide();
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_browser);
    splitter->addWidget(m_diff);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_verdict);
    layout->addWidget(splitter, 1);
    clear();
}

void PreviewPane::clear(const QString &message)
{
    ++m_generation;
    m_verdict->setText(message.isEmpty() ? tr("Open a fixture in the fixture editor to see its message here.") : message);
    m_verdict->setStyleSheet({});
    m_browser->clear();
    m_diff->hide();
}

void PreviewPane::preview(const WebhookRequest &request, const std::optional<TestCase> &testCase, std::optional<qint64> clock)
{
    const int generation = ++m_generation;
    const Registry &registry = m_workbench.registry();
    const bool dark = palette().color(QPalette::Window).lightness() < 128;
    QPointer<PreviewPane> self(this);
    // Dispatching and rendering are usually well under a frame, but a large payload is not: both run
    // on the pool, and only the newest request's result is shown.
    QThreadPool::globalInstance()->start([self, generation, &registry, request, testCase, clock, dark] {
        DispatchOptions options;
        if (clock)
            options.now = QDateTime::fromSecsSinceEpoch(*clock, Qt::UTC);
        const Outcome outcome = Dispatcher(registry, options).dispatch(request);
        const auto name = Dispatcher::integrationName(request.path);
        MessageViewOptions viewOptions;
        viewOptions.theme = dark ? ViewTheme::Dark : ViewTheme::Light;
        viewOptions.time = options.now.value_or(QDateTime::currentDateTimeUtc());
        const MessageView view(name ? registry.find(*name) : nullptr, viewOptions);
        const QString html = u"<style>"_s + view.styleSheet() + u"</style>"_s + view.bodyHtml(outcome);
        Verdict verdict;
        if (testCase)
            verdict = judge(*testCase, outcome);
        QMetaObject::invokeMethod(qApp, [self, generation, html, verdict] {
            if (self)
                self->show(generation, html, verdict.text, verdict.passed, verdict.diff);
        }, Qt::QueuedConnection);
    });
}

void PreviewPane::show(int generation, const QString &html, const QString &verdict, bool passed, const QString &diff)
{
    if (generation != m_generation)
        return;
    if (verdict.isEmpty()) {
        m_verdict->setText(tr("No case uses this fixture: nothing to compare with."));
        m_verdict->setStyleSheet({});
    } else {
        m_verdict->setText(verdict);
        m_verdict->setStyleSheet(passed ? u"color: #1e8e3e; font-weight: bold;"_s : u"color: #c62828; font-weight: bold;"_s);
    }
    const int scroll = m_browser->verticalScrollBar()->value();
    m_browser->setHtml(html);
    m_browser->verticalScrollBar()->setValue(scroll); // typing must not make the preview jump
    m_diff->setPlainText(diff);
    m_diff->setVisible(!diff.isEmpty());
    emit rendered();
}

QString PreviewPane::verdict() const
{
    return m_verdict->text();
}

QString PreviewPane::diffText() const
{
    return m_diff->isHidden() ? QString() : m_diff->toPlainText();
}

QString PreviewPane::plainText() const
{
    return m_browser->toPlainText();
}

QStringList PreviewPane::blockedResources() const
{
    return m_browser->blocked;
}

} // namespace hb::gui
