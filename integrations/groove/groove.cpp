// SPDX-License-Identifier: MIT
#include "groove.h"

using namespace Qt::StringLiterals;

namespace hb::integrations::groove {

namespace {

const QString topicName = u"notifications"_s;

// Groove's API links end with the resource's key: ".../agents/<email>", ".../tickets/<number>".
QString lastSegment(const Payload &link)
{
    const QString href = link["href"].string();
    return href.mid(href.lastIndexOf(u'/') + 1);
}

QString quoted(const QString &text)
{
    return u"``` quote\n%1\n```"_s.arg(text);
}

QString ticketStarted(const Payload &p)
{
    return u"%1 submitted new ticket [#%2: %3](%4):\n\n%5"_s.arg(
        p["customer_name"].string(), p["number"].text(), p["title"].string(), p["app_url"].string(),
        quoted(p["summary"].string()));
}

// Who the ticket went to: an agent, a group, or an agent within a group; empty when neither.
QString assigneeInfo(const Payload &p)
{
    const QString agent = p["assignee"].stringOr(QString());
    const QString group = p["assigned_group"].stringOr(QString());
    if (!agent.isEmpty() && !group.isEmpty())
        return u"%1 from %2"_s.arg(agent, group);
    return agent.isEmpty() ? group : agent;
}

std::optional<QString> ticketAssigned(const Payload &p)
{
    const QString assignee = assigneeInfo(p);
    if (assignee.isEmpty())
        return std::nullopt;
    QString state = p["state"].string();
    if (state == u"opened"_s)
        state = u"open"_s;
    return u"[#%1: %2](%3) (%4) assigned to %5."_s.arg(p["number"].text(), p["title"].string(),
                                                        p["app_url"].string(), state, assignee);
}

// A message on a ticket: a reply (by an agent or the customer) or an agent's private note.
QString ticketMessage(const Payload &p, const QString &verb)
{
    const Payload links = p["links"];
    return u"%1 %2 [ticket #%3](%4):\n\n%5"_s.arg(lastSegment(links["author"]), verb,
                                                   lastSegment(links["ticket"]), p["app_ticket_url"].string(),
                                                   quoted(p["plain_text_body"].string()));
}

std::optional<QString> body(const QString &event, const Payload &p)
{
    if (event == u"ticket_started"_s)
        return ticketStarted(p);
    if (event == u"ticket_assigned"_s)
        return ticketAssigned(p);
    if (event == u"note_added"_s)
        return ticketMessage(p, u"left a note on"_s);
    return ticketMessage(p, u"replied to"_s); // agent_replied, customer_replied
}

} // namespace

QStringList eventTypes()
{
    return {u"ticket_started"_s, u"ticket_assigned"_s, u"agent_replied"_s, u"customer_replied"_s,
            u"note_added"_s};
}

Outcome handle(const WebhookContext &ctx)
{
    const QString event = ctx.eventType();
    if (!eventTypes().contains(event))
        return unsupportedEvent(ctx, event);
    const std::optional<QString> content = body(event, ctx.payload());
    if (!content)
        return NoOp{.reason = u"ticket assigned to no one"_s, .code = {}, .data = {}};
    return Message{.topic = topicName, .content = *content, .stream = std::nullopt, .eventType = {}};
}

} // namespace hb::integrations::groove
