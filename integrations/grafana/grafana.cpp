// SPDX-License-Identifier: MIT
#include "grafana.h"

// PLACEHOLDER: not yet written.
namespace hb::integrations::grafana {

QStringList eventTypes()
{
    return {};
}

Outcome handle(const WebhookContext &ctx)
{
    return unsupportedEvent(ctx, ctx.eventType());
}

} // namespace hb::integrations::grafana
