// SPDX-License-Identifier: MIT
#include "json.h"

#include <charconv>
#include <cmath>
#include <cstring>

namespace hb {

JsonValue JsonValue::fromBool(bool b)
{
    JsonValue v;
    v.m_type = Type::Bool;
    v.m_bool = b;
    return v;
}

JsonValue JsonValue::fromInteger(qint64 i)
{
    JsonValue v;
    v.m_type = Type::Integer;
    v.m_int = i;
    return v;
}

JsonValue JsonValue::fromDouble(double d)
{
    JsonValue v;
    v.m_type = Type::Double;
    v.m_double = d;
    return v;
}

JsonValue JsonValue::fromString(QString s)
{
    JsonValue v;
    v.m_type = Type::String;
    v.m_string = std::move(s);
    return v;
}

JsonValue JsonValue::makeArray(std::vector<JsonValue> items)
{
    JsonValue v;
    v.m_type = Type::Array;
    v.m_items = std::move(items);
    return v;
}

JsonValue JsonValue::makeObject(std::vector<Member> members)
{
    JsonValue v;
    v.m_type = Type::Object;
    v.m_members = std::move(members);
    return v;
}

const JsonValue *JsonValue::find(QStringView key) const
{
    for (auto it = m_members.rbegin(); it != m_members.rend(); ++it) {
        if (it->first == key)
            return &it->second;
    }
    return nullptr;
}

qsizetype JsonValue::size() const
{
    if (m_type == Type::Array)
        return qsizetype(m_items.size());
    if (m_type == Type::Object)
        return qsizetype(m_members.size());
    if (m_type == Type::String)
        return m_string.size();
    return 0;
}

QString JsonValue::typeName(Type t)
{
    switch (t) {
    case Type::Null: return QStringLiteral("null");
    case Type::Bool: return QStringLiteral("a boolean");
    case Type::Integer: return QStringLiteral("an integer");
    case Type::Double: return QStringLiteral("a number");
    case Type::String: return QStringLiteral("a string");
    case Type::Array: return QStringLiteral("an array");
    case Type::Object: return QStringLiteral("an object");
    }
    return {};
}

namespace {

// repr() of a Python float: shortest round-trip digits, exponent form outside 1e-4 <= |x| < 1e16.
QString pythonFloatRepr(double d)
{
    if (std::isnan(d))
        return QStringLiteral("nan");
    if (std::isinf(d))
        return d > 0 ? QStringLiteral("inf") : QStringLiteral("-inf");
    char buf[64];
    auto res = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
    std::string sci(buf, res.ptr);
    const auto ePos = sci.find('e');
    std::string mantissa = sci.substr(0, ePos);
    const int exp = std::stoi(sci.substr(ePos + 1));
    const bool negative = mantissa.front() == '-';
    if (negative)
        mantissa.erase(0, 1);
    std::string digits;
    for (char c : mantissa)
        if (c != '.')
            digits += c;
    std::string out;
    if (exp < -4 || exp >= 16) {
        out = digits.substr(0, 1);
        if (digits.size() > 1)
            out += '.' + digits.substr(1);
        char e[16];
        std::snprintf(e, sizeof e, "e%c%02d", exp < 0 ? '-' : '+', std::abs(exp));
        out += e;
    } else if (exp < 0) {
        out = "0." + std::string(size_t(-exp - 1), '0') + digits;
    } else {
        if (digits.size() <= size_t(exp) + 1) {
            out = digits + std::string(size_t(exp) + 1 - digits.size(), '0') + ".0";
        } else {
            out = digits.substr(0, size_t(exp) + 1) + '.' + digits.substr(size_t(exp) + 1);
        }
    }
    if (negative)
        out.insert(0, 1, '-');
    return QString::fromLatin1(out);
}

} // namespace

QString JsonValue::toPythonText() const
{
    switch (m_type) {
    case Type::Null: return QStringLiteral("None");
    case Type::Bool: return m_bool ? QStringLiteral("True") : QStringLiteral("False");
    case Type::Integer: return QString::number(m_int);
    case Type::Double: return pythonFloatRepr(m_double);
    case Type::String: return m_string;
    case Type::Array:
    case Type::Object: return QString::fromUtf8(toJson());
    }
    return {};
}

QByteArray jsonQuote(QStringView s)
{
    QByteArray out;
    out.reserve(s.size() + 2);
    out += '"';
    const QByteArray utf8 = s.toUtf8();
    for (char ch : utf8) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default:
            if (c < 0x20) {
                char esc[8];
                std::snprintf(esc, sizeof esc, "\\u%04x", c);
                out += esc;
            } else {
                out += ch;
            }
        }
    }
    out += '"';
    return out;
}

void JsonValue::write(QByteArray &out, bool indented, int depth) const
{
    const auto newline = [&](int d) {
        if (indented) {
            out += '\n';
            out += QByteArray(2 * d, ' ');
        }
    };
    switch (m_type) {
    case Type::Null: out += "null"; break;
    case Type::Bool: out += m_bool ? "true" : "false"; break;
    case Type::Integer: out += QByteArray::number(m_int); break;
    case Type::Double: {
        if (!std::isfinite(m_double)) {
            out += "null";
            break;
        }
        char buf[64];
        auto res = std::to_chars(buf, buf + sizeof buf, m_double);
        out.append(buf, res.ptr - buf);
        // Keep a double a double (Python and our handlers print 2.0, not 2).
        if (std::string_view(buf, size_t(res.ptr - buf)).find_first_of(".eEn") == std::string_view::npos)
            out += ".0";
        break;
    }
    case Type::String: out += jsonQuote(m_string); break;
    case Type::Array:
        out += '[';
        for (size_t i = 0; i < m_items.size(); ++i) {
            if (i)
                out += ',';
            newline(depth + 1);
            m_items[i].write(out, indented, depth + 1);
        }
        if (!m_items.empty())
            newline(depth);
        out += ']';
        break;
    case Type::Object:
        out += '{';
        for (size_t i = 0; i < m_members.size(); ++i) {
            if (i)
                out += ',';
            newline(depth + 1);
            out += jsonQuote(m_members[i].first);
            out += indented ? ": " : ":";
            m_members[i].second.write(out, indented, depth + 1);
        }
        if (!m_members.empty())
            newline(depth);
        out += '}';
        break;
    }
}

QByteArray JsonValue::toJson(bool indented) const
{
    QByteArray out;
    write(out, indented, 0);
    return out;
}

namespace {

class Parser
{
public:
    Parser(QByteArrayView text, int maxDepth) : m_p(text.data()), m_begin(text.data()), m_end(text.data() + text.size()), m_maxDepth(maxDepth) {}

    std::optional<JsonValue> parseDocument(JsonParseError *error)
    {
        skipBom();
        JsonValue v;
        if (!parseValue(v, 0) || (skipSpace(), m_p != m_end)) {
            if (m_error.isEmpty())
                fail(QStringLiteral("unexpected data after the value"));
            if (error)
                *error = {m_error, m_errorOffset};
            return std::nullopt;
        }
        return v;
    }

private:
    bool fail(const QString &msg)
    {
        if (m_error.isEmpty()) {
            m_error = msg;
            m_errorOffset = m_p - m_begin;
        }
        return false;
    }

    void skipBom()
    {
        if (m_end - m_p >= 3 && std::memcmp(m_p, "\xEF\xBB\xBF", 3) == 0)
            m_p += 3;
    }

    void skipSpace()
    {
        while (m_p != m_end && (*m_p == ' ' || *m_p == '\t' || *m_p == '\n' || *m_p == '\r'))
            ++m_p;
    }

    bool literal(const char *word, qsizetype n)
    {
        if (m_end - m_p < n || std::memcmp(m_p, word, size_t(n)) != 0)
            return fail(QStringLiteral("invalid literal"));
        m_p += n;
        return true;
    }

    bool parseValue(JsonValue &out, int depth)
    {
        skipSpace();
        if (m_p == m_end)
            return fail(QStringLiteral("unexpected end of input"));
        switch (*m_p) {
        case '{': return parseObject(out, depth + 1);
        case '[': return parseArray(out, depth + 1);
        case '"': {
            QString s;
            if (!parseString(s))
                return false;
            out = JsonValue::fromString(std::move(s));
            return true;
        }
        case 't': out = JsonValue::fromBool(true); return literal("true", 4);
        case 'f': out = JsonValue::fromBool(false); return literal("false", 5);
        case 'n': out = JsonValue(); return literal("null", 4);
        default: return parseNumber(out);
        }
    }

    bool parseObject(JsonValue &out, int depth)
    {
        if (depth > m_maxDepth)
            return fail(QStringLiteral("nesting too deep"));
        ++m_p; // '{'
        std::vector<JsonValue::Member> members;
        skipSpace();
        if (m_p != m_end && *m_p == '}') {
            ++m_p;
            out = JsonValue::makeObject();
            return true;
        }
        for (;;) {
            skipSpace();
            if (m_p == m_end || *m_p != '"')
                return fail(QStringLiteral("expected a string key"));
            QString key;
            if (!parseString(key))
                return false;
            skipSpace();
            if (m_p == m_end || *m_p != ':')
                return fail(QStringLiteral("expected ':'"));
            ++m_p;
            JsonValue value;
            if (!parseValue(value, depth))
                return false;
            members.emplace_back(std::move(key), std::move(value));
            skipSpace();
            if (m_p == m_end)
                return fail(QStringLiteral("unterminated object"));
            if (*m_p == ',') {
                ++m_p;
                continue;
            }
            if (*m_p == '}') {
                ++m_p;
                break;
            }
            return fail(QStringLiteral("expected ',' or '}'"));
        }
        out = JsonValue::makeObject(std::move(members));
        return true;
    }

    bool parseArray(JsonValue &out, int depth)
    {
        if (depth > m_maxDepth)
            return fail(QStringLiteral("nesting too deep"));
        ++m_p; // '['
        std::vector<JsonValue> items;
        skipSpace();
        if (m_p != m_end && *m_p == ']') {
            ++m_p;
            out = JsonValue::makeArray();
            return true;
        }
        for (;;) {
            JsonValue value;
            if (!parseValue(value, depth))
                return false;
            items.push_back(std::move(value));
            skipSpace();
            if (m_p == m_end)
                return fail(QStringLiteral("unterminated array"));
            if (*m_p == ',') {
                ++m_p;
                continue;
            }
            if (*m_p == ']') {
                ++m_p;
                break;
            }
            return fail(QStringLiteral("expected ',' or ']'"));
        }
        out = JsonValue::makeArray(std::move(items));
        return true;
    }

    static int hexValue(char c)
    {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        if (c >= 'A' && c <= 'F')
            return c - 'A' + 10;
        return -1;
    }

    bool parseHex4(char16_t &unit)
    {
        if (m_end - m_p < 4)
            return fail(QStringLiteral("truncated \\u escape"));
        unsigned v = 0;
        for (int i = 0; i < 4; ++i) {
            const int h = hexValue(m_p[i]);
            if (h < 0)
                return fail(QStringLiteral("invalid \\u escape"));
            v = v * 16 + unsigned(h);
        }
        m_p += 4;
        unit = char16_t(v);
        return true;
    }

    // Decodes one UTF-8 sequence starting at m_p; rejects overlong forms and surrogates.
    bool decodeUtf8(QString &out)
    {
        const auto *s = reinterpret_cast<const unsigned char *>(m_p);
        const auto avail = m_end - m_p;
        char32_t cp;
        int len;
        if (s[0] < 0xC2)
            return fail(QStringLiteral("invalid UTF-8"));
        if (s[0] < 0xE0) {
            len = 2;
            cp = s[0] & 0x1F;
        } else if (s[0] < 0xF0) {
            len = 3;
            cp = s[0] & 0x0F;
        } else if (s[0] < 0xF5) {
            len = 4;
            cp = s[0] & 0x07;
        } else {
            return fail(QStringLiteral("invalid UTF-8"));
        }
        if (avail < len)
            return fail(QStringLiteral("invalid UTF-8"));
        for (int i = 1; i < len; ++i) {
            if ((s[i] & 0xC0) != 0x80)
                return fail(QStringLiteral("invalid UTF-8"));
            cp = (cp << 6) | (s[i] & 0x3F);
        }
        if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
            return fail(QStringLiteral("invalid UTF-8"));
        out.append(QChar::fromUcs4(cp));
        m_p += len;
        return true;
    }

    bool parseString(QString &out)
    {
        ++m_p; // opening quote
        const char *runStart = m_p;
        const auto flushAscii = [&] {
            if (m_p > runStart)
                out.append(QLatin1StringView(runStart, m_p - runStart));
        };
        while (m_p != m_end) {
            const auto c = static_cast<unsigned char>(*m_p);
            if (c == '"') {
                flushAscii();
                ++m_p;
                return true;
            }
            if (c < 0x20)
                return fail(QStringLiteral("control character in string"));
            if (c < 0x80 && c != '\\') {
                ++m_p;
                continue;
            }
            flushAscii();
            if (c == '\\') {
                ++m_p;
                if (m_p == m_end)
                    return fail(QStringLiteral("unterminated string"));
                const char e = *m_p++;
                switch (e) {
                case '"': out.append(u'"'); break;
                case '\\': out.append(u'\\'); break;
                case '/': out.append(u'/'); break;
                case 'b': out.append(u'\b'); break;
                case 'f': out.append(u'\f'); break;
                case 'n': out.append(u'\n'); break;
                case 'r': out.append(u'\r'); break;
                case 't': out.append(u'\t'); break;
                case 'u': {
                    char16_t unit;
                    if (!parseHex4(unit))
                        return false;
                    out.append(QChar(unit));
                    break;
                }
                default: return fail(QStringLiteral("invalid escape"));
                }
            } else if (!decodeUtf8(out)) {
                return false;
            }
            runStart = m_p;
        }
        return fail(QStringLiteral("unterminated string"));
    }

    bool parseNumber(JsonValue &out)
    {
        const char *start = m_p;
        bool isInteger = true;
        if (m_p != m_end && *m_p == '-')
            ++m_p;
        if (m_p == m_end || !(*m_p >= '0' && *m_p <= '9'))
            return fail(QStringLiteral("unexpected character"));
        if (*m_p == '0') {
            ++m_p;
        } else {
            while (m_p != m_end && *m_p >= '0' && *m_p <= '9')
                ++m_p;
        }
        if (m_p != m_end && *m_p == '.') {
            isInteger = false;
            ++m_p;
            if (m_p == m_end || !(*m_p >= '0' && *m_p <= '9'))
                return fail(QStringLiteral("invalid number"));
            while (m_p != m_end && *m_p >= '0' && *m_p <= '9')
                ++m_p;
        }
        if (m_p != m_end && (*m_p == 'e' || *m_p == 'E')) {
            isInteger = false;
            ++m_p;
            if (m_p != m_end && (*m_p == '+' || *m_p == '-'))
                ++m_p;
            if (m_p == m_end || !(*m_p >= '0' && *m_p <= '9'))
                return fail(QStringLiteral("invalid number"));
            while (m_p != m_end && *m_p >= '0' && *m_p <= '9')
                ++m_p;
        }
        if (isInteger) {
            qint64 i = 0;
            auto res = std::from_chars(start, m_p, i);
            if (res.ec == std::errc() && res.ptr == m_p) {
                out = JsonValue::fromInteger(i);
                return true;
            }
        }
        double d = 0;
        auto res = std::from_chars(start, m_p, d);
        if (res.ptr != m_p)
            return fail(QStringLiteral("invalid number"));
        out = JsonValue::fromDouble(d);
        return true;
    }

    const char *m_p;
    const char *m_begin;
    const char *m_end;
    int m_maxDepth;
    QString m_error;
    qsizetype m_errorOffset = 0;
};

} // namespace

std::optional<JsonValue> parseJson(QByteArrayView text, JsonParseError *error, int maxDepth)
{
    Parser parser(text, maxDepth);
    return parser.parseDocument(error);
}

} // namespace hb
