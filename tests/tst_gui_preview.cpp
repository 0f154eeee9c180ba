// SPDX-License-Identifier: MIT
// Live preview: a fixture opened in the editor shows its message, a verdict against the case, a
// diff when it differs, handler errors in place, and nothing is loaded from the network.
#include "codeeditor.h"
#include "fixtureeditorpane.h"
#include "mainwindow.h"
#include "previewpane.h"
#include "registry.h"
#include "workbench.h"

#include <QDir>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace hb;
using namespace hb::gui;
using namespace Qt::StringLiterals;

namespace {

bool copyTree(const QString &from, const QString &to)
{
    QDir().mkpath(to);
    for (const QString &f : QDir(from).entryList(QDir::Files)) {
        if (!QFile::copy(from + u'/' + f, to + u'/' + f))
            return false;
    }
    return true;
}

} // namespace

class TestGuiPreview : public QObject
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

    void lineDiffMarksChanges()
    {
        QCOMPARE(lineDiff(u"a\nb\nc"_s, u"a\nx\nc"_s), u"  a\n- b\n+ x\n  c"_s);
        QCOMPARE(lineDiff(u"same"_s, u"same"_s), u"  same"_s);
    }

    void fixturePreviewAndVerdict()
    {
        QTemporaryDir dir;
        QVERIFY(copyTree(QStringLiteral(HOOKBENCH_SOURCE_DIR "/fixtures/gitea"), dir.filePath(u"fixtures/gitea"_s)));
        Workbench wb(builtinRegistry(), dir.filePath(u"c.sqlite"_s), dir.filePath(u"fixtures"_s));
        MainWindow window(wb);
        auto *editor = window.findChild<FixtureEditorPane *>();
        auto *preview = window.findChild<PreviewPane *>();
        QSignalSpy rendered(preview, &PreviewPane::rendered);

        wb.setCurrentIntegration(u"gitea"_s);
        QVERIFY(editor->openFixture(u"push__3_commits.json"_s, 0));
        QVERIFY(rendered.wait(5000));
        QVERIFY2(preview->verdict().startsWith(u"✓"_s), qPrintable(preview->verdict()));
        QVERIFY(preview->plainText().contains(u"tidewater / feed-v2"_s));
        QVERIFY(preview->plainText().contains(u"Parse harbour codes from the new feed"_s));
        QVERIFY(preview->diffText().isEmpty());

        // Editing the branch changes the topic: the verdict fails and the diff shows the line.
        QString text = editor->editor()->toPlainText();
        text.replace(u"refs/heads/feed-v2"_s, u"refs/heads/feed-v3"_s);
        editor->editor()->setPlainText(text);
        QVERIFY(rendered.wait(5000));
        QVERIFY2(preview->verdict().startsWith(u"✗"_s), qPrintable(preview->verdict()));
        QVERIFY2(preview->diffText().contains(u"- tidewater / feed-v2"_s), qPrintable(preview->verdict() + u'\n' + preview->diffText()));
        QVERIFY(preview->diffText().contains(u"+ tidewater / feed-v3"_s));

        // Invalid JSON: the handler's error is shown in place.
        editor->editor()->setPlainText(u"{\"ref\": "_s);
        QVERIFY(rendered.wait(5000));
        QVERIFY2(preview->plainText().contains(u"Malformed JSON"_s), qPrintable(preview->plainText()));
        QVERIFY(preview->blockedResources().isEmpty());
    }

    void previewLoadsNothingRemote()
    {
        QTemporaryDir dir;
        Workbench wb(builtinRegistry(), dir.filePath(u"c.sqlite"_s), dir.path());
        PreviewPane preview(wb);
        QSignalSpy rendered(&preview, &PreviewPane::rendered);
        WebhookRequest r;
        r.path = u"/api/v1/external/grafana"_s;
        r.query = {{u"stream"_s, u"s"_s}};
        // A legacy Grafana alert whose image URL the content links to.
        r.body = "{\"title\":\"[Alerting] CPU\",\"ruleName\":\"CPU\",\"state\":\"alerting\",\"message\":\"hot\","
                 "\"ruleUrl\":\"https://grafana.example.net/d/x\",\"imageUrl\":\"https://images.example.net/cpu.png\","
                 "\"evalMatches\":[]}";
        preview.preview(r, std::nullopt, std::nullopt);
        QVERIFY(rendered.wait(5000));
        QVERIFY2(preview.plainText().contains(u"CPU"_s), qPrintable(preview.plainText()));
        // The view replaced the image by a placeholder: the browser was never even asked for a remote URL.
        for (const QString &url : preview.blockedResources())
            QVERIFY2(!url.startsWith(u"http"_s), qPrintable(url));
    }
};

QTEST_MAIN(TestGuiPreview)
#include "tst_gui_preview.moc"
