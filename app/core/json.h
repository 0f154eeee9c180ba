// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QByteArray>

#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace hb {

// A JSON value that keeps object keys in document order (as Python's dict does, which is what
// Zulip's handlers iterate over) and keeps integers exact. QJsonObject sorts keys, so it cannot
// reproduce Zulip's output for handlers that list labels, tags or fields in payload order.
class JsonValue final
{
public:
    enum class Type { Null, Bool, Integer, Double, String, Array, Object };
    using Member = std::pair<QString, JsonValue>;

    JsonValue() = default;
    static JsonValue fromBool(bool b);
    static JsonValue fromInteger(qint64 i);
    static JsonValue fromDouble(double d);
    static JsonValue fromString(QString s);
    static JsonValue makeArray(std::vector<JsonValue> items = {});
    static JsonValue makeObject(std::vector<Member> members = {});

    Type type() const { return m_type; }
    bool isNull() const { return m_type == Type::Null; }
    bool isBool() const { return m_type == Type::Bool; }
    bool isNumber() const { return m_type == Type::Integer || m_type == Type::Double; }
    bool isString() const { return m_type == Type::String; }
    bool isArray() const { return m_type == Type::Array; }
    bool isObject() const { return m_type == Type::Object; }

    bool toBool() const { return m_bool; }
    qint64 toInteger() const { return m_type == Type::Double ? qint64(m_double) : m_int; }
    double toDouble() const { return m_type == Type::Integer ? double(m_int) : m_double; }
    const QString &toString() const { return m_string; }
    const std::vector<JsonValue> &items() const { return m_items; }
    const std::vector<Member> &members() const { return m_members; }

    // Object lookup; the last of duplicate keys wins, as in Python. nullptr when absent.
    const JsonValue *find(QStringView key) const;
    qsizetype size() const;

    // Python's str() of the value: 42, 1.5, True, None, the string itself; objects as JSON.
    QString toPythonText() const;
    QByteArray toJson(bool indented = false) const;

    static QString typeName(Type t);

private:
    void write(QByteArray &out, bool indented, int depth) const;

    Type m_type = Type::Null;
    bool m_bool = false;
    qint64 m_int = 0;
    double m_double = 0;
    QString m_string;
    std::vector<JsonValue> m_items;
    std::vector<Member> m_members;
};

struct JsonParseError
{
    QString message;
    qsizetype offset = 0;
};

// Strict RFC 8259 parser (UTF-8 input, depth limited so hostile nesting cannot overflow the stack).
std::optional<JsonValue> parseJson(QByteArrayView text, JsonParseError *error = nullptr,
                                   int maxDepth = 512);

QByteArray jsonQuote(QStringView s);

} // namespace hb
