// SPDX-License-Identifier: MIT
#include "grafana.h"

using namespace Qt::StringLiterals;

namespace hb::integrations::grafana {

namespace {

// Grafana's "no end time yet" value for an alert that is still firing.
constexpr auto kNoEndTime = u"0001-01-01T00:00:00Z";

QString statusHeader(const QString &icon, const QString &state)
{
    return u"%1 **%2**\n\n"_s.arg(icon, state.toUpper());
}

// A string field counts only when it is there and not empty (the payloads send "" for "none").
bool hasText(const Payload &field)
{
    return !field.isNull() && !(field.isString() && field.string().isEmpty());
}

// "- key: value" lines, one per member of the object, in document order.
QString bulletList(const Payload &object, bool anyScalar)
{
    QString out;
    for (const QString &key : object.keys()) {
        const Payload value = object[key];
        out += u"- "_s + key + u": "_s + (anyScalar ? value.text() : value.string()) + u'\n';
    }
    return out;
}

// --- Unified alerting (Grafana 8 and later): one message per alert ------------------------------

QString unifiedStatus(const Payload &alert)
{
    const Payload field = alert["status"];
    const QString status = field.string();
    if (status != u"firing" && status != u"resolved")
        field.fail(u"is neither \"firing\" nor \"resolved\" (it is \"%1\")"_s.arg(status));
    return status;
}

QString valuesSection(const Payload &alert)
{
    const Payload values = alert["values"];
    if (values.isObject() && values.size() > 0)
        return u"Values:\n"_s + bulletList(values, true) + u'\n';
    if (hasText(alert["valueString"]))
        return u"Values:\n"_s + alert["valueString"].string() + u"\n\n"_s;
    return {};
}

QString linksSection(const Payload &alert)
{
    QString out;
    const std::pair<const char *, QString> links[] = {
        {"generatorURL", u"Generator"_s}, {"silenceURL", u"Silence"_s}, {"imageURL", u"Image"_s}};
    for (const auto &[field, label] : links) {
        if (hasText(alert[field]))
            out += u"\n[%1](%2)"_s.arg(label, alert[field].string());
    }
    return out;
}

Message unifiedAlertMessage(const Payload &alert)
{
    const QString status = unifiedStatus(alert);
    const Payload labels = alert["labels"];
    if (!labels.exists())
        labels.fail(u"is missing"_s);

    QString content = statusHeader(status == u"firing" ? u":alert:"_s : u":checkbox:"_s, status);
    QString topicName;
    if (hasText(labels["alertname"])) {
        topicName = labels["alertname"].string();
        content += u"**"_s + topicName + u"**\n\n"_s;
    } else {
        topicName = alert["fingerprint"].string();
    }

    content += u"This alert was fired at <time:%1>."_s.arg(alert["startsAt"].string());
    const QString endsAt = alert["endsAt"].string();
    if (endsAt != kNoEndTime)
        content += u"\n\nThis alert was resolved at <time:%1>."_s.arg(endsAt);

    if (labels.size() > 0)
        content += u"\n\nLabels:\n"_s + bulletList(labels, false) + u'\n';
    content += valuesSection(alert);
    const Payload annotations = alert["annotations"];
    if (annotations.isObject() && annotations.size() > 0)
        content += u"Annotations:\n"_s + bulletList(annotations, false);
    content += linksSection(alert);

    return Message{.topic = u"[%1]"_s.arg(topicName), .content = content, .stream = std::nullopt,
                   .eventType = status};
}

Outcome unifiedAlerts(const Payload &p)
{
    QList<Message> messages;
    for (const Payload &alert : p["alerts"].array())
        messages.append(unifiedAlertMessage(alert));
    return messages;
}

// --- Legacy alerting (Grafana 7 and earlier): one message per notification ----------------------

QStringList legacyStates()
{
    return {u"no_data"_s, u"paused"_s, u"alerting"_s, u"ok"_s, u"pending"_s, u"unknown"_s};
}

QString legacyIcon(const QString &state)
{
    if (state == u"alerting")
        return u":alert:"_s;
    if (state == u"ok")
        return u":squared_ok:"_s;
    return u":info:"_s;
}

// "**<metric>:** <value>" lines; a match without a value shows Python's None.
QString evalMatches(const Payload &p)
{
    QString out;
    for (const Payload &match : p["evalMatches"].arrayOr()) {
        const Payload value = match["value"];
        if (!value.isNull() && !value.isNumber())
            value.fail(u"is not a number"_s);
        out += u"**%1:** %2\n"_s.arg(match["metric"].string(), value.text());
    }
    return out;
}

Outcome legacyAlert(const Payload &p)
{
    const QString topic = p["title"].string();
    const Payload stateField = p["state"];
    const QString state = stateField.string();
    if (const QStringList states = legacyStates(); !states.contains(state))
        stateField.fail(u"is not one of %1 (it is \"%2\")"_s.arg(states.join(u", "_s), state));

    QString content = statusHeader(legacyIcon(state), state);
    content += u"[%1](%2)\n\n"_s.arg(p["ruleName"].string(), p["ruleUrl"].string());
    if (p["message"].exists())
        content += p["message"].string() + u"\n\n"_s;
    content += evalMatches(p);
    if (p["imageUrl"].exists())
        content += u"\n[Click to view visualization](%1)"_s.arg(p["imageUrl"].string());

    return Message{.topic = topic, .content = content.trimmed(), .stream = std::nullopt, .eventType = state};
}

} // namespace

QStringList eventTypes()
{
    // Legacy states first, then the unified alerting statuses.
    return {u"ok"_s, u"pending"_s, u"alerting"_s, u"paused"_s, u"no_data"_s, u"unknown"_s, u"firing"_s, u"resolved"_s};
}

Outcome handle(const WebhookContext &ctx)
{
    const Payload p = ctx.payload();
    if (p["alerts"].exists())
        return unifiedAlerts(p);
    return legacyAlert(p);
}

} // namespace hb::integrations::grafana
