// SPDX-License-Identifier: MIT
#include "freshdesk.h"

#include "htmltext.h"

#include <stdexcept>

using namespace Qt::StringLiterals;

namespace hb::integrations::freshdesk {

namespace {

// What a Freshdesk automation rule reports in "triggered_event": "{ticket_action:created}",
// "{note_type:private}" or a property change such as "{status:{from:4,to:6}}" (not JSON).
struct TriggeredEvent
{
    QString name;  // ticket_action, note_type, status, priority, …
    QString value; // created / private / the old value's name
    QString newValue;
};

// Freshdesk reports statuses and priorities by number. The status names are those of Zulip's
// original Freshdesk account (custom statuses included), as in Zulip.
QString valueName(const QString &property, int index)
{
    static const QStringList statuses{QString(), QString(), u"Open"_s, u"Pending"_s, u"Resolved"_s,
                                      u"Closed"_s, u"Waiting on Customer"_s, u"Job Application"_s, u"Monthly"_s};
    static const QStringList priorities{QString(), u"Low"_s, u"Medium"_s, u"High"_s, u"Urgent"_s};
    const QStringList *names = property == u"status" ? &statuses : property == u"priority" ? &priorities : nullptr;
    if (!names)
        return {};
    return index >= 0 && index < names->size() ? names->at(index) : QString::number(index);
}

int number(const QString &text)
{
    bool ok = false;
    const int n = text.trimmed().toInt(&ok);
    if (!ok)
        throw std::runtime_error("Freshdesk event value is not a number: " + text.toStdString());
    return n;
}

TriggeredEvent parseEvent(QString text)
{
    text.remove(u'{').remove(u'}').replace(u',', u':');
    const QStringList parts = text.split(u':');
    if (parts.size() == 2)
        return {parts[0], parts[1], {}};
    if (parts.size() == 5) // property:from:<old>:to:<new>
        return {parts[0], valueName(parts[0], number(parts[2])), valueName(parts[0], number(parts[4]))};
    throw std::runtime_error("unexpected Freshdesk triggered_event: " + text.toStdString());
}

// Python's str.capitalize().
QString capitalized(const QString &s)
{
    return s.isEmpty() ? s : s.left(1).toUpper() + s.mid(1).toLower();
}

QString requester(const Payload &ticket)
{
    return ticket["requester_name"].string() + u" <"_s + ticket["requester_email"].string() + u'>';
}

QString ticketLink(const Payload &ticket)
{
    return u"[ticket #%1](%2)"_s.arg(ticket["ticket_id"].string(), ticket["ticket_url"].string());
}

QString createdMessage(const Payload &ticket)
{
    return u"%1 created %2:\n\n``` quote\n%3\n```\n\n* **Type**: %4\n* **Priority**: %5\n* **Status**: %6"_s.arg(
        requester(ticket), ticketLink(ticket), htmlToMarkdown(ticket["ticket_description"].string()),
        ticket["ticket_type"].string(), ticket["ticket_priority"].string(), ticket["ticket_status"].string());
}

QString noteMessage(const Payload &ticket, const TriggeredEvent &e)
{
    return u"%1 added a %2 note to %3."_s.arg(requester(ticket), e.value, ticketLink(ticket));
}

QString changeMessage(const Payload &ticket, const TriggeredEvent &e)
{
    return u"%1 updated %2:\n\n* **%3**: %4 -> %5"_s.arg(requester(ticket), ticketLink(ticket),
                                                         capitalized(e.name), e.value, e.newValue);
}

} // namespace

QStringList eventTypes()
{
    // Zulip passes no event type for Freshdesk, so only_events/exclude_events never filter it.
    return {};
}

Outcome handle(const WebhookContext &ctx)
{
    const Payload ticket = ctx.payload()["freshdesk_webhook"];
    const QString topic = u"#%1: %2"_s.arg(ticket["ticket_id"].string(), ticket["ticket_subject"].string());
    const TriggeredEvent e = parseEvent(ticket["triggered_event"].string());

    QString content;
    if (e.value == u"created")
        content = createdMessage(ticket);
    else if (e.name == u"note_type")
        content = noteMessage(ticket, e);
    else if (e.name == u"status" || e.name == u"priority")
        content = changeMessage(ticket, e);
    else
        return NoOp{u"Freshdesk event '%1' is not shown (as in Zulip)"_s.arg(e.name), {}, {}};
    return Message{.topic = topic, .content = content, .stream = std::nullopt, .eventType = {}};
}

} // namespace hb::integrations::freshdesk
