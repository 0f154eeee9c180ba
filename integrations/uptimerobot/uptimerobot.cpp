// SPDX-License-Identifier: MIT
#include "uptimerobot.h"

using namespace Qt::StringLiterals;

namespace hb::integrations::uptimerobot {

namespace {

// "Web Server (server1.example.com)": the monitor as the alert names it.
QString monitorLabel(const Payload &p)
{
    return u"%1 (%2)"_s.arg(p["monitor_friendly_name"].string(), p["monitor_url"].string());
}

QString upBody(const Payload &p)
{
    return u"%1 is back UP (%2).\nIt was down for %3."_s.arg(
        monitorLabel(p), p["alert_details"].string(), p["alert_friendly_duration"].string());
}

QString downBody(const Payload &p)
{
    return u"%1 is DOWN (%2)."_s.arg(monitorLabel(p), p["alert_details"].string());
}

} // namespace

QStringList eventTypes()
{
    return {u"up"_s, u"down"_s};
}

Outcome handle(const WebhookContext &ctx)
{
    const Payload p = ctx.payload();
    // Uptime Robot fills the alert from a template the user edits; a payload without the
    // fields Zulip's template uses is answered with Zulip's "Invalid payload".
    try {
        const QString kind = p["alert_type_friendly_name"].string();
        QString event;
        QString body;
        if (kind == u"Up") {
            event = u"up"_s;
            body = upBody(p);
        } else if (kind == u"Down") {
            event = u"down"_s;
            body = downBody(p);
        } else {
            return unsupportedEvent(ctx, kind);
        }
        return Message{.topic = p["monitor_friendly_name"].string(), .content = body, .stream = std::nullopt,
                       .eventType = event};
    } catch (const PayloadError &) {
        return badRequest(u"Invalid payload"_s);
    }
}

} // namespace hb::integrations::uptimerobot
