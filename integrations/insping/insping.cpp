// SPDX-License-Identifier: MIT
#include "insping.h"

#include <QDate>
#include <QRegularExpression>

#include <array>

using namespace Qt::StringLiterals;

namespace hb::integrations::insping {

namespace {

// "2017-12-29T17:23:46.457990+00:00" (Insping always sends UTC with microseconds) as the C
// locale's date and time: "Fri Dec 29 17:23:46 2017", the day padded with a space.
std::optional<QString> formatTimestamp(const QString &timestamp)
{
    static const QRegularExpression shape(
        uR"(^(\d{4})-(\d{1,2})-(\d{1,2})T(\d{1,2}):(\d{1,2}):(\d{1,2})\.\d{1,6}\+00:00$)"_s);
    const QRegularExpressionMatch m = shape.match(timestamp);
    if (!m.hasMatch())
        return std::nullopt;
    const QDate date(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt());
    const int hour = m.captured(4).toInt(), minute = m.captured(5).toInt(), second = m.captured(6).toInt();
    if (!date.isValid() || hour > 23 || minute > 59 || second > 61)
        return std::nullopt;
    static constexpr std::array<const char16_t *, 7> days{u"Mon", u"Tue", u"Wed", u"Thu", u"Fri", u"Sat", u"Sun"};
    static constexpr std::array<const char16_t *, 12> months{u"Jan", u"Feb", u"Mar", u"Apr", u"May", u"Jun",
                                                             u"Jul", u"Aug", u"Sep", u"Oct", u"Nov", u"Dec"};
    return u"%1 %2 %3 %4:%5:%6 %7"_s.arg(QString::fromUtf16(days[date.dayOfWeek() - 1]),
                                         QString::fromUtf16(months[date.month() - 1]))
        .arg(date.day(), 2, 10, QChar(u' '))
        .arg(hour, 2, 10, QChar(u'0'))
        .arg(minute, 2, 10, QChar(u'0'))
        .arg(second, 2, 10, QChar(u'0'))
        .arg(date.year());
}

} // namespace

QStringList eventTypes()
{
    // Insping reports check state changes only, and Zulip posts them without an event type.
    return {};
}

Outcome handle(const WebhookContext &ctx)
{
    const Payload data = ctx.payload()["webhook_event_data"];
    const QString state = data["check_state_name"].string();
    const QString url = data["request_url"].string();
    const qint64 responseTime = data["response_time"].integer();
    const Payload started = data["request_start_time"];
    const std::optional<QString> when = formatTimestamp(started.string());
    if (!when)
        started.fail(u"is not a UTC timestamp like 2017-12-29T17:23:46.457990+00:00"_s);

    QString content = u"State changed to **%1**:\n"_s.arg(state);
    content += u"* **URL**: %1\n"_s.arg(url);
    content += u"* **Response time**: %1 ms\n"_s.arg(responseTime);
    content += u"* **Timestamp**: %1"_s.arg(*when);
    return Message{.topic = u"insping"_s, .content = content, .stream = std::nullopt, .eventType = {}};
}

} // namespace hb::integrations::insping
