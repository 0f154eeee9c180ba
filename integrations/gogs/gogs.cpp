// SPDX-License-Identifier: MIT
#include "gogs.h"

// PLACEHOLDER: not yet written.
namespace hb::integrations::gogs {

QStringList eventTypes()
{
    return {};
}

Outcome handle(const WebhookContext &ctx)
{
    return unsupportedEvent(ctx, ctx.eventType());
}

} // namespace hb::integrations::gogs
