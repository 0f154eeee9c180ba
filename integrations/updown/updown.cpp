// SPDX-License-Identifier: MIT
#include "updown.h"

using namespace Qt::StringLiterals;

namespace hb::integrations::updown {

namespace {

// "1 day ", "3 hours ", or nothing for a zero part.
QString durationPart(qint64 value, const QString &unit)
{
    if (value == 1)
        return u"1 %1 "_s.arg(unit);
    if (value > 1)
        return u"%1 %2s "_s.arg(value).arg(unit);
    return {};
}

// A downtime in seconds as "2 hours 5 minutes 1 second".
QString durationText(qint64 seconds)
{
    QString out = durationPart(seconds / 86400, u"day"_s);
    out += durationPart(seconds % 86400 / 3600, u"hour"_s);
    out += durationPart(seconds % 3600 / 60, u"minute"_s);
    out += durationPart(seconds % 60, u"second"_s);
    return out.trimmed();
}

// Updown's ISO 8601 time made readable the way Zulip does it: "2016-02-07T13:11:43Z" becomes
// "2016-02-07 13:11:43 UTC" (the text is only edited, not parsed).
QString downtimeStart(const Payload &startedAt)
{
    return startedAt.string().replace(u'T', u' ').replace(u"Z"_s, u" UTC"_s);
}

QString downBody(const Payload &event)
{
    const Payload downtime = event["downtime"];
    return u"Service is `down`. It returned a %1 error at %2."_s.arg(downtime["error"].text(),
                                                                     downtimeStart(downtime["started_at"]));
}

// "Service is `up`." the first time; "… `up` again after <duration>." after a downtime.
QString upBody(const Payload &event)
{
    const Payload downtime = event["downtime"];
    QString body = u"Service is `up`"_s;
    if (downtime["started_at"].isTruthy()) {
        body += u" again"_s;
        const Payload duration = downtime["duration"];
        if (!duration.isNull()) {
            if (const QString text = durationText(duration.integer()); !text.isEmpty())
                body += u" after "_s + text;
        }
    }
    return body + u'.';
}

// "check.down" -> "down"; empty when the event is not of the "check.<kind>" shape.
QString eventKind(const QString &event)
{
    if (event.size() >= 6 && event.startsWith(u"check"))
        return event.mid(6);
    return {};
}

} // namespace

QStringList eventTypes()
{
    return {u"up"_s, u"down"_s};
}

Outcome handle(const WebhookContext &ctx)
{
    // Updown batches events: the body is an array, one message per event, in order.
    QList<Message> messages;
    for (const Payload &event : ctx.payload().array()) {
        const QString name = event["event"].string();
        const QString kind = eventKind(name);
        QString body;
        if (kind == u"up")
            body = upBody(event);
        else if (kind == u"down")
            body = downBody(event);
        else if (messages.isEmpty())
            return unsupportedEvent(ctx, name);
        else
            break; // Zulip stops at the first unsupported event, after posting the earlier ones
        messages.append(Message{.topic = event["check"]["url"].string(), .content = body,
                                .stream = std::nullopt, .eventType = kind});
    }
    return messages;
}

} // namespace hb::integrations::updown
