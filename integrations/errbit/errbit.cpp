// SPDX-License-Identifier: MIT
#include "errbit.h"

using namespace Qt::StringLiterals;

namespace hb::integrations::errbit {

QStringList eventTypes()
{
    // Errbit posts one kind of notification (a problem got a notice), without an event type.
    return {};
}

Outcome handle(const WebhookContext &ctx)
{
    const Payload problem = ctx.payload()["problem"];
    // One topic per app and environment: "shop / production".
    const QString topic = u"%1 / %2"_s.arg(problem["app_name"].string(), problem["environment"].string());
    const QString content = u"[%1](%2): \"%3\" occurred."_s.arg(
        problem["error_class"].string(), problem["url"].string(), problem["message"].string());
    return Message{.topic = topic, .content = content, .stream = std::nullopt, .eventType = {}};
}

} // namespace hb::integrations::errbit
