// SPDX-License-Identifier: MIT
// The capture store: round trip, reopening, schema migration, pages, search and edits.
#include "capturestore.h"

#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace hb;
using namespace Qt::StringLiterals;

namespace {

Capture sampleCapture(int n = 1, const QString &integration = u"echo"_s,
                      Outcome::Kind kind = Outcome::Kind::Message)
{
    Capture c;
    c.receivedAt = QDateTime::fromMSecsSinceEpoch(1714564800123 + n, Qt::UTC);
    c.method = "POST";
    c.target = "/api/v1/external/" + integration.toUtf8() + "?api_key=k&stream=ops%20room&n=" + QByteArray::number(n);
    c.path = u"/api/v1/external/"_s + integration;
    c.query = "api_key=k&stream=ops%20room&n=" + QByteArray::number(n);
    c.headers = {{"Content-Type", "application/json"}, {"X-Echo-Event", "say"}, {"x-lower", "v: with colon"}};
    c.body = "{\"title\":\"build " + QByteArray::number(n) + "\",\"bin\":\"\x01\x02\"}";
    c.body.append('\0').append("tail");
    c.bodySize = c.body.size();
    c.remoteAddress = u"127.0.0.1"_s;
    c.remotePort = quint16(40000 + n);
    c.outcomeKind = kind;
    c.integration = integration;
    c.httpStatus = kind == Outcome::Kind::Error ? 400 : 200;
    c.outcomeJson = R"({"outcome":"message","messages":[{"stream":"ops room","topic":"t","content":"é"}]})";
    c.responseBody = R"({"result":"success","msg":""})";
    c.durationUs = 1234 + n;
    return c;
}

void compareCaptures(const Capture &a, const Capture &b)
{
    QCOMPARE(a.receivedAt, b.receivedAt);
    QCOMPARE(a.method, b.method);
    QCOMPARE(a.target, b.target);
    QCOMPARE(a.path, b.path);
    QCOMPARE(a.query, b.query);
    QCOMPARE(a.headers, b.headers);
    QCOMPARE(a.body, b.body);
    QCOMPARE(a.bodySize, b.bodySize);
    QCOMPARE(a.remoteAddress, b.remoteAddress);
    QCOMPARE(a.remotePort, b.remotePort);
    QCOMPARE(a.outcomeKind, b.outcomeKind);
    QCOMPARE(a.integration, b.integration);
    QCOMPARE(a.httpStatus, b.httpStatus);
    QCOMPARE(a.outcomeJson, b.outcomeJson);
    QCOMPARE(a.responseBody, b.responseBody);
    QCOMPARE(a.durationUs, b.durationUs);
    QCOMPARE(a.pinned, b.pinned);
}

// A connection of the test's own to inspect a file behind the store's back.
class RawDb
{
public:
    explicit RawDb(const QString &path) : m_name(QUuid::createUuid().toString())
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_name);
        db.setDatabaseName(path);
        db.open();
    }
    ~RawDb() { QSqlDatabase::removeDatabase(m_name); }
    QVariant scalar(const QString &sql)
    {
        QSqlQuery q(QSqlDatabase::database(m_name));
        if (!q.exec(sql) || !q.next())
            return {};
        return q.value(0);
    }
    bool exec(const QString &sql)
    {
        QSqlQuery q(QSqlDatabase::database(m_name));
        const bool ok = q.exec(sql);
        if (!ok)
            qWarning() << sql << q.lastError().text();
        return ok;
    }

private:
    QString m_name;
};

// The layout of schema version 1, written the way a version-1 Hookbench wrote it.
void writeVersionOneFile(const QString &path)
{
    {
        RawDb db(path);
        QVERIFY(db.exec(u"CREATE TABLE captures (id INTEGER PRIMARY KEY AUTOINCREMENT, received_at_ms INTEGER NOT NULL,"
                        " method TEXT NOT NULL, target BLOB NOT NULL, path TEXT NOT NULL, query BLOB NOT NULL,"
                        " headers BLOB NOT NULL, body BLOB NOT NULL, body_size INTEGER NOT NULL,"
                        " remote_address TEXT NOT NULL, outcome_kind TEXT NOT NULL, integration TEXT NOT NULL,"
                        " http_status INTEGER NOT NULL, outcome_json TEXT NOT NULL, response_body BLOB NOT NULL,"
                        " duration_us INTEGER NOT NULL)"_s));
        QVERIFY(db.exec(u"CREATE INDEX captures_by_integration ON captures(integration, id)"_s));
        QVERIFY(db.exec(u"INSERT INTO captures VALUES (7, 1700000000000, 'POST', X'2F6F6C64', '/old', X'',"
                        " X'582D4F6C643A2031', X'7B7D', 2, '10.0.0.1', 'noop', 'legacy', 200,"
                        " '{\"outcome\":\"noop\",\"reason\":\"r\"}', X'', 55)"_s));
        QVERIFY(db.exec(u"PRAGMA user_version = 1"_s));
    }
}

} // namespace

class TestCaptureStore : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString file(const QString &name) const { return m_dir.filePath(name); }

private slots:
    // ---- round trip and file format

    void roundTrip()
    {
        CaptureStore store;
        QVERIFY2(store.open(file(u"roundtrip.sqlite"_s)), qPrintable(store.errorString()));
        QVERIFY(store.isOpen());
        const Capture original = sampleCapture();
        const auto id = store.append(original);
        QVERIFY2(id, qPrintable(store.errorString()));
        QVERIFY(*id > 0);
        const auto back = store.byId(*id);
        QVERIFY(back);
        QCOMPARE(back->id, *id);
        compareCaptures(*back, original);
        QVERIFY(!store.byId(*id + 1000));
        QVERIFY(store.errorString().isEmpty());   // absent is not an error
    }

    void appendAllIsOneTransaction()
    {
        const QString path = file(u"batch.sqlite"_s);
        CaptureStore store;
        QVERIFY(store.open(path));
        const auto ids = store.appendAll({sampleCapture(1), sampleCapture(2), sampleCapture(3)});
        QVERIFY2(ids, qPrintable(store.errorString()));
        QCOMPARE(ids->size(), 3);
        QCOMPARE(ids->at(1), ids->at(0) + 1);
        QCOMPARE(store.byId(ids->at(2))->remotePort, sampleCapture(3).remotePort);
        QCOMPARE(store.appendAll({})->size(), 0);
        // Committed: another connection sees them.
        RawDb raw(path);
        QCOMPARE(raw.scalar(u"SELECT count(*) FROM captures"_s).toInt(), 3);
        CaptureStore closed;
        QVERIFY(!closed.appendAll({sampleCapture()}));
    }

    void emptyFieldsAreStored()
    {
        CaptureStore store;
        QVERIFY(store.open(file(u"empty.sqlite"_s)));
        Capture c;                                 // every text and blob null
        c.receivedAt = QDateTime::currentDateTimeUtc();
        const auto id = store.append(c);
        QVERIFY2(id, qPrintable(store.errorString()));
        QVERIFY(store.byId(*id)->body.isEmpty());
    }

    void reopenKeepsEverything()
    {
        const QString path = file(u"reopen.sqlite"_s);
        qint64 id = 0;
        {
            CaptureStore store;
            QVERIFY(store.open(path));
            id = store.append(sampleCapture(3)).value_or(0);
            QVERIFY(store.setPinned(id, true));
        }
        CaptureStore again;
        QVERIFY(again.open(path));
        QCOMPARE(again.count(), 1);
        const auto back = again.byId(id);
        QVERIFY(back);
        Capture expected = sampleCapture(3);
        expected.pinned = true;
        compareCaptures(*back, expected);
    }

    void fileIsWalWithSchemaVersion()
    {
        const QString path = file(u"format.sqlite"_s);
        CaptureStore store;
        QVERIFY(store.open(path));
        RawDb raw(path);
        QCOMPARE(raw.scalar(u"PRAGMA journal_mode"_s).toString(), u"wal"_s);
        QCOMPARE(raw.scalar(u"PRAGMA user_version"_s).toInt(), CaptureStore::kSchemaVersion);
        QCOMPARE(raw.scalar(u"PRAGMA integrity_check"_s).toString(), u"ok"_s);
    }

    void migratesVersionOneFile()
    {
        const QString path = file(u"v1.sqlite"_s);
        writeVersionOneFile(path);
        CaptureStore store;
        QVERIFY2(store.open(path), qPrintable(store.errorString()));
        {
            RawDb raw(path);
            QCOMPARE(raw.scalar(u"PRAGMA user_version"_s).toInt(), 2);
            QCOMPARE(raw.scalar(u"SELECT count(*) FROM pragma_table_info('captures') WHERE name IN ('remote_port', 'pinned')"_s).toInt(), 2);
        }
        const auto old = store.byId(7);
        QVERIFY(old);
        QCOMPARE(old->path, u"/old"_s);
        QCOMPARE(old->target, "/old");
        QCOMPARE(old->headers, (HeaderList{{"X-Old", "1"}}));
        QCOMPARE(old->remoteAddress, u"10.0.0.1"_s);
        QCOMPARE(old->remotePort, quint16(0));     // the column v1 lacked
        QCOMPARE(old->pinned, false);
        QCOMPARE(old->outcomeKind, Outcome::Kind::NoOp);
        QVERIFY(store.setPinned(7, true));
        const auto id = store.append(sampleCapture());
        QVERIFY(id);
        QVERIFY(*id > 7);
        QCOMPARE(store.count({.pinned = true}), 1);
        QCOMPARE(store.byIntegration(u"legacy"_s, 10).size(), 1);
    }

    void refusesNewerSchema()
    {
        const QString path = file(u"future.sqlite"_s);
        {
            RawDb raw(path);
            QVERIFY(raw.exec(u"PRAGMA user_version = 99"_s));
        }
        CaptureStore store;
        QVERIFY(!store.open(path));
        QVERIFY2(store.errorString().contains(u"newer"_s), qPrintable(store.errorString()));
        QVERIFY(!store.isOpen());
    }

    void reportsBadFiles()
    {
        const QString path = file(u"garbage.sqlite"_s);
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(4096, 'x'));
        f.close();
        CaptureStore store;
        QVERIFY(!store.open(path));
        QVERIFY(!store.errorString().isEmpty());
        CaptureStore unopened;
        QVERIFY(!unopened.append(sampleCapture()));
        QVERIFY(!unopened.errorString().isEmpty());
        QCOMPARE(unopened.count(), -1);
        QVERIFY(unopened.page().isEmpty());
        QVERIFY(!unopened.remove(1));
        QVERIFY(!unopened.clear());
    }

    void storesShareAFile()
    {
        const QString path = file(u"shared.sqlite"_s);
        CaptureStore writer, reader;
        QVERIFY(writer.open(path));
        QVERIFY(reader.open(path));
        const auto id = writer.append(sampleCapture(5));
        QVERIFY(id);
        QVERIFY(reader.byId(*id));
        QCOMPARE(reader.count(), 1);
    }

    void defaultPathIsAppData()
    {
        QVERIFY(CaptureStore::defaultPath().endsWith(u"/captures.sqlite"_s));
    }

    void headerEncoding()
    {
        const HeaderList headers{{"A", "1"}, {"b-Mixed", ""}, {"C", "x: y"}, {"D", " lead"}};
        QCOMPARE(CaptureStore::decodeHeaders(CaptureStore::encodeHeaders(headers)),
                 (HeaderList{{"A", "1"}, {"b-Mixed", ""}, {"C", "x: y"}, {"D", " lead"}}));
    }

    // ---- pages, filters, search

    void pagesNewestFirst()
    {
        CaptureStore store;
        QVERIFY(store.open(file(u"pages.sqlite"_s)));
        QList<qint64> ids;
        for (int i = 0; i < 25; ++i) {
            const QString integration = i % 3 == 0 ? u"alpha"_s : u"beta"_s;
            const Outcome::Kind kind = i % 5 == 0 ? Outcome::Kind::Error : Outcome::Kind::Message;
            ids.append(*store.append(sampleCapture(i, integration, kind)));
        }
        QCOMPARE(store.count(), 25);

        const QList<Capture> first = store.newest(10);
        QCOMPARE(first.size(), 10);
        QCOMPARE(first.first().id, ids.last());
        for (qsizetype i = 1; i < first.size(); ++i)
            QVERIFY(first[i - 1].id > first[i].id);
        QCOMPARE(store.newest(10, 20).size(), 5);
        QCOMPARE(store.newest(10, 20).first().id, ids[4]);

        // Keyset walk: every capture once, in order.
        QList<qint64> walked;
        qint64 before = 0;
        for (;;) {
            const QList<Capture> page = before ? store.olderThan(before, 7) : store.newest(7);
            if (page.isEmpty())
                break;
            for (const Capture &c : page)
                walked.append(c.id);
            before = page.last().id;
        }
        QList<qint64> expected(ids.crbegin(), ids.crend());
        QCOMPARE(walked, expected);

        const QList<Capture> newer = store.page({}, {.limit = 100, .afterId = ids[20]});
        QCOMPARE(newer.size(), 4);

        const QList<Capture> light = store.page({}, {.limit = 1, .withBodies = false});
        QVERIFY(light.first().body.isEmpty());
        QVERIFY(light.first().outcomeJson.isEmpty());
        QCOMPARE(light.first().bodySize, sampleCapture(24).bodySize);
        QCOMPARE(light.first().headers, sampleCapture().headers);
    }

    void filters()
    {
        CaptureStore store;
        QVERIFY(store.open(file(u"filters.sqlite"_s)));
        for (int i = 0; i < 12; ++i) {
            store.append(sampleCapture(i, i % 2 ? u"alpha"_s : u"beta"_s,
                                       i % 4 == 0 ? Outcome::Kind::Error : Outcome::Kind::NoOp));
        }
        QCOMPARE(store.byIntegration(u"alpha"_s, 100).size(), 6);
        QCOMPARE(store.count({.integration = u"beta"_s}), 6);
        QCOMPARE(store.byOutcome(Outcome::Kind::Error, 100).size(), 3);
        QCOMPARE(store.count({.outcomeKind = Outcome::Kind::Message}), 0);
        QCOMPARE(store.count({.integration = u"beta"_s, .outcomeKind = Outcome::Kind::Error}), 3);
        for (const Capture &c : store.byIntegration(u"alpha"_s, 100))
            QCOMPARE(c.integration, u"alpha"_s);
    }

    void textSearch()
    {
        CaptureStore store;
        QVERIFY(store.open(file(u"search.sqlite"_s)));
        Capture a = sampleCapture(1);
        a.body = R"({"title":"Deploy FAILED on prod_eu"})";
        Capture b = sampleCapture(2);
        b.headers.append(std::pair<QByteArray, QByteArray>("X-Request-Id", "abc-100%-done"));
        Capture c = sampleCapture(3, u"gamma"_s);
        store.append(a);
        store.append(b);
        store.append(c);
        QCOMPARE(store.search(u"failed on"_s, 10).size(), 1);        // body, ASCII case-insensitive
        QCOMPARE(store.search(u"abc-100%"_s, 10).size(), 1);         // header; % is literal
        QCOMPARE(store.search(u"prod_eu"_s, 10).size(), 1);          // _ is literal
        QCOMPARE(store.search(u"prodxeu"_s, 10).size(), 0);
        QCOMPARE(store.search(u"external/gamma"_s, 10).size(), 1);   // path
        QCOMPARE(store.search(u"n=2"_s, 10).size(), 1);              // query in the target
        QCOMPARE(store.count({.text = u"X-Echo-Event"_s}), 3);
        QCOMPARE(store.count({.integration = u"gamma"_s, .text = u"tail"_s}), 1);
    }

    // ---- edits

    void removeClearPin()
    {
        CaptureStore store;
        QVERIFY(store.open(file(u"edits.sqlite"_s)));
        QList<qint64> ids;
        for (int i = 0; i < 6; ++i)
            ids.append(*store.append(sampleCapture(i)));

        QVERIFY(store.remove(ids[0]));
        QVERIFY(!store.byId(ids[0]));
        QVERIFY(!store.remove(ids[0]));
        QVERIFY(!store.errorString().isEmpty());
        QCOMPARE(store.count(), 5);

        QVERIFY(store.setPinned(ids[1], true));
        QVERIFY(store.setPinned(ids[2], true));
        QVERIFY(store.setPinned(ids[2], false));
        QVERIFY(!store.setPinned(9999, true));
        QCOMPARE(store.count({.pinned = true}), 1);
        QVERIFY(store.byId(ids[1])->pinned);

        QVERIFY(store.clearUnpinned());
        QCOMPARE(store.count(), 1);
        QCOMPARE(store.newest(10).first().id, ids[1]);
        QVERIFY(store.clear());
        QCOMPARE(store.count(), 0);

        // Ids are never reused, even after clear(): a GUI may still hold the old ones.
        const auto next = store.append(sampleCapture());
        QVERIFY(next);
        QVERIFY(*next > ids.last());
    }
};

QTEST_GUILESS_MAIN(TestCaptureStore)
#include "tst_capturestore.moc"
