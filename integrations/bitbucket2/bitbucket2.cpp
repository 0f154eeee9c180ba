// SPDX-License-Identifier: MIT
#include "bitbucket2.h"

#include "gitmessages.h"

#include <array>
#include <variant>

using namespace Qt::StringLiterals;

// Bitbucket Cloud. The service names its event in X-Event-Key, but Zulip recognises most events by
// the shape of the payload (a "push", "fork", "issue"… member) and reads the header only for pull
// requests and repository updates. The event names users filter on are Zulip's ("push",
// "pull_request_created", "issue_commented", "repo:updated", …), not the header values.
namespace hb::integrations::bitbucket2 {

namespace {

constexpr QByteArrayView kEventHeader = "X-Event-Key";

// Everything an event's message needs besides the payload.
struct Event
{
    const WebhookContext &ctx;
    const Payload &payload;
    QString type;        // Zulip's event name, e.g. "pull_request_created"
    bool includeTitle;   // a topic= override hides the title, so the message carries it
};

// Bitbucket stopped sending user names (GDPR): a person is their display name, else their
// nickname.
QString userName(const Payload &user)
{
    if (user["display_name"].exists())
        return user["display_name"].string();
    if (user["nickname"].exists())
        return user["nickname"].string();
    return u"Unknown user"_s;
}

QString actor(const Event &e)
{
    return userName(e.payload["actor"]);
}

QString htmlUrl(const Payload &object)
{
    return object["links"]["html"]["href"].string();
}

QString repositoryName(const Payload &payload)
{
    return payload["repository"]["name"].string();
}

// ---- Pushes --------------------------------------------------------------------------------------

// The ref a push change is about: the new one, or the old one when the ref was deleted.
Payload changedRef(const Payload &change)
{
    return change["new"].isTruthy() ? change["new"] : change["old"];
}

bool isTag(const Payload &change)
{
    return changedRef(change)["type"].string() == u"tag";
}

// A commit is credited to its Bitbucket account, else to the first word of its raw author line.
QString commitAuthor(const Payload &commit)
{
    const Payload author = commit["author"];
    if (author["user"].exists())
        return userName(author["user"]);
    return author["raw"].string().simplified().section(u' ', 0, 0);
}

QList<git::Commit> commits(const Payload &change)
{
    QList<git::Commit> out;
    for (const Payload &c : change["commits"].array())
        out.append({.name = commitAuthor(c), .sha = c["hash"].string(), .url = htmlUrl(c),
                    .message = c["message"].string()});
    return out;
}

QString tagPushContent(const Event &e, const Payload &change)
{
    const bool created = change["new"].isTruthy();
    const Payload tag = created ? change["new"] : change["old"];
    return git::tagMessage({.userName = actor(e), .tag = tag["name"].string(), .url = htmlUrl(tag),
                            .action = created ? u"pushed"_s : u"removed"_s});
}

QString branchPushContent(const Event &e, const Payload &change)
{
    if (change["new"].isNull())
        return git::removeBranchMessage({.userName = actor(e), .branch = change["old"]["name"].string()});
    const Payload ref = change["new"];
    if (change["forced"].boolean())
        return git::forcePushMessage({.userName = actor(e), .url = htmlUrl(change), .branch = ref["name"].string(),
                                      .head = ref["target"]["hash"].string()});
    return git::pushMessage({.userName = actor(e),
                             .compareUrl = htmlUrl(change),
                             .branch = ref["name"].string(),
                             .commits = commits(change),
                             .truncated = change["truncated"].boolean()});
}

// Tags are posted to the repository's topic, branches to "repo / branch".
QString pushTopic(const Event &e, const Payload &change)
{
    const QString repo = repositoryName(e.payload);
    if (isTag(change))
        return repo;
    return git::branchTopic(repo, changedRef(change)["name"].string());
}

QString pushContent(const Event &e, const Payload &change)
{
    return isTag(change) ? tagPushContent(e, change) : branchPushContent(e, change);
}

// Zulip's `branches=` check for Bitbucket Cloud: only the last change of a push is looked at (a
// tag lets everything through), and the option is searched as text for the branch name.
bool pushPassesBranchFilter(const Event &e, const QList<Payload> &changes)
{
    const QString branches = e.ctx.optionOr(u"branches", QString());
    const Payload last = changes.last();
    if (branches.isEmpty() || isTag(last))
        return true;
    const QString branch = changedRef(last)["name"].string();
    return branch.isEmpty() || branches.contains(branch);
}

Outcome push(const Event &e)
{
    const QList<Payload> changes = e.payload["push"]["changes"].array();
    if (changes.isEmpty())
        return NoOp{u"push without changes"_s};
    if (!pushPassesBranchFilter(e, changes))
        return NoOp{u"push to a branch outside the branches filter"_s};
    // As in Zulip, every topic is worked out before any message.
    QStringList topics;
    for (const Payload &change : changes)
        topics.append(pushTopic(e, change));
    QList<Message> out;
    for (qsizetype i = 0; i < changes.size(); ++i)
        out.append(Message{.topic = topics.at(i), .content = pushContent(e, changes.at(i)), .eventType = e.type});
    return out;
}

// ---- Repository events ---------------------------------------------------------------------------

// Zulip builds the topic before the message, so a payload missing both reports the topic's field.
Message message(const Event &e, const QString &topic, const QString &content)
{
    return Message{.topic = topic, .content = content, .eventType = e.type};
}

Outcome fork(const Event &e)
{
    const QString topic = repositoryName(e.payload);
    const Payload fork = e.payload["fork"];
    return message(e, topic, u"%1 forked the repository into [%2](%3)."_s.arg(
                                 actor(e), fork["full_name"].string(), htmlUrl(fork)));
}

Outcome commitComment(const Event &e)
{
    const QString topic = repositoryName(e.payload);
    const Payload comment = e.payload["comment"];
    const git::CommitComment c{.userName = actor(e),
                               .action = u"[commented](%1)"_s.arg(htmlUrl(comment)),
                               .commitUrl = htmlUrl(comment["commit"]),
                               .sha = comment["commit"]["hash"].string(),
                               .message = comment["content"]["raw"].string()};
    return message(e, topic, git::commitCommentMessage(c));
}

Outcome commitStatus(const Event &e)
{
    const QString topic = repositoryName(e.payload);
    const Payload status = e.payload["commit_status"];
    // The status links to the commit in the API; the commit id is the last part of that URL.
    const QString commitId = status["links"]["commit"]["href"].string().section(u'/', -1);
    const QString commit = u"[%1](%2/commits/%3)"_s.arg(git::shortSha(commitId), htmlUrl(e.payload["repository"]),
                                                         commitId);
    return message(e, topic, u"[System %1](%2) changed status of %3 to %4."_s.arg(
                                 status["key"].string(), status["url"].string(), commit,
                                 status["state"].string()));
}

// Python's repr() of a JSON value, as Zulip shows a changed value that is not a string.
QString pythonRepr(const Payload &value, bool quoteStrings)
{
    if (value.isNull())
        return u"None"_s;
    if (value.isString()) {
        if (!quoteStrings)
            return value.string();
        QString s = value.string();
        s.replace(u'\\', u"\\\\"_s).replace(u'\'', u"\\'"_s).replace(u'\n', u"\\n"_s);
        return u'\'' + s + u'\'';
    }
    if (value.isBool())
        return value.boolean() ? u"True"_s : u"False"_s;
    if (value.isArray()) {
        QStringList items;
        for (const Payload &item : value.array())
            items.append(pythonRepr(item, true));
        return u'[' + items.join(u", "_s) + u']';
    }
    if (value.isObject()) {
        QStringList items;
        for (const QString &key : value.keys())
            items.append(u'\'' + key + u"': "_s + pythonRepr(value[key], true));
        return u'{' + items.join(u", "_s) + u'}';
    }
    return value.text();
}

QString withFinalPeriod(const QString &sentence, const QString &value)
{
    return git::endsWithPunctuation(value) ? sentence : sentence + u'.';
}

Outcome repositoryUpdated(const Event &e)
{
    static constexpr std::array<std::pair<const char16_t *, const char16_t *>, 6> kFields{{
        {u"website", u"website"},
        {u"name", u"name"},
        {u"links", u"links"},
        {u"language", u"language"},
        {u"full_name", u"full name"},
        {u"description", u"description"},
    }};
    const QString topic = repositoryName(e.payload);
    const QString repo = e.payload["repository"]["name"].string();
    const QString who = actor(e);
    QString content;
    for (const auto &[key, label] : kFields) {
        const Payload field = e.payload["changes"][QStringView(key)];
        if (!field.exists())
            field.fail(u"is missing"_s);
        for (const char *side : {"new", "old"})
            if (!field[side].exists())
                field[side].fail(u"is missing"_s);
        const Payload newValue = field["new"];
        const Payload oldValue = field["old"];
        if (!newValue.isTruthy())
            continue;
        const QString now = pythonRepr(newValue, false);
        QString sentence = u"%1 changed the %2 of the **%3** repo "_s.arg(who, QString::fromUtf16(label), repo);
        if (oldValue.isTruthy())
            sentence += u"from **%1** "_s.arg(pythonRepr(oldValue, false));
        sentence += u"to **%1**"_s.arg(now);
        content += withFinalPeriod(sentence, now) + u'\n';
    }
    return message(e, topic, content);
}

// ---- Issues --------------------------------------------------------------------------------------

Outcome issue(const Event &e, const QString &action)
{
    const Payload issue = e.payload["issue"];
    const QString topic = git::itemTopic(repositoryName(e.payload), u"issue"_s, issue["id"].integer(),
                                         issue["title"].string());
    git::PullRequestOrIssue item{.userName = actor(e),
                                 .action = action,
                                 .url = htmlUrl(issue),
                                 .number = issue["id"].integer()};
    if (action == u"created") {
        if (issue["assignee"].isTruthy())
            item.assignee = userName(issue["assignee"]);
        item.message = issue["content"]["raw"].string();
    }
    if (e.includeTitle)
        item.title = issue["title"].string();
    return message(e, topic, git::issueMessage(item));
}

Outcome issueCreated(const Event &e)
{
    return issue(e, u"created"_s);
}

Outcome issueUpdated(const Event &e)
{
    return issue(e, u"updated"_s);
}

Outcome issueCommented(const Event &e)
{
    return issue(e, u"[commented](%1) on"_s.arg(htmlUrl(e.payload["comment"])));
}

// ---- Pull requests -------------------------------------------------------------------------------

git::PullRequestOrIssue pullRequestItem(const Event &e, const QString &action)
{
    const Payload pr = e.payload["pullrequest"];
    git::PullRequestOrIssue item{.userName = actor(e), .action = action, .url = htmlUrl(pr),
                                 .number = pr["id"].integer()};
    if (e.includeTitle)
        item.title = pr["title"].string();
    return item;
}

void addBranches(git::PullRequestOrIssue &item, const Payload &pr)
{
    item.targetBranch = pr["source"]["branch"]["name"].string();
    item.baseBranch = pr["destination"]["branch"]["name"].string();
}

QString pullRequestTopic(const Event &e)
{
    const Payload pr = e.payload["pullrequest"];
    return git::itemTopic(repositoryName(e.payload), u"PR"_s, pr["id"].integer(), pr["title"].string());
}

// Opened or updated: the first reviewer is shown as the assignee, and the description is quoted.
Outcome pullRequestChanged(const Event &e, const QString &action)
{
    const QString topic = pullRequestTopic(e);
    const Payload pr = e.payload["pullrequest"];
    git::PullRequestOrIssue item = pullRequestItem(e, action);
    if (action == u"created")
        addBranches(item, pr);
    item.message = pr["description"].string();
    if (pr["reviewers"].isTruthy())
        item.assignee = userName(pr["reviewers"][0]);
    return message(e, topic, git::pullRequestMessage(item));
}

// Approved, unapproved, declined or merged: one sentence, with the branches for a merge.
Outcome pullRequestDecided(const Event &e, const QString &action)
{
    const QString topic = pullRequestTopic(e);
    git::PullRequestOrIssue item = pullRequestItem(e, action);
    if (action == u"merged")
        addBranches(item, e.payload["pullrequest"]);
    return message(e, topic, git::pullRequestMessage(item));
}

Outcome pullRequestComment(const Event &e, const QString &verb)
{
    const QString topic = pullRequestTopic(e);
    const Payload comment = e.payload["comment"];
    const QString commentUrl = htmlUrl(comment);
    const QString action = verb.isEmpty() ? u"[commented](%1) on"_s.arg(commentUrl)
                                          : u"%1 a [comment](%2) on"_s.arg(verb, commentUrl);
    git::PullRequestOrIssue item = pullRequestItem(e, action);
    item.message = comment["content"]["raw"].string();
    return message(e, topic, git::pullRequestMessage(item));
}

// ---- Dispatch ------------------------------------------------------------------------------------

struct EventHandler
{
    const char16_t *type;
    Outcome (*handle)(const Event &e);
};

// Zulip's event names, in the order its view lists them.
constexpr std::array<EventHandler, 17> kEvents{{
    {u"change_commit_status", commitStatus},
    {u"pull_request_comment_created", [](const Event &e) { return pullRequestComment(e, {}); }},
    {u"pull_request_updated", [](const Event &e) { return pullRequestChanged(e, u"updated"_s); }},
    {u"pull_request_unapproved", [](const Event &e) { return pullRequestDecided(e, u"unapproved"_s); }},
    {u"push", push},
    {u"pull_request_approved", [](const Event &e) { return pullRequestDecided(e, u"approved"_s); }},
    {u"pull_request_fulfilled", [](const Event &e) { return pullRequestDecided(e, u"merged"_s); }},
    {u"issue_created", issueCreated},
    {u"issue_commented", issueCommented},
    {u"fork", fork},
    {u"pull_request_comment_updated", [](const Event &e) { return pullRequestComment(e, u"updated"_s); }},
    {u"pull_request_created", [](const Event &e) { return pullRequestChanged(e, u"created"_s); }},
    {u"pull_request_rejected", [](const Event &e) { return pullRequestDecided(e, u"rejected"_s); }},
    {u"repo:updated", repositoryUpdated},
    {u"issue_updated", issueUpdated},
    {u"commit_comment", commitComment},
    {u"pull_request_comment_deleted", [](const Event &e) { return pullRequestComment(e, u"deleted"_s); }},
}};

// The pull request actions named after "pullrequest:" in X-Event-Key that Zulip renders.
constexpr std::array<const char16_t *, 9> kPullRequestActions{
    u"approved", u"unapproved", u"created", u"updated", u"rejected", u"fulfilled",
    u"comment_created", u"comment_updated", u"comment_deleted",
};

// Zulip's event name for this request, or the answer to give instead (a missing header, or an
// event it does not render).
std::variant<QString, Outcome> eventType(const WebhookContext &ctx)
{
    const Payload &p = ctx.payload();
    if (p["push"].exists())
        return u"push"_s;
    if (p["fork"].exists())
        return u"fork"_s;
    if (p["comment"].exists() && p["commit"].exists())
        return u"commit_comment"_s;
    if (p["commit_status"].exists())
        return u"change_commit_status"_s;
    if (p["issue"].exists()) {
        if (p["changes"].exists())
            return u"issue_updated"_s;
        if (p["comment"].exists())
            return u"issue_commented"_s;
        return u"issue_created"_s;
    }

    const auto header = ctx.header(kEventHeader);
    if (!header)
        return Outcome(missingEventHeader(kEventHeader));
    const QString key = QString::fromUtf8(*header);
    if (p["pullrequest"].exists()) {
        static const QString prefix = u"pullrequest:"_s;
        if (key.startsWith(prefix)) {
            const QString action = key.mid(prefix.size());
            for (const char16_t *known : kPullRequestActions)
                if (action == QStringView(known))
                    return u"pull_request_"_s + action;
        }
    } else if (key == u"repo:updated") {
        return key;
    }
    return Outcome(unsupportedEvent(ctx, key));
}

} // namespace

QStringList eventTypes()
{
    QStringList out;
    for (const EventHandler &h : kEvents)
        out.append(QString::fromUtf16(h.type));
    return out;
}

Outcome handle(const WebhookContext &ctx)
{
    auto type = eventType(ctx);
    if (auto *answer = std::get_if<Outcome>(&type))
        return *answer;
    const Event e{.ctx = ctx,
                  .payload = ctx.payload(),
                  .type = std::get<QString>(type),
                  .includeTitle = ctx.option(u"topic").has_value()};
    for (const EventHandler &h : kEvents) {
        if (e.type == QStringView(h.type))
            return h.handle(e);
    }
    return unsupportedEvent(ctx, e.type);
}

} // namespace hb::integrations::bitbucket2
