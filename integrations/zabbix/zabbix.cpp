// SPDX-License-Identifier: MIT
#include "zabbix.h"

using namespace Qt::StringLiterals;

namespace hb::integrations::zabbix {

namespace {

// The fields the Zabbix media type must send; Zulip answers "Invalid payload" when one is
// missing or is not a string (the media type's parameters are misconfigured).
struct Alert
{
    QString hostname;
    QString severity;
    QString status;
    QString item;
    QString trigger;
    QString link;
};

std::optional<QString> stringField(const Payload &p, const char16_t *key)
{
    const Payload field = p[QStringView(key)];
    if (!field.isString())
        return std::nullopt;
    return field.string();
}

std::optional<Alert> readAlert(const Payload &p)
{
    const auto hostname = stringField(p, u"hostname");
    const auto severity = stringField(p, u"severity");
    const auto status = stringField(p, u"status");
    const auto item = stringField(p, u"item");
    const auto trigger = stringField(p, u"trigger");
    const auto link = stringField(p, u"link");
    if (!hostname || !severity || !status || !item || !trigger || !link)
        return std::nullopt;
    return Alert{*hostname, *severity, *status, *item, *trigger, *link};
}

} // namespace

QStringList eventTypes()
{
    // Zulip's Zabbix view passes no event type, so only_events/exclude_events never filter it.
    return {};
}

Outcome handle(const WebhookContext &ctx)
{
    const std::optional<Alert> alert = readAlert(ctx.payload());
    if (!alert)
        return badRequest(u"Invalid payload"_s);

    const QString content = u"%1 (%2) alert on [%3](%4):\n* %5\n* %6"_s.arg(
        alert->status, alert->severity, alert->hostname, alert->link, alert->trigger, alert->item);
    return Message{.topic = alert->hostname, .content = content, .stream = std::nullopt, .eventType = {}};
}

} // namespace hb::integrations::zabbix
