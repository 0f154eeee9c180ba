// SPDX-License-Identifier: MIT
#include "transifex.h"

#include <optional>

using namespace Qt::StringLiterals;

namespace hb::integrations::transifex {

namespace {

// Transifex sends its notification as URL parameters. Zulip requires these four and reports the
// first one missing, in this order.
std::optional<WebhookError> missingParameter(const Payload &p)
{
    for (const QString &name : {u"project"_s, u"resource"_s, u"language"_s, u"event"_s}) {
        if (!p[name].exists())
            return missingArgument(name);
    }
    return std::nullopt;
}

Message completion(const Payload &p, const QString &what, const QString &eventType)
{
    return Message{.topic = u"%1 in %2"_s.arg(p["project"].string(), p["language"].string()),
                   .content = u"Resource %1 fully %2."_s.arg(p["resource"].string(), what),
                   .stream = std::nullopt, .eventType = eventType};
}

} // namespace

QStringList eventTypes()
{
    return {u"translated"_s, u"review"_s};
}

Outcome handle(const WebhookContext &ctx)
{
    const Payload p = ctx.payload();
    if (auto error = missingParameter(p))
        return *error;

    const QString event = p["event"].string();
    if (event == u"translation_completed")
        return completion(p, u"translated"_s, u"translated"_s);
    if (event == u"review_completed")
        return completion(p, u"reviewed"_s, u"review"_s);
    return unsupportedEvent(ctx, event);
}

} // namespace hb::integrations::transifex
