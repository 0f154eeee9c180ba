// SPDX-License-Identifier: MIT
#include "opsgenie.h"

// PLACEHOLDER: not yet written.
namespace hb::integrations::opsgenie {

QStringList eventTypes()
{
    return {};
}

Outcome handle(const WebhookContext &ctx)
{
    return unsupportedEvent(ctx, ctx.eventType());
}

} // namespace hb::integrations::opsgenie
