// SPDX-License-Identifier: MIT
#pragma once

#include "json.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <exception>
#include <memory>

namespace hb {

// Thrown by Payload when a handler reads something the payload does not have. The message names
// the JSON path: "pull_request.user.login is missing", "commits[2].id is not a string (it is null)".
class PayloadError final : public std::exception
{
public:
    explicit PayloadError(QString message) : m_message(std::move(message)), m_utf8(m_message.toUtf8()) {}
    const QString &message() const { return m_message; }
    const char *what() const noexcept override { return m_utf8.constData(); }

private:
    QString m_message;
    QByteArray m_utf8;
};

// Read-only view of a parsed payload at some JSON path. Cheap to copy: it shares the document.
// Navigating past a missing or null value gives a missing value; navigating into a scalar, or
// reading a missing value or one of the wrong type, throws PayloadError.
class Payload final
{
public:
    Payload() = default;
    explicit Payload(JsonValue document);

    Payload operator[](QStringView key) const;
    Payload operator[](const char *key) const { return (*this)[QString::fromUtf8(key)]; }
    Payload operator[](qsizetype index) const;
    Payload operator[](int index) const { return (*this)[qsizetype(index)]; }

    const QString &path() const { return m_path; }
    bool exists() const { return m_value != nullptr; }         // present, possibly null
    bool isNull() const { return !m_value || m_value->isNull(); } // missing or null
    bool isString() const { return m_value && m_value->isString(); }
    bool isObject() const { return m_value && m_value->isObject(); }
    bool isArray() const { return m_value && m_value->isArray(); }
    bool isNumber() const { return m_value && m_value->isNumber(); }
    bool isBool() const { return m_value && m_value->isBool(); }

    QString string() const;                      // must be a string
    QString stringOr(const QString &fallback) const; // missing/null -> fallback; else must be a string
    qint64 integer() const;                      // must be an integer (or an integral number)
    double number() const;                       // must be a number
    bool boolean() const;                        // must be a boolean
    bool booleanOr(bool fallback) const;
    QList<Payload> array() const;                // must be an array
    QList<Payload> arrayOr() const;              // missing/null -> empty list
    QStringList keys() const;                    // must be an object; keys in document order
    QString text() const;                        // any scalar as Python's str(); must exist
    qsizetype size() const;                      // array/object/string size; 0 if missing
    bool isTruthy() const;                       // Python's bool(): missing, null, {}, [], "", 0 and false are false

    const JsonValue *value() const { return m_value; }
    [[noreturn]] void fail(const QString &problem) const; // throws "<path> <problem>"

private:
    Payload(std::shared_ptr<const JsonValue> root, const JsonValue *value, QString path);
    const JsonValue &require(JsonValue::Type t) const;
    QString displayPath() const;

    std::shared_ptr<const JsonValue> m_root;
    const JsonValue *m_value = nullptr;
    QString m_path;
};

} // namespace hb
