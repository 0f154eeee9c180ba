// SPDX-License-Identifier: MIT
#include "payload.h"

#include <cmath>

namespace hb {

Payload::Payload(JsonValue document)
    : m_root(std::make_shared<const JsonValue>(std::move(document)))
    , m_value(m_root.get())
{
}

Payload::Payload(std::shared_ptr<const JsonValue> root, const JsonValue *value, QString path)
    : m_root(std::move(root)), m_value(value), m_path(std::move(path))
{
}

QString Payload::displayPath() const
{
    return m_path.isEmpty() ? QStringLiteral("payload") : m_path;
}

void Payload::fail(const QString &problem) const
{
    throw PayloadError(displayPath() + u' ' + problem);
}

Payload Payload::operator[](QStringView key) const
{
    QString path = m_path.isEmpty() ? key.toString() : m_path + u'.' + key;
    const JsonValue *child = (m_value && m_value->isObject()) ? m_value->find(key) : nullptr;
    if (m_value && !m_value->isObject() && !m_value->isNull())
        fail(QStringLiteral("is not an object (it is %1)").arg(JsonValue::typeName(m_value->type())));
    return Payload(m_root, child, std::move(path));
}

Payload Payload::operator[](qsizetype index) const
{
    QString path = m_path + u'[' + QString::number(index) + u']';
    const JsonValue *child = nullptr;
    if (m_value && m_value->isArray()) {
        if (index >= 0 && index < m_value->size())
            child = &m_value->items()[size_t(index)];
    } else if (m_value && !m_value->isNull()) {
        fail(QStringLiteral("is not an array (it is %1)").arg(JsonValue::typeName(m_value->type())));
    }
    return Payload(m_root, child, std::move(path));
}

const JsonValue &Payload::require(JsonValue::Type t) const
{
    if (!m_value)
        fail(QStringLiteral("is missing"));
    const bool ok = m_value->type() == t
                    || (t == JsonValue::Type::Double && m_value->type() == JsonValue::Type::Integer);
    if (!ok)
        fail(QStringLiteral("is not %1 (it is %2)").arg(JsonValue::typeName(t), JsonValue::typeName(m_value->type())));
    return *m_value;
}

QString Payload::string() const
{
    return require(JsonValue::Type::String).toString();
}

QString Payload::stringOr(const QString &fallback) const
{
    return isNull() ? fallback : string();
}

qint64 Payload::integer() const
{
    if (m_value && m_value->type() == JsonValue::Type::Double) {
        const double d = m_value->toDouble();
        if (std::isfinite(d) && d == std::floor(d) && std::abs(d) < 9.2e18)
            return qint64(d);
    }
    return require(JsonValue::Type::Integer).toInteger();
}

double Payload::number() const
{
    return require(JsonValue::Type::Double).toDouble();
}

bool Payload::boolean() const
{
    return require(JsonValue::Type::Bool).toBool();
}

bool Payload::booleanOr(bool fallback) const
{
    return isNull() ? fallback : boolean();
}

QList<Payload> Payload::array() const
{
    const JsonValue &v = require(JsonValue::Type::Array);
    QList<Payload> out;
    out.reserve(v.size());
    for (qsizetype i = 0; i < v.size(); ++i)
        out.append(Payload(m_root, &v.items()[size_t(i)], m_path + u'[' + QString::number(i) + u']'));
    return out;
}

QList<Payload> Payload::arrayOr() const
{
    return isNull() ? QList<Payload>{} : array();
}

QStringList Payload::keys() const
{
    const JsonValue &v = require(JsonValue::Type::Object);
    QStringList out;
    out.reserve(v.size());
    for (const auto &m : v.members()) {
        if (!out.contains(m.first))
            out.append(m.first);
    }
    return out;
}

QString Payload::text() const
{
    if (!m_value)
        fail(QStringLiteral("is missing"));
    return m_value->toPythonText();
}

bool Payload::isTruthy() const
{
    if (isNull())
        return false;
    switch (m_value->type()) {
    case JsonValue::Type::Bool: return m_value->toBool();
    case JsonValue::Type::Integer:
    case JsonValue::Type::Double: return m_value->toDouble() != 0;
    default: return m_value->size() > 0;
    }
}

qsizetype Payload::size() const
{
    return m_value ? m_value->size() : 0;
}

} // namespace hb
