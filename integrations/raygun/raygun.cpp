// SPDX-License-Identifier: MIT
#include "raygun.h"

#include <QDateTime>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace hb::integrations::raygun {

namespace {

// Raygun's ISO times ("2026-02-03T14:05:09Z", with or without the Z) in C's "%c" form:
// "Tue Feb  3 14:05:09 2026".
QString readableTime(const Payload &value)
{
    const QString text = value.string();
    const QDateTime t = QDateTime::fromString(text.left(19), u"yyyy-MM-ddTHH:mm:ss"_s);
    if (!t.isValid())
        value.fail(u"is not a time (%1)"_s.arg(text));
    static constexpr const char16_t *days[] = {u"Mon", u"Tue", u"Wed", u"Thu", u"Fri", u"Sat", u"Sun"};
    static constexpr const char16_t *months[] = {u"Jan", u"Feb", u"Mar", u"Apr", u"May", u"Jun",
                                                 u"Jul", u"Aug", u"Sep", u"Oct", u"Nov", u"Dec"};
    const QDate d = t.date();
    return u"%1 %2 %3 %4 %5"_s.arg(QString::fromUtf16(days[d.dayOfWeek() - 1]),
                                   QString::fromUtf16(months[d.month() - 1]))
        .arg(d.day(), 2)
        .arg(t.time().toString(u"HH:mm:ss"_s))
        .arg(d.year());
}

// Python's str() of a custom data value, containers included.
QString pythonText(const Payload &v)
{
    const auto quoted = [](const Payload &item) {
        return item.isString() ? u'\'' + item.string() + u'\'' : pythonText(item);
    };
    if (v.isArray()) {
        QStringList items;
        for (const Payload &item : v.array())
            items.append(quoted(item));
        return u'[' + items.join(u", "_s) + u']';
    }
    if (v.isObject()) {
        QStringList items;
        for (const QString &key : v.keys())
            items.append(u"'%1': %2"_s.arg(key, quoted(v[key])));
        return u'{' + items.join(u", "_s) + u'}';
    }
    return v.isNull() ? u"None"_s : v.text();
}

QString bullet(const QString &label, const QString &value)
{
    return u"* **%1**: %2\n"_s.arg(label, value);
}

QString errorMessageLine(const Payload &error)
{
    const QString message = error["message"].string();
    return message.isEmpty() ? QString() : bullet(u"Message"_s, message);
}

QString timesLines(const Payload &error)
{
    return bullet(u"First occurred"_s, readableTime(error["firstOccurredOn"]))
        + bullet(u"Last occurred"_s, readableTime(error["lastOccurredOn"]));
}

QString statsLine(const Payload &error)
{
    return u"* %1 users affected with %2 total occurrences\n"_s.arg(error["usersAffected"].integer())
        .arg(error["totalOccurrences"].integer());
}

QString applicationLine(const Payload &app)
{
    return bullet(u"Application details"_s, u"[%1](%2)"_s.arg(app["name"].string(), app["url"].string()));
}

// What Raygun knows about the occurrence: tags, the affected user (shortened), custom data.
QString instanceLines(const Payload &instance)
{
    QString out;
    if (const Payload tags = instance["tags"]; !tags.isNull()) {
        QStringList names;
        for (const Payload &tag : tags.array())
            names.append(tag.string());
        out += bullet(u"Tags"_s, names.join(u", "_s));
    }
    if (const Payload user = instance["affectedUser"]; !user.isNull()) {
        const QString uuid = user["UUID"].string();
        out += bullet(u"Affected user"_s, uuid.left(6) + u"..."_s + uuid.right(5));
    }
    if (const Payload data = instance["customData"]; !data.isNull()) {
        QStringList keys = data.keys();
        std::sort(keys.begin(), keys.end());
        for (const QString &key : keys)
            out += bullet(key, pythonText(data[key]));
    }
    return out;
}

QString errorOccurred(const Payload &p, const QString &type)
{
    const Payload error = p["error"];
    const QString link = u"[Error](%1)"_s.arg(error["url"].string());
    QString out = type == u"NewErrorOccurred"_s ? u"New %1 occurred:\n"_s.arg(link)
                                                : u"%1 reoccurred:\n"_s.arg(link);
    out += errorMessageLine(error) + timesLines(error) + statsLine(error);
    out += instanceLines(error["instance"]);
    return out + applicationLine(p["application"]);
}

// "OneMinuteFollowUp" -> "One minute", "HourlyFollowUp" -> "Hourly".
QString followUp(const Payload &p, const QString &type)
{
    const Payload error = p["error"];
    const QString prefix = type == u"HourlyFollowUp"_s ? u"Hourly"_s : type.chopped(14) + u" minute"_s;
    QString out = u"%1 [follow-up error](%2):\n"_s.arg(prefix, error["url"].string());
    out += errorMessageLine(error) + timesLines(error) + statsLine(error);
    return out + applicationLine(p["application"]);
}

std::optional<QString> notification(const Payload &p, const QString &type)
{
    if (type == u"NewErrorOccurred"_s || type == u"ErrorReoccurred"_s)
        return errorOccurred(p, type);
    if (type.contains(u"FollowUp"_s))
        return followUp(p, type);
    return std::nullopt;
}

// Something a person did to an error: changed its status, commented, assigned it.
std::optional<QString> activity(const Payload &p, const QString &type)
{
    const Payload error = p["error"];
    const QString link = u"[Error](%1)"_s.arg(error["url"].string());
    const QString user = error["user"].string();
    QString out;
    if (type == u"StatusChanged"_s)
        out = u"%1 status changed to **%2** by %3:\n"_s.arg(link, error["status"].string(), user);
    else if (type == u"CommentAdded"_s)
        out = u"%1 commented on %2:\n\n``` quote\n%3\n```\n"_s.arg(user, link, error["comment"].string());
    else if (type == u"AssignedToUser"_s)
        out = u"%1 assigned %2 to %3:\n"_s.arg(user, link, error["assignedTo"].string());
    else
        return std::nullopt;
    out += bullet(u"Timestamp"_s, readableTime(error["activityDate"]));
    return out + applicationLine(p["application"]);
}

} // namespace

QStringList eventTypes()
{
    return {u"error_notification"_s, u"error_activity"_s};
}

Outcome handle(const WebhookContext &ctx)
{
    const Payload p = ctx.payload();
    const QString event = p["event"].string();
    std::optional<QString> content;
    if (event == u"error_notification"_s || event == u"error_activity"_s) {
        const QString type = p["eventType"].string();
        content = event == u"error_notification"_s ? notification(p, type) : activity(p, type);
        if (!content)
            return unsupportedEvent(ctx, type);
    } else {
        return unsupportedEvent(ctx, event);
    }
    if (content->endsWith(u'\n'))
        content->chop(1);
    return Message{.topic = u"test"_s, .content = *content, .stream = std::nullopt, .eventType = event};
}

} // namespace hb::integrations::raygun
