// SPDX-License-Identifier: MIT
#include "alertmanager.h"

// PLACEHOLDER: not yet written.
namespace hb::integrations::alertmanager {

QStringList eventTypes()
{
    return {};
}

Outcome handle(const WebhookContext &ctx)
{
    return unsupportedEvent(ctx, ctx.eventType());
}

} // namespace hb::integrations::alertmanager
