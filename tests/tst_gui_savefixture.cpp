// SPDX-License-Identifier: MIT
// "Save capture as fixture" from the inspector: the fixture file in the stable layout, the case added
// to cases.json without secrets, names checked before the disk is touched, no silent overwrite, and
// the saved case passing when run.
#include "capturefixture.h"
#include "capturereplay.h"
#include "capturestore.h"
#include "casefile.h"
#include "fixturefolder.h"
#include "inspectorpane.h"
#include "jsontext.h"
#include "registry.h"
#include "workbench.h"

#include <QAction>
#include <QApplication>
#include <QDirIterator>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace hb;
using namespace hb::gui;
using namespace Qt::StringLiterals;

namespace {

const QByteArray kApiKey = "save-fixture-key";
const QString kSource = QStringLiteral(HOOKBENCH_SOURCE_DIR "/fixtures");

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool copyTree(const QString &from, const QString &to)
{
    QDirIterator it(from, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString source = it.next();
        const QString target = QDir(to).filePath(QDir(from).relativeFilePath(source));
        if (!QDir().mkpath(QFileInfo(target).absolutePath()) || !QFile::copy(source, target))
            return false;
    }
    return true;
}

// Every file under a folder with its bytes (but the store and the settings): to show that nothing
// was touched.
QMap<QString, QByteArray> snapshot(const QString &dir)
{
    QMap<QString, QByteArray> files;
    QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString name = QDir(dir).relativeFilePath(path);
        if (!name.startsWith(u"captures.sqlite"_s) && !name.startsWith(u"settings"_s))
            files.insert(name, readAll(path));
    }
    return files;
}

// A request as the listener stores it, with the outcome the dispatcher gives it now.
Capture captured(const QByteArray &integration, const QByteArray &body, HeaderList extraHeaders,
                 const QByteArray &contentType = "application/json")
{
    Capture c;
    c.receivedAt = QDateTime(QDate(2026, 4, 7), QTime(14, 5, 9, 120), Qt::UTC);
    c.method = "POST";
    c.target = "/api/v1/external/" + integration + "?api_key=" + kApiKey + "&stream=commits&topic=saved%20here";
    WebhookRequest r;
    r.setTarget(c.target);
    c.path = r.path;
    c.query = c.target.sliced(c.target.indexOf('?') + 1);
    c.integration = QString::fromLatin1(integration);
    c.headers = {{"Host", "127.0.0.1:9991"}, {"User-Agent", "Gitea/1.21"}, {"Content-Type", contentType},
                 {"Content-Length", QByteArray::number(body.size())}, {"Accept-Encoding", "gzip"},
                 {"Authorization", "Basic Ym90OnNlY3JldA=="}, {"X-Gitea-Signature", "5f1d0c7e"}};
    c.headers += extraHeaders;
    c.body = body;
    c.bodySize = body.size();
    c.remoteAddress = u"127.0.0.1"_s;
    c.remotePort = 40411;
    const Outcome o = replayCapture(builtinRegistry(), c, {.apiKey = QString::fromLatin1(kApiKey)});
    c.outcomeKind = o.kind();
    c.httpStatus = o.httpStatus();
    c.outcomeJson = o.toJson();
    c.responseBody = o.httpBody();
    return c;
}

QByteArray compact(const QByteArray &json)
{
    return reformatJson(QString::fromUtf8(json), JsonLayout::Compact).toUtf8();
}

// Answers the next message box with `button` as soon as it shows; *asked tells whether one did.
QTimer *answerMessageBox(QMessageBox::StandardButton button, bool *asked)
{
    auto *timer = new QTimer;
    QObject::connect(timer, &QTimer::timeout, timer, [timer, button, asked] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
            *asked = true;
            timer->stop();
            box->button(button)->click();
        }
    });
    timer->start(10);
    return timer;
}

std::optional<JsonValue> lastCase(const QString &casesPath)
{
    const std::optional<JsonValue> doc = parseJson(readAll(casesPath));
    const JsonValue *cases = doc ? doc->find(u"cases") : nullptr;
    if (!cases || !cases->isArray() || cases->items().empty())
        return std::nullopt;
    return cases->items().back();
}

QStringList keysOf(const JsonValue &object)
{
    QStringList keys;
    for (const auto &member : object.members())
        keys.append(member.first);
    return keys;
}

CaseResult runSaved(const QString &folder, const QString &test)
{
    QString error;
    const std::optional<CaseSuite> suite = loadCaseSuite(QDir(folder).filePath(u"cases.json"_s), &error);
    if (!suite)
        return {.detail = error};
    for (const TestCase &c : suite->cases) {
        if (c.name == test)
            return runCase(builtinRegistry(), *suite, c);
    }
    return {.detail = u"no case "_s + test};
}

} // namespace

class TestGuiSaveFixture : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();

    void enabledOnlyForRegisteredIntegrations();
    void suggestedNames();
    void jsonFixtureWrittenInStableLayout();
    void caseAppendedWithoutSecrets();
    void savedCasesPass();
    void textBodyKeptByteForByte();
    void formBodyLosesApiKey();
    void newFolderGetsSuiteHeader();
    void invalidNamesRefusedBeforeTheDisk_data();
    void invalidNamesRefusedBeforeTheDisk();
    void existingNameNeedsConfirmation();

private:
    bool select(qint64 id);
    QString folder(const QString &name) const { return QDir(m_fixtures).filePath(name); }
    Capture stored(qint64 id) const;

    QTemporaryDir m_dir;
    QString m_fixtures;
    std::unique_ptr<Workbench> m_workbench;
    std::unique_ptr<InspectorPane> m_pane;
    qint64 m_push = 0, m_fork = 0, m_text = 0, m_alert = 0, m_unknown = 0;
};

bool TestGuiSaveFixture::select(qint64 id)
{
    QSignalSpy shown(m_pane.get(), &InspectorPane::captureShown);
    m_workbench->setCurrentCapture(id);
    return (!shown.isEmpty() || shown.wait(5000)) && m_pane->shownCapture() == id;
}

Capture TestGuiSaveFixture::stored(qint64 id) const
{
    CaptureStore store;
    const bool open = store.open(m_dir.filePath(u"captures.sqlite"_s));
    return open ? store.byId(id).value_or(Capture{}) : Capture{};
}

void TestGuiSaveFixture::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.filePath(u"settings"_s));
    m_fixtures = m_dir.filePath(u"fixtures"_s);
    QVERIFY(copyTree(kSource, m_fixtures));
    QVERIFY(QDir(folder(u"alertmanager"_s)).removeRecursively()); // a folder without cases.json

    const QByteArray push = compact(readAll(kSource + u"/gitea/push__3_commits.json"_s));
    const QByteArray fork = compact(readAll(kSource + u"/gitea/fork.json"_s));
    QVERIFY(!push.isEmpty() && !fork.isEmpty());
    CaptureStore store;
    QVERIFY(store.open(m_dir.filePath(u"captures.sqlite"_s)));
    const HeaderList pushHeaders = {{"X-Gitea-Event", "push"}, {"X-Gitea-Delivery", "7d1f0a52-3c1e"}};
    m_push = store.append(captured("gitea", push, pushHeaders)).value_or(0);
    m_fork = store.append(captured("gitea", fork, {{"X-Gitea-Event", "fork"}})).value_or(0);
    m_text = store.append(captured("gitea", "just words,\r\nnot JSON\r\n", {{"X-Gitea-Event", "push"}}, "text/plain")).value_or(0);
    m_alert = store.append(captured("alertmanager", "{\"alerts\":[{\"status\":\"firing\"}]}", {})).value_or(0);
    m_unknown = store.append(captured("nosuchservice", "{}", {})).value_or(0);
    for (qint64 id : {m_push, m_fork, m_text, m_alert, m_unknown})
        QVERIFY(id > 0);
    store.close();

    m_workbench = std::make_unique<Workbench>(builtinRegistry(), m_dir.filePath(u"captures.sqlite"_s), m_fixtures);
    m_pane = std::make_unique<InspectorPane>(*m_workbench);
    m_pane->resize(1200, 500);
    m_pane->show();
}

void TestGuiSaveFixture::cleanupTestCase()
{
    m_pane.reset();
    m_workbench.reset();
}

void TestGuiSaveFixture::init()
{
    m_workbench->setCurrentCapture(0);
}

void TestGuiSaveFixture::enabledOnlyForRegisteredIntegrations()
{
    QAction *save = m_pane->saveFixtureAction();
    QCOMPARE(save->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    QVERIFY(!save->isEnabled());
    QVERIFY(select(m_unknown));
    QVERIFY(!save->isEnabled());
    QVERIFY(select(m_push));
    QVERIFY(save->isEnabled());
    QVERIFY(save->toolTip().contains(u"Authorization"_s));
    m_workbench->setCurrentCapture(0);
    QTRY_VERIFY(!save->isEnabled());
}

void TestGuiSaveFixture::suggestedNames()
{
    const FixtureFolder gitea(folder(u"gitea"_s), u"gitea"_s);
    const auto name = [&](qint64 id, const FixtureFolder &f) {
        const Capture c = stored(id);
        return CaptureFixture(*builtinRegistry().find(c.integration), c).suggestedName(f);
    };
    QCOMPARE(name(m_fork, gitea), u"fork__captured.json"_s);
    QCOMPARE(name(m_text, gitea), u"push__captured.txt"_s);
    QCOMPARE(name(m_alert, FixtureFolder(folder(u"alertmanager"_s), u"alertmanager"_s)), u"alertmanager_captured.json"_s);
    // Unique: neither a file nor a case of that name.
    QVERIFY(QFile(gitea.filePath(u"fork__captured.json"_s)).open(QIODevice::WriteOnly));
    QCOMPARE(name(m_fork, FixtureFolder(folder(u"gitea"_s), u"gitea"_s)), u"fork__captured_2.json"_s);
    QVERIFY(QFile::remove(gitea.filePath(u"fork__captured.json"_s)));
}

void TestGuiSaveFixture::jsonFixtureWrittenInStableLayout()
{
    QVERIFY(select(m_push));
    QSignalSpy saved(m_pane.get(), &InspectorPane::fixtureSaved);
    QSignalSpy status(m_workbench.get(), &Workbench::statusMessage);
    QVERIFY(m_pane->saveAsFixture(u"push__captured.json"_s));
    QCOMPARE(saved.size(), 1);
    QCOMPARE(saved[0][0].toString(), u"gitea"_s);
    QCOMPARE(saved[0][1].toString(), u"push__captured.json"_s);
    QVERIFY(status.last()[0].toString().contains(u"push__captured.json"_s));
    QVERIFY(status.last()[0].toString().contains(u"passes"_s));
    // The captured body was sent on one line: the file has our fixtures' layout again, byte for byte.
    const QByteArray written = readAll(folder(u"gitea/push__captured.json"_s));
    QCOMPARE(written, readAll(kSource + u"/gitea/push__3_commits.json"_s));
    QVERIFY(written.endsWith("}\n"));
    QVERIFY(written.startsWith("{\n  \"ref\": "));
}

void TestGuiSaveFixture::caseAppendedWithoutSecrets()
{
    const QString casesPath = folder(u"gitea/cases.json"_s);
    const QByteArray before = readAll(casesPath);
    QVERIFY(select(m_fork));
    QVERIFY(m_pane->saveAsFixture(u"fork__captured.json"_s));
    const QByteArray after = readAll(casesPath);
    // The rest of cases.json keeps its layout: only the new case is inserted before the end.
    const QByteArray end = "\n  ]\n}\n";
    QVERIFY(before.endsWith(end) && after.endsWith(end));
    QVERIFY(after.startsWith(QByteArray(before.chopped(end.size()) + ",\n    {\n      \"test\": \"fork__captured\"")));

    const std::optional<JsonValue> c = lastCase(casesPath);
    QVERIFY(c);
    QCOMPARE(keysOf(*c), (QStringList{u"test"_s, u"method"_s, u"fixture"_s, u"body"_s, u"content_type"_s, u"headers"_s,
                                      u"query"_s, u"expect"_s, u"expected_response"_s}));
    QCOMPARE(c->find(u"fixture")->toString(), u"fork__captured.json"_s);
    QVERIFY(c->find(u"body")->isNull());
    QCOMPARE(c->find(u"method")->toString(), u"POST"_s);
    QCOMPARE(c->find(u"content_type")->toString(), u"application/json"_s);
    QCOMPARE(c->find(u"headers")->toJson(), QByteArray("{\"X-Gitea-Event\":\"fork\"}"));
    QCOMPARE(c->find(u"query")->toJson(), QByteArray("{\"stream\":\"commits\",\"topic\":\"saved here\"}"));
    QCOMPARE(c->find(u"expect")->toString(), u"noop"_s);
    QCOMPARE(c->find(u"expected_response")->toJson(),
             QByteArray("{\"status\":200,\"msg_contains\":\"The 'fork' event isn't currently supported by the Gitea webhook; ignoring\"}"));
    QVERIFY(!after.contains(kApiKey));
    QVERIFY(!after.contains("Authorization"));
    QVERIFY(!after.contains("Signature"));

    // The push case: its messages, and the delivery id kept among the headers.
    const std::optional<CaseSuite> suite = FixtureFolder(folder(u"gitea"_s), u"gitea"_s).suite();
    QVERIFY(suite);
    const auto push = std::find_if(suite->cases.begin(), suite->cases.end(), [](const TestCase &t) { return t.name == u"push__captured"; });
    QVERIFY(push != suite->cases.end());
    QCOMPARE(push->expect, u"message"_s);
    QCOMPARE(push->expectedMessages.size(), 1);
    QCOMPARE(push->expectedMessages[0].topic, u"saved here"_s);
    QVERIFY(push->expectedMessages[0].content.startsWith(u"marta.k [pushed]"_s));
    QCOMPARE(push->headers, (HeaderList{{"X-Gitea-Event", "push"}, {"X-Gitea-Delivery", "7d1f0a52-3c1e"}}));
}

void TestGuiSaveFixture::savedCasesPass()
{
    for (const QString &test : {u"push__captured"_s, u"fork__captured"_s}) {
        const CaseResult result = runSaved(folder(u"gitea"_s), test);
        QVERIFY2(result.passed, qPrintable(test + u": "_s + result.detail));
    }
}

void TestGuiSaveFixture::textBodyKeptByteForByte()
{
    QVERIFY(select(m_text));
    QVERIFY(m_pane->saveAsFixture(u"push__text.txt"_s));
    QCOMPARE(readAll(folder(u"gitea/push__text.txt"_s)), QByteArray("just words,\r\nnot JSON\r\n"));
    const std::optional<JsonValue> c = lastCase(folder(u"gitea/cases.json"_s));
    QVERIFY(c);
    QCOMPARE(c->find(u"content_type")->toString(), u"text/plain"_s);
    QCOMPARE(c->find(u"expect")->toString(), u"error"_s);
    QCOMPARE(keysOf(*c).last(), u"expected_error"_s);
    const CaseResult result = runSaved(folder(u"gitea"_s), u"push__text"_s);
    QVERIFY2(result.passed, qPrintable(result.detail));
}

void TestGuiSaveFixture::formBodyLosesApiKey()
{
    Capture c = captured("gitea", "payload=%7B%7D&api_key=" + kApiKey + "&note=a+b%21", {{"X-Gitea-Event", "push"}},
                         "application/x-www-form-urlencoded");
    const CaptureFixture fixture(*builtinRegistry().find(u"gitea"), c);
    QCOMPARE(fixture.fileBytes(), QByteArray("payload=%7B%7D&note=a+b%21"));
    QVERIFY(fixture.suggestedName(FixtureFolder(folder(u"gitea"_s), u"gitea"_s)).endsWith(u".txt"_s));
    QVERIFY(CaptureFixture::isLeftOutHeader("X-Gitlab-Token"));
    QVERIFY(CaptureFixture::isLeftOutHeader("cookie"));
    QVERIFY(!CaptureFixture::isLeftOutHeader("X-Gitea-Event", "X-Gitea-Event"));
    QVERIFY(!CaptureFixture::isLeftOutHeader("X-Service-Key-Event", "x-service-key-event")); // the event header stays
}

void TestGuiSaveFixture::newFolderGetsSuiteHeader()
{
    QVERIFY(select(m_alert));
    QVERIFY(!QFileInfo::exists(folder(u"alertmanager"_s)));
    QVERIFY(m_pane->saveAsFixture(u"alertmanager_captured.json"_s));
    const QByteArray cases = readAll(folder(u"alertmanager/cases.json"_s));
    QVERIFY(cases.startsWith("{\n  \"integration\": \"alertmanager\",\n  \"url_template\": "
                             "\"/api/v1/external/alertmanager?api_key={api_key}&stream={stream}\",\n  \"cases\": [\n    {\n"));
    QVERIFY(cases.endsWith("\n  ]\n}\n"));
    QCOMPARE(readAll(folder(u"alertmanager/alertmanager_captured.json"_s)),
             QByteArray("{\n  \"alerts\": [\n    {\n      \"status\": \"firing\"\n    }\n  ]\n}\n"));
    const std::optional<JsonValue> c = lastCase(folder(u"alertmanager/cases.json"_s));
    QVERIFY(c);
    QCOMPARE(c->find(u"expected_error")->find(u"status")->toInteger(), 400);
    const CaseResult result = runSaved(folder(u"alertmanager"_s), u"alertmanager_captured"_s);
    QVERIFY2(result.passed, qPrintable(result.detail));
}

void TestGuiSaveFixture::invalidNamesRefusedBeforeTheDisk_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("parent") << u"../escape.json"_s;
    QTest::newRow("separator") << u"sub/inner.json"_s;
    QTest::newRow("backslash") << u"sub\\inner.json"_s;
    QTest::newRow("dots") << u"a..b.json"_s;
    QTest::newRow("extension") << u"payload.xml"_s;
    QTest::newRow("space") << u"two words.json"_s;
    QTest::newRow("empty") << QString();
    QTest::newRow("cases") << u"cases.json"_s;
}

void TestGuiSaveFixture::invalidNamesRefusedBeforeTheDisk()
{
    QFETCH(QString, name);
    QVERIFY(select(m_push));
    const auto before = snapshot(m_dir.path());
    QSignalSpy saved(m_pane.get(), &InspectorPane::fixtureSaved);
    QSignalSpy status(m_workbench.get(), &Workbench::statusMessage);
    QVERIFY(!m_pane->saveAsFixture(name));
    QVERIFY(saved.isEmpty());
    QVERIFY(status.last()[0].toString().startsWith(u"Cannot save"_s));
    const auto after = snapshot(m_dir.path());
    QCOMPARE(after.keys(), before.keys());
    QVERIFY(after == before);
}

void TestGuiSaveFixture::existingNameNeedsConfirmation()
{
    QVERIFY(select(m_push));
    const QString path = folder(u"gitea/push__captured.json"_s);
    const QString casesPath = folder(u"gitea/cases.json"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly) && file.write("{\"edited\": true}\n") > 0);
    file.close();
    const QByteArray cases = readAll(casesPath);

    // Without the box: the file layer refuses a taken name.
    const CaptureFixture fixture(*builtinRegistry().find(u"gitea"), stored(m_push));
    FixtureFolder gitea(folder(u"gitea"_s), u"gitea"_s);
    QString error;
    QVERIFY(!fixture.save(gitea, u"push__captured.json"_s, false, &error));
    QVERIFY(error.contains(u"taken"_s));
    QCOMPARE(readAll(path), QByteArray("{\"edited\": true}\n"));

    // The pane asks; No keeps everything.
    bool asked = false;
    std::unique_ptr<QTimer> answer(answerMessageBox(QMessageBox::No, &asked));
    QVERIFY(!m_pane->saveAsFixture(u"push__captured.json"_s));
    QVERIFY(asked);
    QCOMPARE(readAll(path), QByteArray("{\"edited\": true}\n"));
    QCOMPARE(readAll(casesPath), cases);

    // Yes replaces the file and the case of that name, in place.
    asked = false;
    answer.reset(answerMessageBox(QMessageBox::Yes, &asked));
    QVERIFY(m_pane->saveAsFixture(u"push__captured.json"_s));
    QVERIFY(asked);
    QCOMPARE(readAll(path), readAll(kSource + u"/gitea/push__3_commits.json"_s));
    QCOMPARE(readAll(casesPath).size(), cases.size());
    QCOMPARE(FixtureFolder(folder(u"gitea"_s), u"gitea"_s).casesUsing(u"push__captured.json"_s).size(), 1);
}

QTEST_MAIN(TestGuiSaveFixture)
#include "tst_gui_savefixture.moc"
