// SPDX-License-Identifier: MIT
// hookbench export fixture (a capture → a redacted fixture with its case) and hookbench export case
// (approve), run as a user runs them: the saved cases pass `hookbench test`, the diff comes before a
// changed expectation is written, and bad names never reach the disk.
#include "capturereplay.h"
#include "capturestore.h"
#include "json.h"
#include "registry.h"

#include <QDirIterator>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace hb;
using namespace Qt::StringLiterals;

namespace {

const QString kSource = QStringLiteral(HOOKBENCH_SOURCE_DIR "/fixtures");

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run hookbench(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(HOOKBENCH_BINARY), args);
    if (!p.waitForFinished(60000))
        qFatal("hookbench %s did not finish", qPrintable(args.join(u' ')));
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

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

bool copyFolder(const QString &from, const QString &to)
{
    QDir().mkpath(to);
    for (const QString &name : QDir(from).entryList(QDir::Files)) {
        if (!QFile::copy(QDir(from).filePath(name), QDir(to).filePath(name)))
            return false;
    }
    return true;
}

QMap<QString, QByteArray> snapshot(const QString &dir)
{
    QMap<QString, QByteArray> files;
    QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (!path.contains(u"captures.sqlite"_s))
            files.insert(QDir(dir).relativeFilePath(path), readAll(path));
    }
    return files;
}

} // namespace

class TestExportFixture : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void exportRedactsAndTheCasePasses();
    void noRedactKeepsTheBody();
    void takenNameNeedsForce();
    void badNamesRefused_data();
    void badNamesRefused();
    void approveShowsDiffAndNeedsYes();
    void approveCreatesCase();
    void approveAmbiguousFixture();

private:
    QStringList common() const { return {u"--fixtures"_s, m_fixtures}; }
    QString gitea(const QString &name = {}) const { return QDir(m_fixtures).filePath(u"gitea/"_s + name); }

    QTemporaryDir m_dir;
    QString m_fixtures;
    QString m_db;
    qint64 m_push = 0;
};

void TestExportFixture::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_fixtures = m_dir.filePath(u"fixtures"_s);
    QVERIFY(copyFolder(kSource + u"/gitea"_s, m_fixtures + u"/gitea"_s));
    m_db = m_dir.filePath(u"captures.sqlite"_s);

    // A push as a real Gitea sends it: authors at real-looking domains, a hook secret, a client address.
    QByteArray body = readAll(kSource + u"/gitea/push__3_commits.json"_s);
    QVERIFY(!body.isEmpty());
    body.replace("@lumen.example", "@lumen-harbour.io");
    body.replace("\"ref\":", "\"secret\": \"wh-9Xk2mPq7Lz\", \"ref\":");
    Capture c;
    c.receivedAt = QDateTime(QDate(2026, 4, 7), QTime(14, 5, 9), Qt::UTC);
    c.method = "POST";
    c.target = "/api/v1/external/gitea?api_key=k&stream=commits&access_token=aBc123XyZ789";
    c.path = u"/api/v1/external/gitea"_s;
    c.query = "api_key=k&stream=commits&access_token=aBc123XyZ789";
    c.integration = u"gitea"_s;
    c.headers = {{"Content-Type", "application/json"}, {"X-Gitea-Event", "push"}, {"X-Origin-Note", "sent from 85.12.7.3"}};
    c.body = body;
    c.bodySize = body.size();
    c.remoteAddress = u"127.0.0.1"_s;
    const Outcome o = replayCapture(builtinRegistry(), c, {.apiKey = u"k"_s});
    QVERIFY(o.isMessage());
    c.outcomeKind = o.kind();
    c.httpStatus = o.httpStatus();
    c.outcomeJson = o.toJson();
    c.responseBody = o.httpBody();
    CaptureStore store;
    QVERIFY(store.open(m_db));
    m_push = store.append(c).value_or(0);
    QVERIFY(m_push > 0);
}

void TestExportFixture::exportRedactsAndTheCasePasses()
{
    const Run run = hookbench(QStringList{u"export"_s, u"fixture"_s, QString::number(m_push), u"--integration"_s, u"gitea"_s,
                                          u"--db"_s, m_db, u"--redact"_s, u"repository.owner.username"_s}
                              + common());
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY(run.out.contains(u"gitea/push__captured.json"_s));
    QVERIFY(run.out.contains(u"secret  body secret  wh-9Xk2mPq7Lz → "_s));
    QVERIFY(run.out.contains(u"email  body commits[0].author.email  "_s));
    QVERIFY(run.out.contains(u"ip  header X-Origin-Note  85.12.7.3 → "_s));
    QVERIFY(run.out.contains(u"secret  query access_token  aBc123XyZ789 → "_s));
    QVERIFY(run.out.contains(u"marked  body repository.owner.username  "_s));
    QVERIFY(run.out.contains(u"The case passes."_s));
    const QByteArray file = readAll(gitea(u"push__captured.json"_s));
    const QByteArray cases = readAll(gitea(u"cases.json"_s));
    for (const QByteArray &secret : {QByteArray("lumen-harbour.io"), QByteArray("wh-9Xk2mPq7Lz"), QByteArray("85.12.7.3"),
                                     QByteArray("aBc123XyZ789")}) {
        QVERIFY2(!file.contains(secret), secret.constData());
        QVERIFY2(!cases.contains(secret), secret.constData());
    }
    QVERIFY(file.startsWith("{\n  \"secret\": \"") && file.endsWith("}\n"));
    QVERIFY(cases.contains("\"X-Origin-Note\": \"sent from "));

    const Run test = hookbench(QStringList{u"test"_s, u"gitea"_s} + common());
    QVERIFY2(test.exitCode == 0, qPrintable(test.out));
    QVERIFY(test.out.trimmed().endsWith(u" passed, 0 failed"_s));
}

void TestExportFixture::noRedactKeepsTheBody()
{
    const Run run = hookbench(QStringList{u"export"_s, u"fixture"_s, QString::number(m_push), u"--integration"_s, u"gitea"_s,
                                          u"--db"_s, m_db, u"--no-redact"_s, u"--name"_s, u"push__raw.json"_s}
                              + common());
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY(run.out.contains(u"Not redacted"_s));
    QVERIFY(readAll(gitea(u"push__raw.json"_s)).contains("wh-9Xk2mPq7Lz"));
}

void TestExportFixture::takenNameNeedsForce()
{
    const QStringList args = QStringList{u"export"_s, u"fixture"_s, QString::number(m_push), u"--integration"_s, u"gitea"_s,
                                         u"--db"_s, m_db, u"--name"_s, u"push__taken.json"_s}
                             + common();
    QCOMPARE(hookbench(args).exitCode, 0);
    QVERIFY(writeAll(gitea(u"push__taken.json"_s), "{\"edited\": true}\n"));
    const QByteArray cases = readAll(gitea(u"cases.json"_s));
    const Run again = hookbench(args);
    QCOMPARE(again.exitCode, 1);
    QVERIFY(again.err.contains(u"--force"_s));
    QCOMPARE(readAll(gitea(u"push__taken.json"_s)), QByteArray("{\"edited\": true}\n"));
    QCOMPARE(readAll(gitea(u"cases.json"_s)), cases);
    QCOMPARE(hookbench(args + QStringList{u"--force"_s}).exitCode, 0);
    QVERIFY(readAll(gitea(u"push__taken.json"_s)).startsWith("{\n  \"secret\""));
    QCOMPARE(readAll(gitea(u"cases.json"_s)).size(), cases.size()); // the case replaced in place
}

void TestExportFixture::badNamesRefused_data()
{
    QTest::addColumn<QStringList>("args");
    const QString id = QString::number(m_push);
    const QStringList fixture = {u"export"_s, u"fixture"_s, id, u"--db"_s, m_db};
    QTest::newRow("fixture: parent") << fixture + QStringList{u"--integration"_s, u"gitea"_s, u"--name"_s, u"../../escape.json"_s};
    QTest::newRow("fixture: separator") << fixture + QStringList{u"--integration"_s, u"gitea"_s, u"--name"_s, u"sub/x.json"_s};
    QTest::newRow("fixture: extension") << fixture + QStringList{u"--integration"_s, u"gitea"_s, u"--name"_s, u"x.sh"_s};
    QTest::newRow("fixture: cases.json") << fixture + QStringList{u"--integration"_s, u"gitea"_s, u"--name"_s, u"cases.json"_s};
    QTest::newRow("fixture: integration") << fixture + QStringList{u"--integration"_s, u"../gitea"_s};
    QTest::newRow("fixture: no integration") << fixture;
    QTest::newRow("fixture: bad id") << QStringList{u"export"_s, u"fixture"_s, u"1;rm"_s, u"--integration"_s, u"gitea"_s};
    QTest::newRow("case: parent") << QStringList{u"export"_s, u"case"_s, u"gitea"_s, u"../../../etc/passwd.json"_s};
    QTest::newRow("case: absolute") << QStringList{u"export"_s, u"case"_s, u"gitea"_s, u"/tmp/x.json"_s};
    QTest::newRow("case: integration") << QStringList{u"export"_s, u"case"_s, u"../fixtures/gitea"_s, u"push__3_commits.json"_s};
    QTest::newRow("case: space") << QStringList{u"export"_s, u"case"_s, u"gitea"_s, u"two words.json"_s};
}

void TestExportFixture::badNamesRefused()
{
    QFETCH(QStringList, args);
    const auto before = snapshot(m_dir.path());
    const Run run = hookbench(args + common());
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.out.isEmpty());
    QVERIFY(!run.err.isEmpty());
    QCOMPARE(snapshot(m_dir.path()), before);
}

void TestExportFixture::approveShowsDiffAndNeedsYes()
{
    // The expectation is out of date: the topic in cases.json says something the handler no longer renders.
    QByteArray cases = readAll(gitea(u"cases.json"_s));
    const QByteArray oldTopic = "\"topic\": \"tidewater / feed-v2\"";
    const qsizetype at = cases.indexOf(oldTopic);
    QVERIFY(at > 0);
    cases.replace(at, oldTopic.size(), "\"topic\": \"tidewater / stale\"");
    QVERIFY(writeAll(gitea(u"cases.json"_s), cases));
    QVERIFY(hookbench(QStringList{u"test"_s, u"gitea"_s} + common()).exitCode != 0);

    const QStringList approve = QStringList{u"export"_s, u"case"_s, u"gitea"_s, u"push__3_commits.json"_s, u"--case"_s,
                                            u"push_three_commits_two_committers"_s} + common();
    const Run asked = hookbench(approve);
    QCOMPARE(asked.exitCode, 1);
    QVERIFY(asked.out.contains(u"-       \"topic\": \"tidewater / stale\","_s));
    QVERIFY(asked.out.contains(u"+       \"topic\": \"tidewater / feed-v2\","_s));
    QVERIFY(asked.err.contains(u"--yes"_s));
    QCOMPARE(readAll(gitea(u"cases.json"_s)), cases); // nothing written

    const Run yes = hookbench(approve + QStringList{u"--yes"_s});
    QVERIFY2(yes.exitCode == 0, qPrintable(yes.err));
    QVERIFY(yes.out.contains(u"Approved"_s));
    const QByteArray after = readAll(gitea(u"cases.json"_s));
    QVERIFY(!after.contains("tidewater / stale"));
    QCOMPARE(after.size(), cases.size() - QByteArray("stale").size() + QByteArray("feed-v2").size()); // only that changed
    const Run test = hookbench(QStringList{u"test"_s, u"gitea"_s} + common());
    QVERIFY2(test.exitCode == 0, qPrintable(test.out));

    const Run again = hookbench(approve);
    QCOMPARE(again.exitCode, 0);
    QVERIFY(again.out.contains(u"already expects"_s));
}

void TestExportFixture::approveCreatesCase()
{
    QVERIFY(QFile::copy(gitea(u"push__3_commits.json"_s), gitea(u"push__approved.json"_s)));
    const Run run = hookbench(QStringList{u"export"_s, u"case"_s, u"gitea"_s, u"push__approved.json"_s} + common());
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY(run.out.contains(u"Added the case push__approved"_s));
    const auto doc = parseJson(readAll(gitea(u"cases.json"_s)));
    QVERIFY(doc);
    const JsonValue &last = doc->find(u"cases")->items().back();
    QCOMPARE(last.find(u"test")->toString(), u"push__approved"_s);
    QCOMPARE(last.find(u"headers")->toJson(), QByteArray("{\"X-Gitea-Event\":\"push\"}")); // from the fixture's name
    QCOMPARE(last.find(u"expect")->toString(), u"message"_s);
    QCOMPARE(last.find(u"expected_messages")->items().size(), size_t(1));
    const Run test = hookbench(QStringList{u"test"_s, u"gitea"_s} + common());
    QVERIFY2(test.exitCode == 0, qPrintable(test.out));
}

void TestExportFixture::approveAmbiguousFixture()
{
    // push__3_commits.json is sent by several cases: without --case the command asks which.
    const auto before = snapshot(m_dir.path());
    const Run run = hookbench(QStringList{u"export"_s, u"case"_s, u"gitea"_s, u"push__3_commits.json"_s} + common());
    QCOMPARE(run.exitCode, 1);
    QVERIFY(run.err.contains(u"--case"_s));
    QCOMPARE(snapshot(m_dir.path()), before);
}

QTEST_MAIN(TestExportFixture)
#include "tst_exportfixture.moc"
