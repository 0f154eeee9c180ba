// SPDX-License-Identifier: MIT
// hookbench export zulip: Zulip's layout, tests.py compiled by Python and checked for its structure,
// and a round trip: the exported tests, run by Python against tests/data/zulipstub (which sends each
// request through `hookbench render`), pass on the exported fixtures — and fail when an expectation
// is changed. No overwrite without force; unsafe names refused.
#include "casefile.h"
#include "registry.h"
#include "zulipexport.h"
#include "zuliptestpy.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace hb;

namespace {

const QString kSource = QStringLiteral(HOOKBENCH_SOURCE_DIR);
const QString kFixtures = kSource + u"/fixtures"_s;

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeAll(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run run(const QString &program, const QStringList &args, const QString &workDir = {}, const QByteArray &input = {})
{
    QProcess p;
    if (!workDir.isEmpty())
        p.setWorkingDirectory(workDir);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"HOOKBENCH_BINARY"_s, QStringLiteral(HOOKBENCH_BINARY));
    env.insert(u"HOOKBENCH_FIXTURES"_s, kFixtures);
    env.insert(u"PYTHONDONTWRITEBYTECODE"_s, u"1"_s);
    p.setProcessEnvironment(env);
    p.start(program, args);
    if (!p.waitForStarted(10000))
        return {};
    p.write(input);
    p.closeWriteChannel();
    p.waitForFinished(120000);
    return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
}

CaseSuite suiteOf(const QString &name)
{
    QString error;
    const auto suite = loadCaseSuite(kFixtures + u'/' + name + u"/cases.json"_s, &error);
    return suite.value_or(CaseSuite{});
}

} // namespace

class ZulipExportTest : public QObject
{
    Q_OBJECT

private:
    QString m_python;
    ZulipExport exportOf(const QString &name);
    QString exportTo(const QString &name, const QString &dir);
    void copyStub(const QString &dir);

private slots:
    void initTestCase();

    // Python literals
    void literalsReadBackByPython();
    void namesFollowZulip();

    // Layout and structure
    void exportWritesZulipLayout();
    void testsPyStructure_data();
    void testsPyStructure();
    void testsPyCompiles();

    // Round trip: the exported tests pass against hookbench render, and catch a changed expectation
    void exportedTestsPass_data();
    void exportedTestsPass();
    void changedExpectationFails();
    void directMessagesAndOtherStreams();

    // Files and names
    void neverOverwritesWithoutForce();
    void refusesUnsafeNames();
    void commandLine();
};

void ZulipExportTest::initTestCase()
{
    // The system's Python first: a version manager's shim can take half a second to start.
    m_python = QStandardPaths::findExecutable(u"python3"_s, {u"/usr/bin"_s, u"/usr/local/bin"_s});
    if (m_python.isEmpty())
        m_python = QStandardPaths::findExecutable(u"python3"_s);
    QVERIFY2(QFileInfo::exists(QStringLiteral(HOOKBENCH_BINARY)), HOOKBENCH_BINARY);
}

ZulipExport ZulipExportTest::exportOf(const QString &name)
{
    const IntegrationEntry *entry = builtinRegistry().find(name);
    if (!entry)
        qFatal("no integration %s", qPrintable(name));
    QString error;
    auto exported = ZulipExport::build(builtinRegistry(), *entry, kFixtures, {}, &error);
    if (!exported)
        qFatal("export of %s failed: %s", qPrintable(name), qPrintable(error));
    return *exported;
}

QString ZulipExportTest::exportTo(const QString &name, const QString &dir)
{
    QString error;
    const auto report = exportOf(name).write(dir, false, &error);
    return report ? QString() : error;
}

void ZulipExportTest::copyStub(const QString &dir)
{
    const QString stub = kSource + u"/tests/data/zulipstub"_s;
    QDirIterator it(stub, {u"*.py"_s}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString from = it.next();
        QVERIFY(writeAll(dir + u'/' + QDir(stub).relativeFilePath(from), readAll(from)));
    }
    QVERIFY(writeAll(dir + u"/zerver/webhooks/__init__.py"_s, {}));
}

void ZulipExportTest::literalsReadBackByPython()
{
    if (m_python.isEmpty())
        QSKIP("python3 is not installed: the literals cannot be read back");
    const QStringList texts{
        u"plain"_s,
        u"quote \" and 'single'"_s,
        u"back\\slash \\n not a newline"_s,
        u"line one\nline two"_s,
        u"\"starts and ends with quotes\"\nsecond line \"\"\" triple \"\""_s,
        u"ends with a quote\nx\""_s,
        u"tab\tcarriage\rreturn\u0001control"_s,
        u"unicode: żółw 🐢 ✓\nnext"_s,
        u"  leading space\nkept"_s,
        u"trailing space\nkept  "_s,
        u"\n"_s,
        QString(),
    };
    QByteArray program = "import json\nvalues = [\n";
    for (const QString &t : texts) {
        program += "    " + python::stringLiteral(t).toUtf8() + ",\n";
        program += "    " + python::textLiteral(t).toUtf8() + ",\n";
    }
    program += "]\nprint(json.dumps(values))\n";
    const Run r = run(m_python, {u"-c"_s, QString::fromUtf8(program)});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(r.out, &error);
    QVERIFY2(doc.isArray(), qPrintable(error.errorString()));
    const QJsonArray values = doc.array();
    QCOMPARE(values.size(), texts.size() * 2);
    for (qsizetype i = 0; i < texts.size(); ++i) {
        QCOMPARE(values[i * 2].toString(), texts[i]);
        QCOMPARE(values[i * 2 + 1].toString(), texts[i]);
    }
    // Multi-line messages are written readably, as Zulip's tests write them.
    QCOMPARE(python::textLiteral(u"a\nb"_s), u"\"\"\"\na\nb\n\"\"\".strip()"_s);
}

void ZulipExportTest::namesFollowZulip()
{
    QCOMPARE(zulipTestClassName(*builtinRegistry().find(u"gitea")), u"GiteaHookTests"_s);
    IntegrationEntry entry = *builtinRegistry().find(u"gitea");
    entry.webhookName = u"Prometheus Alertmanager"_s;
    QCOMPARE(zulipTestClassName(entry), u"PrometheusAlertmanagerHookTests"_s);
    entry.webhookName = u"37signals"_s;
    QCOMPARE(zulipTestClassName(entry), u"Webhook37signalsHookTests"_s);
    QCOMPARE(zulipTestMethodName(u"push_tags"_s), u"test_push_tags"_s);
    QCOMPARE(zulipTestMethodName(u"test_publish_post"_s), u"test_publish_post"_s);
    QCOMPARE(zulipTestMethodName(u"grouped[1]"_s), u"test_grouped_1_"_s);
}

void ZulipExportTest::exportWritesZulipLayout()
{
    QTemporaryDir dir;
    QCOMPARE(exportTo(u"gitea"_s, dir.path()), QString());
    const QString base = dir.path() + u"/zerver/webhooks/gitea/"_s;
    QVERIFY(QFileInfo::exists(base + u"__init__.py"_s));
    QCOMPARE(QFileInfo(base + u"__init__.py"_s).size(), 0);
    QVERIFY(QFileInfo::exists(base + u"tests.py"_s));
    QVERIFY(QFileInfo::exists(dir.path() + u"/static/images/integrations/logos/gitea.svg"_s));
    // Every fixture a case uses, byte for byte; nothing else (cases.json stays ours).
    const CaseSuite suite = suiteOf(u"gitea"_s);
    QSet<QString> used;
    for (const TestCase &t : suite.cases) {
        if (!t.fixture.isEmpty())
            used.insert(t.fixture);
    }
    const QStringList written = QDir(base + u"fixtures"_s).entryList(QDir::Files);
    QCOMPARE(QSet<QString>(written.begin(), written.end()), used);
    for (const QString &f : written)
        QCOMPARE(readAll(base + u"fixtures/"_s + f), readAll(kFixtures + u"/gitea/"_s + f));
    // doc.md: Zulip's macros and the screenshot's place.
    const QString doc = QString::fromUtf8(readAll(base + u"doc.md"_s));
    for (const QString &macro : {u"{!create-an-incoming-webhook.md!}"_s, u"{!generate-integration-url.md!}"_s,
                                 u"{!congrats.md!}"_s, u"{!event-filtering-additional-feature.md!}"_s,
                                 u"/static/images/integrations/gitea/001.png"_s, u"{start_tabs}"_s, u"{end_tabs}"_s})
        QVERIFY2(doc.contains(macro), qPrintable(macro));
    QVERIFY(doc.startsWith(u"# Zulip Gitea integration\n\nGet Gitea notifications in Zulip!"_s));
}

void ZulipExportTest::testsPyStructure_data()
{
    QTest::addColumn<QString>("name");
    for (const char *name : {"gitea", "wordpress", "travis", "zendesk", "bitbucket2", "librato", "github"})
        QTest::newRow(name) << QString::fromLatin1(name);
}

void ZulipExportTest::testsPyStructure()
{
    QFETCH(QString, name);
    const ZulipExport exported = exportOf(name);
    QByteArray source;
    for (const auto &f : exported.files()) {
        if (f.path == u"zerver/webhooks/"_s + name + u"/tests.py"_s)
            source = f.bytes;
    }
    const QString py = QString::fromUtf8(source);
    const IntegrationEntry *entry = builtinRegistry().find(name);
    QVERIFY(py.contains(u"\nclass %1(WebhookTestCase):\n"_s.arg(zulipTestClassName(*entry))));
    QVERIFY(py.contains(u"    WEBHOOK_DIR_NAME = \"%1\"\n"_s.arg(name)));
    QVERIFY(py.contains(u"    URL_TEMPLATE = \"/api/v1/external/%1?"_s.arg(name)));
    QCOMPARE(py.contains(u"{api_key}"_s), entry->auth == AuthMode::ApiKey);

    const CaseSuite suite = suiteOf(entry->folder());
    QList<TestCase> cases;
    for (const TestCase &t : suite.cases) {
        if (t.path.isEmpty() || t.path == entry->urlPath())
            cases.append(t);
    }
    // One test per case, named after it.
    static const QRegularExpression def(u"\n    def (test_\\w+)\\(self\\) -> None:\n"_s);
    QStringList methods;
    for (auto it = def.globalMatch(py); it.hasNext();)
        methods.append(it.next().captured(1));
    QCOMPARE(methods.size(), cases.size());
    for (const TestCase &t : cases)
        QVERIFY2(methods.contains(zulipTestMethodName(t.name)), qPrintable(t.name));
    // Every expected topic and message is there, exactly, as a Python literal.
    int noops = 0;
    for (const TestCase &t : cases) {
        for (const auto &m : t.expectedMessages) {
            QVERIFY2(py.contains(python::stringLiteral(m.topic)), qPrintable(t.name));
            QVERIFY2(py.contains(python::textLiteral(m.content)) || py.contains(python::stringLiteral(m.content)),
                     qPrintable(t.name));
        }
        noops += t.expect == u"noop";
    }
    // No-ops: expect_noop=True through check_webhook, or a success answer for requests built by hand.
    const int expectNoop = int(py.count(u"expect_noop=True"_s));
    QVERIFY(expectNoop <= noops);
    if (name == u"gitea")
        QCOMPARE(expectNoop, noops); // all of gitea's no-ops are plain fixtures with a header
    // Errors: client_post + assert_json_error, one per error case.
    const int errors = int(std::count_if(cases.begin(), cases.end(), [](const TestCase &t) { return t.expect == u"error"; }));
    QCOMPARE(int(py.count(u"self.assert_json_error("_s)) + int(py.count(u"self.assertEqual(result.status_code, 4"_s)), errors);
    // Headers as Django's keyword arguments.
    if (name == u"gitea")
        QVERIFY(py.contains(u"HTTP_X_GITEA_EVENT=\"push\""_s));
    if (name == u"wordpress") {
        QVERIFY(py.contains(u"file_type=\"txt\""_s));
        QVERIFY(py.contains(u"content_type=\"application/x-www-form-urlencoded\""_s));
    }
    if (name == u"travis")
        QVERIFY(py.contains(u"return urlencode({\"payload\": self.webhook_fixture_data(\"travis\", fixture_name, file_type=\"json\")})"_s));
    if (name == u"zendesk")
        QVERIFY(py.contains(u"self.api_channel_message("_s) || py.contains(u"HTTP_AUTHORIZATION=self.encode_user(self.test_user)"_s));
}

void ZulipExportTest::testsPyCompiles()
{
    if (m_python.isEmpty())
        QSKIP("python3 is not installed: py_compile cannot run");
    // Every integration we ship: all of their tests.py compile.
    QTemporaryDir dir;
    QStringList files{u"-m"_s, u"py_compile"_s};
    for (const IntegrationEntry &entry : builtinRegistry().entries()) {
        QString error;
        const auto exported = ZulipExport::build(builtinRegistry(), entry, kFixtures, {}, &error);
        if (!exported) // an endpoint without cases of its own
            continue;
        const QString tests = u"zerver/webhooks/"_s + entry.name + u"/tests.py"_s;
        for (const auto &f : exported->files()) {
            if (f.path == tests) // only what py_compile reads (write() syncs every file to disk)
                QVERIFY(writeAll(dir.path() + u'/' + tests, f.bytes));
        }
        files.append(dir.path() + u'/' + tests);
    }
    QVERIFY(files.size() > 40);
    const Run r = run(m_python, files);
    QVERIFY2(r.exitCode == 0, r.err.constData());
}

void ZulipExportTest::exportedTestsPass_data()
{
    QTest::addColumn<QString>("name");
    // headers; .txt form bodies; JSON in a form field; basic auth and inline forms; HEAD probes and
    // empty bodies; two and three messages per request; error cases in most of them. (Every integration we
    // ship passes this way; these cover each form of test the exporter writes, in a few seconds.)
    for (const char *name : {"gitea", "wordpress", "travis", "zendesk", "librato", "updown", "alertmanager"})
        QTest::newRow(name) << QString::fromLatin1(name);
}

void ZulipExportTest::exportedTestsPass()
{
    QFETCH(QString, name);
    if (m_python.isEmpty())
        QSKIP("python3 is not installed: the exported tests cannot run");
    QTemporaryDir dir;
    QCOMPARE(exportTo(name, dir.path()), QString());
    copyStub(dir.path());
    const Run r = run(m_python, {u"-m"_s, u"unittest"_s, u"zerver.webhooks.%1.tests"_s.arg(name)}, dir.path());
    QVERIFY2(r.exitCode == 0, r.err.right(3000).constData());
    // Every case ran.
    const IntegrationEntry *entry = builtinRegistry().find(name);
    const CaseSuite suite = suiteOf(entry->folder());
    const auto ran = QRegularExpression(u"Ran (\\d+) tests?"_s).match(QString::fromUtf8(r.err));
    QVERIFY2(ran.hasMatch(), r.err.constData());
    QCOMPARE(ran.captured(1).toInt(), int(suite.cases.size()));
}

void ZulipExportTest::changedExpectationFails()
{
    if (m_python.isEmpty())
        QSKIP("python3 is not installed: the exported tests cannot run");
    QTemporaryDir dir;
    QCOMPARE(exportTo(u"gitea"_s, dir.path()), QString());
    copyStub(dir.path());
    const QString tests = dir.path() + u"/zerver/webhooks/gitea/tests.py"_s;
    QByteArray source = readAll(tests);
    const QByteArray topic = "expected_topic_name = \"tidewater / feed-v2\"";
    QVERIFY(source.contains(topic));
    source.replace(source.indexOf(topic), topic.size(), "expected_topic_name = \"tidewater / feed-v3\"");
    QVERIFY(writeAll(tests, source));
    const Run r = run(m_python, {u"-m"_s, u"unittest"_s, u"zerver.webhooks.gitea.tests"_s}, dir.path());
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("failures=1"), r.err.right(2000).constData());
    QVERIFY(r.err.contains("tidewater / feed-v3"));
}

void ZulipExportTest::directMessagesAndOtherStreams()
{
    if (m_python.isEmpty())
        QSKIP("python3 is not installed: the exported tests cannot run");
    // Cases of our own: a push as a direct message (no stream), to another stream, and to the
    // stream most cases use (which becomes CHANNEL_NAME).
    const CaseSuite gitea = suiteOf(u"gitea"_s);
    const TestCase &push = gitea.cases.first();
    QCOMPARE(push.fixture, u"push__3_commits.json"_s);
    const auto pushCase = [&](const QString &name, const QJsonObject &query) {
        return QJsonObject{{u"test"_s, name}, {u"fixture"_s, push.fixture}, {u"content_type"_s, u"application/json"_s},
                           {u"headers"_s, QJsonObject{{u"X-Gitea-Event"_s, u"push"_s}}}, {u"query"_s, query},
                           {u"expect"_s, u"message"_s},
                           {u"expected_messages"_s, QJsonArray{QJsonObject{{u"topic"_s, push.expectedMessages[0].topic},
                                                                           {u"content"_s, push.expectedMessages[0].content}}}}};
    };
    const QJsonObject suite{{u"integration"_s, u"gitea"_s},
                            {u"cases"_s, QJsonArray{pushCase(u"direct"_s, {}),
                                                    pushCase(u"other_stream"_s, {{u"stream"_s, u"elsewhere"_s}}),
                                                    pushCase(u"main_stream"_s, {{u"stream"_s, u"commits"_s}}),
                                                    pushCase(u"main_stream_topic"_s, {{u"stream"_s, u"commits"_s}, {u"topic"_s, u"a & b"_s}})}}};
    QTemporaryDir fixtures;
    QVERIFY(writeAll(fixtures.path() + u"/gitea/cases.json"_s, QJsonDocument(suite).toJson()));
    QVERIFY(writeAll(fixtures.path() + u"/gitea/push__3_commits.json"_s, readAll(kFixtures + u"/gitea/push__3_commits.json"_s)));
    // The last case expects the topic it overrides with.
    QString error;
    auto loaded = loadCaseSuite(fixtures.path() + u"/gitea/cases.json"_s, &error);
    QVERIFY2(loaded, qPrintable(error));
    QJsonObject edited = suite;
    QJsonArray list = edited[u"cases"_s].toArray();
    QJsonObject last = list[3].toObject();
    last[u"expected_messages"_s] = QJsonArray{QJsonObject{{u"topic"_s, u"a & b"_s}, {u"content"_s, push.expectedMessages[0].content}}};
    list[3] = last;
    edited[u"cases"_s] = list;
    QVERIFY(writeAll(fixtures.path() + u"/gitea/cases.json"_s, QJsonDocument(edited).toJson()));

    const auto exported = ZulipExport::build(builtinRegistry(), *builtinRegistry().find(u"gitea"), fixtures.path(), {}, &error);
    QVERIFY2(exported, qPrintable(error));
    QTemporaryDir dir;
    QVERIFY2(exported->write(dir.path(), false, &error), qPrintable(error));
    const QString py = QString::fromUtf8(readAll(dir.path() + u"/zerver/webhooks/gitea/tests.py"_s));
    QVERIFY(py.contains(u"    CHANNEL_NAME = \"commits\"\n"_s));
    QVERIFY(py.contains(u"DIRECT_MESSAGE_URL_TEMPLATE = \"/api/v1/external/gitea?&api_key={api_key}\""_s));
    QVERIFY(py.contains(u"self.send_and_test_private_message("_s));
    QVERIFY(py.contains(u"self.CHANNEL_NAME = \"elsewhere\""_s));
    QVERIFY(py.contains(u"self.build_webhook_url(topic=\"a %26 b\")"_s));
    copyStub(dir.path());
    const Run r = run(m_python, {u"-m"_s, u"unittest"_s, u"zerver.webhooks.gitea.tests"_s}, dir.path());
    QVERIFY2(r.exitCode == 0, r.err.right(3000).constData());
    QVERIFY(r.err.contains("Ran 4 tests"));
}

void ZulipExportTest::neverOverwritesWithoutForce()
{
    QTemporaryDir dir;
    const ZulipExport exported = exportOf(u"gitea"_s);
    QString error;
    auto first = exported.write(dir.path(), false, &error);
    QVERIFY2(first, qPrintable(error));
    QCOMPARE(first->written.size(), exported.files().size());
    QVERIFY(exported.conflicts(dir.path()).isEmpty());
    // The same export again: nothing to do.
    auto again = exported.write(dir.path(), false, &error);
    QVERIFY(again);
    QCOMPARE(again->unchanged.size(), exported.files().size());
    QVERIFY(again->written.isEmpty());
    // A file edited in the checkout is kept, and listed.
    const QString tests = dir.path() + u"/zerver/webhooks/gitea/tests.py"_s;
    QVERIFY(writeAll(tests, "# my edits\n"));
    QCOMPARE(exported.conflicts(dir.path()), QStringList{u"zerver/webhooks/gitea/tests.py"_s});
    auto kept = exported.write(dir.path(), false, &error);
    QVERIFY(kept);
    QCOMPARE(kept->skipped, QStringList{u"zerver/webhooks/gitea/tests.py"_s});
    QCOMPARE(readAll(tests), QByteArray("# my edits\n"));
    // Forced: replaced.
    auto forced = exported.write(dir.path(), true, &error);
    QVERIFY(forced);
    QCOMPARE(forced->written, QStringList{u"zerver/webhooks/gitea/tests.py"_s});
    QVERIFY(readAll(tests).contains("class GiteaHookTests(WebhookTestCase):"));
}

void ZulipExportTest::refusesUnsafeNames()
{
    for (const QString &bad : {u""_s, u"../gitea"_s, u"a/b"_s, u"Gitea"_s, u"git ea"_s, u".."_s, u"x\\y"_s})
        QVERIFY2(!ZulipExport::nameError(bad).isEmpty(), qPrintable(bad));
    QVERIFY(ZulipExport::nameError(u"slack_incoming"_s).isEmpty());

    // A cases.json naming a fixture outside its folder is refused before anything is written.
    QTemporaryDir fixtures;
    QVERIFY(writeAll(fixtures.path() + u"/secret.json"_s, "{\"token\": \"s3cret\"}"));
    QVERIFY(writeAll(fixtures.path() + u"/gitea/cases.json"_s,
                     "{\"integration\": \"gitea\", \"cases\": [{\"test\": \"t\", \"fixture\": \"../secret.json\","
                     " \"headers\": {\"X-Gitea-Event\": \"push\"}, \"expect\": \"noop\"}]}"));
    QString error;
    QVERIFY(!ZulipExport::build(builtinRegistry(), *builtinRegistry().find(u"gitea"), fixtures.path(), {}, &error));
    QVERIFY2(error.contains(u"../secret.json"_s), qPrintable(error));

    // An entry whose name is not safe never reaches the file system.
    IntegrationEntry evil = *builtinRegistry().find(u"gitea");
    evil.name = u"../../etc"_s;
    QVERIFY(!ZulipExport::build(builtinRegistry(), evil, kFixtures, {}, &error));
    evil = *builtinRegistry().find(u"gitea");
    evil.dirName = u"../gitea"_s;
    QVERIFY(!ZulipExport::build(builtinRegistry(), evil, kFixtures, {}, &error));

    // The target must be an existing folder.
    QTemporaryDir dir;
    QVERIFY(!exportOf(u"gitea"_s).write(dir.path() + u"/missing"_s, false, &error));
    QVERIFY(!QFileInfo::exists(dir.path() + u"/missing"_s));
}

void ZulipExportTest::commandLine()
{
    QTemporaryDir dir;
    const QString bin = QStringLiteral(HOOKBENCH_BINARY);
    Run r = run(bin, {u"export"_s, u"zulip"_s, u"gitea"_s, u"--to"_s, dir.path()});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(r.out.contains("wrote"));
    QVERIFY(r.out.contains("zerver/webhooks/gitea/tests.py"));
    QVERIFY(QFileInfo::exists(dir.path() + u"/zerver/webhooks/gitea/fixtures/push__3_commits.json"_s));
    // Again: unchanged, success.
    r = run(bin, {u"export"_s, u"zulip"_s, u"gitea"_s, u"--to"_s, dir.path()});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains("0 written"));
    // An edited file: skipped (exit 1, the file kept), then --force.
    const QString doc = dir.path() + u"/zerver/webhooks/gitea/doc.md"_s;
    QVERIFY(writeAll(doc, "mine\n"));
    r = run(bin, {u"export"_s, u"zulip"_s, u"gitea"_s, u"--to"_s, dir.path()});
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.out.contains("skipped"));
    QCOMPARE(readAll(doc), QByteArray("mine\n"));
    r = run(bin, {u"export"_s, u"zulip"_s, u"gitea"_s, u"--to"_s, dir.path(), u"--force"_s});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(readAll(doc).startsWith("# Zulip Gitea integration"));
    // Bad usage.
    QCOMPARE(run(bin, {u"export"_s, u"zulip"_s, u"../gitea"_s, u"--to"_s, dir.path()}).exitCode, 2);
    QCOMPARE(run(bin, {u"export"_s, u"zulip"_s, u"nosuchthing"_s, u"--to"_s, dir.path()}).exitCode, 2);
    QCOMPARE(run(bin, {u"export"_s, u"zulip"_s, u"gitea"_s}).exitCode, 2);
    QCOMPARE(run(bin, {u"export"_s, u"zulip"_s, u"gitea"_s, u"--to"_s, dir.path() + u"/nope"_s}).exitCode, 2);
}

QTEST_GUILESS_MAIN(ZulipExportTest)
#include "tst_zulipexport.moc"
