// SPDX-License-Identifier: MIT
#include "pagerduty.h"

// PLACEHOLDER: not yet written.
namespace hb::integrations::pagerduty {

QStringList eventTypes()
{
    return {};
}

Outcome handle(const WebhookContext &ctx)
{
    return unsupportedEvent(ctx, ctx.eventType());
}

} // namespace hb::integrations::pagerduty
