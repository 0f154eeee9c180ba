// SPDX-License-Identifier: MIT
#include "pagerduty.h"

#include <optional>

// PagerDuty has sent three generations of webhooks:
//   v1  {"messages": [{"type": "incident.trigger", "data": {"incident": {...}}}, ...]}
//   v2  {"messages": [{"event": "incident.trigger", "incident": {...}}, ...]}
//   v3  {"event": {"event_type": "incident.triggered", "agent": {...}, "data": {...}}}
// Each one is read into an IncidentNote, and every note is written the same way.

using namespace Qt::StringLiterals;

namespace hb::integrations::pagerduty {

namespace {

// One incident change, whatever the webhook generation.
struct IncidentNote
{
    QString action;                 // "triggered", "acknowledged", … (also the filterable event type)
    QString title;                  // "3" (v1, v2) or "Database down (#3)" (v3)
    QString url;
    QString serviceName;
    QString serviceUrl;
    QString assignee;               // a Markdown link, or "nobody"
    std::optional<QString> agent;   // who changed the status, as a Markdown link
    std::optional<QString> details; // the text of the quote block under the headline
};

struct EventName
{
    const char16_t *type;
    const char16_t *action;
};

constexpr EventName kV1Events[] = {
    {u"incident.trigger", u"triggered"},     {u"incident.acknowledge", u"acknowledged"},
    {u"incident.unacknowledge", u"unacknowledged"}, {u"incident.resolve", u"resolved"},
    {u"incident.assign", u"assigned"},       {u"incident.escalate", u"escalated"},
    {u"incident.delegate", u"delineated"}, // sic: Zulip's wording for delegated incidents
};

constexpr EventName kV2Events[] = {
    {u"incident.trigger", u"triggered"},
    {u"incident.acknowledge", u"acknowledged"},
    {u"incident.resolve", u"resolved"},
    {u"incident.assign", u"assigned"},
};

constexpr EventName kV3Events[] = {
    {u"incident.triggered", u"triggered"},
    {u"incident.acknowledged", u"acknowledged"},
    {u"incident.unacknowledged", u"unacknowledged"},
    {u"incident.resolved", u"resolved"},
    {u"incident.reassigned", u"reassigned"},
};

template<std::size_t N>
std::optional<QString> actionFor(const EventName (&table)[N], const QString &type)
{
    for (const EventName &e : table) {
        if (type == QStringView(e.type))
            return QString::fromUtf16(e.action);
    }
    return std::nullopt;
}

QString link(const QString &text, const QString &url)
{
    return u"[%1](%2)"_s.arg(text, url);
}

// v1 names people by the user part of their e-mail address.
QString emailUser(const Payload &user)
{
    const QString email = user["email"].string();
    const qsizetype at = email.lastIndexOf(u'@');
    return link(at < 0 ? email : email.left(at), user["html_url"].string());
}

// A v2/v3 reference object ({"summary", "html_url"}) as a link.
QString referenceLink(const Payload &ref)
{
    return link(ref["summary"].string(), ref["html_url"].string());
}

IncidentNote readV1(const Payload &message, const QString &action)
{
    const Payload incident = message["data"]["incident"];
    IncidentNote note;
    note.action = action;
    note.title = QString::number(incident["incident_number"].integer());
    note.url = incident["html_url"].string();
    note.serviceName = incident["service"]["name"].string();
    note.serviceUrl = incident["service"]["html_url"].string();
    const Payload assignee = incident["assigned_to_user"];
    note.assignee = assignee.isTruthy() ? emailUser(assignee) : u"nobody"_s;
    if (const Payload resolver = incident["resolved_by_user"]; resolver.isTruthy())
        note.agent = emailUser(resolver);

    // v1 always shows the quote block, empty when the trigger left no summary.
    QStringList lines;
    if (const Payload summary = incident["trigger_summary_data"]; summary.isTruthy()) {
        for (const char *field : {"subject", "description"}) {
            const QString text = summary[field].stringOr(QString());
            if (!text.isEmpty())
                lines.append(text);
        }
    }
    note.details = lines.join(u'\n');
    return note;
}

IncidentNote readV2(const Payload &message, const QString &action)
{
    const Payload incident = message["incident"];
    IncidentNote note;
    note.action = action;
    note.title = QString::number(incident["incident_number"].integer());
    note.url = incident["html_url"].string();
    note.serviceName = incident["service"]["name"].string();
    note.serviceUrl = incident["service"]["html_url"].string();
    const QList<Payload> assignments = incident["assignments"].array();
    note.assignee = assignments.isEmpty() ? u"nobody"_s : referenceLink(assignments.first()["assignee"]);
    if (const Payload changer = incident["last_status_change_by"]; !changer.isNull())
        note.agent = referenceLink(changer);
    if (const Payload description = incident["description"]; !description.isNull())
        note.details = description.string();
    return note;
}

IncidentNote readV3(const Payload &event, const QString &action)
{
    const Payload data = event["data"];
    IncidentNote note;
    note.action = action;
    note.title = u"%1 (#%2)"_s.arg(data["title"].string(), QString::number(data["number"].integer()));
    note.url = data["html_url"].string();
    note.serviceName = data["service"]["summary"].string();
    note.serviceUrl = data["service"]["html_url"].string();
    const QList<Payload> assignees = data["assignees"].array();
    note.assignee = assignees.isEmpty() ? u"nobody"_s : referenceLink(assignees.first());
    if (const Payload agent = event["agent"]; !agent.isNull())
        note.agent = referenceLink(agent);
    return note;
}

QString headline(const IncidentNote &note)
{
    const QString incident = u"Incident %1"_s.arg(link(note.title, note.url));
    if (note.action == u"triggered" || note.action == u"unacknowledged") {
        return u"%1 %2 by %3 (assigned to %4)."_s.arg(incident, note.action,
                                                       link(note.serviceName, note.serviceUrl), note.assignee);
    }
    if (note.action == u"resolved")
        return note.agent ? u"%1 resolved by %2."_s.arg(incident, *note.agent) : u"%1 resolved."_s.arg(incident);
    if (note.action == u"assigned" || note.action == u"reassigned")
        return u"%1 %2 to %3."_s.arg(incident, note.action, note.assignee);
    return u"%1 %2 by %3."_s.arg(incident, note.action, note.assignee);
}

Message toMessage(const IncidentNote &note)
{
    QString content = headline(note);
    if (note.details)
        content += u"\n\n``` quote\n%1\n```"_s.arg(*note.details);
    return Message{.topic = u"Incident %1"_s.arg(note.title), .content = content, .stream = {},
                   .eventType = note.action};
}

// v1 and v2 batch several incident changes in "messages": one Zulip message each. Zulip reads
// the v1 entries (those with "type") first, then the v2 entries (those with "event").
Outcome handleMessages(const WebhookContext &ctx, const QList<Payload> &entries)
{
    QList<Message> out;
    std::optional<QString> unsupported;
    // One generation's entries, in order, until one lacks the generation's type field or has an
    // event type we do not render.
    const auto collect = [&](const char16_t *typeField, const auto &events, auto read) {
        for (const Payload &entry : entries) {
            if (unsupported || entry[typeField].isNull())
                return;
            const QString type = entry[typeField].string();
            const auto action = actionFor(events, type);
            if (!action) {
                unsupported = type;
                return;
            }
            out.append(toMessage(read(entry, *action)));
        }
    };
    collect(u"type", kV1Events, readV1);
    collect(u"event", kV2Events, readV2);
    if (!unsupported)
        return out;
    const NoOp ignored = unsupportedEvent(ctx, *unsupported);
    if (out.isEmpty())
        return ignored;
    // Zulip posts the messages before the unsupported entry, then answers with the notice.
    Outcome posted(std::move(out));
    posted.addNote(u"Zulip also answers: %1"_s.arg(ignored.reason));
    return posted;
}

Outcome handleEvent(const WebhookContext &ctx, const Payload &event)
{
    const Payload typeField = event["event_type"];
    const QString type = typeField.isNull() ? u"None"_s : typeField.string();
    const auto action = actionFor(kV3Events, type);
    if (!action)
        return unsupportedEvent(ctx, type);
    return toMessage(readV3(event, *action));
}

} // namespace

QStringList eventTypes()
{
    return {u"triggered"_s, u"acknowledged"_s, u"unacknowledged"_s, u"resolved"_s,
            u"assigned"_s,  u"reassigned"_s,   u"escalated"_s,      u"delineated"_s};
}

Outcome handle(const WebhookContext &ctx)
{
    const Payload &p = ctx.payload();
    if (const Payload messages = p["messages"]; messages.isTruthy())
        return handleMessages(ctx, messages.array());
    if (p["event"].exists())
        return handleEvent(ctx, p["event"]);
    return NoOp{u"no PagerDuty \"messages\" or \"event\" in the payload: nothing to post"_s, {}, {}};
}

} // namespace hb::integrations::pagerduty
