// SPDX-License-Identifier: MIT
#include "gogs.h"

#include "gitmessages.h"

#include <array>
#include <tuple>

using namespace Qt::StringLiterals;

namespace hb::integrations::gogs {

namespace {

// What every event handler needs besides the payload.
struct Event
{
    const WebhookContext &ctx;
    const Dialect &dialect;
    const Payload &payload;
    QString repo;        // repository.name, the start of every topic
    bool includeTitle;   // a topic= override hides the title, so the message carries it
};

QString issueUrl(const Payload &payload, qint64 number)
{
    return payload["repository"]["html_url"].string() + u"/issues/"_s + QString::number(number);
}

// Who a commit is credited to: the author's account, else the first word of the author's name.
QString commitAuthor(const Payload &author)
{
    const QString username = author["username"].string();
    if (!username.isEmpty())
        return username;
    return author["name"].string().simplified().section(u' ', 0, 0);
}

QList<git::Commit> commits(const Payload &payload)
{
    QList<git::Commit> out;
    for (const Payload &c : payload["commits"].array())
        out.append({.name = commitAuthor(c["author"]), .sha = c["id"].string(), .url = c["url"].string(),
                    .message = c["message"].string()});
    return out;
}

Outcome push(const Event &e)
{
    const QString branch = e.payload["ref"].string().replace(u"refs/heads/"_s, QString());
    if (!e.ctx.isBranchNotifiable(branch))
        return NoOp{u"push to branch '%1' is not in the branches filter"_s.arg(branch)};
    const git::Push push{.userName = e.payload["sender"]["username"].string(),
                         .compareUrl = e.payload["compare_url"].string(),
                         .branch = branch,
                         .commits = commits(e.payload)};
    return Message{.topic = git::branchTopic(e.repo, branch), .content = git::pushMessage(push)};
}

// Zulip words every created ref as a branch, tags included.
Outcome create(const Event &e)
{
    const QString ref = e.payload["ref"].string();
    const git::BranchChange change{.userName = e.payload["sender"]["username"].string(),
                                   .branch = ref,
                                   .url = e.payload["repository"]["html_url"].string() + u"/src/"_s + ref};
    return Message{.topic = git::branchTopic(e.repo, ref), .content = git::createBranchMessage(change)};
}

Outcome pullRequest(const Event &e)
{
    const Payload pr = e.payload["pull_request"];
    const bool merged = pr["merged"].boolean();
    git::PullRequestOrIssue item{
        .userName = merged ? pr["merged_by"]["username"].string() : pr["user"]["username"].string(),
        .action = merged ? u"merged"_s : e.payload["action"].string(),
        .url = pr["html_url"].string(),
        .number = pr["number"].integer(),
    };
    if (item.action != u"edited")
        std::tie(item.targetBranch, item.baseBranch) = e.dialect.pullRequestBranches(pr);
    if (e.includeTitle)
        item.title = pr["title"].string();
    if (e.dialect.pullRequestAssignee && !pr["assignee"].isNull())
        item.assignee = pr["assignee"]["login"].string();
    // Zulip's topic uses the pull request's global id, not its number in the repository.
    return Message{.topic = git::itemTopic(e.repo, u"PR"_s, pr["id"].integer(), pr["title"].string()),
                   .content = git::pullRequestMessage(item)};
}

git::PullRequestOrIssue issueItem(const Event &e, const QString &action, const QString &quoted)
{
    const Payload issue = e.payload["issue"];
    const qint64 number = issue["number"].integer();
    git::PullRequestOrIssue item{.userName = e.payload["sender"]["login"].string(),
                                 .action = action,
                                 .url = issueUrl(e.payload, number),
                                 .number = number,
                                 .message = quoted};
    if (e.includeTitle)
        item.title = issue["title"].string();
    return item;
}

Message issueMessage(const Event &e, const git::PullRequestOrIssue &item)
{
    const QString title = e.payload["issue"]["title"].string();
    return Message{.topic = git::itemTopic(e.repo, u"issue"_s, item.number.value_or(0), title),
                   .content = git::issueMessage(item)};
}

Outcome issues(const Event &e)
{
    const Payload issue = e.payload["issue"];
    git::PullRequestOrIssue item = issueItem(e, e.payload["action"].string(), issue["body"].string());
    if (!issue["assignee"].isNull())
        item.assignee = issue["assignee"]["login"].string();
    return issueMessage(e, item);
}

Outcome issueComment(const Event &e)
{
    const Payload comment = e.payload["comment"];
    const QString action = git::commentAction(e.payload["action"].string(), comment["html_url"].string());
    return issueMessage(e, issueItem(e, action, comment["body"].string()));
}

Outcome release(const Event &e)
{
    const Payload r = e.payload["release"];
    const git::Release release{.userName = r["author"]["username"].string(),
                               .action = e.payload["action"].string(),
                               .tag = r["tag_name"].string(),
                               .name = r["name"].string(),
                               .url = e.payload["repository"]["html_url"].string()};
    return Message{.topic = git::releaseTopic(e.repo, release.tag, release.name),
                   .content = git::releaseMessage(release)};
}

struct EventHandler
{
    const char16_t *name;
    Outcome (*handle)(const Event &e);
};

constexpr std::array<EventHandler, 6> kEvents{{
    {u"create", create},
    {u"issue_comment", issueComment},
    {u"issues", issues},
    {u"pull_request", pullRequest},
    {u"push", push},
    {u"release", release},
}};

std::pair<QString, QString> gogsBranches(const Payload &pullRequest)
{
    return {pullRequest["head_branch"].string(), pullRequest["base_branch"].string()};
}

} // namespace

QStringList eventTypes()
{
    QStringList out;
    for (const EventHandler &h : kEvents)
        out.append(QString::fromUtf16(h.name));
    return out;
}

Outcome handleDialect(const WebhookContext &ctx, const Dialect &dialect)
{
    const Payload &p = ctx.payload();
    // Zulip reads the repository name before it looks at the event.
    const Event e{.ctx = ctx,
                  .dialect = dialect,
                  .payload = p,
                  .repo = p["repository"]["name"].string(),
                  .includeTitle = ctx.option(u"topic").has_value()};
    for (const EventHandler &h : kEvents) {
        if (ctx.eventType() == QStringView(h.name))
            return h.handle(e);
    }
    return unsupportedEvent(ctx, ctx.eventType());
}

Outcome handle(const WebhookContext &ctx)
{
    return handleDialect(ctx, Dialect{.pullRequestBranches = gogsBranches, .pullRequestAssignee = false});
}

} // namespace hb::integrations::gogs
