// SPDX-License-Identifier: MIT
#include "alertmanager.h"

using namespace Qt::StringLiterals;

namespace hb::integrations::alertmanager {

namespace {

// The alerts of one topic, split by status; firing alerts are posted before resolved ones.
struct TopicAlerts
{
    QString topic;
    QStringList firing;
    QStringList resolved;
};

// A field of the alert: the label of that name, else the annotation, else the fallback.
QString labelOrAnnotation(const Payload &alert, const QString &field, const QString &fallback)
{
    const Payload label = alert["labels"][field];
    if (label.exists())
        return label.string();
    const Payload annotation = alert["annotations"][field];
    if (annotation.exists())
        return annotation.string();
    return fallback;
}

// "<description> ([source](<graph url>))": the link opens Prometheus' graph tab, not its table tab.
QString alertLine(const Payload &alert, const QString &descField)
{
    const QString desc = labelOrAnnotation(alert, descField, u"<missing field: %1>"_s.arg(descField));
    QString url = alert["generatorURL"].string();
    url.replace(u"tab=1"_s, u"tab=0"_s);
    return u"%1 ([source](%2))"_s.arg(desc, url);
}

TopicAlerts &groupFor(QList<TopicAlerts> &groups, const QString &topic)
{
    for (TopicAlerts &g : groups) {
        if (g.topic == topic)
            return g;
    }
    groups.append(TopicAlerts{.topic = topic, .firing = {}, .resolved = {}});
    return groups.last();
}

// One alert line reads "<icon> **<title>** <line>"; several make a bulleted list under the title.
QString statusMessage(const QString &icon, const QString &title, const QStringList &lines)
{
    if (lines.size() == 1)
        return u"%1 **%2** %3"_s.arg(icon, title, lines.first());
    QString body = u"%1 **%2**"_s.arg(icon, title);
    for (const QString &line : lines)
        body += u"\n* "_s + line;
    return body;
}

} // namespace

QStringList eventTypes()
{
    // Zulip's Alertmanager view posts without an event type: only_events/exclude_events do not apply.
    return {};
}

Outcome handle(const WebhookContext &ctx)
{
    const Payload p = ctx.payload();
    const QString nameField = ctx.optionOr(u"name", u"instance"_s);
    const QString descField = ctx.optionOr(u"desc", u"alertname"_s);

    QList<TopicAlerts> groups;
    for (const Payload &alert : p["alerts"].array()) {
        const QString topic = labelOrAnnotation(alert, nameField, u"(unknown)"_s);
        const QString line = alertLine(alert, descField);
        const Payload statusField = alert["status"];
        const QString status = statusField.string();
        if (status == u"firing")
            groupFor(groups, topic).firing.append(line);
        else if (status == u"resolved")
            groupFor(groups, topic).resolved.append(line);
        else
            statusField.fail(u"is neither \"firing\" nor \"resolved\" (it is \"%1\")"_s.arg(status));
    }

    QList<Message> messages;
    for (const TopicAlerts &g : groups) {
        if (!g.firing.isEmpty())
            messages.append(Message{.topic = g.topic, .content = statusMessage(u":alert:"_s, u"FIRING"_s, g.firing)});
        if (!g.resolved.isEmpty())
            messages.append(Message{.topic = g.topic, .content = statusMessage(u":squared_ok:"_s, u"Resolved"_s, g.resolved)});
    }
    return messages;
}

} // namespace hb::integrations::alertmanager
