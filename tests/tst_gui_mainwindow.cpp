// SPDX-License-Identifier: MIT
// The window's main flows, offscreen: integrations list, live captures from a real POST, URL builder, case runs.
#include "caseresultsdialog.h"
#include "json.h"
#include "casefile.h"
#include "previewpane.h"
#include "fixtureeditorpane.h"
#include "capturespane.h"
#include "integrationspane.h"
#include "mainwindow.h"
#include "registry.h"
#include "urlbuilderdialog.h"
#include "workbench.h"

#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QListWidget>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace hb;
using namespace hb::gui;
using namespace Qt::StringLiterals;

namespace {

const QString kFixtures = QStringLiteral(HOOKBENCH_SOURCE_DIR "/fixtures");

QByteArray post(quint16 port, const QByteArray &target, const QByteArray &headers, const QByteArray &body)
{
    QTcpSocket s;
    s.connectToHost(u"127.0.0.1"_s, port);
    if (!s.waitForConnected(5000))
        return {};
    s.write("POST " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" + headers + "Content-Length: "
            + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    QByteArray answer;
    (void)QTest::qWaitFor([&] {
        answer += s.readAll();
        return s.state() == QAbstractSocket::UnconnectedState || answer.contains("\r\n\r\n{");
    }, 5000);
    return answer;
}

} // namespace

class TestGuiMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(u"hookbench-tests"_s);
    }
    void init()
    {
        QSettings().clear(); // each test starts from the defaults, whatever an earlier run saved
    }

    void integrationsListAndSelection()
    {
        QTemporaryDir dir;
        Workbench wb(builtinRegistry(), dir.filePath(u"c.sqlite"_s), kFixtures);
        MainWindow window(wb);
        auto *pane = window.findChild<IntegrationsPane *>();
        QVERIFY(pane);
        auto *view = pane->findChild<QTreeView *>();
        QCOMPARE(view->model()->rowCount(), int(builtinRegistry().entries().size()));
        auto *filter = pane->findChild<QLineEdit *>();
        QStringList versionControl; // what the category filter must keep, in the registry's order
        for (const IntegrationEntry &e : builtinRegistry().entries()) {
            if (e.categories.contains(u"version-control"_s))
                versionControl.append(e.name);
        }
        QVERIFY(versionControl.size() >= 2);
        QVERIFY(versionControl.size() < builtinRegistry().entries().size());
        filter->setText(u"version control"_s); // by category
        QCOMPARE(view->model()->rowCount(), int(versionControl.size()));
        QSignalSpy changed(&wb, &Workbench::currentIntegrationChanged);
        view->setCurrentIndex(view->model()->index(0, 0));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(wb.currentIntegration()->name, versionControl.first());
    }

    // After Approve writes cases.json, the fixture editor shows the case as it is now on disk.
    void approvedCaseReloadsTheEditor()
    {
        QTemporaryDir dir;
        const QString fixtures = dir.filePath(u"fixtures"_s);
        QVERIFY(QDir().mkpath(fixtures + u"/insping"_s));
        for (const QString &f : QDir(kFixtures + u"/insping"_s).entryList(QDir::Files))
            QVERIFY(QFile::copy(kFixtures + u"/insping/"_s + f, fixtures + u"/insping/"_s + f));
        Workbench wb(builtinRegistry(), dir.filePath(u"c.sqlite"_s), fixtures);
        MainWindow window(wb);
        QString error;
        const auto suite = loadCaseSuite(fixtures + u"/insping/cases.json"_s, &error);
        QVERIFY2(suite, qPrintable(error));
        qsizetype index = -1;
        for (qsizetype i = 0; i < suite->cases.size() && index < 0; ++i) {
            if (suite->cases[i].expect == u"message" && !suite->cases[i].fixture.isEmpty())
                index = i;
        }
        QVERIFY(index >= 0);
        const TestCase &test = suite->cases[index];
        QVERIFY(window.openFixture(u"insping"_s, test.fixture));
        auto *editor = window.findChild<FixtureEditorPane *>();
        QCOMPARE(editor->currentCase()->name, test.name);

        // What an approval does to the file: the expected topic changes on disk.
        QFile file(fixtures + u"/insping/cases.json"_s);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QByteArray json = file.readAll();
        file.close();
        const QByteArray oldTopic = jsonQuote(test.expectedMessages.at(0).topic);
        QVERIFY(json.contains(oldTopic));
        json.replace(oldTopic, "\"approved topic\"");
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(json);
        file.close();

        emit window.findChild<PreviewPane *>()->caseApproved(u"insping"_s, test.fixture, test.name);
        QCOMPARE(editor->currentFixture(), test.fixture);
        QCOMPARE(editor->currentCase()->name, test.name);
        QCOMPARE(editor->currentCase()->expectedMessages.at(0).topic, u"approved topic"_s);
    }

    void postMakesARowAppear()
    {
        QTemporaryDir dir;
        Workbench wb(builtinRegistry(), dir.filePath(u"c.sqlite"_s), kFixtures);
        ListenerConfig config = wb.listenerConfig();
        config.port = 0;
        wb.setListenerConfig(config);
        MainWindow window(wb);
        auto *table = window.findChild<CapturesPane *>()->view();
        wb.startListener();
        QVERIFY(QTest::qWaitFor([&] { return wb.listener().state() == ListenerService::State::Listening; }, 5000));
        const quint16 port = quint16(QUrl(wb.listener().url()).port());
        const QByteArray answer = post(port, "/api/v1/external/sentry?stream=s", "Content-Type: application/json\r\n", "{not json");
        QVERIFY2(answer.contains("Malformed JSON"), answer.constData());
        QVERIFY(QTest::qWaitFor([&] { return table->model()->rowCount() == 1; }, 5000));
        QVERIFY(QTest::qWaitFor([&] {
            return table->model()->index(0, CaptureModel::IntegrationColumn).data().toString() == u"sentry"_s;
        }, 5000));
        QCOMPARE(table->model()->index(0, CaptureModel::StatusColumn).data().toInt(), 400);
        QCOMPARE(table->model()->index(0, CaptureModel::OutcomeColumn).data().toString(), u"error"_s);
        wb.stopListener();
        QVERIFY(QTest::qWaitFor([&] { return wb.listener().state() == ListenerService::State::Stopped; }, 8000));
    }

    void urlBuilder()
    {
        QTemporaryDir dir;
        Workbench wb(builtinRegistry(), dir.filePath(u"c.sqlite"_s), kFixtures);
        ListenerConfig config = wb.listenerConfig();
        config.port = 9991;
        config.apiKey = u"abc"_s;
        wb.setListenerConfig(config);
        UrlBuilderDialog dialog(wb, *builtinRegistry().find(u"gitea"), nullptr);
        QCOMPARE(dialog.url(), u"http://127.0.0.1:9991/api/v1/external/gitea?api_key=abc&stream=gitea"_s);
        const auto edits = dialog.findChildren<QLineEdit *>();
        edits[0]->setText(u"commits"_s); // channel
        const auto boxes = dialog.findChildren<QCheckBox *>();
        boxes[0]->setChecked(true);      // single topic
        edits[1]->setText(u"all pushes"_s);
        boxes[1]->setChecked(true);      // filter events
        auto *events = dialog.findChild<QListWidget *>();
        QVERIFY(events->count() > 0);
        for (int i = 0; i < events->count(); ++i) {
            if (events->item(i)->text() == u"push"_s)
                events->item(i)->setCheckState(Qt::Checked);
        }
        QCOMPARE(dialog.url(), u"http://127.0.0.1:9991/api/v1/external/gitea?api_key=abc&stream=commits&topic=all%20pushes&only_events=%5B%22push%22%5D"_s);
    }

    void runCasesUpdatesTheList()
    {
        QTemporaryDir dir;
        Workbench wb(builtinRegistry(), dir.filePath(u"c.sqlite"_s), kFixtures);
        QSignalSpy results(&wb, &Workbench::caseResultsChanged);
        CaseResultsDialog dialog(wb);
        dialog.run({u"gitea"_s, u"gogs"_s});
        QVERIFY(QTest::qWaitFor([&] { return !dialog.isRunning(); }, 10000));
        QCOMPARE(results.size(), 2);
        for (const auto &r : results) {
            QVERIFY(r.at(2).toInt() > 0);
            QCOMPARE(r.at(1).toInt(), r.at(2).toInt()); // every case passes
        }
    }
};

QTEST_MAIN(TestGuiMainWindow)
#include "tst_gui_mainwindow.moc"
