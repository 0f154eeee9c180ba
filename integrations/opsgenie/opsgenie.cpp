// SPDX-License-Identifier: MIT
#include "opsgenie.h"

using namespace Qt::StringLiterals;

namespace hb::integrations::opsgenie {

namespace {

QString bullet(const QString &key, const QString &value)
{
    return u"* **%1**: %2\n"_s.arg(key, value);
}

// The alert's tags as inline code, comma-separated: "`db`, `prod`".
QString tagList(const Payload &alert)
{
    QStringList tags;
    for (const Payload &tag : alert["tags"].arrayOr())
        tags.append(u'`' + tag.string() + u'`');
    return tags.join(u", "_s);
}

// What the action changed or carries, each as a bullet when the payload has it. Most details sit
// in the alert object; the escalation name is at the top level of Escalate actions.
QString actionDetails(const Payload &p)
{
    const Payload alert = p["alert"];
    const std::pair<Payload, QString> details[] = {
        {alert["note"], u"Note"_s},
        {alert["recipient"], u"Recipient"_s},
        {alert["addedTags"], u"Tags added"_s},
        {alert["team"], u"Team added"_s},
        {alert["owner"], u"Assigned owner"_s},
        {p["escalationName"], u"Escalation"_s},
        {alert["removedTags"], u"Tags removed"_s},
        {alert["message"], u"Message"_s},
    };
    QString out;
    for (const auto &[field, label] : details) {
        if (field.exists())
            out += bullet(label, field.string());
    }
    if (const QString tags = tagList(alert); !tags.isEmpty())
        out += bullet(u"Tags"_s, tags);
    return out;
}

} // namespace

QStringList eventTypes()
{
    // The actions Zulip lists; any other action (a custom one, say) is rendered the same way.
    return {u"AddTeam"_s,       u"UnAcknowledge"_s, u"AddNote"_s, u"TestAction"_s,    u"Close"_s,
            u"Escalate"_s,      u"AddRecipient"_s,  u"RemoveTags"_s, u"Acknowledge"_s, u"Delete"_s,
            u"AddTags"_s,       u"TakeOwnership"_s, u"Create"_s,  u"AssignOwnership"_s};
}

Outcome handle(const WebhookContext &ctx)
{
    const Payload p = ctx.payload();
    const QString action = p["action"].string();
    const QString alertId = p["alert"]["alertId"].string();
    const QString integrationName = p["integrationName"].string();

    QString content = u"[Opsgenie alert for %1](https://app.opsgenie.com/alert/V2#/show/%2):\n"_s
                          .arg(integrationName, alertId);
    content += bullet(u"Type"_s, action);
    content += actionDetails(p);
    return Message{.topic = integrationName, .content = content.trimmed(), .stream = std::nullopt,
                   .eventType = action};
}

} // namespace hb::integrations::opsgenie
