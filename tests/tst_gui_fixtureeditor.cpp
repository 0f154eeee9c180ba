// SPDX-License-Identifier: MIT
// The fixture editor pane: listing, live JSON errors, Format/Compact, the stable save format,
// headers edits in cases.json, rename with its cases, refused names, and the preview's request.
#include "codeeditor.h"
#include "dispatcher.h"
#include "fixtureeditorpane.h"
#include "fixturefolder.h"
#include "fixturelistmodel.h"
#include "jsontext.h"
#include "mainwindow.h"
#include "pairtableeditor.h"
#include "registry.h"
#include "workbench.h"

#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QApplication>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeView>

#include <memory>

using namespace hb;
using namespace hb::gui;
using namespace Qt::StringLiterals;

namespace {

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool copyFolder(const QString &from, const QString &to)
{
    if (!QDir().mkpath(to))
        return false;
    for (const QString &name : QDir(from).entryList(QDir::Files)) {
        if (!QFile::copy(QDir(from).filePath(name), QDir(to).filePath(name)))
            return false;
    }
    return true;
}

// Replaces the editor's text the way typing does (setPlainText would count as a fresh load).
void typeText(CodeEditor *editor, const QString &text)
{
    QTextCursor c = editor->textCursor();
    c.select(QTextCursor::Document);
    c.insertText(text);
}

// Answers the next message box with `button` once it is shown.
void answerNextMessageBox(QMessageBox::StandardButton button)
{
    auto *timer = new QTimer;
    QObject::connect(timer, &QTimer::timeout, timer, [timer, button] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
            box->button(button)->click();
            timer->deleteLater();
        }
    });
    timer->start(20);
}

// Every file of a folder with its contents, to show that nothing was touched.
QMap<QString, QByteArray> snapshot(const QString &dir)
{
    QMap<QString, QByteArray> out;
    for (const QString &name : QDir(dir).entryList(QDir::Files | QDir::Hidden))
        out.insert(name, readFile(QDir(dir).filePath(name)));
    return out;
}

} // namespace

class TestFixtureEditor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void selectingIntegrationListsFixtures();
    void invalidJsonReportsLineAndColumn();
    void errorColumnCountsCharacters();
    void formatAndCompactKeepKeyOrderAndLiterals();
    void saveWritesStableFormat();
    void unchangedFixtureSavesIdentically();
    void headersEditGoesToCasesJson();
    void renameUpdatesCasesJson();
    void invalidNamesAreRefusedWithoutTouchingDisk();
    void duplicateAndDelete();
    void currentRequestMatchesTheCase();
    void switchingAwayAsksAboutUnsavedChanges();
    void editorKeysAndBrackets();
    void screenshot();

private:
    QTreeView *list() const { return m_pane->findChild<QTreeView *>(u"fixtureList"_s); }
    QString giteaDir() const { return m_dir->filePath(u"fixtures/gitea"_s); }

    QTemporaryDir m_settings;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Workbench> m_workbench;
    std::unique_ptr<FixtureEditorPane> m_pane;
};

void TestFixtureEditor::initTestCase()
{
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settings.path());
}

void TestFixtureEditor::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(copyFolder(QStringLiteral(HOOKBENCH_SOURCE_DIR "/fixtures/gitea"), giteaDir()));
    QVERIFY(copyFolder(QStringLiteral(HOOKBENCH_SOURCE_DIR "/fixtures/grafana"), m_dir->filePath(u"fixtures/grafana"_s)));
    m_workbench = std::make_unique<Workbench>(builtinRegistry(), m_dir->filePath(u"store.db"_s), m_dir->filePath(u"fixtures"_s));
    m_pane = std::make_unique<FixtureEditorPane>(*m_workbench, nullptr);
    m_pane->resize(1200, 500);
    m_workbench->setCurrentIntegration(u"gitea"_s);
}

void TestFixtureEditor::cleanup()
{
    m_pane.reset();
    m_workbench.reset();
    m_dir.reset();
    QSettings().clear();
}

void TestFixtureEditor::selectingIntegrationListsFixtures()
{
    const FixtureFolder folder(giteaDir(), u"gitea"_s);
    QAbstractItemModel *model = list()->model();
    QCOMPARE(model->rowCount(), folder.fixtures().size());
    int cases = 0;
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex fixture = model->index(row, 0);
        const QString name = fixture.data(FixtureListModel::FixtureRole).toString();
        QVERIFY(folder.fixtures().contains(name));
        QCOMPARE(model->rowCount(fixture), folder.casesUsing(name).size());
        cases += model->rowCount(fixture);
    }
    QCOMPARE(cases, folder.suite()->cases.size());

    // The first fixture is open, with its first case's headers.
    QCOMPARE(m_pane->currentFixture(), folder.fixtures().first());
    QCOMPARE(m_pane->editor()->toPlainText().toUtf8(), readFile(folder.filePath(folder.fixtures().first())));
    QVERIFY(m_pane->currentCase().has_value());

    // Another integration replaces the list.
    QSignalSpy closed(m_pane.get(), &FixtureEditorPane::fixtureClosed);
    m_workbench->setCurrentIntegration(u"grafana"_s);
    QCOMPARE(closed.size(), 1);
    QCOMPARE(model->rowCount(), FixtureFolder(m_dir->filePath(u"fixtures/grafana"_s), u"grafana"_s).fixtures().size());
    QCOMPARE(m_pane->currentIntegration(), u"grafana"_s);
}

void TestFixtureEditor::invalidJsonReportsLineAndColumn()
{
    QVERIFY(m_pane->openFixture(u"fork.json"_s));
    QSignalSpy edited(m_pane.get(), &FixtureEditorPane::fixtureEdited);
    m_pane->editor()->setPlainText(u"{\n  \"a\": 1,\n  \"b\" 2\n}\n"_s);
    QCOMPARE(m_pane->jsonError(), QString()); // debounced
    QTRY_COMPARE(m_pane->jsonError(), u"line 3, column 7: expected ':'"_s);
    QCOMPARE(m_pane->editor()->diagnosticLine(), 3);
    QVERIFY(m_pane->findChild<QLabel *>(u"jsonStatus"_s)->text().contains(u"line 3, column 7"_s));
    QCOMPARE(edited.size(), 1);
    QCOMPARE(edited.first().at(1).toByteArray(), m_pane->editor()->toPlainText().toUtf8());

    // Fixing it clears the mark.
    m_pane->editor()->setPlainText(u"{\"a\": 1}"_s);
    QTRY_COMPARE(m_pane->editor()->diagnosticLine(), 0);
    QCOMPARE(m_pane->jsonError(), QString());
}

void TestFixtureEditor::errorColumnCountsCharacters()
{
    // Multi-byte characters before the error count once each.
    const auto e = findJsonError(u"{\"caf\u00e9 \u2603\": tru}"_s);
    QVERIFY(e.has_value());
    QCOMPARE(e->line, 1);
    QCOMPARE(e->column, 12);
    QCOMPARE(e->message, u"invalid literal"_s);
    const auto end = findJsonError(u"[1,\n 2"_s);
    QVERIFY(end.has_value());
    QCOMPARE(end->line, 2);
    QVERIFY(!findJsonError(u" {\"a\": [true, null, -1.5e3]} "_s));
}

void TestFixtureEditor::formatAndCompactKeepKeyOrderAndLiterals()
{
    QVERIFY(m_pane->openFixture(u"fork.json"_s));
    const QString compact = u"{\"z\":1,\"a\":{\"y\":1.0,\"b\":[],\"c\":{}},\"m\":\"\\u00e9 [x] {y}\",\"l\":[1,2]}"_s;
    m_pane->editor()->setPlainText(compact);
    m_pane->formatJson();
    const QString indented = u"{\n  \"z\": 1,\n  \"a\": {\n    \"y\": 1.0,\n    \"b\": [],\n    \"c\": {}\n  },\n"
                             "  \"m\": \"\\u00e9 [x] {y}\",\n  \"l\": [\n    1,\n    2\n  ]\n}\n"_s;
    QCOMPARE(m_pane->editor()->toPlainText(), indented);
    m_pane->compactJson();
    QCOMPARE(m_pane->editor()->toPlainText(), compact);
    // One undo step each.
    m_pane->editor()->undo();
    QCOMPARE(m_pane->editor()->toPlainText(), indented);

    // Invalid JSON is left alone.
    m_pane->editor()->setPlainText(u"{\"a\": }"_s);
    m_pane->formatJson();
    QCOMPARE(m_pane->editor()->toPlainText(), u"{\"a\": }"_s);
}

void TestFixtureEditor::saveWritesStableFormat()
{
    QVERIFY(m_pane->openFixture(u"fork.json"_s));
    typeText(m_pane->editor(), u"{\"b\":2,   \"a\":[1.50,{\"k\":null}]}"_s);
    QVERIFY(m_pane->isModified());
    auto *model = qobject_cast<FixtureListModel *>(list()->model());
    QCOMPARE(model->fixtureIndex(u"fork.json"_s).data().toString(), u"fork.json *"_s);
    QVERIFY(m_pane->save());
    const QByteArray stable = "{\n  \"b\": 2,\n  \"a\": [\n    1.50,\n    {\n      \"k\": null\n    }\n  ]\n}\n";
    QCOMPARE(readFile(QDir(giteaDir()).filePath(u"fork.json"_s)), stable);
    QCOMPARE(m_pane->editor()->toPlainText().toUtf8(), stable);
    QVERIFY(!m_pane->isModified());
    QCOMPARE(model->fixtureIndex(u"fork.json"_s).data().toString(), u"fork.json"_s);
}

void TestFixtureEditor::unchangedFixtureSavesIdentically()
{
    const FixtureFolder folder(giteaDir(), u"gitea"_s);
    for (const QString &name : folder.fixtures()) {
        const QByteArray before = readFile(folder.filePath(name));
        QVERIFY(m_pane->openFixture(name));
        QVERIFY(m_pane->save());
        QCOMPARE(readFile(folder.filePath(name)), before);
    }
}

void TestFixtureEditor::headersEditGoesToCasesJson()
{
    const QString cases = QDir(giteaDir()).filePath(u"cases.json"_s);
    const QByteArray before = readFile(cases);
    QVERIFY(m_pane->openFixture(u"fork.json"_s));
    const auto test = m_pane->currentCase();
    QVERIFY(test.has_value());
    auto *headers = m_pane->findChild<PairTableEditor *>(u"caseHeaders"_s);
    QCOMPARE(headers->table()->item(0, 0)->text(), u"X-Gitea-Event"_s);
    headers->table()->item(0, 1)->setText(u"forked"_s);
    QVERIFY(m_pane->isModified());
    QCOMPARE(m_pane->currentCase()->headers.first().second, QByteArray("forked"));
    QVERIFY(m_pane->save());
    QVERIFY(!m_pane->isModified());

    // Only that value changed; the rest of the file is byte for byte the same.
    QByteArray expected = before;
    const QByteArray caseStart = "\"test\": \"" + test->name.toUtf8() + '"';
    const qsizetype at = expected.indexOf("\"X-Gitea-Event\": \"fork\"", expected.indexOf(caseStart));
    QVERIFY(at > 0);
    expected.replace(at, qstrlen("\"X-Gitea-Event\": \"fork\""), "\"X-Gitea-Event\": \"forked\"");
    QCOMPARE(readFile(cases), expected);
}

void TestFixtureEditor::renameUpdatesCasesJson()
{
    const QString cases = QDir(giteaDir()).filePath(u"cases.json"_s);
    QByteArray expected = readFile(cases);
    const qsizetype uses = expected.count("\"fixture\": \"push__3_commits.json\"");
    QVERIFY(uses > 0);
    expected.replace("\"fixture\": \"push__3_commits.json\"", "\"fixture\": \"push_three.json\"");

    QVERIFY(m_pane->openFixture(u"push__3_commits.json"_s));
    m_pane->editor()->insertPlainText(u" "_s); // unsaved changes survive the rename
    QVERIFY(m_pane->renameFixture(u"push__3_commits.json"_s, u"push_three.json"_s));
    QVERIFY(!QFile::exists(QDir(giteaDir()).filePath(u"push__3_commits.json"_s)));
    QVERIFY(QFile::exists(QDir(giteaDir()).filePath(u"push_three.json"_s)));
    QCOMPARE(readFile(cases), expected);
    QCOMPARE(m_pane->currentFixture(), u"push_three.json"_s);
    QVERIFY(m_pane->isModified());
    auto *model = qobject_cast<FixtureListModel *>(list()->model());
    QCOMPARE(model->rowCount(model->fixtureIndex(u"push_three.json"_s)), int(uses));
    QVERIFY(!model->fixtureIndex(u"push__3_commits.json"_s).isValid());
}

void TestFixtureEditor::invalidNamesAreRefusedWithoutTouchingDisk()
{
    const auto before = snapshot(giteaDir());
    const auto parentBefore = snapshot(m_dir->filePath(u"fixtures"_s));
    const QStringList bad{u"../escape.json"_s, u"sub/dir.json"_s, u"back\\slash.json"_s, u"..json"_s,
                          u"a..b.json"_s, u"space name.json"_s, u"caf\u00e9.json"_s, u"fork.js"_s,
                          u"noextension"_s, u""_s, u"cases.json"_s, u".hidden.json"_s, u"fork.json"_s /* exists */};
    for (const QString &name : bad) {
        QVERIFY2(!m_pane->renameFixture(u"fork.json"_s, name), qPrintable(name));
        QVERIFY2(!m_pane->duplicateFixture(u"fork.json"_s, name), qPrintable(name));
        QVERIFY2(!m_pane->createFixture(name), qPrintable(name));
        if (name != u"fork.json"_s)
            QVERIFY2(!FixtureFolder::nameError(name).isEmpty(), qPrintable(name));
    }
    QVERIFY(!m_pane->renameFixture(u"../gitea/fork.json"_s, u"ok.json"_s));
    QVERIFY(!m_pane->deleteFixture(u"../grafana/legacy_ok.json"_s));
    QCOMPARE(snapshot(giteaDir()), before);
    QCOMPARE(snapshot(m_dir->filePath(u"fixtures"_s)), parentBefore);
    QVERIFY(QFile::exists(m_dir->filePath(u"fixtures/grafana/legacy_ok.json"_s)));
    QVERIFY(FixtureFolder::nameError(u"push__3_commits-v2.json"_s).isEmpty());
    QVERIFY(FixtureFolder::nameError(u"form_body.txt"_s).isEmpty());
}

void TestFixtureEditor::duplicateAndDelete()
{
    const QString dir = giteaDir();
    QVERIFY(m_pane->duplicateFixture(u"fork.json"_s, u"fork_copy.json"_s));
    QCOMPARE(readFile(QDir(dir).filePath(u"fork_copy.json"_s)), readFile(QDir(dir).filePath(u"fork.json"_s)));
    QVERIFY(m_pane->openFixture(u"fork_copy.json"_s));
    QVERIFY(!m_pane->currentCase().has_value());
    QVERIFY(m_pane->deleteFixture(u"fork_copy.json"_s));
    QVERIFY(!QFile::exists(QDir(dir).filePath(u"fork_copy.json"_s)));
    QCOMPARE(m_pane->currentFixture(), QString());
}

void TestFixtureEditor::currentRequestMatchesTheCase()
{
    const FixtureFolder folder(giteaDir(), u"gitea"_s);
    QVERIFY(m_pane->openFixture(u"fork.json"_s));
    QString error;
    const auto request = m_pane->currentRequest(&error);
    QVERIFY2(request.has_value(), qPrintable(error));
    QCOMPARE(request->body, m_pane->editor()->toPlainText().toUtf8());
    QCOMPARE(request->header("X-Gitea-Event").value_or(QByteArray()), QByteArray("fork"));
    const Dispatcher dispatcher(builtinRegistry());
    QCOMPARE(compareOutcome(*m_pane->currentCase(), dispatcher.dispatch(*request)), QString());

    // Unsaved text is what gets dispatched.
    typeText(m_pane->editor(), u"{}"_s);
    QCOMPARE(m_pane->currentRequest()->body, QByteArray("{}"));
}

void TestFixtureEditor::switchingAwayAsksAboutUnsavedChanges()
{
    const QString fork = QDir(giteaDir()).filePath(u"fork.json"_s);
    QVERIFY(m_pane->openFixture(u"fork.json"_s));
    typeText(m_pane->editor(), u"{\"edited\": true}"_s);

    answerNextMessageBox(QMessageBox::Cancel);
    QVERIFY(!m_pane->openFixture(u"push.json"_s));
    QCOMPARE(m_pane->currentFixture(), u"fork.json"_s);
    QVERIFY(m_pane->isModified());

    // Another integration: cancelling keeps this one (the workbench is switched back).
    answerNextMessageBox(QMessageBox::Cancel);
    m_workbench->setCurrentIntegration(u"grafana"_s);
    QTRY_COMPARE(m_workbench->currentIntegration()->name, u"gitea"_s);
    QCOMPARE(m_pane->currentFixture(), u"fork.json"_s);
    QVERIFY(m_pane->isModified());

    answerNextMessageBox(QMessageBox::Save);
    QVERIFY(m_pane->openFixture(u"push.json"_s));
    QCOMPARE(readFile(fork), QByteArray("{\n  \"edited\": true\n}\n"));
    QCOMPARE(m_pane->currentFixture(), u"push.json"_s);
    QVERIFY(!m_pane->isModified());
}

void TestFixtureEditor::editorKeysAndBrackets()
{
    QVERIFY(m_pane->openFixture(u"fork.json"_s));
    CodeEditor *editor = m_pane->editor();
    QCoreApplication::processEvents(); // the highlighter colours a new document from the event loop
    typeText(editor, u"{\"a\": \"}\", \"b\": [1]}"_s);
    // The bracket at the cursor and its partner, skipping the one inside the string.
    QTextCursor c = editor->textCursor();
    c.setPosition(0);
    editor->setTextCursor(c);
    QList<int> marked;
    for (const auto &s : editor->extraSelections()) {
        if (s.cursor.selectedText() == u"{"_s || s.cursor.selectedText() == u"}"_s)
            marked.append(s.cursor.selectionStart());
    }
    QCOMPARE(marked, (QList<int>{0, int(editor->toPlainText().size()) - 1}));

    // Tab inserts two spaces; Enter after an opening bracket indents the next line.
    typeText(editor, u"{}"_s);
    c.setPosition(1);
    editor->setTextCursor(c);
    QTest::keyClick(editor, Qt::Key_Return);
    QCOMPARE(editor->toPlainText(), u"{\n  \n}"_s);
    QTest::keyClick(editor, Qt::Key_Tab);
    QCOMPARE(editor->toPlainText(), u"{\n    \n}"_s);
    QTest::keyClick(editor, Qt::Key_Backtab);
    QCOMPARE(editor->toPlainText(), u"{\n  \n}"_s);
}

void TestFixtureEditor::screenshot()
{
    const QString file = qEnvironmentVariable("HOOKBENCH_FIXTURE_EDITOR_SCREENSHOT");
    if (file.isEmpty())
        QSKIP("set HOOKBENCH_FIXTURE_EDITOR_SCREENSHOT=FILE to save a picture of the window");
    m_pane.reset();
    if (qEnvironmentVariable("HOOKBENCH_FIXTURE_EDITOR_THEME") == u"dark")
        MainWindow::applyTheme(MainWindow::Theme::Dark);
    MainWindow window(*m_workbench);
    window.resize(1500, 950);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    m_workbench->setCurrentIntegration(u"grafana"_s);
    m_workbench->setCurrentIntegration(u"gitea"_s);
    window.findChild<QDockWidget *>(u"fixturesDock"_s)->raise();
    auto *pane = window.findChild<FixtureEditorPane *>();
    QVERIFY(pane->openFixture(u"issues__opened.json"_s));
    pane->editor()->goToPosition(40);
    pane->editor()->insertPlainText(u"x"_s);
    QTest::qWait(600);
    QVERIFY(window.grab().save(file));
}

QTEST_MAIN(TestFixtureEditor)
#include "tst_gui_fixtureeditor.moc"
