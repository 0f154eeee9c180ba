// SPDX-License-Identifier: MIT
#include "zapier.h"

using namespace Qt::StringLiterals;

namespace hb::integrations::zapier {

QStringList eventTypes()
{
    // A Zap's "send message" step carries only the topic and content the user configured.
    return {};
}

Outcome handle(const WebhookContext &ctx)
{
    const Payload p = ctx.payload();
    // Zulip's Zapier app first checks the key with {"type": "auth"}. Zulip answers that with the
    // bot's name, email and id, which Hookbench (having no bot) cannot give: a plain success here.
    if (p["type"].stringOr({}) == u"auth")
        return NoOp{u"Zapier authentication check"_s, {}, {}};

    // "topic", or "subject" as older Zaps call it.
    QString topic = p["topic"].stringOr({});
    if (p["topic"].isNull()) {
        if (p["subject"].isNull())
            return badRequest(u"Topic can't be empty"_s);
        topic = p["subject"].string();
    }
    if (p["content"].isNull())
        return badRequest(u"Content can't be empty"_s);
    return Message{.topic = topic, .content = p["content"].string(), .stream = std::nullopt, .eventType = {}};
}

} // namespace hb::integrations::zapier
