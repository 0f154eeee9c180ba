// SPDX-License-Identifier: MIT
// 100,000 stored captures: the captures view gets every row, scrolls to the end, and the rows it
// shows there load. No timing here: `hookbench bench gui` measures.
#include "capturespane.h"
#include "registry.h"
#include "workbench.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace hb;
using namespace hb::gui;
using namespace Qt::StringLiterals;

namespace {

constexpr int kCaptures = 100000;
constexpr int kBatch = 5000;

// Capture n, 0 being the oldest: small, but shaped like what the listener stores.
Capture makeCapture(int n)
{
    static const QString kIntegrations[] = {u"sentry"_s, u"gitea"_s, u"grafana"_s};
    Capture c;
    c.integration = kIntegrations[n % 3];
    c.receivedAt = QDateTime(QDate(2026, 3, 14), QTime(9, 0), Qt::UTC).addSecs(n * 3);
    c.method = "POST";
    c.path = u"/api/v1/external/"_s + c.integration;
    c.query = "api_key=k&stream=ops";
    c.target = c.path.toLatin1() + '?' + c.query;
    c.headers = {{"Host", "127.0.0.1:9991"}, {"Content-Type", "application/json"}};
    c.body = "{\"sequence\":" + QByteArray::number(n) + ",\"state\":\"firing\"}";
    c.bodySize = c.body.size();
    c.remoteAddress = u"127.0.0.1"_s;
    c.outcomeKind = n % 10 == 0 ? Outcome::Kind::Error : Outcome::Kind::Message;
    c.httpStatus = n % 10 == 0 ? 400 : 200;
    c.responseBody = "{\"result\":\"success\",\"msg\":\"\"}";
    return c;
}

bool fetchedRow(const QSignalSpy &spy, int row)
{
    for (const QList<QVariant> &args : spy) {
        if (args.at(0).toInt() <= row && row <= args.at(1).toInt())
            return true;
    }
    return false;
}

} // namespace

class TestGuiBigStore : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(u"hookbench-tests"_s);
        QVERIFY(m_dir.isValid());
        CaptureStore store;
        QVERIFY2(store.open(storePath()), qPrintable(store.errorString()));
        QList<Capture> batch;
        for (int first = 0; first < kCaptures; first += kBatch) {
            batch.clear();
            for (int n = first; n < first + kBatch; ++n)
                batch.append(makeCapture(n));
            QVERIFY2(store.appendAll(batch), qPrintable(store.errorString()));
        }
    }

    void loadsAndScrollsToTheEnd()
    {
        Workbench wb(builtinRegistry(), storePath(), QStringLiteral(HOOKBENCH_SOURCE_DIR "/fixtures"));
        CaptureModel &model = wb.captures();
        QSignalSpy fetched(&model, &CaptureModel::rowsFetched);
        CapturesPane pane(wb);
        pane.resize(1000, 600);
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
        QVERIFY(QTest::qWaitFor([&] { return model.rowCount() == kCaptures; }, 20000));
        QTableView *view = pane.view();
        QCOMPARE(view->model()->rowCount(), kCaptures);

        // The view asks for the rows it shows: first the newest...
        QVERIFY(QTest::qWaitFor([&] { return fetchedRow(fetched, 0); }, 20000));
        QCOMPARE(view->model()->index(0, CaptureModel::PathColumn).data().toString(), u"/api/v1/external/sentry"_s);
        QCOMPARE(view->model()->index(0, CaptureModel::StatusColumn).data().toInt(), 200); // capture 99,999

        // ...then, at the end, the oldest, which no one asked for before.
        const int last = kCaptures - 1;
        QVERIFY(!fetchedRow(fetched, last));
        view->scrollToBottom();
        QVERIFY(QTest::qWaitFor([&] { return fetchedRow(fetched, last); }, 20000));
        const QModelIndex lastPath = view->model()->index(last, CaptureModel::PathColumn);
        QVERIFY(lastPath.data(CaptureModel::LoadedRole).toBool());
        QVERIFY(view->viewport()->rect().intersects(view->visualRect(lastPath)));
        QCOMPARE(lastPath.data().toString(), u"/api/v1/external/sentry"_s);
        QCOMPARE(lastPath.data(CaptureModel::IdRole).toLongLong(), model.idAt(last));
        QCOMPARE(view->model()->index(last, CaptureModel::StatusColumn).data().toInt(), 400); // capture 0
        QCOMPARE(view->model()->index(last, CaptureModel::OutcomeColumn).data().toString(), u"error"_s);
    }

private:
    QString storePath() const { return m_dir.filePath(u"captures.sqlite"_s); }

    QTemporaryDir m_dir;
};

QTEST_MAIN(TestGuiBigStore)
#include "tst_gui_bigstore.moc"
