// SPDX-License-Identifier: MIT
#include "outcome.h"

#include "json.h"

namespace hb {

Outcome::Outcome(QList<Message> ms)
    : m_kind(ms.isEmpty() ? Kind::NoOp : Kind::Message), m_messages(std::move(ms))
{
    if (m_kind == Kind::NoOp)
        m_noop.reason = QStringLiteral("the handler produced no message");
}

QString Outcome::kindName(Kind k)
{
    switch (k) {
    case Kind::Message: return QStringLiteral("message");
    case Kind::NoOp: return QStringLiteral("noop");
    case Kind::Error: return QStringLiteral("error");
    }
    return {};
}

namespace {

void appendField(QByteArray &out, QStringView key, const QByteArray &jsonValue)
{
    if (out.size() > 1)
        out += ',';
    out += jsonQuote(key);
    out += ':';
    out += jsonValue;
}

} // namespace

QByteArray Outcome::toJson() const
{
    QByteArray out = "{";
    appendField(out, u"outcome", jsonQuote(kindName(m_kind)));
    switch (m_kind) {
    case Kind::Message: {
        QByteArray list = "[";
        for (const Message &m : m_messages) {
            if (list.size() > 1)
                list += ',';
            QByteArray obj = "{";
            appendField(obj, u"stream", m.stream ? jsonQuote(*m.stream) : QByteArray("null"));
            appendField(obj, u"topic", jsonQuote(m.topic));
            appendField(obj, u"content", jsonQuote(m.content));
            obj += '}';
            list += obj;
        }
        list += ']';
        appendField(out, u"messages", list);
        break;
    }
    case Kind::NoOp:
        appendField(out, u"reason", jsonQuote(m_noop.reason));
        break;
    case Kind::Error:
        appendField(out, u"status", QByteArray::number(m_error.status));
        appendField(out, u"code", jsonQuote(QString::fromLatin1(m_error.code)));
        appendField(out, u"msg", jsonQuote(m_error.msg));
        break;
    }
    if (!m_notes.isEmpty()) {
        QByteArray list = "[";
        for (const QString &n : m_notes) {
            if (list.size() > 1)
                list += ',';
            list += jsonQuote(n);
        }
        list += ']';
        appendField(out, u"notes", list);
    }
    out += '}';
    return out;
}

int Outcome::httpStatus() const
{
    return m_kind == Kind::Error ? m_error.status : 200;
}

QByteArray Outcome::httpBody() const
{
    QByteArray out = "{";
    const auto addData = [&](const QList<std::pair<QString, QString>> &data) {
        for (const auto &[k, v] : data)
            appendField(out, k, jsonQuote(v));
    };
    if (m_kind == Kind::Error) {
        appendField(out, u"result", "\"error\"");
        appendField(out, u"msg", jsonQuote(m_error.msg));
        appendField(out, u"code", jsonQuote(QString::fromLatin1(m_error.code)));
        addData(m_error.data);
    } else if (m_kind == Kind::NoOp && !m_noop.code.isEmpty()) {
        // Zulip answers a 2xx webhook error (an unsupported event) with result "success".
        appendField(out, u"result", "\"success\"");
        appendField(out, u"msg", jsonQuote(m_noop.reason));
        appendField(out, u"code", jsonQuote(QString::fromLatin1(m_noop.code)));
        addData(m_noop.data);
    } else {
        appendField(out, u"result", "\"success\"");
        appendField(out, u"msg", "\"\"");
    }
    out += '}';
    return out;
}

HeaderList Outcome::httpHeaders() const
{
    HeaderList h{{"Content-Type", "application/json"}};
    if (m_kind == Kind::Error)
        h += m_error.headers;
    return h;
}

} // namespace hb
