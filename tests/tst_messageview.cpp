// SPDX-License-Identifier: MIT
// The message view (app/core/messageview.h): what it shows in a QTextBrowser for our fixtures, in
// both themes, and its safety rules. With HOOKBENCH_SCREENSHOT_DIR set, it saves the screenshots
// in docs/ there (scripts/screenshots).
#include "casefile.h"
#include "messageview.h"
#include "registry.h"

#include <QDir>
#include <QElapsedTimer>
#include <QPalette>
#include <QRegularExpression>
#include <QTest>
#include <QTextBrowser>
#include <QUrl>

using namespace hb;
using namespace Qt::StringLiterals;

namespace {

// Records every resource the document asks for, so that a test can prove nothing remote was.
class RecordingBrowser final : public QTextBrowser
{
public:
    QList<QUrl> requests;

    QVariant loadResource(int type, const QUrl &name) override
    {
        requests.append(name);
        return QTextBrowser::loadResource(type, name);
    }
};

const QDateTime kPostedAt(QDate(2025, 11, 28), QTime(14, 5), Qt::UTC);

struct Rendered
{
    Outcome outcome;
    const IntegrationEntry *entry = nullptr;
};

// Runs one case of fixtures/<integration>/cases.json through the dispatcher.
Rendered runFixtureCase(const QString &integration, const QString &caseName)
{
    const QString path = QStringLiteral(HOOKBENCH_SOURCE_DIR "/fixtures/") + integration + u"/cases.json"_s;
    QString error;
    const std::optional<CaseSuite> suite = loadCaseSuite(path, &error);
    if (!suite)
        qFatal("%s", qPrintable(error));
    for (const TestCase &test : suite->cases) {
        if (test.name == caseName) {
            const CaseResult r = runCase(builtinRegistry(), *suite, test);
            if (!r.actual)
                qFatal("case %s: %s", qPrintable(caseName), qPrintable(r.detail));
            return {*r.actual, builtinRegistry().find(integration)};
        }
    }
    qFatal("no case %s in %s", qPrintable(caseName), qPrintable(path));
}

// Words of a Markdown text that any rendering shows: no link targets, URLs, emoji names, tags or
// code fences.
QStringList visibleWords(QString markdown)
{
    static const QRegularExpression hidden(u"\\]\\([^)]*\\)|https?://\\S+|:[a-z0-9_+-]+:|<[^>]*>|^\\s*(?:```|~~~).*$"_s,
                                           QRegularExpression::MultilineOption);
    markdown.replace(hidden, u" "_s);
    static const QRegularExpression word(u"\\b[A-Za-z]{5,}\\b"_s);
    QStringList words;
    for (auto it = word.globalMatch(markdown); it.hasNext() && words.size() < 6;)
        words.append(it.next().captured());
    return words;
}

// Shows `html` in a QTextBrowser sized to its content; saves a screenshot when asked to.
void show(RecordingBrowser &browser, ViewTheme theme, const QString &html, const QString &shotName)
{
    const MessageView::Colors colors = MessageView::colors(theme);
    QPalette palette = browser.palette();
    palette.setColor(QPalette::Base, QColor::fromString(colors.background));
    palette.setColor(QPalette::Text, QColor::fromString(colors.text));
    browser.setPalette(palette);
    browser.setFrameShape(QFrame::NoFrame);
    browser.setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    browser.setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    browser.document()->setDefaultStyleSheet(MessageView::styleSheet(theme));
    browser.setHtml(html);
    browser.resize(760, 200);
    browser.show();
    QVERIFY(QTest::qWaitForWindowExposed(&browser));
    browser.document()->setTextWidth(browser.viewport()->width());
    browser.resize(760, int(browser.document()->size().height()) + 4);
    QCoreApplication::processEvents();
    const QString dir = qEnvironmentVariable("HOOKBENCH_SCREENSHOT_DIR");
    if (!dir.isEmpty()) {
        QDir().mkpath(dir);
        const QString file = QDir(dir).filePath(u"message-view-"_s + shotName + u".png"_s);
        QVERIFY2(browser.grab().save(file), qPrintable(file));
    }
}

void verifyOnlyLocalResources(const RecordingBrowser &browser)
{
    for (const QUrl &url : browser.requests)
        QVERIFY2(url.scheme() == u"data", qPrintable(url.toString().left(80)));
}

void verifySafePage(const QString &page)
{
    QVERIFY(page.startsWith(u"<!DOCTYPE html>"));
    QVERIFY(page.contains(u"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"));
    QVERIFY(!page.contains(u"<script", Qt::CaseInsensitive));
    QVERIFY(!page.contains(u"http-equiv=\"refresh\"", Qt::CaseInsensitive));
    static const QRegularExpression remoteSrc(u"\\ssrc=\"(?!data:)"_s);
    QVERIFY(!page.contains(remoteSrc));
}

// Zulip's HTML shapes (zulip-reference §7), written for this test: every element the view styles.
QString showcaseHtml()
{
    return u"<p>Deploy <strong>tidewater 2.4</strong> finished <em>green</em> "
           "<span aria-label=\"tada\" class=\"emoji emoji-1f389\" role=\"img\" title=\"tada\">:tada:</span> "
           "&mdash; <del>staging</del> production, <code>make release</code>, "
           "<a href=\"https://ci.lumen.example/builds/8812\">build 8812</a>.</p>\n"
           "<p><span class=\"user-mention\" data-user-id=\"12\">@Marta Kowalska</span> and "
           "<span class=\"user-group-mention\" data-user-group-id=\"3\">@oncall</span>: window opens "
           "<time datetime=\"2025-11-28T16:00:00Z\">Fri, Nov 28, 4:00 PM</time>.</p>\n"
           "<ul>\n<li>Parse harbour codes</li>\n<li>Round tide heights</li>\n</ul>\n"
           "<ol start=\"3\">\n<li>Smoke tests</li>\n<li>Announce</li>\n</ol>\n"
           "<div class=\"codehilite\" data-code-language=\"Python\"><pre><span></span><code>"
           "def tide(height_cm: int) -&gt; str:\n    return f\"{height_cm / 100:.2f} m\"\n</code></pre></div>\n"
           "<blockquote>\n<p>Harbour feed lagged 4 minutes during the rollout.</p>\n</blockquote>\n"
           "<div class=\"spoiler-block\"><div class=\"spoiler-header\">\n<p>Stack trace</p>\n</div>"
           "<div class=\"spoiler-content\" aria-hidden=\"true\">\n<p>ValueError: bad harbour code</p>\n</div></div>\n"
           "<table>\n<thead>\n<tr>\n<th>Node</th>\n<th style=\"text-align: right;\">p95</th>\n</tr>\n</thead>\n"
           "<tbody>\n<tr>\n<td>gdynia-1</td>\n<td style=\"text-align: right;\">41 ms</td>\n</tr>\n"
           "<tr>\n<td>hel-2</td>\n<td style=\"text-align: right;\">58 ms</td>\n</tr>\n</tbody>\n</table>\n"
           "<p><a href=\"https://img.lumen.example/charts/tides-week48.png\">tides-week48.png</a></p>\n"
           "<div class=\"message_inline_image\"><a href=\"https://img.lumen.example/charts/tides-week48.png\" "
           "title=\"tides-week48.png\"><img data-src-fullsize=\"/thumbnail?url=https%3A%2F%2Fimg.lumen.example%2Fcharts"
           "%2Ftides-week48.png&amp;size=full\" src=\"/thumbnail?url=https%3A%2F%2Fimg.lumen.example%2Fcharts"
           "%2Ftides-week48.png&amp;size=thumbnail\"></a></div>"_s;
}

} // namespace

class TestMessageView : public QObject
{
    Q_OBJECT

private slots:
    // --- Our fixtures in a QTextBrowser -----------------------------------------------------
    void fixtureInTextBrowser_data()
    {
        QTest::addColumn<QString>("integration");
        QTest::addColumn<QString>("caseName");
        QTest::addColumn<QString>("theme");
        for (const char *theme : {"light", "dark"}) {
            const QString t = QString::fromLatin1(theme);
            QTest::addRow("gitea-push-%s", theme) << u"gitea"_s << u"push_three_commits_two_committers"_s << t;
            QTest::addRow("grafana-alerts-%s", theme) << u"grafana"_s << u"test_unified_two_alerts"_s << t;
            QTest::addRow("sentry-exception-%s", theme) << u"sentry"_s << u"alert_exception_python"_s << t;
        }
    }
    void fixtureInTextBrowser()
    {
        QFETCH(QString, integration);
        QFETCH(QString, caseName);
        QFETCH(QString, theme);
        const Rendered r = runFixtureCase(integration, caseName);
        QVERIFY(r.outcome.isMessage());
        QVERIFY(r.entry);
        MessageViewOptions options;
        options.theme = *viewThemeFromName(theme);
        options.time = kPostedAt;
        const MessageView view(r.entry, options);

        RecordingBrowser browser;
        show(browser, options.theme, view.textBrowserHtml(r.outcome),
             QString::fromLatin1(QTest::currentDataTag()));
        const QString text = browser.document()->toPlainText();
        QVERIFY2(text.contains(view.senderName()), qPrintable(text));
        QVERIFY(text.contains(u"2:05 PM"));
        for (const Message &m : r.outcome.messages()) {
            QVERIFY(m.stream);
            QVERIFY2(text.contains(*m.stream), qPrintable(*m.stream));
            QVERIFY2(text.contains(m.topic), qPrintable(m.topic));
            const QStringList words = visibleWords(m.content);
            QVERIFY(words.size() >= 3);
            for (const QString &w : words)
                QVERIFY2(text.contains(w), qPrintable(w + u" missing from:\n"_s + text));
        }
        QVERIFY(!browser.requests.isEmpty()); // the avatar
        verifyOnlyLocalResources(browser);
        verifySafePage(view.page(r.outcome));
    }

    void noopAndErrorNotices_data()
    {
        QTest::addColumn<QString>("theme");
        QTest::newRow("light") << u"light"_s;
        QTest::newRow("dark") << u"dark"_s;
    }
    void noopAndErrorNotices()
    {
        QFETCH(QString, theme);
        const Rendered noop = runFixtureCase(u"gitea"_s, u"fork_is_not_supported"_s);
        const Rendered error = runFixtureCase(u"gitea"_s, u"issues_without_number"_s);
        QVERIFY(noop.outcome.isNoOp());
        QVERIFY(error.outcome.isError());
        MessageViewOptions options;
        options.theme = *viewThemeFromName(theme);
        options.time = kPostedAt;
        const MessageView view(noop.entry, options);
        RecordingBrowser browser;
        show(browser, options.theme,
             u"<html><body>"_s + view.bodyHtml(noop.outcome) + view.bodyHtml(error.outcome) + u"</body></html>"_s,
             u"notices-"_s + theme);
        const QString text = browser.document()->toPlainText();
        QVERIFY(text.contains(u"No message posted"));
        QVERIFY2(text.contains(noop.outcome.noop().reason), qPrintable(text));
        QVERIFY(text.contains(u"Error %1"_s.arg(error.outcome.error().status)));
        QVERIFY(text.contains(QString::fromLatin1(error.outcome.error().code)));
        QVERIFY2(text.contains(error.outcome.error().msg), qPrintable(text));
        verifyOnlyLocalResources(browser);
        verifySafePage(view.page(error.outcome));
    }

    // Every element the stylesheet styles, from Zulip-shaped HTML (the renderer is bypassed).
    void showcase_data() { noopAndErrorNotices_data(); }
    void showcase()
    {
        QFETCH(QString, theme);
        MessageViewOptions options;
        options.theme = *viewThemeFromName(theme);
        options.time = kPostedAt;
        options.renderContent = [](const QString &markdown) {
            return markdown == u"showcase" ? showcaseHtml() : u"<p>"_s + markdown.toHtmlEscaped() + u"</p>"_s;
        };
        const MessageView view(builtinRegistry().find(u"gitea"), options);
        const Outcome outcome(QList<Message>{
            {.topic = u"tidewater / release 2.4"_s, .content = u"showcase"_s, .stream = u"deployments"_s},
            {.topic = u"tidewater / release 2.4"_s, .content = u"Rollout complete on all nodes."_s, .stream = u"deployments"_s},
            {.topic = u"ignored"_s, .content = u"A direct message to the bot owner."_s},
        });
        RecordingBrowser browser;
        show(browser, options.theme, view.textBrowserHtml(outcome), u"elements-"_s + theme);
        const QString text = browser.document()->toPlainText();
        QVERIFY(text.contains(u"🎉"));
        QVERIFY(!text.contains(u":tada:"));
        QVERIFY(text.contains(u"def tide(height_cm: int) -> str:"));
        QVERIFY(text.contains(u"tides-week48.png"));
        QVERIFY(text.contains(u"Direct message"));
        QVERIFY(text.contains(u"You and Gitea Bot"));
        verifyOnlyLocalResources(browser);
        const QString page = view.page(outcome);
        verifySafePage(page);
        QVERIFY(!page.contains(u"/thumbnail"));
        QCOMPARE(view.bodyHtml(outcome).count(u"class=\"recipient-bar\""), 2);
    }

    // --- The view's HTML --------------------------------------------------------------------
    void payloadStringsAreEscaped()
    {
        const MessageView view(builtinRegistry().find(u"gitea"));
        const Outcome message(Message{.topic = u"<img src=x onerror=alert(1)>"_s, .content = u"x"_s,
                                      .stream = u"a\"b<c>&"_s});
        const QString html = view.bodyHtml(message);
        QVERIFY(html.contains(u"&lt;img src=x onerror=alert(1)&gt;"));
        QVERIFY(html.contains(u"a&quot;b&lt;c&gt;&amp;"));
        QVERIFY(!html.contains(u"<img src=x"));
        const Outcome error(WebhookError{.status = 400, .code = "BAD_REQUEST", .msg = u"<script>alert(1)</script>"_s});
        QVERIFY(view.bodyHtml(error).contains(u"&lt;script&gt;alert(1)&lt;/script&gt;"));
        Outcome noted(NoOp{.reason = u"<b>ignored</b>"_s});
        noted.addNote(u"<i>note</i>"_s);
        QVERIFY(view.bodyHtml(noted).contains(u"&lt;b&gt;ignored&lt;/b&gt;"));
        QVERIFY(view.bodyHtml(noted).contains(u"&lt;i&gt;note&lt;/i&gt;"));
        QVERIFY(view.page(noted).contains(u"<title>Gitea Bot — no message</title>"));
    }
    void groupsConsecutiveMessagesOfOneTopic()
    {
        const MessageView view(builtinRegistry().find(u"gitea"));
        const Outcome twoTopics(QList<Message>{{.topic = u"a"_s, .content = u"1"_s, .stream = u"s"_s},
                                               {.topic = u"a"_s, .content = u"2"_s, .stream = u"s"_s},
                                               {.topic = u"b"_s, .content = u"3"_s, .stream = u"s"_s}});
        const QString html = view.bodyHtml(twoTopics);
        QCOMPARE(html.count(u"class=\"recipient-bar\""), 2);
        QCOMPARE(html.count(u"class=\"sender-name\""), 2);
        QCOMPARE(html.count(u"class=\"message-content"), 3);
    }
    void directMessageBar()
    {
        MessageViewOptions options;
        options.ownerName = u"Marta"_s;
        const MessageView view(builtinRegistry().find(u"sentry"), options);
        const QString html = view.bodyHtml(Outcome(Message{.topic = u"t"_s, .content = u"c"_s}));
        QVERIFY(html.contains(u"Direct message"));
        QVERIFY(html.contains(u"Marta and Sentry Bot"));
    }
    void monogramAvatarWithoutLogo()
    {
        IntegrationEntry entry{.name = u"nologo"_s, .displayName = u"<Acme> & Co"_s};
        const MessageView view(&entry);
        QCOMPARE(view.senderName(), u"<Acme> & Co Bot"_s);
        const QString uri = view.avatarDataUri();
        QVERIFY(uri.startsWith(u"data:image/svg+xml;base64,"));
        const QString svg = QString::fromUtf8(QByteArray::fromBase64(uri.mid(26).toLatin1()));
        QVERIFY2(svg.contains(u">A</text>"), qPrintable(svg));
        QVERIFY(view.bodyHtml(Outcome(Message{.topic = u"t"_s, .content = u"c"_s, .stream = u"s"_s}))
                    .contains(u"&lt;Acme&gt; &amp; Co Bot"));
    }
    void logoSizedAsAvatar()
    {
        const auto decode = [](const QString &uri) {
            return QString::fromUtf8(QByteArray::fromBase64(uri.mid(26).toLatin1()));
        };
        const QString withViewBox = decode(MessageView::svgAvatarDataUri(
            "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"512px\" height='512' "
            "viewBox=\"0 0 64 64\"><rect width=\"64\" height=\"64\"/></svg>"));
        QVERIFY2(withViewBox.contains(u"<svg width=\"35\" height=\"35\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 64 64\">"),
                 qPrintable(withViewBox));
        QVERIFY(withViewBox.contains(u"<rect width=\"64\" height=\"64\"/>")); // only the root is touched
        const QString withoutViewBox = decode(MessageView::svgAvatarDataUri(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"120\" height=\"80\"><circle r=\"4\"/></svg>"));
        QVERIFY2(withoutViewBox.startsWith(u"<svg width=\"35\" height=\"35\" viewBox=\"0 0 120 80\" xmlns="),
                 qPrintable(withoutViewBox));
    }
    void themes()
    {
        QVERIFY(viewThemeFromName(u"light") == ViewTheme::Light);
        QVERIFY(viewThemeFromName(u"dark") == ViewTheme::Dark);
        QVERIFY(!viewThemeFromName(u"blue"));
        const QString light = MessageView::styleSheet(ViewTheme::Light);
        const QString dark = MessageView::styleSheet(ViewTheme::Dark);
        QVERIFY(light.contains(u"table.recipient-bar"));
        QVERIFY(dark.contains(u"table.recipient-bar"));
        QVERIFY(light != dark);
        QVERIFY(!light.contains(u"url("));
        QVERIFY(!dark.contains(u"url("));
        QCOMPARE(MessageView::colors(ViewTheme::Light).background, u"#ffffff"_s);
        QCOMPARE(MessageView::colors(ViewTheme::Light).text, u"#333333"_s);
        QCOMPARE(MessageView::colors(ViewTheme::Dark).background, u"#1d232b"_s);
        QCOMPARE(MessageView::colors(ViewTheme::Dark).text, u"#d7dce2"_s);
    }

    // --- adaptContent: the renderer's HTML made safe ----------------------------------------
    void adaptContent_data()
    {
        QTest::addColumn<QString>("html");
        QTest::addColumn<QStringList>("contains");
        QTest::addColumn<QStringList>("absent");
        QTest::newRow("emoji span shows the character")
            << u"<p><span aria-label=\"smile\" class=\"emoji emoji-1f642\" role=\"img\" title=\"smile\">:smile:</span></p>"_s
            << QStringList{u"🙂"_s, u"title=\"smile\""_s} << QStringList{u":smile:"_s};
        QTest::newRow("zwj emoji sequence")
            << u"<span class=\"emoji emoji-1f937-200d-2640\" title=\"x\">:woman_shrugging:</span>"_s
            << QStringList{QString::fromUcs4(U"\U0001F937\u200D\u2640")} << QStringList{u":woman_shrugging:"_s};
        QTest::newRow("bad emoji class keeps the text")
            << u"<span class=\"emoji emoji-zzz\">:zzz:</span>"_s << QStringList{u":zzz:"_s} << QStringList{};
        QTest::newRow("image emoji becomes its name")
            << u"<img alt=\":zulip:\" class=\"emoji\" src=\"/static/generated/emoji/images/emoji/unicode/zulip.png\" title=\"zulip\">"_s
            << QStringList{u":zulip:"_s} << QStringList{u"<img"_s, u"/static/"_s};
        QTest::newRow("inline image becomes a local placeholder in its link")
            << u"<div class=\"message_inline_image\"><a href=\"https://x.example/a/cat.png\"><img src=\"/thumbnail?url=https%3A%2F%2Fx.example%2Fa%2Fcat.png&amp;size=thumbnail\"></a></div>"_s
            << QStringList{u"href=\"https://x.example/a/cat.png\""_s, u"cat.png</span>"_s, u"image-placeholder"_s}
            << QStringList{u"<img"_s, u"thumbnail"_s};
        QTest::newRow("remote img anywhere")
            << u"<p><img src=\"https://tracker.example/pixel.gif\" alt=\"pixel\"></p>"_s
            << QStringList{u"pixel"_s} << QStringList{u"<img"_s, u"tracker.example"_s};
        QTest::newRow("script dropped with its content")
            << u"<p>a</p><script>alert('<b>x</b>')</script><p>b</p>"_s
            << QStringList{u"<p>a</p>"_s, u"<p>b</p>"_s} << QStringList{u"script"_s, u"alert"_s};
        QTest::newRow("unclosed script")
            << u"<p>a</p><script>alert(1)"_s << QStringList{u"<p>a</p>"_s} << QStringList{u"alert"_s};
        QTest::newRow("style and iframe dropped")
            << u"<style>body{background:url(https://x.example/a)}</style><iframe src=\"https://x.example\"></iframe>ok"_s
            << QStringList{u"ok"_s} << QStringList{u"x.example"_s, u"<style"_s, u"<iframe"_s};
        QTest::newRow("javascript link loses its href")
            << u"<a href=\"javascript:alert(1)\">x</a>"_s << QStringList{u"<a>x</a>"_s} << QStringList{u"javascript"_s};
        QTest::newRow("entity-encoded javascript link")
            << u"<a href=\"java&#115;cript&colon;alert(1)\">x</a><a href=\" JaVa&#x53;cript:alert(1)\">y</a>"_s
            << QStringList{u"<a>x</a>"_s, u"<a>y</a>"_s} << QStringList{u"alert"_s};
        QTest::newRow("javascript split by a tab")
            << u"<a href=\"java&Tab;script:alert(1)\">x</a>"_s << QStringList{u"<a>x</a>"_s} << QStringList{u"alert"_s};
        QTest::newRow("data link")
            << u"<a href=\"data:text/html,<script>alert(1)</script>\">x</a>"_s << QStringList{u"<a>x</a>"_s}
            << QStringList{u"data:"_s, u"<script"_s};
        QTest::newRow("safe links stay links")
            << u"<a href=\"https://a.example/?q=1&amp;r=2\">a</a> <a href=\"mailto:x@example.org\">m</a> <a href=\"/#narrow/channel/9-announce\">n</a> <a href=\"tel:+4312345\">t</a>"_s
            << QStringList{u"href=\"https://a.example/?q=1&amp;r=2\" rel=\"noopener noreferrer\">a</a>"_s,
                           u"href=\"mailto:x@example.org\""_s, u"href=\"/#narrow/channel/9-announce\""_s, u"href=\"tel:+4312345\""_s}
            << QStringList{};
        QTest::newRow("event handlers and styles dropped")
            << u"<p onclick=\"alert(1)\" style=\"color:red\" class=\"x\">a</p><div onmouseover=alert(1)>b</div>"_s
            << QStringList{u"<p class=\"x\">a</p>"_s, u"<div>b</div>"_s} << QStringList{u"onclick"_s, u"onmouseover"_s, u"style"_s};
        QTest::newRow("unknown tags keep their text")
            << u"<p><blink>hi</blink> <math><mi>x</mi></math></p>"_s << QStringList{u"<p>hi x</p>"_s} << QStringList{u"blink"_s, u"math"_s};
        QTest::newRow("stray angle bracket and comment")
            << u"<p>a < b<!-- <script>x</script> --></p>"_s << QStringList{u"<p>a &lt; b</p>"_s} << QStringList{u"script"_s};
        QTest::newRow("unbalanced tags are closed or ignored")
            << u"</div><p><strong>a</p>"_s << QStringList{u"<p><strong>a</strong></p>"_s} << QStringList{u"</div>"_s};
        QTest::newRow("code block as a table")
            << u"<div class=\"codehilite\" data-code-language=\"Python\"><pre><span></span><code>x = 1\n</code></pre></div>"_s
            << QStringList{u"<table class=\"codehilite\""_s, u"<code>x = 1</code></pre></td></tr></table>"_s} << QStringList{u"<div"_s};
        QTest::newRow("nested quotes as tables")
            << u"<blockquote>\n<blockquote>\n<p>a</p>\n</blockquote>\n</blockquote>"_s
            << QStringList{u"quote-bar"_s} << QStringList{u"blockquote>"_s};
        QTest::newRow("spoiler as a table")
            << u"<div class=\"spoiler-block\"><div class=\"spoiler-header\">\n<p>H</p>\n</div><div class=\"spoiler-content\" aria-hidden=\"true\">\n<p>C</p>\n</div></div>"_s
            << QStringList{u"<table class=\"spoiler-block\""_s, u"spoiler-header\">\n<p>H</p>\n</td></tr>"_s,
                           u"spoiler-content\">\n<p>C</p>\n</td></tr></table>"_s}
            << QStringList{u"<div"_s};
        QTest::newRow("table alignment")
            << u"<table>\n<tr>\n<td style=\"text-align: right;\">1</td>\n</tr>\n</table>"_s
            << QStringList{u"<table class=\"markdown-table\""_s, u"<td align=\"right\">1</td>"_s} << QStringList{u"style"_s};
        QTest::newRow("ordered list start and time")
            << u"<ol start=\"3\"><li>a</li></ol><time datetime=\"2017-06-05T22:30:00Z\">Jun 5</time>"_s
            << QStringList{u"<ol start=\"3\">"_s, u"<time datetime=\"2017-06-05T22:30:00Z\">Jun 5</time>"_s} << QStringList{};
    }
    void adaptContent()
    {
        QFETCH(QString, html);
        QFETCH(QStringList, contains);
        QFETCH(QStringList, absent);
        const QString out = MessageView::adaptContent(html);
        for (const QString &s : contains)
            QVERIFY2(out.contains(s), qPrintable(u"missing "_s + s + u" in\n"_s + out));
        for (const QString &s : absent)
            QVERIFY2(!out.contains(s, Qt::CaseInsensitive), qPrintable(u"unwanted "_s + s + u" in\n"_s + out));
    }
    void adaptContentIsLinear()
    {
        QString deep;
        for (int i = 0; i < 20000; ++i)
            deep += u"<blockquote><span>"_s;
        deep += u"x"_s + QString(u"<"_s).repeated(100000);
        QElapsedTimer t;
        t.start();
        const QString out = MessageView::adaptContent(deep);
        QVERIFY(out.contains(u"x&lt;&lt;"));
        // Tags that never end: each would otherwise be scanned to the end of the input.
        const QString unclosed = u"<p>a</p>"_s + QString(u"<a title=\"x"_s).repeated(50000) + QString(u"<b "_s).repeated(50000);
        const QString cut = MessageView::adaptContent(unclosed);
        QVERIFY(cut.startsWith(u"<p>a</p>"));
        QVERIFY(!cut.contains(u"title=\"x<"));
        QVERIFY2(t.elapsed() < 5000, qPrintable(QString::number(t.elapsed())));
    }
};

QTEST_MAIN(TestMessageView)
#include "tst_messageview.moc"
