// SPDX-License-Identifier: MIT
// The lazy capture model and the threaded listener service the GUI is built on.
#include "capturemodel.h"
#include "capturestore.h"
#include "listenerservice.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace hb;
using namespace Qt::StringLiterals;

namespace {

Capture makeCapture(int i)
{
    Capture c;
    c.receivedAt = QDateTime::fromSecsSinceEpoch(1700000000 + i, Qt::UTC);
    c.method = "POST";
    c.path = u"/api/v1/external/"_s + (i % 2 ? u"gitea"_s : u"sentry"_s);
    c.target = c.path.toUtf8();
    c.integration = i % 2 ? u"gitea"_s : u"sentry"_s;
    c.body = "{\"n\":" + QByteArray::number(i) + '}';
    c.bodySize = c.body.size();
    c.outcomeKind = i % 3 == 0 ? Outcome::Kind::Error : Outcome::Kind::Message;
    c.httpStatus = i % 3 == 0 ? 400 : 200;
    return c;
}

void fill(const QString &path, int from, int count)
{
    CaptureStore store;
    QVERIFY(store.open(path));
    QList<Capture> batch;
    for (int i = from; i < from + count; ++i)
        batch.append(makeCapture(i));
    QVERIFY(store.appendAll(batch));
}

// Reads every cell so the model fetches all blocks, then waits until they arrived.
bool loadAll(CaptureModel &model)
{
    for (int row = 0; row < model.rowCount(); row += CaptureModel::kBlockSize)
        model.data(model.index(row, 0));
    return QTest::qWaitFor([&] {
        return model.rowCount() == 0 || model.data(model.index(model.rowCount() - 1, 0), CaptureModel::LoadedRole).toBool();
    }, 10000);
}

Outcome echo(const WebhookContext &ctx)
{
    return Message{.topic = u"t"_s, .content = ctx.payload()["text"].string()};
}

const Registry &echoRegistry()
{
    static const Registry r(QList<IntegrationEntry>{{.name = u"echo"_s, .displayName = u"Echo"_s, .categories = {u"misc"_s}, .handler = echo}});
    return r;
}

} // namespace

class TestCaptureModel : public QObject
{
    Q_OBJECT

private slots:
    void loadsLazilyNewestFirst()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(u"c.sqlite"_s);
        fill(db, 1, 1000);
        CaptureModel model(db);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy reloaded(&model, &CaptureModel::reloaded);
        QVERIFY(reloaded.wait(5000));
        QCOMPARE(model.rowCount(), 1000);
        QCOMPARE(model.columnCount(), int(CaptureModel::ColumnCount));
        // Nothing is loaded before it is asked for.
        QCOMPARE(model.data(model.index(999, 0), CaptureModel::LoadedRole).toBool(), false);
        QVERIFY(loadAll(model));
        QCOMPARE(model.idAt(0), 1000);
        QCOMPARE(model.idAt(999), 1);
        QCOMPARE(model.data(model.index(0, CaptureModel::IntegrationColumn)).toString(), u"sentry"_s);
        QCOMPARE(model.data(model.index(1, CaptureModel::IntegrationColumn)).toString(), u"gitea"_s);
        QCOMPARE(model.data(model.index(0, CaptureModel::StatusColumn)).toInt(), 200);
        QCOMPARE(model.data(model.index(0, CaptureModel::OutcomeColumn)).toString(), u"message"_s);
        QCOMPARE(model.data(model.index(1, CaptureModel::OutcomeColumn)).toString(), u"error"_s); // id 999
        QCOMPARE(model.rowOf(500), 500);
        QCOMPARE(model.rowOf(5000), -1);

        QSignalSpy fetched(&model, &CaptureModel::captureFetched);
        model.fetchCapture(42);
        QVERIFY(fetched.wait(5000));
        QCOMPARE(fetched.first().at(0).value<Capture>().body, QByteArray("{\"n\":42}"));
        QSignalSpy errors(&model, &CaptureModel::errorOccurred);
        model.fetchCapture(123456);
        QVERIFY(errors.wait(5000));
    }

    void filters()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(u"c.sqlite"_s);
        fill(db, 1, 300);
        CaptureModel model(db);
        QSignalSpy reloaded(&model, &CaptureModel::reloaded);
        QVERIFY(reloaded.wait(5000));
        model.setFilter({.integration = u"gitea"_s});
        QVERIFY(reloaded.wait(5000));
        QCOMPARE(model.rowCount(), 150);
        model.setFilter({.outcomeKind = Outcome::Kind::Error});
        QVERIFY(reloaded.wait(5000));
        QCOMPARE(model.rowCount(), 100);
        model.setFilter({.text = u"\"n\":42}"_s});
        QVERIFY(reloaded.wait(5000));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.idAt(0), 42);
    }

    void newCapturesArePrepended()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(u"c.sqlite"_s);
        fill(db, 1, 10);
        CaptureModel model(db);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy reloaded(&model, &CaptureModel::reloaded);
        QVERIFY(reloaded.wait(5000));
        fill(db, 11, 5);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        model.refreshNewer();
        QVERIFY(inserted.wait(5000));
        QCOMPARE(model.rowCount(), 15);
        QCOMPARE(model.idAt(0), 15);
        model.refreshNewer(); // nothing new: no change
        QVERIFY(!inserted.wait(300));
        QCOMPARE(model.rowCount(), 15);
    }

    void removePinClear()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(u"c.sqlite"_s);
        fill(db, 1, 20);
        CaptureModel model(db);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy reloaded(&model, &CaptureModel::reloaded);
        QVERIFY(reloaded.wait(5000));
        QVERIFY(loadAll(model));
        model.remove(7);
        QCOMPARE(model.rowCount(), 19);
        QCOMPARE(model.rowOf(7), -1);
        model.setPinned(3, true);
        QCOMPARE(model.data(model.index(model.rowOf(3), 0), CaptureModel::PinnedRole).toBool(), true);
        model.clear(true);
        QVERIFY(reloaded.wait(5000));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.idAt(0), 3);
        CaptureStore store; // the changes reached the file
        QVERIFY(store.open(db));
        QCOMPARE(store.count(), 1);
        QVERIFY(store.byId(3)->pinned);
    }

    void listenerServiceRunsOffThread()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(u"l.sqlite"_s);
        ListenerService service(echoRegistry(), db);
        QSignalSpy states(&service, &ListenerService::stateChanged);
        QSignalSpy stored(&service, &ListenerService::captureStored);
        service.start({.port = 0});
        QVERIFY(QTest::qWaitFor([&] { return service.state() == ListenerService::State::Listening; }, 5000));
        const QUrl url(service.url());
        QVERIFY(url.port() > 0);

        QTcpSocket socket;
        socket.connectToHost(url.host(), quint16(url.port()));
        QVERIFY(socket.waitForConnected(5000));
        const QByteArray body = "{\"text\":\"hello\"}";
        socket.write("POST /api/v1/external/echo?stream=s HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                     + QByteArray::number(body.size()) + "\r\n\r\n" + body);
        QVERIFY(stored.wait(5000));
        const auto summary = stored.first().at(1).value<CaptureSummary>();
        QCOMPARE(summary.integration, u"echo"_s);
        QCOMPARE(summary.httpStatus, 200);
        QVERIFY(QTest::qWaitFor([&] { return socket.bytesAvailable() > 0 || socket.waitForReadyRead(100); }, 5000));
        QVERIFY(socket.readAll().startsWith("HTTP/1.1 200"));

        service.stop();
        QVERIFY(QTest::qWaitFor([&] { return service.state() == ListenerService::State::Stopped; }, 8000));
        QVERIFY(states.size() >= 4); // starting, listening, stopping, stopped

        // A second service on a taken port reports the error and stays stopped.
        ListenerService first(echoRegistry(), db);
        first.start({.port = 0});
        QVERIFY(QTest::qWaitFor([&] { return first.state() == ListenerService::State::Listening; }, 5000));
        ListenerService second(echoRegistry(), db);
        QSignalSpy errors(&second, &ListenerService::errorOccurred);
        second.start({.port = quint16(QUrl(first.url()).port())});
        QVERIFY(errors.wait(5000));
        QCOMPARE(second.state(), ListenerService::State::Stopped);
    }
};

QTEST_GUILESS_MAIN(TestCaptureModel)
#include "tst_capturemodel.moc"
