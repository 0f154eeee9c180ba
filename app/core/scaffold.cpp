// SPDX-License-Identifier: MIT
#include "scaffold.h"

#include "capturefixture.h"
#include "capturereplay.h"
#include "integration.h"
#include "json.h"
#include "jsontext.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>
#include <QStringDecoder>
#include <QTemporaryDir>

#include <algorithm>
#include <array>
#include <filesystem>
#include <system_error>

using namespace Qt::StringLiterals;

namespace hb {

namespace {

constexpr QStringView kRegistryPath = u"integrations/registry.cpp";
constexpr QStringView kPlaceholderEvent = u"example";
constexpr QStringView kQueryStream = u"test";

// Identifiers a namespace may not take: C++'s keywords and alternative tokens, and names that would
// shadow namespaces the handlers use.
const QSet<QString> &reservedNames()
{
    static const QSet<QString> names = [] {
        QSet<QString> s;
        for (const char *w : {"alignas", "alignof", "and", "and_eq", "asm", "auto", "bitand", "bitor", "bool", "break",
                              "case", "catch", "char", "char8_t", "char16_t", "char32_t", "class", "compl", "concept",
                              "const", "consteval", "constexpr", "constinit", "const_cast", "continue", "co_await",
                              "co_return", "co_yield", "decltype", "default", "delete", "do", "double", "dynamic_cast",
                              "else", "enum", "explicit", "export", "extern", "false", "float", "for", "friend", "goto",
                              "if", "inline", "int", "long", "mutable", "namespace", "new", "noexcept", "not", "not_eq",
                              "nullptr", "operator", "or", "or_eq", "private", "protected", "public", "register",
                              "reinterpret_cast", "requires", "return", "short", "signed", "sizeof", "static",
                              "static_assert", "static_cast", "struct", "switch", "template", "this", "thread_local",
                              "throw", "true", "try", "typedef", "typeid", "typename", "union", "unsigned", "using",
                              "virtual", "void", "volatile", "wchar_t", "while", "xor", "xor_eq", "std", "hb", "qt",
                              "integrations", "registry", "git"})
            s.insert(QString::fromLatin1(w));
        return s;
    }();
    return names;
}

// The text of a C++ u"…" literal (the caller has refused control characters).
QString cppString(const QString &text)
{
    QString out;
    for (const QChar c : text) {
        if (c == u'\\' || c == u'"')
            out += u'\\';
        out += c;
    }
    return out;
}

QString xmlEscaped(const QString &text)
{
    return text.toHtmlEscaped();
}

bool hasControlCharacters(const QString &text)
{
    return std::any_of(text.begin(), text.end(), [](QChar c) { return c.category() == QChar::Other_Control; });
}

// "Push Hook" -> "push_hook": an event name as the start of a fixture name.
QString fixtureStem(const QString &event)
{
    QString out;
    for (const QChar c : event.toLower()) {
        if ((c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9'))
            out += c;
        else if (!out.isEmpty() && !out.endsWith(u'_'))
            out += u'_';
    }
    while (out.endsWith(u'_'))
        out.chop(1);
    return out.left(60);
}

// Top-level keys in document order, each once (as Payload::keys() gives them to the handler).
QStringList objectKeys(const JsonValue &object)
{
    QStringList keys;
    for (const auto &member : object.members()) {
        if (!keys.contains(member.first))
            keys.append(member.first);
    }
    return keys;
}

JsonValue object(std::vector<JsonValue::Member> members)
{
    return JsonValue::makeObject(std::move(members));
}

JsonValue str(const QString &text)
{
    return JsonValue::fromString(text);
}

// The same hash and palette as scripts/generate-logos, so a monogram looks the same either way.
QString monogramColour(const QString &name)
{
    static constexpr std::array<const char16_t *, 8> palette{u"#3f8f6a", u"#4a6fc4", u"#b5557a", u"#c07a2c",
                                                             u"#7a5cc2", u"#2f8a9a", u"#a34f3f", u"#5d7f2e"};
    quint32 h = 0;
    for (const char32_t c : name.toUcs4())
        h = h * 31 + quint32(c);
    return QString::fromUtf16(palette[h % palette.size()]);
}

QString monogramLetters(const QString &displayName)
{
    QString letters;
    for (const QString &word : displayName.split(QRegularExpression(u"[^\\p{L}\\p{N}]+"_s), Qt::SkipEmptyParts)) {
        letters += word.at(0).toUpper();
        if (letters.size() == 2)
            break;
    }
    return letters.isEmpty() ? u"?"_s : letters;
}

bool writeFile(const QString &path, const QByteArray &bytes, QString *error)
{
    if (!QDir().mkpath(QFileInfo(path).absolutePath())) {
        *error = Scaffold::tr("Cannot create the folder %1.").arg(QFileInfo(path).absolutePath());
        return false;
    }
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly) || file.write(bytes) != bytes.size() || !file.flush()) {
        *error = Scaffold::tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace

QString Scaffold::nameError(const QString &name)
{
    if (name.isEmpty())
        return tr("The name is empty.");
    static const QRegularExpression shape(u"\\A[a-z][a-z0-9_]*\\z"_s); // \z, not $, which allows a final newline
    if (!shape.match(name).hasMatch()) {
        if (name.at(0) >= u'0' && name.at(0) <= u'9')
            return tr("The name must start with a letter.");
        return tr("Names use lower-case letters a–z, digits and _ only, starting with a letter (\"%1\" has other "
                  "characters).").arg(name.left(80));
    }
    if (name.size() < kMinNameLength || name.size() > kMaxNameLength)
        return tr("The name must have %1 to %2 characters.").arg(kMinNameLength).arg(kMaxNameLength);
    if (name.contains(u"__"_s) || name.endsWith(u'_'))
        return tr("The name may not contain \"__\" or end with \"_\".");
    if (reservedNames().contains(name))
        return tr("\"%1\" is a reserved word in C++ or a namespace the handlers use.").arg(name);
    return {};
}

QString Scaffold::displayNameError(const QString &displayName)
{
    const QString trimmed = displayName.trimmed();
    if (trimmed.isEmpty())
        return tr("The display name is empty.");
    if (trimmed.size() > kMaxDisplayNameLength)
        return tr("The display name is longer than %1 characters (it is the placeholder message's topic).")
            .arg(kMaxDisplayNameLength);
    if (hasControlCharacters(trimmed))
        return tr("The display name contains control characters.");
    return {};
}

QString Scaffold::eventHeaderError(const QByteArray &header)
{
    static const QRegularExpression token(u"\\A[A-Za-z0-9][A-Za-z0-9-]{0,63}\\z"_s);
    if (!token.match(QString::fromLatin1(header)).hasMatch())
        return tr("The event header must be an HTTP header name: letters, digits and -, at most 64 characters.");
    if (CaptureFixture::isLeftOutHeader(header, {}))
        return tr("%1 is a transport or credential header; it cannot name the event.").arg(QString::fromLatin1(header));
    return {};
}

QString Scaffold::defaultDisplayName(const QString &name)
{
    QStringList words = name.split(u'_', Qt::SkipEmptyParts);
    for (QString &w : words)
        w[0] = w[0].toUpper();
    return words.join(u' ');
}

QString Scaffold::placeholderContent(const QString &event, const QStringList &keys)
{
    QStringList shown;
    for (const QString &key : keys.mid(0, kPlaceholderFieldsShown))
        shown.append(u'`' + key + u'`');
    QString fields = shown.isEmpty() ? u"The payload has no fields."_s : u"The payload's fields: "_s + shown.join(u", "_s);
    if (keys.size() > shown.size())
        fields += u" and %1 more"_s.arg(keys.size() - shown.size());
    if (!shown.isEmpty())
        fields += u'.';
    const QString start = event.isEmpty() ? u"Placeholder message. "_s
                                         : u"Placeholder message for the **%1** event. "_s.arg(event);
    return start + fields;
}

std::optional<QString> Scaffold::insertIntoRegistry(const QString &registryText, const QString &name,
                                                    const QString &entryText, QString *error)
{
    const auto fail = [error](const QString &why) -> std::optional<QString> {
        *error = tr("integrations/registry.cpp is not in the expected shape: %1 Add the entry by hand.").arg(why);
        return std::nullopt;
    };
    QStringList lines = registryText.split(u'\n');

    // The includes: one "dir/dir.h" line per integration folder, alphabetical.
    static const QRegularExpression include(u"^#include \"([a-z0-9_]+)/([a-z0-9_]+)\\.h\"\\s*$"_s);
    int firstInclude = -1, lastInclude = -1, includeAt = -1;
    QString previousDir;
    for (int i = 0; i < lines.size(); ++i) {
        const QRegularExpressionMatch m = include.match(lines[i]);
        if (!m.hasMatch())
            continue;
        if (lastInclude >= 0 && lastInclude != i - 1)
            return fail(tr("the integration #include lines are not one block (line %1).").arg(i + 1));
        const QString dir = m.captured(1);
        if (dir == name) {
            *error = tr("integrations/registry.cpp already includes %1/.").arg(name);
            return std::nullopt;
        }
        if (!previousDir.isEmpty() && !(previousDir < dir))
            return fail(tr("the #include lines are not in alphabetical order (%1 after %2).").arg(dir, previousDir));
        previousDir = dir;
        if (firstInclude < 0)
            firstInclude = i;
        lastInclude = i;
        if (includeAt < 0 && name < dir)
            includeAt = i;
    }
    if (firstInclude < 0)
        return fail(tr("no #include \"<name>/<name>.h\" lines."));
    if (includeAt < 0)
        includeAt = lastInclude + 1;

    // The table: "static const Registry registry(QList<IntegrationEntry>{" … "});", one entry per
    // integration starting with "{.name = u\"…\"_s" and ending with "},".
    int tableStart = -1;
    for (int i = 0; i < lines.size(); ++i) {
        if (lines[i].contains(u"QList<IntegrationEntry>{"_s)) {
            if (tableStart >= 0)
                return fail(tr("two tables (lines %1 and %2).").arg(tableStart + 1).arg(i + 1));
            tableStart = i;
        }
    }
    if (tableStart < 0)
        return fail(tr("no \"QList<IntegrationEntry>{\" table."));
    static const QRegularExpression tableEnd(u"^\\s*\\}\\);\\s*$"_s);
    static const QRegularExpression entryStart(u"^(\\s*)\\{\\.name = u\"([^\"]*)\"_s,"_s);
    int end = -1;
    struct Entry { int line; QString name; };
    QList<Entry> entries;
    QString indent;
    for (int i = tableStart + 1; i < lines.size(); ++i) {
        if (tableEnd.match(lines[i]).hasMatch()) {
            end = i;
            break;
        }
        const QRegularExpressionMatch m = entryStart.match(lines[i]);
        if (m.hasMatch()) {
            if (!entries.isEmpty() && !(entries.last().name < m.captured(2)))
                return fail(tr("the entries are not in alphabetical order (%1 after %2).")
                                .arg(m.captured(2), entries.last().name));
            if (entries.isEmpty())
                indent = m.captured(1);
            else if (m.captured(1) != indent)
                return fail(tr("line %1 is indented differently from the other entries.").arg(i + 1));
            entries.append({i, m.captured(2)});
            continue;
        }
        const QString trimmed = lines[i].trimmed();
        if (entries.isEmpty() && !trimmed.isEmpty() && !trimmed.startsWith(u"//"_s))
            return fail(tr("line %1 comes before the first entry and is not one.").arg(i + 1));
        if (!entries.isEmpty() && !trimmed.isEmpty() && !lines[i].startsWith(indent + u' '))
            return fail(tr("line %1 is neither an entry nor the continuation of one.").arg(i + 1));
    }
    if (end < 0)
        return fail(tr("the table has no closing \"});\"."));
    if (entries.isEmpty())
        return fail(tr("the table has no entries."));
    // Each entry's last line closes it.
    for (int k = 0; k < entries.size(); ++k) {
        int last = (k + 1 < entries.size() ? entries[k + 1].line : end) - 1;
        while (last > entries[k].line && lines[last].trimmed().isEmpty())
            --last;
        if (!lines[last].trimmed().endsWith(u"},"_s))
            return fail(tr("the entry %1 does not end with \"},\" (line %2).").arg(entries[k].name).arg(last + 1));
    }
    int entryAt = end;
    for (const Entry &e : entries) {
        if (e.name == name) {
            *error = tr("integrations/registry.cpp already has an entry named %1.").arg(name);
            return std::nullopt;
        }
        if (name < e.name) {
            entryAt = e.line;
            break;
        }
    }

    QStringList entryLines = entryText.split(u'\n');
    for (QString &line : entryLines)
        line.prepend(indent);
    // The entry goes in first (it is below the includes), then the include.
    for (qsizetype k = entryLines.size() - 1; k >= 0; --k)
        lines.insert(entryAt, entryLines[k]);
    lines.insert(includeAt, u"#include \"%1/%1.h\""_s.arg(name));
    return lines.join(u'\n');
}

Scaffold::Scaffold(QString root, ScaffoldSpec spec) : m_root(std::move(root)), m_spec(std::move(spec))
{
    m_spec.displayName = m_spec.displayName.trimmed();
    if (m_spec.categories.isEmpty())
        m_spec.categories = {u"misc"_s};
    m_spec.categories.removeDuplicates();
}

QString Scaffold::displayName() const
{
    return m_spec.displayName.isEmpty() ? defaultDisplayName(m_spec.name) : m_spec.displayName;
}

QString Scaffold::handlerHeader() const
{
    const QString &n = m_spec.name;
    return u"// SPDX-License-Identifier: MIT\n"
           "#pragma once\n"
           "\n"
           "#include \"integration.h\"\n"
           "\n"
           "namespace hb::integrations::%1 {\n"
           "\n"
           "Outcome handle(const WebhookContext &ctx);\n"
           "QStringList eventTypes();\n"
           "\n"
           "} // namespace hb::integrations::%1\n"_s.arg(n);
}

QString Scaffold::handlerSource(const QStringList &events) const
{
    const QString &n = m_spec.name;
    const bool withEvents = !m_spec.eventHeader.isEmpty();
    QString text = u"// SPDX-License-Identifier: MIT\n"
                   "// Made by `hookbench new`: a placeholder that names the payload's fields. Replace it with the real\n"
                   "// message (docs/writing-an-integration.md), then the cases in fixtures/%1/cases.json.\n"
                   "#include \"%1.h\"\n"
                   "\n"
                   "using namespace Qt::StringLiterals;\n"
                   "\n"
                   "namespace hb::integrations::%1 {\n"
                   "\n"
                   "QStringList eventTypes()\n"
                   "{\n"_s.arg(n);
    if (withEvents) {
        QStringList literals;
        for (const QString &e : events)
            literals.append(u"u\"%1\"_s"_s.arg(cppString(e)));
        text += u"    // The values of the %1 header this integration renders; any other event is answered as\n"
                "    // unsupported (a no-op), as Zulip does.\n"
                "    return {%2};\n"_s.arg(QString::fromLatin1(m_spec.eventHeader), literals.join(u", "_s));
    } else {
        text += u"    // The service names no event types: only_events and exclude_events do not apply.\n"
                "    return {};\n"_s;
    }
    text += u"}\n"
            "\n"
            "Outcome handle(const WebhookContext &ctx)\n"
            "{\n"_s;
    if (withEvents) {
        text += u"    const QString event = ctx.eventType();\n"
                "    if (!eventTypes().contains(event))\n"
                "        return unsupportedEvent(ctx, event);\n"
                "\n"_s;
    }
    text += u"    const QStringList keys = ctx.payload().keys(); // a payload that is not an object: 400\n"
            "    QStringList shown;\n"
            "    for (const QString &key : keys.mid(0, %1))\n"
            "        shown.append(u'`' + key + u'`');\n"
            "    QString fields = shown.isEmpty() ? u\"The payload has no fields.\"_s\n"
            "                                     : u\"The payload's fields: \"_s + shown.join(u\", \"_s);\n"
            "    if (keys.size() > shown.size())\n"
            "        fields += u\" and %2 more\"_s.arg(keys.size() - shown.size());\n"
            "    if (!shown.isEmpty())\n"
            "        fields += u'.';\n"_s.arg(kPlaceholderFieldsShown).arg(u"%1"_s);
    text += withEvents ? u"    const QString content = u\"Placeholder message for the **%1** event. \"_s.arg(event) + fields;\n"_s
                       : u"    const QString content = u\"Placeholder message. \"_s + fields;\n"_s;
    text += u"    return Message{.topic = ctx.integration().displayName, .content = content, .stream = std::nullopt,\n"
            "                   .eventType = {}};\n"
            "}\n"
            "\n"
            "} // namespace hb::integrations::%1\n"_s.arg(n);
    return text;
}

QString Scaffold::registryEntry() const
{
    const QString &n = m_spec.name;
    const QString display = cppString(displayName());
    QStringList categories;
    for (const QString &c : m_spec.categories)
        categories.append(u"u\"%1\"_s"_s.arg(c));
    QString header;
    if (!m_spec.eventHeader.isEmpty())
        header = u".eventHeader = \"%1\", "_s.arg(QString::fromLatin1(m_spec.eventHeader));
    return u"{.name = u\"%1\"_s, .displayName = u\"%2\"_s, .categories = {%3},\n"
           " .handler = integrations::%1::handle, %4.eventTypes = integrations::%1::eventTypes(),\n"
           " .webhookName = u\"%2\"_s, .urlOptions = {}},"_s.arg(n, display, categories.join(u", "_s), header);
}

QString Scaffold::docText(const QStringList &events) const
{
    const QString &n = m_spec.name;
    const QString display = displayName();
    QString text = u"# %1\n"
                   "\n"
                   "<!-- Made by `hookbench new`: replace each part in brackets, and the sample once the handler\n"
                   "     renders real messages. -->\n"
                   "\n"
                   "[%1](https://example.com) is [what the service does, in one sentence]. This integration posts\n"
                   "a message to Zulip for each of the events listed below.\n"
                   "\n"
                   "## Setting it up\n"
                   "\n"
                   "1. Build the URL below.\n"
                   "2. In %1, open [where the webhook settings are] and add a webhook.\n"
                   "3. Paste the URL, choose the events to send, and save.\n"
                   "\n"
                   "## URL\n"
                   "\n"
                   "`{{ api_url }}/v1/external/%2?api_key=API_KEY&stream=STREAM`\n"
                   "\n"
                   "| Option | Meaning |\n"
                   "|---|---|\n"
                   "| `stream` | Stream to post to; without it the bot owner gets a direct message. |\n"
                   "| `topic` | Another topic than `%1`. |\n"_s.arg(display, n);
    if (!m_spec.eventHeader.isEmpty()) {
        text += u"| `only_events`, `exclude_events` | Comma-separated event names (below) to keep or drop. |\n"
                "\n"
                "## Events\n"
                "\n"_s;
        for (const QString &e : events)
            text += u"- `%1`: [what the message says].\n"_s.arg(e);
    } else {
        text += u"\n"
                "%1 names no event types, so `only_events` / `exclude_events` do not apply.\n"
                "\n"
                "## Events\n"
                "\n"
                "- [The notifications %1 sends, and what each message says.]\n"_s.arg(display);
    }
    const QString sampleEvent = m_spec.eventHeader.isEmpty() ? QString() : events.value(0);
    text += u"\n"
            "## Sample\n"
            "\n"
            "Topic `%1`:\n"
            "\n"
            "```\n"
            "%2\n"
            "```\n"_s.arg(display, placeholderContent(sampleEvent, {u"id"_s, u"name"_s, u"note"_s}));
    return text;
}

QString Scaffold::logoSvg() const
{
    const QString letters = monogramLetters(displayName());
    const int size = letters.size() > 1 ? 26 : 34;
    return u"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"64\" height=\"64\" viewBox=\"0 0 64 64\">\n"
           "<title>%1</title>\n"
           "<desc>monogram</desc>\n"
           "<rect x=\"1\" y=\"1\" width=\"62\" height=\"62\" rx=\"14\" ry=\"14\" fill=\"%2\"/>\n"
           "<text x=\"32\" y=\"%3\" text-anchor=\"middle\" font-family=\"DejaVu Sans, Noto Sans, sans-serif\""
           " font-size=\"%4\" font-weight=\"bold\" fill=\"#ffffff\">%5</text>\n"
           "</svg>\n"_s.arg(xmlEscaped(displayName()), monogramColour(m_spec.name), QString::number(32 + size * 0.36),
                         QString::number(size), xmlEscaped(letters));
}

bool Scaffold::fixtureFiles(QList<ScaffoldFile> &out, QStringList *events, QString *error) const
{
    const QString &n = m_spec.name;
    const QString dir = u"fixtures/"_s + n + u'/';
    const bool withEvents = !m_spec.eventHeader.isEmpty();
    const QString header = QString::fromLatin1(m_spec.eventHeader);
    const JsonValue query = object({{u"stream"_s, str(kQueryStream.toString())}});
    std::vector<JsonValue> cases;
    QStringList fixtureNames;
    QList<QString> caseEvents;

    const auto messageCase = [&](const QString &fixture, const QByteArray &method, const JsonValue &contentType,
                                 JsonValue headers, JsonValue caseQuery, const QString &content) {
        cases.push_back(object({{u"test"_s, str(fixture.left(fixture.lastIndexOf(u'.')))},
                                {u"method"_s, str(QString::fromLatin1(method))},
                                {u"fixture"_s, str(fixture)},
                                {u"body"_s, JsonValue()},
                                {u"content_type"_s, contentType},
                                {u"headers"_s, std::move(headers)},
                                {u"query"_s, std::move(caseQuery)},
                                {u"expect"_s, str(u"message"_s)},
                                {u"expected_messages"_s, JsonValue::makeArray({object({{u"topic"_s, str(displayName())},
                                                                                       {u"content"_s, str(content)}})})}}));
    };

    if (m_spec.captures.isEmpty()) {
        const QString event = withEvents ? kPlaceholderEvent.toString() : QString();
        const QString fixture = u"example.json"_s;
        const QString text = u"{\"id\": 1, \"name\": \"Example\", \"note\": %1}"_s.arg(QString::fromUtf8(
            jsonQuote(u"A placeholder: replace this file with a real payload of %1."_s.arg(displayName()))));
        out.append({dir + fixture, stableJson(text).toUtf8()});
        fixtureNames.append(fixture);
        caseEvents.append(event);
        std::vector<JsonValue::Member> headers;
        if (withEvents)
            headers.emplace_back(header, str(event));
        messageCase(fixture, "POST", str(u"application/json"_s), object(std::move(headers)), query,
                    placeholderContent(event, {u"id"_s, u"name"_s, u"note"_s}));
    }

    for (const Capture &capture : m_spec.captures) {
        const QString which = tr("Capture %1").arg(capture.id);
        if (capture.body.isEmpty()) {
            *error = tr("%1 has no body to make a fixture of.").arg(which);
            return false;
        }
        QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        const QString text = decoder.decode(capture.body);
        JsonParseError parseError;
        const std::optional<JsonValue> document = decoder.hasError() ? std::nullopt : parseJson(capture.body, &parseError);
        if (!document || findJsonError(text)) {
            *error = tr("%1: the body is not JSON; the placeholder handler reads a JSON body (save such a request "
                        "as a fixture by hand).").arg(which);
            return false;
        }
        if (!document->isObject()) {
            *error = tr("%1: the body is JSON but not an object; the placeholder handler lists an object's fields.")
                         .arg(which);
            return false;
        }
        const WebhookRequest request = requestFromCapture(capture);
        QString event;
        if (withEvents) {
            const std::optional<QByteArray> value = request.header(m_spec.eventHeader);
            if (!value) {
                *error = tr("%1 has no %2 header: the event header must be in every capture.").arg(which, header);
                return false;
            }
            event = QString::fromUtf8(*value);
            if (event.isEmpty() || event.size() > 100 || hasControlCharacters(event)) {
                *error = tr("%1: its %2 header is empty, too long or has control characters.").arg(which, header);
                return false;
            }
        }
        const QString content = placeholderContent(withEvents ? event : QString(), objectKeys(*document));
        if (content.size() > 9000) {
            *error = tr("%1: the payload's field names are too long for a message.").arg(which);
            return false;
        }
        const QString stemBase = withEvents && !fixtureStem(event).isEmpty() ? fixtureStem(event) + u"__captured"_s
                                                                             : n + u"_captured"_s;
        QString fixture = stemBase + u".json"_s;
        for (int k = 2; fixtureNames.contains(fixture); ++k)
            fixture = stemBase + u'_' + QString::number(k) + u".json"_s;
        out.append({dir + fixture, stableJson(text).toUtf8()});
        fixtureNames.append(fixture);
        caseEvents.append(event);

        std::vector<JsonValue::Member> headers;
        for (const auto &[name, value] : capture.headers) {
            if (!CaptureFixture::isLeftOutHeader(name, m_spec.eventHeader))
                headers.emplace_back(QString::fromUtf8(name), str(QString::fromUtf8(value)));
        }
        std::vector<JsonValue::Member> caseQuery;
        for (const auto &[name, value] : request.query) {
            if (name != u"api_key")
                caseQuery.emplace_back(name, str(value));
        }
        const std::optional<QByteArray> contentType = request.header("Content-Type");
        messageCase(fixture, capture.method.isEmpty() ? QByteArray("POST") : capture.method,
                    contentType ? str(QString::fromUtf8(*contentType)) : JsonValue(), object(std::move(headers)),
                    object(std::move(caseQuery)), content);
    }

    events->clear();
    for (const QString &e : caseEvents) {
        if (!e.isEmpty() && !events->contains(e))
            events->append(e);
    }

    // The no-op and error cases every integration has (tests/tst_cases.cpp checks for them).
    if (withEvents) {
        QString unknown = u"unknown_event"_s;
        while (events->contains(unknown))
            unknown += u"_x"_s;
        cases.push_back(object({{u"test"_s, str(u"unsupported_event"_s)},
                                {u"method"_s, str(u"POST"_s)},
                                {u"fixture"_s, str(fixtureNames.first())},
                                {u"body"_s, JsonValue()},
                                {u"content_type"_s, str(u"application/json"_s)},
                                {u"headers"_s, object({{header, str(unknown)}})},
                                {u"query"_s, query},
                                {u"expect"_s, str(u"noop"_s)},
                                {u"expected_response"_s,
                                 object({{u"status"_s, JsonValue::fromInteger(200)},
                                         {u"msg_contains"_s,
                                          str(u"The '%1' event isn't currently supported by the %2 webhook; ignoring"_s
                                                  .arg(unknown, displayName()))}})}}));
    } else {
        cases.push_back(object({{u"test"_s, str(u"head_probe"_s)},
                                {u"method"_s, str(u"HEAD"_s)},
                                {u"fixture"_s, JsonValue()},
                                {u"body"_s, JsonValue()},
                                {u"content_type"_s, JsonValue()},
                                {u"headers"_s, object({})},
                                {u"query"_s, query},
                                {u"expect"_s, str(u"noop"_s)},
                                {u"notes"_s, str(u"A HEAD request to check the URL is answered with an empty success."_s)}}));
    }
    std::vector<JsonValue::Member> errorHeaders;
    if (withEvents)
        errorHeaders.emplace_back(header, str(events->first()));
    cases.push_back(object({{u"test"_s, str(u"not_an_object"_s)},
                            {u"method"_s, str(u"POST"_s)},
                            {u"fixture"_s, JsonValue()},
                            {u"body"_s, object({{u"raw"_s, str(u"[]"_s)}})},
                            {u"content_type"_s, str(u"application/json"_s)},
                            {u"headers"_s, object(std::move(errorHeaders))},
                            {u"query"_s, query},
                            {u"expect"_s, str(u"error"_s)},
                            {u"expected_error"_s, object({{u"status"_s, JsonValue::fromInteger(400)},
                                                          {u"msg"_s, str(u"payload is not an object"_s)}})}}));

    const JsonValue suite = object({{u"integration"_s, str(n)},
                                    {u"url_template"_s,
                                     str(u"/api/v1/external/%1?api_key={api_key}&stream={stream}"_s.arg(n))},
                                    {u"cases"_s, JsonValue::makeArray(std::move(cases))}});
    out.append({dir + u"cases.json"_s, stableJson(QString::fromUtf8(suite.toJson())).toUtf8()});
    return true;
}

std::optional<QList<ScaffoldFile>> Scaffold::files(QString *error) const
{
    const auto fail = [error](const QString &why) -> std::optional<QList<ScaffoldFile>> {
        *error = why;
        return std::nullopt;
    };
    if (QString e = nameError(m_spec.name); !e.isEmpty())
        return fail(e);
    if (QString e = displayNameError(displayName()); !e.isEmpty())
        return fail(e);
    for (const QString &c : m_spec.categories) {
        if (categoryDisplayName(c).isEmpty())
            return fail(tr("\"%1\" is not one of Zulip's categories (%2).").arg(c, categoryKeys().join(u", "_s)));
    }
    if (!m_spec.eventHeader.isEmpty()) {
        if (QString e = eventHeaderError(m_spec.eventHeader); !e.isEmpty())
            return fail(e);
    }
    const QDir root(m_root);
    if (m_root.isEmpty() || !QFileInfo(root.filePath(u"integrations"_s)).isDir()
        || !QFileInfo(root.filePath(u"fixtures"_s)).isDir())
        return fail(tr("%1 is not a Hookbench project: it needs integrations/ and fixtures/.").arg(QDir::toNativeSeparators(m_root)));

    QFile registry(root.filePath(kRegistryPath.toString()));
    if (!registry.open(QIODevice::ReadOnly))
        return fail(tr("Cannot read %1: %2").arg(registry.fileName(), registry.errorString()));
    const QString registryText = QString::fromUtf8(registry.readAll());

    QList<ScaffoldFile> out;
    const QString &n = m_spec.name;
    QStringList events;
    if (!fixtureFiles(out, &events, error))
        return std::nullopt;
    const QString dir = u"integrations/"_s + n + u'/';
    out.prepend({dir + u"logo.svg"_s, logoSvg().toUtf8()});
    out.prepend({dir + u"doc.md"_s, docText(events).toUtf8()});
    out.prepend({dir + n + u".cpp"_s, handlerSource(events).toUtf8()});
    out.prepend({dir + n + u".h"_s, handlerHeader().toUtf8()});
    const std::optional<QString> newRegistry = insertIntoRegistry(registryText, n, registryEntry(), error);
    if (!newRegistry)
        return std::nullopt;
    out.append({kRegistryPath.toString(), newRegistry->toUtf8(), true});
    return out;
}

QString Scaffold::problem() const
{
    if (QString e = nameError(m_spec.name); !e.isEmpty())
        return e;
    const QDir root(m_root);
    for (const QString &target : {QString(u"integrations/"_s + m_spec.name), QString(u"fixtures/"_s + m_spec.name)}) {
        if (QFileInfo::exists(root.filePath(target)) || QFileInfo(root.filePath(target)).isSymLink())
            return tr("%1 already exists: an integration of that name is there. Nothing was written.").arg(target);
    }
    QString error;
    if (!files(&error))
        return error;
    return {};
}

bool Scaffold::create(QStringList *created, QString *error) const
{
    created->clear();
    if (*error = problem(); !error->isEmpty())
        return false;
    const std::optional<QList<ScaffoldFile>> planned = files(error);
    if (!planned)
        return false;
    const QDir root(m_root);
    const QString registryPath = root.filePath(kRegistryPath.toString());
    QByteArray registryBefore;
    {
        QFile f(registryPath);
        if (!f.open(QIODevice::ReadOnly)) {
            *error = tr("Cannot read %1: %2").arg(registryPath, f.errorString());
            return false;
        }
        registryBefore = f.readAll();
    }

    // Everything is written to a staging folder next to the targets (same file system: moves are renames).
    QTemporaryDir staging(root.filePath(u".hookbench-new-%1-XXXXXX"_s.arg(m_spec.name)));
    if (!staging.isValid()) {
        *error = tr("Cannot create a staging folder in %1: %2").arg(m_root, staging.errorString());
        return false;
    }
    for (const ScaffoldFile &file : *planned) {
        if (!writeFile(QDir(staging.path()).filePath(file.path), file.bytes, error))
            return false;
    }
    const QString stagedRegistry = QDir(staging.path()).filePath(kRegistryPath.toString());
    QFile::setPermissions(stagedRegistry, QFile::permissions(registryPath));

    // Moved in place last thing; put back as it was if any move fails.
    const QString name = m_spec.name;
    const QStringList folders{u"integrations/"_s + name, u"fixtures/"_s + name};
    QStringList moved;
    const auto rollback = [&] {
        for (const QString &folder : moved)
            QDir(root.filePath(folder)).removeRecursively();
    };
    for (const QString &folder : folders) {
        if (QFileInfo::exists(root.filePath(folder))) {
            *error = tr("%1 appeared while the files were written. Nothing was written.").arg(folder);
            rollback();
            return false;
        }
        if (!QDir().rename(QDir(staging.path()).filePath(folder), root.filePath(folder))) {
            *error = tr("Cannot move %1 into place. Nothing was written.").arg(folder);
            rollback();
            return false;
        }
        moved.append(folder);
    }
    {
        QFile f(registryPath);
        if (!f.open(QIODevice::ReadOnly) || f.readAll() != registryBefore) {
            *error = tr("integrations/registry.cpp changed while the files were written. Nothing was written; try "
                        "again.");
            rollback();
            return false;
        }
    }
    std::error_code ec;
    std::filesystem::rename(std::filesystem::path(stagedRegistry.toStdU16String()),
                            std::filesystem::path(registryPath.toStdU16String()), ec);
    if (ec) {
        *error = tr("Cannot replace integrations/registry.cpp: %1. Nothing was written.").arg(QString::fromStdString(ec.message()));
        rollback();
        return false;
    }
    for (const ScaffoldFile &file : *planned)
        created->append(file.path);
    return true;
}

QStringList Scaffold::nextSteps() const
{
    const QString &n = m_spec.name;
    return {
        tr("Re-run CMake so the build picks up the new folder: cmake -S . -B build"),
        tr("Build: ninja -C build hookbench"),
        tr("Run the placeholder cases: build/app/hookbench test %1").arg(n),
        tr("Write the real handler in integrations/%1/%1.cpp, real fixtures and cases in fixtures/%1/, and "
           "integrations/%1/doc.md (docs/writing-an-integration.md)").arg(n),
        tr("Refresh the table of integrations: build/app/hookbench integrations --format markdown > docs/integrations.md"),
        tr("Optionally replace the monogram logo: scripts/generate-logos --only %1").arg(n),
    };
}

} // namespace hb
