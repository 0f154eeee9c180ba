// SPDX-License-Identifier: MIT
#include "bitbucket3.h"

#include "gitmessages.h"

#include <array>

using namespace Qt::StringLiterals;

// Bitbucket Server and Data Center. Every payload names its event in "eventKey" (the X-Event-Key
// header says the same; the connection test sends only the header). People appear as a link to
// their profile, "[login](profile url)".
namespace hb::integrations::bitbucket3 {

namespace {

constexpr QByteArrayView kEventHeader = "X-Event-Key";
// Zulip shows commits commented on with this many characters of their id.
constexpr int kCommentShaLength = 7;

// Everything an event's message needs besides the payload.
struct Event
{
    const WebhookContext &ctx;
    const Payload &payload;
    QString key;         // the eventKey, e.g. "pr:opened"
    bool includeTitle;   // a topic= override hides the title, so the message carries it
};

// Bitbucket Server lists an object's links as arrays; the first one is the web page.
QString selfUrl(const Payload &object)
{
    return object["links"]["self"][0]["href"].string();
}

QString userLink(const Payload &user)
{
    return u"[%1](%2)"_s.arg(user["name"].string(), selfUrl(user));
}

QString actor(const Event &e)
{
    return userLink(e.payload["actor"]);
}

QString joinNames(const QStringList &names)
{
    if (names.size() <= 1)
        return names.value(0);
    return names.first(names.size() - 1).join(u", "_s) + u" and "_s + names.last();
}

Message message(const Event &e, const QString &topic, const QString &content)
{
    return Message{.topic = topic, .content = content, .eventType = e.key};
}

// ---- Diagnostics and repository events -----------------------------------------------------------

Outcome ping(const Event &e)
{
    return message(e, u"Bitbucket Server Ping"_s,
                   u"Congratulations! The Bitbucket Server webhook was configured successfully!"_s);
}

Outcome commitComment(const Event &e, const QString &verb)
{
    const Payload repository = e.payload["repository"];
    const QString sha = e.payload["commit"].string();
    // The repository's link ends in "browse"; its commits live beside it.
    QString commitUrl = selfUrl(repository);
    commitUrl.chop(qsizetype(u"browse"_s.size()));
    commitUrl += u"commits/"_s + sha;
    QString text = e.payload["comment"]["text"].string();
    if (verb == u"deleted their comment")
        text = u"~~"_s + text + u"~~"_s;
    const git::CommitComment comment{.userName = actor(e), .action = verb, .commitUrl = commitUrl,
                                     .sha = sha.left(kCommentShaLength), .message = text};
    return message(e, repository["name"].string(), git::commitCommentMessage(comment));
}

Outcome commentAdded(const Event &e)
{
    return commitComment(e, u"commented"_s);
}

Outcome commentEdited(const Event &e)
{
    return commitComment(e, u"edited their comment"_s);
}

Outcome commentDeleted(const Event &e)
{
    return commitComment(e, u"deleted their comment"_s);
}

Outcome forked(const Event &e)
{
    const Payload fork = e.payload["repository"];
    const QString content = u"User %1(login: %2) forked the repository into [%3](%4)."_s.arg(
        e.payload["actor"]["displayName"].string(), actor(e), fork["name"].string(), selfUrl(fork));
    return message(e, fork["origin"]["name"].string(), content);
}

// Bitbucket Server reports a rename only.
Outcome modified(const Event &e)
{
    const QString newName = e.payload["new"]["name"].string();
    const QString oldName = e.payload["old"]["name"].string();
    QString content = u"%1 changed the name of the **%2** repo from **%2** to **%3**"_s.arg(actor(e), oldName, newName);
    if (!git::endsWithPunctuation(newName))
        content += u'.';
    return message(e, newName, content);
}

// ---- Pushes (refs_changed) -----------------------------------------------------------------------

// Zulip's `branches=` check for Bitbucket Server: the option is searched as text for the branch.
bool branchWanted(const Event &e, const QString &branch)
{
    const QString branches = e.ctx.optionOr(u"branches", QString());
    return branches.isEmpty() || branches.contains(branch);
}

Outcome branchChange(const Event &e, const Payload &change)
{
    const QString type = change["type"].string();
    const QString branch = change["ref"]["displayId"].string();
    const QString head = change["toHash"].string();
    QString content;
    if (type == u"ADD")
        content = git::createBranchMessage({.userName = actor(e), .branch = branch});
    else if (type == u"UPDATE")
        content = u"%1 pushed to branch %2. Head is now %3."_s.arg(actor(e), branch, head);
    else if (type == u"DELETE")
        content = git::removeBranchMessage({.userName = actor(e), .branch = branch});
    else
        return unsupportedEvent(e.ctx, e.key + u'.' + type);
    return message(e, git::branchTopic(e.payload["repository"]["name"].string(), branch), content);
}

Outcome tagChange(const Event &e, const Payload &change)
{
    const QString type = change["type"].string();
    const QString tag = change["ref"]["displayId"].string();
    QString action;
    if (type == u"ADD")
        action = u"pushed"_s;
    else if (type == u"DELETE")
        action = u"removed"_s;
    else
        return unsupportedEvent(e.ctx, e.key + u'.' + type);
    return message(e, e.payload["repository"]["name"].string(),
                   git::tagMessage({.userName = actor(e), .tag = tag, .action = action}));
}

// One message per branch or tag changed; branches outside the `branches=` option are skipped.
Outcome refsChanged(const Event &e)
{
    QList<Message> out;
    for (const Payload &change : e.payload["changes"].array()) {
        const QString refType = change["ref"]["type"].string();
        Outcome one = NoOp{};
        if (refType == u"BRANCH") {
            if (!branchWanted(e, change["ref"]["displayId"].string()))
                continue;
            one = branchChange(e, change);
        } else if (refType == u"TAG") {
            one = tagChange(e, change);
        } else {
            return unsupportedEvent(e.ctx, e.key + u'.' + refType);
        }
        if (!one.isMessage())
            return one;
        out += one.messages();
    }
    if (out.isEmpty())
        return NoOp{u"no branch of this push is in the branches filter"_s};
    return out;
}

// ---- Pull requests -------------------------------------------------------------------------------

// "[alice](…)", "[alice](…) and [bob](…)", …; empty without reviewers.
QString reviewerLinks(const Payload &pr)
{
    QStringList names;
    for (const Payload &reviewer : pr["reviewers"].array())
        names.append(userLink(reviewer["user"]));
    return joinNames(names);
}

// "[PR #5](url)" or, with the title, "[PR #5 Title](url)".
QString pullRequestLink(const Event &e, const Payload &pr)
{
    QString text = u"PR #"_s + QString::number(pr["id"].integer());
    if (e.includeTitle)
        text += u' ' + pr["title"].string();
    return u"[%1](%2)"_s.arg(text, selfUrl(pr));
}

git::PullRequestOrIssue pullRequestItem(const Event &e, const QString &action)
{
    const Payload pr = e.payload["pullRequest"];
    git::PullRequestOrIssue item{.userName = actor(e), .action = action, .url = selfUrl(pr),
                                 .number = pr["id"].integer()};
    if (e.includeTitle)
        item.title = pr["title"].string();
    return item;
}

// Opened or modified: the branches, the reviewers "for review" and the description.
QString openedOrModified(const Event &e, const QString &action)
{
    const Payload pr = e.payload["pullRequest"];
    const QString description = pr["description"].stringOr(QString());
    const QString reviewers = reviewerLinks(pr);
    if (reviewers.isEmpty()) {
        git::PullRequestOrIssue item = pullRequestItem(e, action);
        item.targetBranch = pr["fromRef"]["displayId"].string();
        item.baseBranch = pr["toRef"]["displayId"].string();
        item.message = description;
        return git::pullRequestMessage(item);
    }
    QString content = u"%1 %2 %3 from `%4` to `%5` (assigned to %6 for review)"_s.arg(
        actor(e), action, pullRequestLink(e, pr), pr["fromRef"]["displayId"].string(),
        pr["toRef"]["displayId"].string(), reviewers);
    if (description.isEmpty())
        return content + u'.';
    return content + u":\n"_s + git::quoteBlock(description);
}

QString needsWork(const Event &e)
{
    return u"%1 marked %2 as \"needs work\"."_s.arg(actor(e), pullRequestLink(e, e.payload["pullRequest"]));
}

QString reviewersUpdated(const Event &e)
{
    const Payload pr = e.payload["pullRequest"];
    const QString reviewers = reviewerLinks(pr);
    if (!reviewers.isEmpty())
        return u"%1 reassigned %2 to %3."_s.arg(actor(e), pullRequestLink(e, pr), reviewers);
    QString content = u"%1 removed all reviewers from %2"_s.arg(actor(e), pullRequestLink(e, pr));
    if (!e.includeTitle || !git::endsWithPunctuation(pr["title"].string()))
        content += u'.';
    return content;
}

// Zulip builds the topic before the message, so a payload missing both reports the topic's field.
QString pullRequestTopic(const Event &e)
{
    const Payload pr = e.payload["pullRequest"];
    return git::itemTopic(pr["toRef"]["repository"]["name"].string(), u"PR"_s, pr["id"].integer(),
                          pr["title"].string());
}

Outcome pullRequest(const Event &e, const QString &action)
{
    const QString topic = pullRequestTopic(e);
    QString content;
    if (action == u"opened" || action == u"modified")
        content = openedOrModified(e, action);
    else if (action == u"needs_work")
        content = needsWork(e);
    else if (action == u"reviewers_updated")
        content = reviewersUpdated(e);
    else
        content = git::pullRequestMessage(pullRequestItem(e, action));
    return message(e, topic, content);
}

Outcome pullRequestComment(const Event &e, const QString &action)
{
    const QString topic = pullRequestTopic(e);
    QString text = e.payload["comment"]["text"].string();
    if (action == u"deleted their comment on")
        text = u"~~"_s + text + u"~~"_s;
    git::PullRequestOrIssue item = pullRequestItem(e, action);
    item.message = text;
    return message(e, topic, git::pullRequestMessage(item));
}

// ---- Dispatch ------------------------------------------------------------------------------------

struct EventHandler
{
    const char16_t *key;
    Outcome (*handle)(const Event &e);
};

// The event keys Zulip renders, in the order its view lists them.
constexpr std::array<EventHandler, 19> kEvents{{
    {u"diagnostics:ping", ping},
    {u"repo:comment:added", commentAdded},
    {u"repo:comment:edited", commentEdited},
    {u"repo:comment:deleted", commentDeleted},
    {u"repo:forked", forked},
    {u"repo:modified", modified},
    {u"repo:refs_changed", refsChanged},
    {u"pr:comment:added", [](const Event &e) { return pullRequestComment(e, u"commented on"_s); }},
    {u"pr:comment:edited", [](const Event &e) { return pullRequestComment(e, u"edited their comment on"_s); }},
    {u"pr:comment:deleted", [](const Event &e) { return pullRequestComment(e, u"deleted their comment on"_s); }},
    {u"pr:declined", [](const Event &e) { return pullRequest(e, u"declined"_s); }},
    {u"pr:deleted", [](const Event &e) { return pullRequest(e, u"deleted"_s); }},
    {u"pr:merged", [](const Event &e) { return pullRequest(e, u"merged"_s); }},
    {u"pr:modified", [](const Event &e) { return pullRequest(e, u"modified"_s); }},
    {u"pr:opened", [](const Event &e) { return pullRequest(e, u"opened"_s); }},
    {u"pr:reviewer:approved", [](const Event &e) { return pullRequest(e, u"approved"_s); }},
    {u"pr:reviewer:needs_work", [](const Event &e) { return pullRequest(e, u"needs_work"_s); }},
    {u"pr:reviewer:updated", [](const Event &e) { return pullRequest(e, u"reviewers_updated"_s); }},
    {u"pr:reviewer:unapproved", [](const Event &e) { return pullRequest(e, u"unapproved"_s); }},
}};

} // namespace

QStringList eventTypes()
{
    QStringList out;
    for (const EventHandler &h : kEvents)
        out.append(QString::fromUtf16(h.key));
    return out;
}

Outcome handle(const WebhookContext &ctx)
{
    const Payload &p = ctx.payload();
    QString key;
    if (p["eventKey"].exists()) {
        key = p["eventKey"].string();
    } else {
        const auto header = ctx.header(kEventHeader);
        if (!header)
            return missingEventHeader(kEventHeader);
        key = QString::fromUtf8(*header);
    }
    const Event e{.ctx = ctx, .payload = p, .key = key,
                  .includeTitle = !ctx.optionOr(u"topic", QString()).isEmpty()};
    for (const EventHandler &h : kEvents) {
        if (key == QStringView(h.key))
            return h.handle(e);
    }
    return unsupportedEvent(ctx, key);
}

} // namespace hb::integrations::bitbucket3
