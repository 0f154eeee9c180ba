// SPDX-License-Identifier: MIT
// The window's side of redaction and approval: the save-as-fixture dialog lists the redactions,
// undoes them one by one and marks more, with the preview following; the preview pane's Approve adds
// a case at once and shows the diff before it changes an expectation.
#include "capturereplay.h"
#include "fixturefolder.h"
#include "previewpane.h"
#include "registry.h"
#include "savefixturedialog.h"
#include "workbench.h"

#include <QAction>
#include <QApplication>
#include <QDialog>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace hb;
using namespace hb::gui;
using namespace Qt::StringLiterals;

namespace {

const QString kSource = QStringLiteral(HOOKBENCH_SOURCE_DIR "/fixtures");

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeAll(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

Capture pushCapture()
{
    Capture c;
    c.receivedAt = QDateTime(QDate(2026, 4, 7), QTime(14, 5, 9), Qt::UTC);
    c.method = "POST";
    c.target = "/api/v1/external/gitea?api_key=k&stream=commits";
    c.path = u"/api/v1/external/gitea"_s;
    c.query = "api_key=k&stream=commits";
    c.integration = u"gitea"_s;
    c.headers = {{"Content-Type", "application/json"}, {"X-Gitea-Event", "push"}};
    c.body = "{\"ref\":\"refs/heads/main\",\"secret\":\"wh-9Xk2mPq7Lz\",\"pusher\":{\"email\":\"marta@lumen-harbour.io\"},"
             "\"note\":\"from 85.12.7.3\",\"owner\":\"harbour-ops\"}";
    c.bodySize = c.body.size();
    const Outcome o = replayCapture(builtinRegistry(), c, {.apiKey = u"k"_s});
    c.outcomeKind = o.kind();
    c.httpStatus = o.httpStatus();
    c.outcomeJson = o.toJson();
    c.responseBody = o.httpBody();
    return c;
}

// Answers the next modal dialog (accept or reject) as soon as it shows; *seen gets the diff it showed.
QTimer *answerDialog(bool accept, QString *seen)
{
    auto *timer = new QTimer;
    QObject::connect(timer, &QTimer::timeout, timer, [timer, accept, seen] {
        if (auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget())) {
            timer->stop();
            if (auto *diff = dialog->findChild<QPlainTextEdit *>(u"approvalDiff"_s))
                *seen = diff->toPlainText();
            accept ? dialog->accept() : dialog->reject();
        }
    });
    timer->start(10);
    return timer;
}

} // namespace

class TestGuiRedaction : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void dialogListsRedactions();
    void dialogUndoAndMark();
    void dialogRefusesBadNames();
    void approveAddsCase();
    void approveShowsDiffFirst();

private:
    QString gitea(const QString &name = {}) const { return QDir(m_fixtures).filePath(u"gitea/"_s + name); }

    QTemporaryDir m_dir;
    QString m_fixtures;
    std::unique_ptr<Workbench> m_workbench;
};

void TestGuiRedaction::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.filePath(u"settings"_s));
    m_fixtures = m_dir.filePath(u"fixtures"_s);
    QVERIFY(QDir().mkpath(gitea()));
    for (const QString &name : QDir(kSource + u"/gitea"_s).entryList(QDir::Files))
        QVERIFY(QFile::copy(kSource + u"/gitea/"_s + name, gitea(name)));
    m_workbench = std::make_unique<Workbench>(builtinRegistry(), m_dir.filePath(u"captures.sqlite"_s), m_fixtures);
}

void TestGuiRedaction::init()
{
    QSettings().clear();
}

void TestGuiRedaction::dialogListsRedactions()
{
    const FixtureFolder folder(gitea(), u"gitea"_s);
    SaveFixtureDialog dialog(CaptureFixture(*builtinRegistry().find(u"gitea"), pushCapture()), folder);
    QCOMPARE(dialog.fileName(), u"push__captured.json"_s);
    QTableWidget *table = dialog.table();
    QCOMPARE(table->rowCount(), 3);
    QCOMPARE(table->item(0, 1)->text(), u"secret"_s);
    QCOMPARE(table->item(0, 2)->text(), u"body secret"_s);
    QVERIFY(table->item(0, 3)->text().startsWith(u"wh-9Xk2mPq7Lz → "_s));
    QCOMPARE(table->item(1, 1)->text(), u"email"_s);
    QCOMPARE(table->item(2, 1)->text(), u"ip"_s);
    for (int row = 0; row < 3; ++row)
        QCOMPARE(table->item(row, 0)->checkState(), Qt::Checked);
    const QString file = dialog.filePreview()->toPlainText();
    QVERIFY(file.startsWith(u"{\n  \"ref\": \"refs/heads/main\",\n  \"secret\": \""_s));
    QVERIFY(!file.contains(u"wh-9Xk2mPq7Lz"_s) && !file.contains(u"lumen-harbour.io"_s) && !file.contains(u"85.12.7.3"_s));
    QVERIFY(file.contains(u"@example.com"_s));
    QVERIFY(dialog.casePreview()->toPlainText().contains(u"\"test\": \"push__captured\""_s));
    QVERIFY(dialog.saveButton()->isEnabled());
}

void TestGuiRedaction::dialogUndoAndMark()
{
    const FixtureFolder folder(gitea(), u"gitea"_s);
    SaveFixtureDialog dialog(CaptureFixture(*builtinRegistry().find(u"gitea"), pushCapture()), folder);
    // Undo the e-mail only: the file shows it again, the others stay redacted.
    dialog.table()->item(1, 0)->setCheckState(Qt::Unchecked);
    QVERIFY(!dialog.redaction().redactions()[1].applied);
    QVERIFY(dialog.filePreview()->toPlainText().contains(u"marta@lumen-harbour.io"_s));
    QVERIFY(!dialog.filePreview()->toPlainText().contains(u"wh-9Xk2mPq7Lz"_s));
    // Mark a path: one more row, and the undone one stays undone.
    dialog.mark(u"owner"_s);
    QCOMPARE(dialog.table()->rowCount(), 4);
    QCOMPARE(dialog.table()->item(3, 1)->text(), u"marked"_s);
    QCOMPARE(dialog.table()->item(1, 0)->checkState(), Qt::Unchecked);
    QVERIFY(!dialog.filePreview()->toPlainText().contains(u"harbour-ops"_s));
    QVERIFY(dialog.filePreview()->toPlainText().contains(u"marta@lumen-harbour.io"_s));
    // Mark the text selected in the preview.
    QPlainTextEdit *preview = dialog.filePreview();
    QTextCursor cursor(preview->document());
    const qsizetype at = preview->toPlainText().indexOf(u"refs/heads/main"_s);
    cursor.setPosition(int(at));
    cursor.setPosition(int(at + 15), QTextCursor::KeepAnchor);
    preview->setTextCursor(cursor);
    const auto buttons = dialog.findChildren<QPushButton *>();
    const auto markSelection = std::find_if(buttons.begin(), buttons.end(), [](QPushButton *b) { return b->text() == u"Mark &selection"; });
    QVERIFY(markSelection != buttons.end());
    (*markSelection)->click();
    QCOMPARE(dialog.table()->rowCount(), 5);
    QVERIFY(!dialog.filePreview()->toPlainText().contains(u"refs/heads/main"_s));
    // The marked text comes first now (it is in the first value); redo the e-mail.
    QCOMPARE(dialog.table()->item(0, 1)->text(), u"marked"_s);
    QCOMPARE(dialog.table()->item(2, 1)->text(), u"email"_s);
    QCOMPARE(dialog.table()->item(2, 0)->checkState(), Qt::Unchecked);
    dialog.setApplied(2, true);
    QVERIFY(!dialog.filePreview()->toPlainText().contains(u"lumen-harbour.io"_s));
}

void TestGuiRedaction::dialogRefusesBadNames()
{
    const FixtureFolder folder(gitea(), u"gitea"_s);
    SaveFixtureDialog dialog(CaptureFixture(*builtinRegistry().find(u"gitea"), pushCapture()), folder);
    for (const QString &bad : {u"../escape.json"_s, u"a/b.json"_s, u"cases.json"_s, u"x.sh"_s, QString()}) {
        dialog.nameEdit()->setText(bad);
        QVERIFY2(!dialog.saveButton()->isEnabled(), qPrintable(bad));
    }
    dialog.nameEdit()->setText(u"push__ok.json"_s);
    QVERIFY(dialog.saveButton()->isEnabled());
}

void TestGuiRedaction::approveAddsCase()
{
    QVERIFY(QFile::copy(gitea(u"push__3_commits.json"_s), gitea(u"push__gui.json"_s)));
    PreviewPane pane(*m_workbench);
    QVERIFY(!pane.approveAction()->isEnabled());
    QCOMPARE(pane.approveAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    bool modified = true;
    pane.setApprovalTarget(PreviewPane::ApprovalTarget{gitea(), u"gitea"_s, u"push__gui.json"_s, {}, [&] { return modified; }});
    QVERIFY(pane.approveAction()->isEnabled());
    // Unsaved edits: nothing is approved (the box that says so is answered).
    QString ignored;
    std::unique_ptr<QTimer> answer(answerDialog(true, &ignored));
    const QByteArray before = readAll(gitea(u"cases.json"_s));
    QVERIFY(!pane.approve());
    QCOMPARE(readAll(gitea(u"cases.json"_s)), before);
    modified = false;
    QSignalSpy approved(&pane, &PreviewPane::caseApproved);
    QVERIFY(pane.approve()); // a new case: no question
    QCOMPARE(approved.size(), 1);
    QCOMPARE(approved[0][2].toString(), u"push__gui"_s);
    const FixtureFolder folder(gitea(), u"gitea"_s);
    QVERIFY(folder.suite());
    const TestCase &added = folder.suite()->cases.back();
    QCOMPARE(added.name, u"push__gui"_s);
    const CaseResult result = runCase(builtinRegistry(), *folder.suite(), added);
    QVERIFY2(result.passed, qPrintable(result.detail));
}

void TestGuiRedaction::approveShowsDiffFirst()
{
    QByteArray cases = readAll(gitea(u"cases.json"_s));
    const QByteArray topic = "\"topic\": \"tidewater / feed-v2\"";
    const qsizetype at = cases.indexOf(topic);
    QVERIFY(at > 0);
    cases.replace(at, topic.size(), "\"topic\": \"tidewater / stale\"");
    QVERIFY(writeAll(gitea(u"cases.json"_s), cases));
    PreviewPane pane(*m_workbench);
    pane.setApprovalTarget(PreviewPane::ApprovalTarget{gitea(), u"gitea"_s, u"push__3_commits.json"_s,
                                                       u"push_three_commits_two_committers"_s, {}});
    QString diff;
    std::unique_ptr<QTimer> answer(answerDialog(false, &diff));
    QVERIFY(!pane.approve());
    QVERIFY(diff.contains(u"-       \"topic\": \"tidewater / stale\","_s));
    QVERIFY(diff.contains(u"+       \"topic\": \"tidewater / feed-v2\","_s));
    QCOMPARE(readAll(gitea(u"cases.json"_s)), cases);
    diff.clear();
    answer.reset(answerDialog(true, &diff));
    QVERIFY(pane.approve());
    QVERIFY(!diff.isEmpty());
    QVERIFY(!readAll(gitea(u"cases.json"_s)).contains("tidewater / stale"));
}

QTEST_MAIN(TestGuiRedaction)
#include "tst_gui_redaction.moc"
