// SPDX-License-Identifier: MIT
#include "sentry.h"

// PLACEHOLDER: not yet written.
namespace hb::integrations::sentry {

QStringList eventTypes()
{
    return {};
}

Outcome handle(const WebhookContext &ctx)
{
    return unsupportedEvent(ctx, ctx.eventType());
}

} // namespace hb::integrations::sentry
