// SPDX-License-Identifier: MIT
#include "homeassistant.h"

using namespace Qt::StringLiterals;

namespace hb::integrations::homeassistant {

namespace {

// The automation may name a topic in the notification's data; otherwise one shared topic.
QString topicFor(const Payload &p)
{
    return p["topic"].exists() ? p["topic"].string() : u"homeassistant"_s;
}

} // namespace

QStringList eventTypes()
{
    // Home Assistant's notify service has one kind of call and Zulip's view declares no event
    // types: only_events/exclude_events do not apply.
    return {};
}

Outcome handle(const WebhookContext &ctx)
{
    const Payload p = ctx.payload();
    const QString content = p["message"].string();
    return Message{.topic = topicFor(p), .content = content};
}

} // namespace hb::integrations::homeassistant
