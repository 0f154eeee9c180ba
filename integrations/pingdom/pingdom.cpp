// SPDX-License-Identifier: MIT
#include "pingdom.h"

using namespace Qt::StringLiterals;

namespace hb::integrations::pingdom {

namespace {

// The check types Zulip renders; a check of another type is not supported.
const QStringList &supportedCheckTypes()
{
    static const QStringList types{u"HTTP"_s, u"HTTP_CUSTOM"_s, u"HTTPS"_s, u"SMTP"_s, u"POP3"_s,
                                   u"IMAP"_s, u"PING"_s,        u"DNS"_s,   u"UDP"_s,  u"PORT_TCP"_s};
    return types;
}

// "Service <host> changed its <type> status from UP to DOWN", followed by Pingdom's long
// description as a quote when the check has just gone down.
QString bodyFor(const Payload &p, const QString &checkType)
{
    const QString previous = p["previous_state"].string();
    const QString current = p["current_state"].string();
    const QString change = u"Service %1 changed its %2 status from %3 to %4"_s.arg(
        p["check_params"]["hostname"].string(), checkType, previous, current);
    if (previous == u"UP" && current == u"DOWN")
        return change + u":\n\n``` quote\n%1\n```"_s.arg(p["long_description"].string());
    return change + u'.';
}

} // namespace

QStringList eventTypes()
{
    return supportedCheckTypes();
}

Outcome handle(const WebhookContext &ctx)
{
    const Payload p = ctx.payload();
    const QString checkType = p["check_type"].string();
    if (!supportedCheckTypes().contains(checkType))
        return unsupportedEvent(ctx, checkType);
    return Message{.topic = u"%1 status."_s.arg(p["check_name"].string()), .content = bodyFor(p, checkType),
                   .stream = std::nullopt, .eventType = checkType};
}

} // namespace hb::integrations::pingdom
