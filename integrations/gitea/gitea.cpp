// SPDX-License-Identifier: MIT
#include "gitea.h"

// PLACEHOLDER: not yet written.
namespace hb::integrations::gitea {

QStringList eventTypes()
{
    return {};
}

Outcome handle(const WebhookContext &ctx)
{
    return unsupportedEvent(ctx, ctx.eventType());
}

} // namespace hb::integrations::gitea
