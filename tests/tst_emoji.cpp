// SPDX-License-Identifier: MIT
// The emoji and TLD tables the Markdown renderer uses: names, Zulip's own names, banned
// names, Unicode sequences, emoticons and top-level domains.
#include "emoji.h"
#include "tlds.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

// "1f937 200d 2640 fe0f" -> the text of those code points.
QString seq(const char *hex)
{
    QString text;
    for (const QString &part : QString::fromLatin1(hex).split(u' ', Qt::SkipEmptyParts)) {
        const char32_t cp = part.toUInt(nullptr, 16);
        text.append(QString::fromUcs4(&cp, 1));
    }
    return text;
}

// What a renderer following emoji.h makes of `text`: each emoji becomes ":name:", everything
// else (including sequences Zulip leaves alone) is copied.
QString markEmoji(QStringView text)
{
    QString out;
    qsizetype pos = 0;
    while (pos < text.size()) {
        qsizetype length = 0;
        const auto emoji = hb::emoji::matchAt(text, pos, &length);
        if (emoji) {
            out += u':' + emoji->name + u':';
            pos += length;
        } else if (length > 0) {
            out += text.mid(pos, length);
            pos += length;
        } else {
            out += text[pos++];
        }
    }
    return out;
}

QString conformanceFile()
{
    const QString env = qEnvironmentVariable("HOOKBENCH_MARKDOWN_CONFORMANCE");
    return env.isEmpty() ? QStringLiteral(HOOKBENCH_SOURCE_DIR) + u"/../shared/conformance/zulip-markdown/cases.json"_s
                         : env;
}

} // namespace

class TestEmoji : public QObject
{
    Q_OBJECT

private slots:
    void tableSizes()
    {
        QVERIFY2(hb::emoji::emojiCount() > 1800, qPrintable(QString::number(hb::emoji::emojiCount())));
        QVERIFY(hb::emoji::nameCount() > hb::emoji::emojiCount());
        QVERIFY2(hb::tlds::count() > 1400, qPrintable(QString::number(hb::tlds::count())));
    }

    void names_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("canonical");
        QTest::addColumn<QString>("codepoints");
        // Zulip's hand-picked names, where they differ from the datasource's short names.
        QTest::newRow("smile is slightly smiling") << u"smile"_s << u"smile"_s << u"1f642"_s;
        QTest::newRow("smiley") << u"smiley"_s << u"smiley"_s << u"1f603"_s;
        QTest::newRow("big_smile") << u"big_smile"_s << u"big_smile"_s << u"1f604"_s;
        QTest::newRow("holiday_tree") << u"holiday_tree"_s << u"holiday_tree"_s << u"1f384"_s;
        QTest::newRow("cooking") << u"cooking"_s << u"cooking"_s << u"1f373"_s;
        QTest::newRow("division") << u"division"_s << u"division"_s << u"2797"_s;
        QTest::newRow("heart") << u"heart"_s << u"heart"_s << u"2764"_s;
        QTest::newRow("frown") << u"frown"_s << u"frown"_s << u"1f641"_s;
        QTest::newRow("hash keycap") << u"hash"_s << u"hash"_s << u"0023-20e3"_s;
        QTest::newRow("+1") << u"+1"_s << u"+1"_s << u"1f44d"_s;
        QTest::newRow("-1") << u"-1"_s << u"-1"_s << u"1f44e"_s;
        QTest::newRow("hyphenated name") << u"jack-o-lantern"_s << u"jack-o-lantern"_s << u"1f383"_s;
        // Aliases resolve to their emoji and report the canonical name.
        QTest::newRow("alias pile_of_poo") << u"pile_of_poo"_s << u"poop"_s << u"1f4a9"_s;
        QTest::newRow("alias thumbs_up") << u"thumbs_up"_s << u"+1"_s << u"1f44d"_s;
        QTest::newRow("alias relaxed") << u"relaxed"_s << u"smiling_face"_s << u"263a"_s;
        QTest::newRow("alias love") << u"love"_s << u"heart"_s << u"2764"_s;
        // Names from CLDR, for emoji without a hand-picked name.
        QTest::newRow("woman_shrugging") << u"woman_shrugging"_s << u"woman_shrugging"_s << u"1f937-200d-2640"_s;
        QTest::newRow("eye_in_speech_bubble")
            << u"eye_in_speech_bubble"_s << u"eye_in_speech_bubble"_s << u"1f441-200d-1f5e8"_s;
        QTest::newRow("flag") << u"flag_united_states"_s << u"flag_united_states"_s << u"1f1fa-1f1f8"_s;
        QTest::newRow("plain names") << u"airplane"_s << u"airplane"_s << u"2708"_s;
        QTest::newRow("cat") << u"cat"_s << u"cat"_s << u"1f408"_s;
        QTest::newRow("non-ASCII name") << u"piñata"_s << u"piñata"_s << u"1fa85"_s;
        QTest::newRow("its ASCII twin") << u"pinata"_s << u"piñata"_s << u"1fa85"_s;
    }

    void names()
    {
        QFETCH(QString, name);
        QFETCH(QString, canonical);
        QFETCH(QString, codepoints);
        const auto emoji = hb::emoji::byName(name);
        QVERIFY2(emoji, qPrintable(name));
        QCOMPARE(emoji->name, canonical);
        QCOMPARE(emoji->codepoints, codepoints);
    }

    void notNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("fried_egg is :cooking: in Zulip") << u"fried_egg"_s;
        QTest::newRow("datasource name of 1f642") << u"slightly_smiling_face"_s;
        QTest::newRow("CLDR name of a hand-picked emoji") << u"christmas_tree"_s;
        QTest::newRow("ZWJ short name") << u"man-girl-girl"_s;
        QTest::newRow("skin tone") << u"skin-tone-2"_s;
        QTest::newRow("skin tone, CLDR name") << u"light_skin_tone"_s;
        QTest::newRow("clock face") << u"one_oclock"_s;
        QTest::newRow("unknown") << u"fakeemojithisshouldnotrender"_s;
        QTest::newRow("case matters") << u"Smile"_s;
        QTest::newRow("zulip is an image") << u"zulip"_s;
        QTest::newRow("empty") << QString();
        QTest::newRow("with colons") << u":smile:"_s;
    }

    void notNames()
    {
        QFETCH(QString, name);
        QVERIFY(!hb::emoji::byName(name));
    }

    void zulipImage()
    {
        QCOMPARE(hb::emoji::imageSource(u"zulip"), u"/static/generated/emoji/images/emoji/unicode/zulip.png"_s);
        QVERIFY(!hb::emoji::imageSource(u"smile"));
        QVERIFY(!hb::emoji::imageSource(u"Zulip"));
    }

    void sequences_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("pos");
        QTest::addColumn<QString>("name"); // empty: no emoji
        QTest::addColumn<int>("length");
        QTest::newRow("ZWJ with FE0F") << seq("1f937 200d 2640 fe0f") << 0 << u"woman_shrugging"_s << 5;
        QTest::newRow("ZWJ without FE0F") << seq("1f937 200d 2640") << 0 << u"woman_shrugging"_s << 4;
        QTest::newRow("eye in speech bubble") << seq("1f441 200d 1f5e8") << 0 << u"eye_in_speech_bubble"_s << 5;
        QTest::newRow("keycap") << seq("23 fe0f 20e3") << 0 << u"hash"_s << 3;
        QTest::newRow("keycap without FE0F is text") << seq("23 20e3") << 0 << QString() << 1;
        QTest::newRow("digit is text") << u"1"_s << 0 << QString() << 1;
        QTest::newRow("letter") << u"a"_s << 0 << QString() << 0;
        QTest::newRow("unknown ZWJ sequence skipped whole") << seq("1f426 200d 1f525") << 0 << QString() << 5;
        QTest::newRow("lime is not lemon") << seq("1f34b 200d 1f7e9") << 0 << QString() << 5;
        QTest::newRow("nor its second half") << seq("1f34b 200d 1f7e9") << 3 << QString() << 2;
        QTest::newRow("lemon") << seq("1f34b") << 0 << u"lemon"_s << 2;
        QTest::newRow("first of two") << seq("1f4a9 1f4a9") << 0 << u"poop"_s << 2;
        QTest::newRow("second of two") << seq("1f4a9 1f4a9") << 2 << u"poop"_s << 2;
        QTest::newRow("middle of a surrogate pair") << seq("1f4a9") << 1 << QString() << 0;
        QTest::newRow("holiday tree") << seq("1f384") << 0 << u"holiday_tree"_s << 2;
        QTest::newRow("BMP emoji") << seq("2693") << 0 << u"anchor"_s << 1;
        QTest::newRow("text-default symbol alone") << seq("2708") << 0 << QString() << 1;
        QTest::newRow("text-default symbol with FE0F") << seq("2708 fe0f") << 0 << u"airplane"_s << 2;
        QTest::newRow("heart needs FE0F") << seq("2764") << 0 << QString() << 1;
        QTest::newRow("red heart") << seq("2764 fe0f") << 0 << u"heart"_s << 2;
        QTest::newRow("flag") << seq("1f1fa 1f1f8") << 0 << u"flag_united_states"_s << 4;
        QTest::newRow("lone regional indicator") << seq("1f1fa") << 0 << QString() << 2;
        QTest::newRow("skin tone is not supported") << seq("1f44d 1f3fd") << 0 << QString() << 4;
        QTest::newRow("tag sequence")
            << seq("1f3f4 e0067 e0062 e0073 e0063 e0074 e007f") << 0 << u"flag_scotland"_s << 14;
        QTest::newRow("flag then ZWJ: no join") << seq("1f1fa 1f1f8 200d 1f7ea") << 5 << u"purple_square"_s << 2;
        QTest::newRow("emoji then ZWJ: joined") << seq("1f34b 200d 1f7ea") << 3 << QString() << 2;
        QTest::newRow("out of range") << u"x"_s << 5 << QString() << 0;
    }

    void sequences()
    {
        QFETCH(QString, text);
        QFETCH(int, pos);
        QFETCH(QString, name);
        QFETCH(int, length);
        qsizetype matched = -1;
        const auto emoji = hb::emoji::matchAt(text, pos, &matched);
        QCOMPARE(emoji ? emoji->name : QString(), name);
        QCOMPARE(matched, qsizetype(length));
        QCOMPARE(bool(hb::emoji::matchAt(text, pos, nullptr)), !name.isEmpty());
    }

    // Every emoji of the table is found in text, whole, as written or with U+FE0F after its
    // first code point (text-default symbols and keycaps need it).
    void everyEntryMatches()
    {
        QFile file(u":/emoji/emoji.tsv"_s);
        QVERIFY(file.open(QIODevice::ReadOnly));
        int entries = 0;
        QStringList failures;
        for (const QByteArray &line : file.readAll().split('\n')) {
            if (line.isEmpty() || line.startsWith('#'))
                continue;
            const QString codepoints = QString::fromUtf8(line.left(line.indexOf('\t')));
            QList<char32_t> units;
            for (const QString &part : codepoints.split(u'-'))
                units.append(part.toUInt(nullptr, 16));
            QList<char32_t> qualified = units;
            qualified.insert(1, 0xFE0F);
            bool found = false;
            for (const QList<char32_t> &form : {units, qualified}) {
                const QString text = QString::fromUcs4(form.constData(), form.size());
                qsizetype length = 0;
                const auto emoji = hb::emoji::matchAt(text, 0, &length);
                if (emoji && emoji->codepoints == codepoints && length == text.size()) {
                    found = true;
                    break;
                }
            }
            if (!found)
                failures.append(codepoints);
            ++entries;
        }
        QCOMPARE(entries, hb::emoji::emojiCount());
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(u' ')));
    }

    void scanning_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("marked");
        QTest::newRow("emoji_sequence_two") << seq("1f441 200d 1f5e8 20 23 fe0f 20e3") << u":eye_in_speech_bubble: :hash:"_s;
        QTest::newRow("unrecognized three")
            << u"normal lemon "_s + seq("1f34b") + u", purple lemon? "_s + seq("1f34b 200d 1f7ea")
            << u"normal lemon :lemon:, purple lemon? "_s + seq("1f34b 200d 1f7ea");
        QTest::newRow("text around") << u"Extra"_s + seq("1f47d") + u"Terrestrial"_s << u"Extra:alien:Terrestrial"_s;
        QTest::newRow("dingbats") << seq("2693 2797") << u":anchor::division:"_s;
        QTest::newRow("numbers stay") << u"2024 #1 *"_s << u"2024 #1 *"_s;
        QTest::newRow("arrows stay") << seq("2194 20 2194 fe0f") << seq("2194 20") + u":left_right:"_s;
    }

    void scanning()
    {
        QFETCH(QString, text);
        QFETCH(QString, marked);
        QCOMPARE(markEmoji(text), marked);
    }

    void emoticons_data()
    {
        QTest::addColumn<QString>("emoticon");
        QTest::addColumn<QString>("name");
        QTest::newRow(":)") << u":)"_s << u"smile"_s;
        QTest::newRow("(:") << u"(:"_s << u"smile"_s;
        QTest::newRow(":(") << u":("_s << u"frown"_s;
        QTest::newRow("<3") << u"<3"_s << u"heart"_s;
        QTest::newRow(":|") << u":|"_s << u"neutral"_s;
        QTest::newRow(":/") << u":/"_s << u"confused"_s;
        QTest::newRow(";)") << u";)"_s << u"wink"_s;
        QTest::newRow(":D") << u":D"_s << u"grinning"_s;
        QTest::newRow(":o") << u":o"_s << u"open_mouth"_s;
        QTest::newRow(":O") << u":O"_s << u"open_mouth"_s;
        QTest::newRow(":p") << u":p"_s << u"stuck_out_tongue"_s;
        QTest::newRow(":P") << u":P"_s << u"stuck_out_tongue"_s;
        QTest::newRow(":-| is not one") << u":-|"_s << QString();
        QTest::newRow(":-) is not one") << u":-)"_s << QString();
        QTest::newRow(":d is not one") << u":d"_s << QString();
        QTest::newRow("spaced") << u": )"_s << QString();
        QTest::newRow("longer") << u":))"_s << QString();
    }

    void emoticons()
    {
        QFETCH(QString, emoticon);
        QFETCH(QString, name);
        const auto found = hb::emoji::emoticonName(emoticon);
        QCOMPARE(found.value_or(QString()), name);
        if (found)
            QVERIFY2(hb::emoji::byName(*found), qPrintable(*found)); // every target is an emoji
    }

    void emoticonBoundaries_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("pos");
        QTest::addColumn<QString>("name");
        QTest::newRow("alone") << u":)"_s << 0 << u"smile"_s;
        QTest::newRow("after a space") << u"foo :( bar"_s << 4 << u"frown"_s;
        QTest::newRow("before a full stop") << u"Translate this :)."_s << 15 << u"smile"_s;
        QTest::newRow("in brackets") << u"(<3)"_s << 1 << u"heart"_s;
        QTest::newRow("after a letter") << u"a:)"_s << 1 << QString();
        QTest::newRow("before a letter") << u";)b"_s << 0 << QString();
        QTest::newRow("inside a word") << u"foo:)bar"_s << 3 << QString();
        QTest::newRow("after a newline") << u"x\n:D"_s << 2 << u"grinning"_s;
        QTest::newRow("not an emoticon") << u"ab"_s << 0 << QString();
    }

    void emoticonBoundaries()
    {
        QFETCH(QString, text);
        QFETCH(int, pos);
        QFETCH(QString, name);
        qsizetype length = -1;
        const auto found = hb::emoji::emoticonAt(text, pos, &length);
        QCOMPARE(found.value_or(QString()), name);
        QCOMPARE(length, qsizetype(name.isEmpty() ? 0 : 2));
    }

    void tlds_data()
    {
        QTest::addColumn<QString>("tld");
        QTest::addColumn<bool>("known");
        QTest::addColumn<bool>("linkable");
        QTest::newRow("org") << u"org"_s << true << true;
        QTest::newRow("com") << u"com"_s << true << true;
        QTest::newRow("uk (ucl.ac.uk)") << u"uk"_s << true << true;
        QTest::newRow("co (t.co)") << u"co"_s << true << true;
        QTest::newRow("io") << u"io"_s << true << true;
        QTest::newRow("eu") << u"eu"_s << true << true;
        QTest::newRow("upper case") << u"ORG"_s << true << false;
        QTest::newRow("mixed case") << u"Com"_s << true << false;
        QTest::newRow("punycode") << u"xn--p1ai"_s << true << true;
        QTest::newRow("unicode spelling") << u"рф"_s << false << false;
        QTest::newRow("commandstuff") << u"commandstuff"_s << false << false;
        QTest::newRow("py is a file extension") << u"py"_s << false << false;
        QTest::newRow("md") << u"md"_s << false << false;
        QTest::newRow("zip") << u"zip"_s << false << false;
        QTest::newRow("java") << u"java"_s << false << false;
        QTest::newRow("mov") << u"mov"_s << false << false;
        QTest::newRow("empty") << QString() << false << false;
        QTest::newRow("with dot") << u".com"_s << false << false;
    }

    void tlds()
    {
        QFETCH(QString, tld);
        QFETCH(bool, known);
        QFETCH(bool, linkable);
        QCOMPARE(hb::tlds::isKnown(tld), known);
        QCOMPARE(hb::tlds::isLinkable(tld), linkable);
    }

    // Every emoji span in Zulip's Markdown cases: its name, code points and title agree with
    // the table, whether the span came from ":name:", an emoticon or a Unicode character.
    void conformanceSpans()
    {
        QFile file(conformanceFile());
        if (!file.open(QIODevice::ReadOnly))
            QSKIP("../shared/conformance/zulip-markdown is absent: the emoji spans of Zulip's cases were not checked");
        const QJsonArray cases = QJsonDocument::fromJson(file.readAll()).object().value(u"regular_tests").toArray();
        static const QRegularExpression span(
            u"<span aria-label=\"([^\"]*)\" class=\"emoji emoji-([0-9a-f-]+)\" role=\"img\" title=\"([^\"]*)\">:([^:<]+):</span>"_s);
        int checked = 0;
        for (const QJsonValue &c : cases) {
            const QString html = c.toObject().value(u"expected_output").toString();
            for (auto it = span.globalMatch(html); it.hasNext();) {
                const QRegularExpressionMatch m = it.next();
                const QString name = m.captured(4);
                const auto emoji = hb::emoji::byName(name);
                QVERIFY2(emoji, qPrintable(u":%1: in %2"_s.arg(name, c.toObject().value(u"name").toString())));
                QCOMPARE(emoji->codepoints, m.captured(2));
                QCOMPARE(m.captured(1), QString(name).replace(u'_', u' '));
                QCOMPARE(m.captured(3), m.captured(1));
                ++checked;
            }
        }
        QVERIFY(checked > 20);
    }
};

QTEST_APPLESS_MAIN(TestEmoji)
#include "tst_emoji.moc"
