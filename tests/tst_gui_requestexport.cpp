// SPDX-License-Identifier: MIT
// The window's exports (Copy as curl, Export as HAR…, Export message as HTML…): the captures pane's
// actions follow the selection, and the exporter writes what the core export gives.
#include "capturereplay.h"
#include "capturespane.h"
#include "capturestore.h"
#include "fixtureeditorpane.h"
#include "registry.h"
#include "requestexport.h"
#include "requestexporter.h"
#include "workbench.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace hb;
using namespace hb::gui;
using namespace Qt::StringLiterals;

namespace {

Capture dispatched(const QByteArray &body, const QByteArray &contentType)
{
    Capture c;
    c.receivedAt = QDateTime(QDate(2026, 5, 4), QTime(10, 0, 0, 5), Qt::UTC);
    c.method = "POST";
    c.target = "/api/v1/external/gitea?stream=ops";
    c.path = u"/api/v1/external/gitea"_s;
    c.query = "stream=ops";
    c.integration = u"gitea"_s;
    c.headers = {{"Host", "127.0.0.1:9991"}, {"Content-Type", contentType}, {"X-Gitea-Event", "push"}};
    c.body = body;
    c.bodySize = body.size();
    c.remoteAddress = u"127.0.0.1"_s;
    const Outcome o = replayCapture(builtinRegistry(), c, {});
    c.outcomeKind = o.kind();
    c.httpStatus = o.httpStatus();
    c.outcomeJson = o.toJson();
    c.responseBody = o.httpBody();
    return c;
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestGuiRequestExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.filePath(u"settings"_s));
        CaptureStore store;
        QVERIFY(store.open(m_dir.filePath(u"captures.sqlite"_s)));
        m_text = dispatched("{\"ref\": \"<b>it's</b>\"}", "application/json");
        m_binary = dispatched(QByteArray("\xff\x00\x01", 3), "application/octet-stream");
        m_text.id = store.append(m_text).value_or(0);
        m_binary.id = store.append(m_binary).value_or(0);
        QVERIFY(m_text.id > 0 && m_binary.id > 0);
        m_workbench = std::make_unique<Workbench>(builtinRegistry(), m_dir.filePath(u"captures.sqlite"_s),
                                                  QStringLiteral(HOOKBENCH_SOURCE_DIR "/fixtures"));
        m_pane = std::make_unique<CapturesPane>(*m_workbench);
        m_pane->resize(900, 400);
        m_pane->show();
        QTRY_COMPARE(m_pane->view()->model()->rowCount(), 2);
    }

    void cleanupTestCase()
    {
        m_pane.reset();
        m_workbench.reset();
    }

    void init()
    {
        QSettings().clear();
    }

    void actionsFollowTheSelection()
    {
        const QList<QAction *> actions = m_pane->exportActions();
        QCOMPARE(actions.size(), 3);
        m_pane->view()->clearSelection();
        for (QAction *a : actions)
            QVERIFY(!a->isEnabled());
        m_pane->view()->selectRow(0);
        for (QAction *a : actions) {
            QVERIFY(a->isEnabled());
            QVERIFY(!a->shortcut().isEmpty());
        }
    }

    void copyAsCurl()
    {
        RequestExporter *exporter = m_pane->exporter();
        QSignalSpy finished(exporter, &RequestExporter::finished);
        exporter->copyAsCurl(m_text, {});
        QCOMPARE(finished.size(), 1);
        QVERIFY(finished.first().at(0).toBool());
        QCOMPARE(QGuiApplication::clipboard()->text(), curlCommand(m_text).command);

        // A binary body needs its file: refused without one, written with one.
        QGuiApplication::clipboard()->clear();
        exporter->copyAsCurl(m_binary, {});
        QCOMPARE(finished.size(), 2);
        QVERIFY(!finished.last().at(0).toBool());
        QVERIFY(QGuiApplication::clipboard()->text().isEmpty());
        const QString bodyFile = m_dir.filePath(u"b.body"_s);
        exporter->copyAsCurl(m_binary, bodyFile);
        QVERIFY(finished.last().at(0).toBool());
        QCOMPARE(readFile(bodyFile), m_binary.body);
        QVERIFY(QGuiApplication::clipboard()->text().contains(u"--data-binary @"_s + bodyFile));
    }

    void harOfSeveralCaptures()
    {
        QSignalSpy finished(m_pane->exporter(), &RequestExporter::finished);
        const QString path = m_dir.filePath(u"two.har"_s);
        m_pane->exporter()->writeHar({m_text.id, m_binary.id}, path);
        QVERIFY(finished.wait(10000));
        QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
        QString error;
        const auto captures = importHar(readFile(path), &error);
        QVERIFY2(captures, qPrintable(error));
        QCOMPARE(captures->size(), 2);
        QCOMPARE(captures->at(0).id, m_text.id);
        QCOMPARE(captures->at(0).body, m_text.body);
        QCOMPARE(captures->at(1).body, m_binary.body);
        const auto stored = outcomeFromJson(m_binary.outcomeJson), exported = outcomeFromJson(captures->at(1).outcomeJson);
        QVERIFY(stored && exported);
        QVERIFY(sameOutcome(*stored, *exported));
    }

    void htmlOfACapture()
    {
        QSignalSpy finished(m_pane->exporter(), &RequestExporter::finished);
        const QString path = m_dir.filePath(u"m.html"_s);
        m_pane->exporter()->writeCaptureHtml(m_text.id, path, ViewTheme::Dark);
        QVERIFY(finished.wait(10000));
        QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
        QString error;
        QCOMPARE(QString::fromUtf8(readFile(path)), *messageHtml(builtinRegistry(), m_text, ViewTheme::Dark, &error));

        // A capture that is gone is reported, not written.
        m_pane->exporter()->writeCaptureHtml(999999, m_dir.filePath(u"none.html"_s), ViewTheme::Light);
        QVERIFY(finished.wait(10000));
        QVERIFY(!finished.last().at(0).toBool());
        QVERIFY(!QFile::exists(m_dir.filePath(u"none.html"_s)));
    }

    // The fixture editor's request: sent as its case sends it, with the case's clock.
    void fixtureOfTheEditor()
    {
        FixtureEditorPane editor(*m_workbench);
        QString error;
        QVERIFY(!RequestExporter::fixtureCapture(builtinRegistry(), editor, &error));
        QVERIFY(!error.isEmpty());
        m_workbench->setCurrentIntegration(u"gitea"_s);
        QVERIFY(editor.openFixture(u"push__3_commits.json"_s));
        const auto fromEditor = RequestExporter::fixtureCapture(builtinRegistry(), editor, &error);
        QVERIFY2(fromEditor, qPrintable(error));
        const auto fromFile = captureFromFixture(builtinRegistry(), QStringLiteral(HOOKBENCH_SOURCE_DIR "/fixtures/gitea/push__3_commits.json"),
                                                 u"gitea"_s, {}, &error);
        QVERIFY2(fromFile, qPrintable(error));
        QCOMPARE(fromEditor->outcomeKind, Outcome::Kind::Message);
        QCOMPARE(fromEditor->outcomeJson, fromFile->outcomeJson);
        QCOMPARE(fromEditor->target, fromFile->target);
        QCOMPARE(fromEditor->body, fromFile->body);
        QCOMPARE(curlCommand(*fromEditor).command, curlCommand(*fromFile).command);
        m_workbench->setCurrentIntegration(QString());
    }

private:
    QTemporaryDir m_dir;
    Capture m_text, m_binary;
    std::unique_ptr<Workbench> m_workbench;
    std::unique_ptr<CapturesPane> m_pane;
};

QTEST_MAIN(TestGuiRequestExport)
#include "tst_gui_requestexport.moc"
