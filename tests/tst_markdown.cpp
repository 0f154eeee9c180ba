// SPDX-License-Identifier: MIT
// The Markdown renderer: Zulip's conformance cases (when ../shared is there), our own cases for
// every feature (tests/data/markdown/features.json), the options, and hostile input: deep nesting,
// 100,000 backticks, unclosed fences, script tags and javascript: links must stay fast and harmless.
#include "markdown.h"
#include "markdowncases.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace hb;
using namespace Qt::StringLiterals;

namespace {

QString sourceDir()
{
    return QStringLiteral(HOOKBENCH_SOURCE_DIR);
}

QString conformanceFile()
{
    const QString env = qEnvironmentVariable("HOOKBENCH_MARKDOWN_CASES");
    return env.isEmpty() ? sourceDir() + u"/../shared/conformance/zulip-markdown/cases.json"_s : env;
}

QString render(const QString &markdown, bool emoticons = false)
{
    markdown::Options options;
    options.translateEmoticons = emoticons;
    return markdown::toHtml(markdown, options);
}

// Nothing in rendered HTML may run script: only the tags and attributes the renderer makes, no
// event handlers, no javascript:/vbscript:/data: URLs.
QString unsafePart(const QString &html)
{
    static const QSet<QString> kTags = {
        u"p"_s, u"br"_s, u"strong"_s, u"em"_s, u"del"_s, u"code"_s, u"pre"_s, u"div"_s, u"span"_s,
        u"a"_s, u"img"_s, u"blockquote"_s, u"ul"_s, u"ol"_s, u"li"_s, u"h1"_s, u"h2"_s, u"h3"_s,
        u"h4"_s, u"h5"_s, u"h6"_s, u"hr"_s, u"table"_s, u"thead"_s, u"tbody"_s, u"tr"_s, u"th"_s,
        u"td"_s, u"time"_s};
    static const QSet<QString> kAttributes = {u"class"_s, u"href"_s, u"title"_s, u"src"_s,
                                              u"alt"_s, u"role"_s, u"datetime"_s, u"start"_s,
                                              u"style"_s};
    static const QRegularExpression tagRe(u"<(/?)([A-Za-z][A-Za-z0-9]*)([^>]*)>"_s);
    static const QRegularExpression attrRe(u"\\s([^\\s=]+)=\"([^\"]*)\""_s);
    static const QRegularExpression badUrl(u"^\\s*(javascript|vbscript|data):"_s,
                                           QRegularExpression::CaseInsensitiveOption);
    if (html.contains(u"<script"_s, Qt::CaseInsensitive))
        return u"<script"_s;
    for (auto m = tagRe.globalMatch(html); m.hasNext();) {
        const auto tag = m.next();
        if (!kTags.contains(tag.captured(2)))
            return u"tag "_s + tag.captured(0);
        QString rest = tag.captured(3);
        for (auto a = attrRe.globalMatch(rest); a.hasNext();) {
            const auto attr = a.next();
            const QString name = attr.captured(1).toLower();
            if (!kAttributes.contains(name) && !name.startsWith(u"data-"_s) && !name.startsWith(u"aria-"_s))
                return u"attribute "_s + name;
            if ((name == u"href" || name == u"src") && badUrl.match(attr.captured(2)).hasMatch())
                return u"URL "_s + attr.captured(2);
            if (name == u"style" && !attr.captured(2).startsWith(u"text-align: "_s))
                return u"style "_s + attr.captured(2);
        }
        rest.remove(attrRe);
        if (!rest.trimmed().isEmpty() && rest.trimmed() != u"/")
            return u"unparsed tag "_s + tag.captured(0);
    }
    return {};
}

} // namespace

class TestMarkdown : public QObject
{
    Q_OBJECT

private slots:
    void zulipConformance()
    {
        const QString path = conformanceFile();
        if (!QFileInfo::exists(path))
            QSKIP(qPrintable(u"Zulip's Markdown cases are not here (%1): ../shared is absent"_s.arg(path)));
        QString error;
        const auto cases = markdown::loadTestCases(path, &error);
        QVERIFY2(cases && !cases->isEmpty(), qPrintable(error));
        int passed = 0;
        QStringList failures;
        for (const markdown::TestCase &c : *cases) {
            if (render(c.input, c.translateEmoticons) == c.expected)
                ++passed;
            else
                failures.append(c.name);
        }
        qInfo("Zulip Markdown conformance: %d of %d cases pass", passed, int(cases->size()));
        if (!failures.isEmpty())
            qInfo("failing: %s", qPrintable(failures.join(u", "_s)));
        QVERIFY2(passed * 100 >= 95 * cases->size(), qPrintable(u"only %1 of %2 pass"_s.arg(passed).arg(cases->size())));
    }

    void features_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<bool>("emoticons");
        QString error;
        const auto cases = markdown::loadTestCases(sourceDir() + u"/tests/data/markdown/features.json"_s, &error);
        if (!cases)
            qFatal("tests/data/markdown/features.json: %s", qPrintable(error));
        for (const markdown::TestCase &c : *cases)
            QTest::newRow(qPrintable(c.name)) << c.input << c.expected << c.translateEmoticons;
    }
    void features()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QFETCH(bool, emoticons);
        const QString html = render(input, emoticons);
        QCOMPARE(html, expected);
        QVERIFY2(unsafePart(html).isEmpty(), qPrintable(unsafePart(html)));
    }

    void emptyAndBlankInput()
    {
        QCOMPARE(render(QString()), QString());
        QCOMPARE(render(u" \n\t\n "_s), QString());
    }

    void idsFromOptions()
    {
        markdown::Options options;
        options.userId = [](const QString &name) -> std::optional<qint64> {
            return name == u"Ada" ? std::optional<qint64>(8) : std::nullopt;
        };
        options.channelId = [](const QString &name) -> std::optional<qint64> {
            return name == u"ops" ? std::optional<qint64>(3) : std::nullopt;
        };
        QCOMPARE(markdown::toHtml(u"@**Ada** #**ops>a b**"_s, options),
                 u"<p><span class=\"user-mention\" data-user-id=\"8\">@Ada</span> "
                 "<a class=\"stream-topic\" data-stream-id=\"3\" href=\"/#narrow/channel/3-ops/topic/a.20b\">"
                 "#ops &gt; a b</a></p>"_s);
    }

    void derivedIdsAreStable()
    {
        // Without resolvers an id is derived from the name: the same (case-insensitively) every
        // time, six digits.
        const QString a = render(u"@**Ada Lovelace**"_s);
        QCOMPARE(render(u"@**ada lovelace**"_s).remove(u"ada lovelace"_s),
                 QString(a).remove(u"Ada Lovelace"_s));
        static const QRegularExpression id(u"data-user-id=\"(\\d{6})\""_s);
        QVERIFY2(id.match(a).hasMatch(), qPrintable(a));
        QVERIFY(render(u"#**ops**"_s) == render(u"#**ops**"_s));
    }

    void realmUrlOption()
    {
        markdown::Options options;
        options.realmUrl = u"https://chat.example.org"_s;
        QCOMPARE(markdown::toHtml(u"[x](https://chat.example.org/#narrow/channel/1-a)"_s, options),
                 u"<p><a href=\"#narrow/channel/1-a\">x</a></p>"_s);
        QCOMPARE(markdown::toHtml(u"[x](http://zulip.testserver/#narrow)"_s, options),
                 u"<p><a href=\"http://zulip.testserver/#narrow\">x</a></p>"_s);
    }

    void hundredThousandBackticks()
    {
        const QString ticks(100000, u'`');
        QElapsedTimer timer;
        timer.start();
        // Alone on a line they open a code fence that never closes: an empty code block.
        QCOMPARE(render(ticks), u"<div class=\"codehilite\"><pre><span></span><code>\n</code></pre></div>"_s);
        // In text they are an opening run without a closing one.
        const QString html = render(u"x "_s + ticks + u" y"_s);
        const qint64 ms = timer.elapsed();
        qInfo("100,000 backticks (twice): %lld ms", ms);
        QCOMPARE(html, u"<p>x "_s + ticks + u" y</p>"_s);
        QVERIFY2(ms < 2000, qPrintable(u"took %1 ms"_s.arg(ms)));
        // Runs of every length up to 450: each opening looks for its closing run once.
        QString runs;
        for (int i = 1; i < 450; ++i)
            runs += QString(i, u'`') + u' ';
        timer.restart();
        render(runs);
        QVERIFY2(timer.elapsed() < 2000, qPrintable(u"runs took %1 ms"_s.arg(timer.elapsed())));
    }

    void hostile_data()
    {
        QTest::addColumn<QString>("input");
        const auto repeat = [](const QString &s, int n) {
            QString out;
            out.reserve(s.size() * n);
            for (int i = 0; i < n; ++i)
                out += s;
            return out;
        };
        QString lists;
        QString numbered;
        for (int i = 0; i < 600; ++i) {
            lists += QString(2 * i, u' ') + u"* item\n"_s;
            numbered += QString(2 * i, u' ') + u"1. item\n"_s;
        }
        QString quotes;
        for (int i = 1; i < 1500; ++i)
            quotes += QString(i, u'>') + u" x\n"_s;
        QTest::newRow("100k >") << QString(100000, u'>');
        QTest::newRow("nested quote lines") << quotes;
        QTest::newRow("nested fenced quotes") << repeat(u"```quote\n"_s, 20000) + u"text"_s;
        QTest::newRow("nested fenced quotes closed") << repeat(u"~~~quote\n"_s, 500) + repeat(u"~~~\n"_s, 500);
        QTest::newRow("nested lists") << lists;
        QTest::newRow("nested numbered lists") << numbered;
        QTest::newRow("unclosed fence") << u"```\n"_s + repeat(u"line <b>\n"_s, 50000);
        QTest::newRow("unclosed fences") << repeat(u"```\n~~~~\n````x\n"_s, 20000);
        QTest::newRow("unclosed spoiler") << u"```spoiler <script>\n"_s + repeat(u"x\n"_s, 50000);
        QTest::newRow("100k [") << QString(100000, u'[');
        QTest::newRow("unclosed links") << repeat(u"[a]("_s, 30000);
        QTest::newRow("unclosed parens in URL") << u"http://example.org/"_s + QString(50000, u'(');
        QTest::newRow("stars") << repeat(u"*a "_s, 50000);
        QTest::newRow("emphasis pairs") << repeat(u"*a* "_s, 50000);
        QTest::newRow("strong markers") << QString(100000, u'*');
        QTest::newRow("tildes") << repeat(u"~~a "_s, 50000);
        QTest::newRow("dollars") << QString(100000, u'$');
        QTest::newRow("mention openers") << repeat(u"@**"_s, 50000);
        QTest::newRow("time openers") << repeat(u"<time:"_s, 50000);
        QTest::newRow("colons") << repeat(u":a"_s, 100000);
        QTest::newRow("domain labels") << repeat(u"a."_s, 100000);
        QTest::newRow("line breaks") << repeat(u"x\n"_s, 100000);
        QTest::newRow("rules and text") << repeat(u"---\na\n"_s, 30000);
        QTest::newRow("headings and text") << repeat(u"# h\na\n"_s, 30000);
        QTest::newRow("table rows") << u"a|b\n-|-\n"_s + repeat(u"x|`y|z`\n"_s, 30000);
        QTest::newRow("emoji") << repeat(u"\U0001F680:rocket:\u200D"_s, 30000);
        QTest::newRow("script tags") << u"<script>alert(1)</script><SCRIPT SRC=//x.example/y.js></SCRIPT>"_s;
        QTest::newRow("nested script tags") << u"<scr<script>ipt>alert(1)</scr</script>ipt>"_s;
        QTest::newRow("event handlers") << u"<img src=x onerror=alert(1)> <a onclick=\"x()\">y</a> <svg/onload=alert(1)>"_s;
        QTest::newRow("javascript links") << u"[a](javascript:alert(1)) [b](JavaScript:alert(1)) [c]( javascript:alert(1)) [d](<javascript:alert(1)>) [e](java\tscript:alert(1)) [f](vbscript:x) [g](data:text/html;base64,PHNjcmlwdD4=)"_s;
        QTest::newRow("javascript autolinks") << u"javascript:alert(1) javascript://example.com/%0Aalert(1) <javascript:alert(1)>"_s;
        QTest::newRow("attribute breakout") << u"[x](http://a.example/\"onmouseover=\"alert(1)) [y](http://a.example \"t\\\" onmouseover=\\\"alert(1)\")"_s;
        QTest::newRow("entities in URLs") << u"[x](&#106;avascript:alert(1)) [y](javascript&colon;alert(1))"_s;
        QTest::newRow("markup in names") << u"@**<script>x</script>** #**<img src=x onerror=y>** @*<b>* <time:<script>>"_s;
        QTest::newRow("markup in spoiler and table") << u"```spoiler <img src=x onerror=y>\n<script>\n```\n\n<b>|<i>\n-|-\n<u>|<s>"_s;
        QTest::newRow("images") << u"![x](javascript:alert(1)) https://example.org/x.png?onerror=alert(1) [y](//evil.example/z.png)"_s;
        QTest::newRow("control characters") << u"a\u0000b\u0002c\u0003d\uE000e\uF8FFf"_s;
    }
    void hostile()
    {
        QFETCH(QString, input);
        QElapsedTimer timer;
        timer.start();
        const QString html = render(input);
        const qint64 ms = timer.elapsed();
        QVERIFY2(ms < 5000, qPrintable(u"took %1 ms"_s.arg(ms)));
        const QString bad = unsafePart(html);
        QVERIFY2(bad.isEmpty(), qPrintable(bad));
        QVERIFY(!html.contains(QChar(0x02)) && !html.contains(QChar(0x03)));
    }

    void unclosedFenceIsCode()
    {
        QCOMPARE(render(u"```\na <b>"_s),
                 u"<div class=\"codehilite\"><pre><span></span><code>a &lt;b&gt;\n</code></pre></div>"_s);
        QCOMPARE(render(u"~~~quote\nquoted"_s), u"<blockquote>\n<p>quoted</p>\n</blockquote>"_s);
    }

    void deepNestingIsCapped()
    {
        // Deep quotes stop nesting at some depth and keep their text.
        const QString html = render(QString(1000, u'>') + u" deep"_s);
        QVERIFY(html.count(u"<blockquote>"_s) < 100);
        QVERIFY(html.contains(u"deep"_s));
        QCOMPARE(html.count(u"<blockquote>"_s), html.count(u"</blockquote>"_s));
    }
};

QTEST_GUILESS_MAIN(TestMarkdown)
#include "tst_markdown.moc"
