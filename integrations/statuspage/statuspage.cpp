// SPDX-License-Identifier: MIT
#include "statuspage.h"

using namespace Qt::StringLiterals;

namespace hb::integrations::statuspage {

namespace {

// Topics name the incident or component, then the page's overall status.
QString topicFor(const Payload &p, const QString &subject)
{
    return u"%1: %2"_s.arg(subject, p["page"]["status_description"].string());
}

// An incident was created or updated: its current state and the text of its latest update
// (Statuspage lists the updates newest first).
Message incidentMessage(const Payload &p)
{
    const Payload incident = p["incident"];
    const QString name = incident["name"].string();
    const QString latest = incident["incident_updates"][0]["body"].string();
    QString content = u"**%1**:\n"_s.arg(name);
    content += u"* State: **%1**\n"_s.arg(incident["status"].string());
    content += u"* Description: %1"_s.arg(latest);
    return Message{.topic = topicFor(p, name), .content = content, .stream = std::nullopt,
                   .eventType = u"incident"_s};
}

// A component's status changed.
Message componentMessage(const Payload &p)
{
    const QString name = p["component"]["name"].string();
    const Payload update = p["component_update"];
    const QString content = u"**%1** has changed status from **%2** to **%3**."_s.arg(
        name, update["old_status"].string(), update["new_status"].string());
    return Message{.topic = topicFor(p, name), .content = content, .stream = std::nullopt,
                   .eventType = u"component"_s};
}

} // namespace

QStringList eventTypes()
{
    return {u"incident"_s, u"component"_s};
}

Outcome handle(const WebhookContext &ctx)
{
    const Payload p = ctx.payload();
    if (p["incident"].exists())
        return incidentMessage(p);
    if (p["component"].exists())
        return componentMessage(p);
    return anomalousPayload(ctx);
}

} // namespace hb::integrations::statuspage
