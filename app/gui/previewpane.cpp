// SPDX-License-Identifier: MIT
#include "previewpane.h"

#include "caseapproval.h"
#include "dispatcher.h"
#include "fixturefolder.h"
#include "messageview.h"
#include "workbench.h"

#include <QAction>
#include <QApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QMessageBox>
#include <QPushButton>
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
      m_diff(new QPlainTextEdit(this)), m_approveAction(new QAction(tr("&Approve case"), this)),
      m_approveButton(new QPushButton(tr("Approve"), this))
{
    m_approveAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    m_approveAction->setToolTip(tr("Record the outcome the saved fixture renders now as its case's expectation in "
                                   "cases.json (%1)").arg(m_approveAction->shortcut().toString(QKeySequence::NativeText)));
    m_approveAction->setEnabled(false);
    addAction(m_approveAction);
    connect(m_approveAction, &QAction::triggered, this, &PreviewPane::approve);
    connect(m_approveAction, &QAction::changed, this, [this] { m_approveButton->setEnabled(m_approveAction->isEnabled()); });
    m_approveButton->setToolTip(m_approveAction->toolTip());
    m_approveButton->setEnabled(false);
    connect(m_approveButton, &QPushButton::clicked, m_approveAction, &QAction::trigger);
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
    auto *head = new QHBoxLayout;
    head->addWidget(m_verdict, 1);
    head->addWidget(m_approveButton, 0, Qt::AlignTop);
    layout->addLayout(head);
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

void PreviewPane::preview(const WebhookRequest &request, const std::optional<TestCase> &shownCase, std::optional<qint64> clock)
{
    m_shown = Shown{request, shownCase, clock};
    std::optional<TestCase> testCase = shownCase;
    if (testCase && m_approved.contains(testCase->name)) { // the expectation just approved, the request as edited
        const TestCase &approved = m_approved[testCase->name];
        testCase->expect = approved.expect;
        testCase->expectedMessages = approved.expectedMessages;
        testCase->expectedErrorStatus = approved.expectedErrorStatus;
        testCase->expectedErrorMsg = approved.expectedErrorMsg;
        testCase->expectedResponseContains = approved.expectedResponseContains;
    }
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

void PreviewPane::setApprovalTarget(std::optional<ApprovalTarget> target)
{
    const bool sameFixture = m_target && target && m_target->folder == target->folder && m_target->fixture == target->fixture;
    if (!sameFixture)
        m_approved.clear();
    m_target = std::move(target);
    m_approveAction->setEnabled(m_target.has_value());
}

bool confirmApproval(QWidget *parent, const QString &caseName, const QString &diff)
{
    QDialog dialog(parent);
    dialog.setWindowTitle(PreviewPane::tr("Approve %1").arg(caseName));
    auto *label = new QLabel(PreviewPane::tr("Approving changes what <b>%1</b> expects (- now, + after):").arg(caseName.toHtmlEscaped()), &dialog);
    auto *text = new QPlainTextEdit(diff, &dialog);
    text->setObjectName(u"approvalDiff"_s);
    text->setReadOnly(true);
    text->setLineWrapMode(QPlainTextEdit::NoWrap);
    text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, &dialog);
    buttons->addButton(PreviewPane::tr("&Approve"), QDialogButtonBox::AcceptRole);
    QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto *layout = new QVBoxLayout(&dialog);
    layout->addWidget(label);
    layout->addWidget(text, 1);
    layout->addWidget(buttons);
    dialog.resize(760, 480);
    return dialog.exec() == QDialog::Accepted;
}

bool PreviewPane::approve()
{
    if (!m_target)
        return false;
    const ApprovalTarget target = *m_target;
    if (target.modified && target.modified()) {
        QMessageBox::information(this, tr("Approve case"), tr("%1 has unsaved changes: save it first (Ctrl+S), then approve what is "
                                                              "on disk.").arg(target.fixture));
        return false;
    }
    FixtureFolder folder(target.folder, target.integration);
    QString error;
    const auto approval = CaseApproval::prepare(m_workbench.registry(), folder, target.fixture, target.caseName, &error);
    if (!approval) {
        QMessageBox::warning(this, tr("Approve case"), error);
        return false;
    }
    if (!approval->changes()) {
        emit m_workbench.statusMessage(tr("%1 already expects this outcome").arg(approval->caseName()));
        return false;
    }
    if (!approval->isNew() && !confirmApproval(this, approval->caseName(), approval->diff())) {
        emit m_workbench.statusMessage(tr("Not approved: %1 keeps its expectation").arg(approval->caseName()));
        return false;
    }
    if (!approval->apply(folder, &error)) {
        QMessageBox::warning(this, tr("Approve case"), error);
        return false;
    }
    emit m_workbench.statusMessage(approval->isNew() ? tr("Added the case %1 with the current outcome").arg(approval->caseName())
                                                     : tr("Approved: %1 now expects the current outcome").arg(approval->caseName()));
    if (folder.suite()) {
        for (const TestCase &c : folder.suite()->cases) {
            if (c.name == approval->caseName())
                m_approved.insert(c.name, c);
        }
    }
    if (m_shown) {
        std::optional<TestCase> shownCase = m_shown->testCase;
        if (!shownCase && m_approved.contains(approval->caseName())) // a new case: show it against its expectation
            shownCase = m_approved[approval->caseName()];
        preview(m_shown->request, shownCase, m_shown->clock);
    }
    emit caseApproved(target.integration, target.fixture, approval->caseName());
    return true;
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
