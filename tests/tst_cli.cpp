// SPDX-License-Identifier: MIT
// The command line as scripts use it: output shapes and exit statuses (design brief §3).
#include "json.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace hb;
using namespace Qt::StringLiterals;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run hookbench(const QStringList &args, const QByteArray &input = {})
{
    QProcess p;
    p.setWorkingDirectory(QStringLiteral(HOOKBENCH_SOURCE_DIR));
    p.start(QStringLiteral(HOOKBENCH_BINARY), args);
    if (!input.isNull())
        p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(60000))
        qFatal("hookbench %s did not finish", qPrintable(args.join(u' ')));
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(), p.readAllStandardError()};
}

const QByteArray kTinyPayload = "{}";

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private slots:
    void version()
    {
        const Run r = hookbench({u"--version"_s});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, "hookbench " HOOKBENCH_VERSION "\n");
    }
    void help()
    {
        const Run r = hookbench({u"--help"_s});
        QCOMPARE(r.exitCode, 0);
        for (const char *cmd : {"listen", "render", "test", "conformance", "integrations"})
            QVERIFY2(r.out.contains(cmd), cmd);
        QCOMPARE(hookbench({u"render"_s, u"--help"_s}).exitCode, 0);
    }
    void unknownCommandIsUsageError()
    {
        const Run r = hookbench({u"frobnicate"_s});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("unknown command"));
    }
    void integrationsJson()
    {
        const Run r = hookbench({u"integrations"_s, u"--format"_s, u"json"_s});
        QCOMPARE(r.exitCode, 0);
        const auto doc = parseJson(r.out);
        QVERIFY2(doc && doc->isArray(), r.out.constData());
        QVERIFY(doc->size() >= 7);
        QStringList names;
        for (const JsonValue &e : doc->items()) {
            for (const char16_t *key : {u"name", u"display_name", u"categories", u"url"})
                QVERIFY2(e.find(QStringView(key)), qPrintable(QString::fromUtf16(key)));
            QVERIFY(e.find(u"categories")->isArray());
            QCOMPARE(e.find(u"url")->toString(), u"/api/v1/external/"_s + e.find(u"name")->toString());
            names.append(e.find(u"name")->toString());
        }
        QStringList sorted = names;
        sorted.sort();
        QCOMPARE(names, sorted);
        for (const QString &n : {u"alertmanager"_s, u"gitea"_s, u"gogs"_s, u"grafana"_s, u"opsgenie"_s, u"pagerduty"_s, u"sentry"_s})
            QVERIFY2(names.contains(n), qPrintable(n));
    }
    // docs/integrations.md is generated from the registry; it must say what the binary says.
    void integrationsDocIsCurrent()
    {
        const Run r = hookbench({u"integrations"_s, u"--format"_s, u"markdown"_s});
        QCOMPARE(r.exitCode, 0);
        QFile doc(QStringLiteral(HOOKBENCH_SOURCE_DIR "/docs/integrations.md"));
        QVERIFY(doc.open(QIODevice::ReadOnly));
        QVERIFY2(doc.readAll() == r.out,
                 "docs/integrations.md is stale: run hookbench integrations --format markdown > docs/integrations.md");
        const auto json = parseJson(hookbench({u"integrations"_s, u"--format"_s, u"json"_s}).out);
        QVERIFY(json && json->isArray());
        for (const JsonValue &e : json->items()) {
            const QString name = e.find(u"name")->toString();
            QVERIFY2(r.out.contains(("/doc.md) `" + name + "` |").toUtf8()), qPrintable(name));
        }
    }
    // Every integration has a logo, from simple-icons or a monogram (scripts/generate-logos).
    void integrationsHaveLogos()
    {
        const auto json = parseJson(hookbench({u"integrations"_s, u"--format"_s, u"json"_s}).out);
        QVERIFY(json && json->isArray());
        for (const JsonValue &e : json->items()) {
            const QString name = e.find(u"name")->toString();
            const JsonValue *source = e.find(u"logo_source");
            QVERIFY2(source && source->isString(), qPrintable(name + u" has no logo"_s));
            const QString s = source->toString();
            QVERIFY2(s == u"monogram" || (s.startsWith(u"simple-icons ") && s.endsWith(u"(CC0-1.0)")), qPrintable(name + u": "_s + s));
        }
        const Run text = hookbench({u"integrations"_s});
        QVERIFY(text.out.contains("logo: simple-icons "));
        QVERIFY(!text.out.contains("logo: none"));
    }
    void renderErrorOutcome()
    {
        const Run r = hookbench({u"render"_s, u"--integration"_s, u"sentry"_s, u"--stdin"_s}, "{not json");
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.out, QByteArray("{\"outcome\":\"error\",\"status\":400,\"code\":\"INVALID_JSON\",\"msg\":\"Malformed JSON\"}\n"));
    }
    void renderUnknownIntegration()
    {
        const Run r = hookbench({u"render"_s, u"--integration"_s, u"nosuch"_s, u"--stdin"_s}, kTinyPayload);
        QCOMPARE(r.exitCode, 1);
        const auto doc = parseJson(r.out);
        QVERIFY(doc);
        QCOMPARE(doc->find(u"status")->toInteger(), 404);
    }
    void renderMessageFromOwnFixture()
    {
        // The first message case of our gitea fixtures, through the CLI: exit 0, one JSON object.
        const Run r = hookbench({u"render"_s, u"--integration"_s, u"gitea"_s, u"--fixture"_s, u"fixtures/gitea/push__3_commits.json"_s,
                                 u"--header"_s, u"X-Gitea-Event: push"_s, u"--query"_s, u"stream=commits"_s});
        QCOMPARE(r.exitCode, 0);
        const auto doc = parseJson(r.out);
        QVERIFY2(doc, r.out.constData());
        QCOMPARE(doc->find(u"outcome")->toString(), u"message"_s);
        const JsonValue &m = doc->find(u"messages")->items().at(0);
        QCOMPARE(m.find(u"stream")->toString(), u"commits"_s);
        QVERIFY(!m.find(u"topic")->toString().isEmpty());
        QVERIFY(!m.find(u"content")->toString().isEmpty());
        QVERIFY(r.out.endsWith("}\n"));
        QCOMPARE(r.out.count('\n'), 1);

        const Run text = hookbench({u"render"_s, u"--integration"_s, u"gitea"_s, u"--fixture"_s, u"fixtures/gitea/push__3_commits.json"_s,
                                    u"--header"_s, u"X-Gitea-Event: push"_s, u"--query"_s, u"stream=commits"_s, u"--format"_s, u"text"_s});
        QCOMPARE(text.exitCode, 0);
        QVERIFY(text.out.startsWith("commits > "));
    }
    void renderNoOpAndFixedClock()
    {
        const Run r = hookbench({u"render"_s, u"--integration"_s, u"gitea"_s, u"--fixture"_s, u"fixtures/gitea/push__3_commits.json"_s,
                                 u"--header"_s, u"X-Gitea-Event: fork_of_a_fork"_s, u"--now"_s, u"1517739100"_s});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.startsWith("{\"outcome\":\"noop\",\"reason\":\"The 'fork_of_a_fork' event isn't currently supported by the Gitea webhook; ignoring\""), r.out.constData());
    }
    void renderUsageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("no integration") << QStringList{u"render"_s, u"--stdin"_s};
        QTest::newRow("no body") << QStringList{u"render"_s, u"--integration"_s, u"gitea"_s};
        QTest::newRow("both bodies") << QStringList{u"render"_s, u"--integration"_s, u"gitea"_s, u"--stdin"_s, u"--fixture"_s, u"x"_s};
        QTest::newRow("bad format") << QStringList{u"render"_s, u"--integration"_s, u"gitea"_s, u"--stdin"_s, u"--format"_s, u"xml"_s};
        QTest::newRow("bad header") << QStringList{u"render"_s, u"--integration"_s, u"gitea"_s, u"--stdin"_s, u"--header"_s, u"nocolon"_s};
        QTest::newRow("bad now") << QStringList{u"render"_s, u"--integration"_s, u"gitea"_s, u"--stdin"_s, u"--now"_s, u"soon"_s};
        QTest::newRow("missing file") << QStringList{u"render"_s, u"--integration"_s, u"gitea"_s, u"--fixture"_s, u"/nonexistent.json"_s};
        QTest::newRow("unknown option") << QStringList{u"render"_s, u"--frob"_s};
    }
    void renderUsageErrors()
    {
        QFETCH(QStringList, args);
        const Run r = hookbench(args, "{}");
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.out.isEmpty());
        QVERIFY(!r.err.isEmpty());
    }
    void testCommandSummary()
    {
        const Run r = hookbench({u"test"_s, u"gitea"_s, u"gogs"_s});
        QVERIFY2(r.exitCode == 0, r.out.constData());
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        const QRegularExpression summary(u"^(\\d+) passed, 0 failed$"_s);
        const auto m = summary.match(QString::fromUtf8(lines.last()));
        QVERIFY2(m.hasMatch(), lines.last().constData());
        QVERIFY(m.captured(1).toInt() >= 6);
        QCOMPARE(hookbench({u"test"_s, u"no_such_integration"_s}).exitCode, 1);
    }
    void conformanceReport()
    {
        QTemporaryDir tmp;
        // A two-case suite of our own in the conformance layout: one passing, one failing case.
        QDir(tmp.path()).mkpath(u"cases/gitea/fixtures"_s);
        QFile::copy(QStringLiteral(HOOKBENCH_SOURCE_DIR "/fixtures/gitea/push__3_commits.json"), tmp.filePath(u"cases/gitea/fixtures/p.json"_s));
        QFile f(tmp.filePath(u"cases/gitea/cases.json"_s));
        QVERIFY(f.open(QIODevice::WriteOnly));
        QFile source(QStringLiteral(HOOKBENCH_SOURCE_DIR "/tests/data/conformance-suite.json"));
        QVERIFY(source.open(QIODevice::ReadOnly));
        f.write(source.readAll());
        f.close();
        const QString report = tmp.filePath(u"report.jsonl"_s);
        const Run r = hookbench({u"conformance"_s, tmp.filePath(u"cases"_s), u"--report"_s, report});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.endsWith("1 passed, 1 failed\n"), r.out.constData());
        QFile rep(report);
        QVERIFY(rep.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = rep.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        for (const QByteArray &line : lines) {
            const auto obj = parseJson(line);
            QVERIFY2(obj && obj->isObject(), line.constData());
            for (const char16_t *key : {u"name", u"passed", u"actual", u"expected"})
                QVERIFY2(obj->find(QStringView(key)), line.constData());
        }
        QCOMPARE(parseJson(lines[0])->find(u"passed")->toBool(), true);
        QCOMPARE(parseJson(lines[1])->find(u"passed")->toBool(), false);
        QCOMPARE(parseJson(lines[1])->find(u"actual")->find(u"outcome")->toString(), u"message"_s);
        QCOMPARE(hookbench({u"conformance"_s, tmp.filePath(u"nope"_s)}).exitCode, 2);
    }
};

QTEST_APPLESS_MAIN(TestCli)
#include "tst_cli.moc"
