// SPDX-License-Identifier: MIT
#include "netlify.h"

using namespace Qt::StringLiterals;

namespace hb::integrations::netlify {

namespace {

// What happened to the deploy, after "The build … on branch …"; empty for an event Zulip does
// not render.
QString outcomeFor(const QString &event, const Payload &deploy)
{
    if (event == u"deploy_failed")
        return deploy["error_message"].string();
    if (event == u"deploy_locked")
        return u"is now locked."_s;
    if (event == u"deploy_unlocked")
        return u"is now unlocked."_s;
    if (event == u"deploy_building" || event == u"deploy_created")
        return u"is now %1."_s.arg(deploy["state"].string());
    return {};
}

} // namespace

QStringList eventTypes()
{
    return {u"deploy_building"_s, u"deploy_created"_s, u"deploy_failed"_s, u"deploy_locked"_s,
            u"deploy_unlocked"_s};
}

Outcome handle(const WebhookContext &ctx)
{
    const Payload deploy = ctx.payload();
    const QString event = ctx.eventType();
    if (!eventTypes().contains(event))
        return unsupportedEvent(ctx, event);
    const QString branch = deploy["branch"].string();
    const QString content = u"The build [%1](%2) on branch %3 %4"_s.arg(
        deploy["name"].string(), deploy["url"].string(), branch, outcomeFor(event, deploy));
    return Message{.topic = branch, .content = content, .stream = std::nullopt, .eventType = {}};
}

} // namespace hb::integrations::netlify
