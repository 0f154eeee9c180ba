// SPDX-License-Identifier: MIT
#include "papertrail.h"

using namespace Qt::StringLiterals;

namespace hb::integrations::papertrail {

namespace {

// Zulip shows at most this many matching log lines, then links to the search for the rest.
constexpr qsizetype shownEvents = 4;

// One matching log line: when, from which system, for which query, and the line itself quoted.
QString eventBlock(const Payload &event, const QString &query)
{
    return u"%1 - %2 - %3:\n``` quote\n%4\n```"_s.arg(event["display_received_at"].string(),
                                                       event["source_name"].string(), query,
                                                       event["message"].string());
}

} // namespace

QStringList eventTypes()
{
    // Zulip's Papertrail view passes no event type, so only_events/exclude_events never filter it.
    return {};
}

Outcome handle(const WebhookContext &ctx)
{
    const Payload p = ctx.payload();
    if (!p["events"].exists())
        return badRequest(u"Events key is missing from payload"_s);

    const Payload search = p["saved_search"];
    const QString searchUrl = search["html_search_url"].string();
    const QList<Payload> events = p["events"].array();

    QStringList parts;
    parts.append(u"[Search for \""_s + search["name"].string() + u"\"]("_s + searchUrl + u") found **"_s
                 + QString::number(events.size()) + u"** matches:\n"_s);
    const QString query = search["query"].string();
    for (qsizetype i = 0; i < events.size() && i < shownEvents; ++i)
        parts.append(eventBlock(events[i], query));
    // The link follows as soon as the limit is reached, even when no event is left out.
    if (events.size() >= shownEvents)
        parts.append(u"[See more](%1)"_s.arg(searchUrl));

    return Message{.topic = u"logs"_s, .content = parts.join(u'\n'), .stream = std::nullopt, .eventType = {}};
}

} // namespace hb::integrations::papertrail
