// SPDX-License-Identifier: MIT
// Documentation screenshots: the message view drawn to 001.png and 001.svg, the fixture it shows
// (registry field, else the first message case), `hookbench screenshot`, the doc pane showing the
// picture, and the window's "Make screenshot" / "Export to Zulip" steps.
#include "docpane.h"
#include "messagescreenshot.h"
#include "registry.h"
#include "screenshotcase.h"
#include "screenshotcommand.h"
#include "workbench.h"
#include "zulipexportactions.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPainter>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>

using namespace hb;
using namespace hb::gui;
using namespace Qt::StringLiterals;

namespace {

const QString kFixtures = QStringLiteral(HOOKBENCH_SOURCE_DIR "/fixtures");

bool copyTree(const QString &from, const QString &to)
{
    QDir().mkpath(to);
    for (const QString &f : QDir(from).entryList(QDir::Files)) {
        if (!QFile::copy(from + u'/' + f, to + u'/' + f))
            return false;
    }
    return true;
}

int distinctColours(const QImage &image)
{
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 2) {
        for (int x = 0; x < image.width(); x += 2)
            colours.insert(image.pixel(x, y));
    }
    return int(colours.size());
}

} // namespace

class TestGuiScreenshot : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(u"hookbench-tests"_s);
    }
    void init() { QSettings().clear(); }

    void choosesTheFixture()
    {
        const IntegrationEntry gitea = *builtinRegistry().find(u"gitea");
        QString error;
        const auto suite = loadCaseSuite(kFixtures + u"/gitea/cases.json"_s, &error);
        QVERIFY2(suite, qPrintable(error));
        // No registry field: the first message case's fixture.
        QString firstMessage;
        for (const TestCase &t : suite->cases) {
            if (t.expect == u"message" && !t.fixture.isEmpty()) {
                firstMessage = t.fixture;
                break;
            }
        }
        QCOMPARE(defaultScreenshotFixture(gitea, suite), firstMessage);
        auto shot = findScreenshotCase(builtinRegistry(), gitea, kFixtures, {}, &error);
        QVERIFY2(shot, qPrintable(error));
        QCOMPARE(shot->fixture, firstMessage);
        QVERIFY(shot->outcome.isMessage());
        // The registry's field wins; a fixture may be named without its extension.
        IntegrationEntry chosen = gitea;
        chosen.screenshotFixture = u"issues__opened.json"_s;
        QCOMPARE(defaultScreenshotFixture(chosen, suite), u"issues__opened.json"_s);
        shot = findScreenshotCase(builtinRegistry(), chosen, kFixtures, {}, &error);
        QVERIFY2(shot, qPrintable(error));
        QCOMPARE(shot->fixture, u"issues__opened.json"_s);
        shot = findScreenshotCase(builtinRegistry(), gitea, kFixtures, u"release__published"_s, &error);
        QVERIFY2(shot, qPrintable(error));
        QCOMPARE(shot->fixture, u"release__published.json"_s);
        // Refused: unknown fixtures, fixtures of no-op cases only, unsafe names.
        QVERIFY(!findScreenshotCase(builtinRegistry(), gitea, kFixtures, u"nothing.json"_s, &error));
        QVERIFY(!findScreenshotCase(builtinRegistry(), gitea, kFixtures, u"fork.json"_s, &error));
        QVERIFY(!findScreenshotCase(builtinRegistry(), gitea, kFixtures, u"../gitea/fork.json"_s, &error));
    }

    void drawsPngAndSvg()
    {
        const IntegrationEntry &gitea = *builtinRegistry().find(u"gitea");
        QString error;
        const auto shot = findScreenshotCase(builtinRegistry(), gitea, kFixtures, {}, &error);
        QVERIFY2(shot, qPrintable(error));
        const MessageScreenshot screenshot(gitea, shot->outcome, shot->time);
        const QImage image = screenshot.image();
        QCOMPARE(image.width(), 760);
        QVERIFY2(image.height() > 80 && image.height() < 1500, qPrintable(QString::number(image.height())));
        QVERIFY(distinctColours(image) > 20); // text, the recipient bar and the logo, not a blank page
        // The top left is the recipient bar, not the page background.
        QVERIFY(image.pixel(16, 16) != image.pixel(image.width() - 5, image.height() - 3));

        const QByteArray svg = screenshot.svg();
        QVERIFY(svg.contains("<svg"));
        QVERIFY(svg.contains("<title>Gitea message</title>"));
        QSvgRenderer renderer(svg);
        QVERIFY(renderer.isValid());
        QCOMPARE(renderer.viewBox().size(), image.size());
        // Drawn back, the SVG is the same picture (anti-aliasing aside).
        QImage fromSvg(image.size(), QImage::Format_ARGB32);
        fromSvg.fill(Qt::white);
        QPainter painter(&fromSvg);
        renderer.render(&painter);
        painter.end();
        int differing = 0;
        for (int y = 0; y < image.height(); ++y) {
            for (int x = 0; x < image.width(); ++x)
                differing += std::abs(qGray(image.pixel(x, y)) - qGray(fromSvg.pixel(x, y))) > 60;
        }
        QVERIFY2(differing < image.width() * image.height() / 20, qPrintable(QString::number(differing)));

        QTemporaryDir dir;
        QStringList written;
        QVERIFY2(screenshot.write(dir.filePath(u"out"_s), &written, &error), qPrintable(error));
        QCOMPARE(written, (QStringList{dir.filePath(u"out/001.png"_s), dir.filePath(u"out/001.svg"_s)}));
        QImage png(dir.filePath(u"out/001.png"_s));
        QCOMPARE(png.size(), image.size());
        QVERIFY(QFileInfo(dir.filePath(u"out/001.png"_s)).size() > 4000);
        QVERIFY(QSvgRenderer(dir.filePath(u"out/001.svg"_s)).isValid());
    }

    void commandLine()
    {
        QTemporaryDir dir;
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
        env.insert(u"HOOKBENCH_FIXTURES"_s, kFixtures);
        p.setProcessEnvironment(env);
        const auto run = [&](const QStringList &args) {
            p.start(QStringLiteral(HOOKBENCH_BINARY), args);
            p.waitForFinished(60000);
            return p.exitCode();
        };
        QCOMPARE(run({u"screenshot"_s, u"wordpress"_s, u"--out"_s, dir.path()}), 0);
        const QString out = QString::fromUtf8(p.readAllStandardOutput());
        QVERIFY2(out.contains(u"001.png"_s) && out.contains(u"publish_post.txt"_s), qPrintable(out));
        QVERIFY(!QImage(dir.filePath(u"001.png"_s)).isNull());
        QVERIFY(QSvgRenderer(dir.filePath(u"001.svg"_s)).isValid());
        QCOMPARE(run({u"screenshot"_s, u"gitea"_s, u"nothing.json"_s, u"--out"_s, dir.path()}), 1);
        QVERIFY(p.readAllStandardError().contains("nothing.json"));
        QCOMPARE(run({u"screenshot"_s, u"../gitea"_s, u"--out"_s, dir.path()}), 2);
        QCOMPARE(run({u"screenshot"_s, u"nosuchthing"_s}), 2);
        // The registry listing says which fixture each screenshot shows.
        QCOMPARE(run({u"integrations"_s, u"--format"_s, u"json"_s}), 0);
        const QJsonArray list = QJsonDocument::fromJson(p.readAllStandardOutput()).array();
        QVERIFY(list.size() > 40);
        int withScreenshot = 0;
        for (const QJsonValue &e : list) {
            QVERIFY(e.toObject().contains(u"screenshot"_s));
            withScreenshot += e[u"screenshot"_s].isString();
            if (e[u"name"_s].toString() == u"gitea")
                QCOMPARE(e[u"screenshot"_s].toString(), u"push__3_commits.json"_s);
        }
        QVERIFY(withScreenshot > 40);
    }

    void windowMakesScreenshotAndDocPaneShowsIt()
    {
        QTemporaryDir dir;
        QVERIFY(copyTree(kFixtures + u"/gitea"_s, dir.filePath(u"fixtures/gitea"_s)));
        Workbench wb(builtinRegistry(), dir.filePath(u"c.sqlite"_s), dir.filePath(u"fixtures"_s));
        QWidget parent;
        DocPane docs(wb);
        ZulipExportActions actions(wb, &parent);
        connect(&actions, &ZulipExportActions::screenshotMade, &docs, &DocPane::refresh);
        QVERIFY(!actions.screenshotAction()->isEnabled());
        wb.setCurrentIntegration(u"gitea"_s);
        QVERIFY(actions.screenshotAction()->isEnabled());
        QVERIFY(!actions.screenshotAction()->shortcut().isEmpty());
        QVERIFY(docs.screenshotPath().isEmpty());

        QSignalSpy made(&actions, &ZulipExportActions::screenshotMade);
        QString report;
        QVERIFY2(actions.makeScreenshot(&report), qPrintable(report));
        QCOMPARE(made.size(), 1);
        const QString png = dir.filePath(u"integrations/gitea/001.png"_s);
        QVERIFY(QFileInfo::exists(png));
        QVERIFY(QFileInfo::exists(dir.filePath(u"integrations/gitea/001.svg"_s)));
        QCOMPARE(QFileInfo(docs.screenshotPath()).canonicalFilePath(), QFileInfo(png).canonicalFilePath());
        QVERIFY(docs.documentHtml().contains(u"001.png"_s));

        // The export takes the screenshot along, and keeps what it would replace unless forced.
        QDir().mkpath(dir.filePath(u"zulip"_s));
        QVERIFY2(actions.exportTo(dir.filePath(u"zulip"_s), false, &report), qPrintable(report));
        QVERIFY(QFileInfo::exists(dir.filePath(u"zulip/static/images/integrations/gitea/001.png"_s)));
        QVERIFY(QFileInfo::exists(dir.filePath(u"zulip/zerver/webhooks/gitea/tests.py"_s)));
        QFile edited(dir.filePath(u"zulip/zerver/webhooks/gitea/doc.md"_s));
        QVERIFY(edited.open(QIODevice::WriteOnly));
        edited.write("mine\n");
        edited.close();
        QStringList conflicts;
        QVERIFY(actions.exportTo(dir.filePath(u"zulip"_s), false, &report, &conflicts));
        QCOMPARE(conflicts, QStringList{u"zerver/webhooks/gitea/doc.md"_s});
        QVERIFY(edited.open(QIODevice::ReadOnly));
        QCOMPARE(edited.readAll(), QByteArray("mine\n"));
    }
};

QTEST_MAIN(TestGuiScreenshot)
#include "tst_gui_screenshot.moc"
