// SPDX-License-Identifier: MIT
#include "canarytoken.h"

using namespace Qt::StringLiterals;

namespace hb::integrations::canarytoken {

QStringList eventTypes()
{
    // A canarytoken only ever reports that it was triggered; Zulip posts it without an event type.
    return {};
}

Outcome handle(const WebhookContext &ctx)
{
    const Payload p = ctx.payload();
    // The memo is followed by a space before the paragraph break, as in Zulip's messages.
    const QString content = u"**:alert: Canarytoken has been triggered on %1!**\n\n%2 \n\n[Manage this canarytoken](%3)"_s.arg(
        p["time"].string(), p["memo"].string(), p["manage_url"].string());
    return Message{.topic = u"canarytoken alert"_s, .content = content, .stream = std::nullopt, .eventType = {}};
}

} // namespace hb::integrations::canarytoken
