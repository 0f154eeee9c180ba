// SPDX-License-Identifier: MIT
#include "linear.h"

// Linear posts {"type": "Issue" | "Comment" | …, "action": "create" | "update" | "remove",
// "data": {…the entity…}, "url": "…"}. Issues with a parentId are sub-issues and go to their
// parent's topic; comments go to their issue's topic; an issue's own topic is its id.

using namespace Qt::StringLiterals;

namespace hb::integrations::linear {

namespace {

// Entity types Linear sends that Zulip accepts without posting anything.
constexpr const char16_t *kIgnoredTypes[] = {u"IssueLabel", u"Project", u"ProjectUpdate", u"Cycle", u"Reaction"};

bool isIgnored(const QString &type)
{
    for (const char16_t *ignored : kIgnoredTypes) {
        if (type == QStringView(ignored))
            return true;
    }
    return false;
}

QString quoted(const QString &text)
{
    return u"\n~~~ quote\n"_s + text + u"\n~~~\n"_s;
}

QString issueNoun(bool subIssue)
{
    return subIssue ? u"Sub-Issue"_s : u"Issue"_s;
}

// "Priority: High, Assignee: …, Status: Todo." — priority only when one is set.
QString issueFacts(const Payload &data)
{
    QStringList facts;
    if (const QString priority = data["priorityLabel"].string(); priority != u"No priority")
        facts.append(u"Priority: "_s + priority);
    if (data["assignee"].exists())
        facts.append(u"Assignee: "_s + data["assignee"]["name"].string());
    facts.append(u"Status: "_s + data["state"]["name"].string());
    return facts.join(u", "_s) + u'.';
}

QString issueChanged(const Payload &p, bool subIssue, const QString &verb)
{
    const Payload data = p["data"];
    QString content = u"%1 [#%2 %3](%4) was %5 in team %6"_s.arg(
        issueNoun(subIssue), QString::number(data["number"].integer()), data["title"].string(),
        p["url"].string(), verb, data["team"]["name"].string());
    content += data["description"].exists() ? QString(u':' + quoted(data["description"].string())) : u"."_s;
    return content + u'\n' + issueFacts(data);
}

QString issueRemoved(const Payload &p, bool subIssue)
{
    const Payload data = p["data"];
    return u"%1 **#%2 %3** has been removed from team %4."_s.arg(
        issueNoun(subIssue), QString::number(data["number"].integer()), data["title"].string(),
        data["team"]["name"].string());
}

QString issueMessage(const Payload &p, bool subIssue)
{
    const QString action = p["action"].string();
    if (action == u"remove")
        return issueRemoved(p, subIssue);
    return issueChanged(p, subIssue, action == u"create" ? u"created"_s : u"updated"_s);
}

QString commentMessage(const Payload &p)
{
    const Payload data = p["data"];
    const QString author = data["user"]["name"].string();
    const QString action = p["action"].string();
    if (action == u"remove")
        return author + u" has removed a comment."_s;
    const QString link = action == u"create" ? u"commented"_s : u"updated comment"_s;
    return u"%1 [%2](%3) on issue **%4**:"_s.arg(author, link, p["url"].string(), data["issue"]["title"].string())
           + quoted(data["body"].string());
}

} // namespace

QStringList eventTypes()
{
    return {u"issue"_s, u"sub_issue"_s, u"comment"_s};
}

Outcome handle(const WebhookContext &ctx)
{
    const Payload p = ctx.payload();
    const QString type = p["type"].string();
    if (isIgnored(type))
        return NoOp{u"Linear '%1' events are ignored"_s.arg(type), {}, {}};

    if (type == u"Comment")
        return Message{.topic = p["data"]["issueId"].string(), .content = commentMessage(p), .stream = std::nullopt, .eventType = {}};
    if (type == u"Issue") {
        const Payload data = p["data"];
        const bool subIssue = data["parentId"].exists();
        const QString topic = subIssue ? data["parentId"].string() : data["id"].string();
        return Message{.topic = topic, .content = issueMessage(p, subIssue), .stream = std::nullopt, .eventType = {}};
    }
    const QString action = p["action"].exists() ? p["action"].string() : u"???"_s;
    return unsupportedEvent(ctx, type + u':' + action);
}

} // namespace hb::integrations::linear
