// SPDX-License-Identifier: MIT
#include "airbrake.h"

using namespace Qt::StringLiterals;

namespace hb::integrations::airbrake {

QStringList eventTypes()
{
    // Airbrake sends one kind of notification (an error group occurred) and Zulip posts it
    // without an event type: only_events/exclude_events do not apply.
    return {};
}

Outcome handle(const WebhookContext &ctx)
{
    const Payload p = ctx.payload();
    const Payload error = p["error"];
    const QString project = error["project"]["name"].string();
    const QString content = u"[%1](%2): \"%3\" occurred."_s.arg(
        error["error_class"].string(), p["airbrake_error_url"].string(), error["error_message"].string());
    return Message{.topic = project, .content = content, .stream = std::nullopt, .eventType = {}};
}

} // namespace hb::integrations::airbrake
