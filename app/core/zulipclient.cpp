// SPDX-License-Identifier: MIT
#include "zulipclient.h"

#include "json.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace hb {

QUrl ZulipAccount::baseUrl() const
{
    QString s = site.trimmed();
    if (s.isEmpty())
        return {};
    if (s.startsWith(u"localhost"_s))
        s.prepend(u"http://"_s);
    else if (!s.startsWith(u"http"_s))
        s.prepend(u"https://"_s);
    while (s.endsWith(u'/'))
        s.chop(1);
    if (s.endsWith(u"/api"_s))
        s.chop(4);
    return QUrl(s, QUrl::StrictMode);
}

QString ZulipAccount::problem() const
{
    if (site.trimmed().isEmpty())
        return u"no Zulip site (give --zulip-site or a zuliprc with site=)"_s;
    const QUrl base = baseUrl();
    const qsizetype scheme = site.indexOf(u"://"_s);
    if ((scheme >= 0 && !site.trimmed().startsWith(u"http://"_s) && !site.trimmed().startsWith(u"https://"_s)) || !base.isValid() || (base.scheme() != u"http"_s && base.scheme() != u"https"_s) || base.host().isEmpty())
        return u"the Zulip site '%1' is not a usable http(s) address"_s.arg(site);
    if (email.trimmed().isEmpty())
        return u"no bot e-mail (give --zulip-email or a zuliprc with email=)"_s;
    if (apiKey.trimmed().isEmpty())
        return u"no API key (give --zulip-api-key or a zuliprc with key=)"_s;
    if (email.contains(u':'))
        return u"the bot e-mail '%1' contains ':', which HTTP Basic authentication cannot carry"_s.arg(email);
    return {};
}

QByteArray ZulipMessage::formBody() const
{
    ParamList fields;
    if (type == Type::Stream) {
        fields = {{u"type"_s, u"stream"_s}, {u"to"_s, stream}, {u"topic"_s, topic}, {u"content"_s, content}};
    } else {
        QByteArrayList quoted;
        for (const QString &r : recipients)
            quoted.append(jsonQuote(r));
        fields = {{u"type"_s, u"private"_s}, {u"to"_s, QString::fromUtf8('[' + quoted.join(',') + ']')},
                  {u"content"_s, content}};
    }
    return toUrlEncoded(fields);
}

std::optional<ZulipMessage> zulipMessageFor(const Message &message, const ZulipRouting &routing, QString *error)
{
    ZulipMessage m;
    m.content = message.content;
    m.topic = routing.topic.isEmpty() ? message.topic : routing.topic;
    const QString stream = !routing.stream.isEmpty() ? routing.stream : message.stream.value_or(QString());
    if (!stream.isEmpty()) {
        m.stream = stream;
        return m;
    }
    if (routing.directTo.isEmpty()) {
        if (error)
            *error = u"the message is a direct message to the bot's owner, whom the API cannot name: give a stream "
                     "(--stream) or the recipients (--direct-to)"_s;
        return std::nullopt;
    }
    m.type = ZulipMessage::Type::Direct;
    m.recipients = routing.directTo;
    return m;
}

std::optional<QList<ZulipMessage>> zulipMessagesFor(const Outcome &outcome, const ZulipRouting &routing, QString *error)
{
    QList<ZulipMessage> messages;
    if (!outcome.isMessage())
        return messages;
    for (const Message &message : outcome.messages()) {
        auto m = zulipMessageFor(message, routing, error);
        if (!m)
            return std::nullopt;
        messages.append(*m);
    }
    return messages;
}

OutgoingRequest zulipSendRequest(const ZulipAccount &account, const QByteArray &formBody)
{
    QUrl url = account.baseUrl();
    url.setPath(url.path() + u"/api/v1/messages"_s);
    const QByteArray credentials = (account.email.trimmed() + u':' + account.apiKey.trimmed()).toUtf8().toBase64();
    const QByteArray agent = "Hookbench/" + QCoreApplication::applicationVersion().toLatin1();
    QByteArray head = "POST " + requestTarget(url) + " HTTP/1.1\r\n";
    head += "Host: " + hostHeader(url) + "\r\n";
    head += "User-Agent: " + (agent.endsWith('/') ? QByteArray("Hookbench") : agent) + "\r\n";
    head += "Authorization: Basic " + credentials + "\r\n";
    head += "Accept: application/json\r\n";
    head += "Content-Type: application/x-www-form-urlencoded\r\n";
    head += "Content-Length: " + QByteArray::number(formBody.size()) + "\r\n";
    head += "Connection: close\r\n\r\n";
    return {.url = url, .bytes = head + formBody};
}

std::optional<qint64> retryAfterMs(const HttpResponse &response)
{
    const auto value = response.header("Retry-After");
    if (!value)
        return std::nullopt;
    bool ok = false;
    const double seconds = value->trimmed().toDouble(&ok);
    if (ok && seconds >= 0)
        return qint64(seconds * 1000.0);
    // An HTTP date: "Sun, 06 Nov 1994 08:49:37 GMT".
    const QString text = QString::fromLatin1(value->trimmed()).chopped(value->trimmed().endsWith("GMT") ? 4 : 0);
    const QDateTime at = QLocale::c().toDateTime(text, u"ddd, dd MMM yyyy HH:mm:ss"_s);
    if (!at.isValid())
        return std::nullopt;
    const QDateTime utc(at.date(), at.time(), Qt::UTC);
    return qMax<qint64>(0, QDateTime::currentDateTimeUtc().msecsTo(utc));
}

namespace {

bool isTransient(int status)
{
    return status == 408 || status == 425 || status == 429 || status >= 500;
}

DeliveryVerdict verdictFor(const HttpResult &result)
{
    DeliveryVerdict v;
    if (!result.response) {
        v.kind = DeliveryVerdict::Kind::Retry;
        v.detail = result.error;
        return v;
    }
    const HttpResponse &r = *result.response;
    v.status = r.status;
    v.retryAfterMs = retryAfterMs(r);
    v.kind = r.isSuccess() ? DeliveryVerdict::Kind::Delivered
                           : isTransient(r.status) ? DeliveryVerdict::Kind::Retry : DeliveryVerdict::Kind::Failed;
    v.detail = u"HTTP %1 %2"_s.arg(r.status).arg(QString::fromLatin1(r.reason));
    v.responseBody = r.body;
    return v;
}

} // namespace

DeliveryVerdict judgeForward(const HttpResult &result)
{
    return verdictFor(result);
}

DeliveryVerdict judgeZulip(const HttpResult &result)
{
    DeliveryVerdict v = verdictFor(result);
    if (!result.response)
        return v;
    const std::optional<JsonValue> json = parseJson(result.response->body);
    const JsonValue *outcome = json && json->isObject() ? json->find(u"result") : nullptr;
    const JsonValue *msg = json && json->isObject() ? json->find(u"msg") : nullptr;
    const JsonValue *code = json && json->isObject() ? json->find(u"code") : nullptr;
    if (v.isDelivered()) {
        if (!outcome || !outcome->isString() || outcome->toString() != u"success"_s) {
            v.kind = DeliveryVerdict::Kind::Failed;
            v.detail = u"HTTP %1, but the answer is not Zulip's {\"result\": \"success\"}"_s.arg(v.status);
            return v;
        }
        if (const JsonValue *id = json->find(u"id"); id && id->isNumber())
            v.messageId = id->toInteger();
        return v;
    }
    if (msg && msg->isString() && !msg->toString().isEmpty()) {
        v.detail = u"HTTP %1: %2"_s.arg(v.status).arg(msg->toString());
        if (code && code->isString())
            v.detail += u" (%1)"_s.arg(code->toString());
    }
    if (!v.retryAfterMs && json && json->isObject()) {
        if (const JsonValue *after = json->find(u"retry-after"); after && after->isNumber() && after->toDouble() >= 0)
            v.retryAfterMs = qint64(after->toDouble() * 1000.0);
    }
    return v;
}

} // namespace hb
