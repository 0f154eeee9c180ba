// SPDX-License-Identifier: MIT
#include "github.h"

#include "gitmessages.h"

#include <QDate>
#include <QLocale>

#include <array>
#include <variant>

using namespace Qt::StringLiterals;

// GitHub names the event in X-GitHub-Event and the action in the payload. Like Zulip, the handler
// first refines the pair into one of its own event names (push_commits, opened_pull_request, …),
// which is also what only_events/exclude_events match, then picks the topic and the body for it.
namespace hb::integrations::github {

namespace {

// What every body function reads.
struct Event
{
    const WebhookContext &ctx;
    const Payload &p;
    bool includeTitle;  // a topic= override hides the item's title, so the message carries it
};

// ---- Payload basics ------------------------------------------------------------------------------

QString sender(const Event &e)
{
    return e.p["sender"]["login"].string();
}

QString senderUrl(const Event &e)
{
    return e.p["sender"]["html_url"].string();
}

QString repoName(const Payload &p)
{
    return p["repository"]["name"].string();
}

QString repoFullName(const Payload &p)
{
    return p["repository"]["full_name"].string();
}

QString repoUrl(const Payload &p)
{
    return p["repository"]["html_url"].string();
}

QString link(const QString &text, const QString &url)
{
    return u"[%1](%2)"_s.arg(text, url);
}

std::optional<QString> titleIfWanted(const Event &e, const Payload &item)
{
    if (!e.includeTitle)
        return std::nullopt;
    return item["title"].string();
}

QString withoutPrefix(QString ref, QStringView prefix)
{
    if (ref.startsWith(prefix))
        ref.remove(0, prefix.size());
    return ref;
}

QString branchOf(const Payload &p)
{
    return withoutPrefix(p["ref"].string(), u"refs/heads/");
}

// An issue_comment on a pull request: GitHub sends the pull request as an issue with a
// "pull_request" member.
bool isPullRequestIssue(const Payload &p)
{
    return p["issue"]["pull_request"].exists();
}

// ---- Pull requests -------------------------------------------------------------------------------

QString openedOrUpdatedPullRequest(const Event &e)
{
    const Payload pr = e.p["pull_request"];
    QString action = e.p["action"].string();
    if (action == u"synchronize")
        action = u"updated"_s;
    git::PullRequestOrIssue item{.userName = sender(e), .action = action, .url = pr["html_url"].string(),
                                 .number = pr["number"].integer(), .title = titleIfWanted(e, pr)};
    if (pr["assignee"].isTruthy())
        item.assignee = pr["assignee"]["login"].string();
    // The description is shown when the pull request is new or its description changed.
    if (action == u"opened" || e.p["changes"]["body"].exists())
        item.message = pr["body"].stringOr(QString());
    if (action == u"opened" || action == u"merged") {
        item.targetBranch = pr["head"]["label"].string();
        item.baseBranch = pr["base"]["label"].string();
    }
    return git::pullRequestMessage(item);
}

QString assignedOrUnassignedPullRequest(const Event &e)
{
    const Payload pr = e.p["pull_request"];
    return git::pullRequestMessage({.userName = sender(e),
                                    .action = e.p["action"].string(),
                                    .url = pr["html_url"].string(),
                                    .number = pr["number"].integer(),
                                    .title = titleIfWanted(e, pr),
                                    .assigneeUpdated = e.p["assignee"]["login"].string()});
}

QString closedPullRequest(const Event &e)
{
    const Payload pr = e.p["pull_request"];
    return git::pullRequestMessage({.userName = sender(e),
                                    .action = pr["merged"].boolean() ? u"merged"_s : u"closed without merge"_s,
                                    .url = pr["html_url"].string(),
                                    .number = pr["number"].integer(),
                                    .title = titleIfWanted(e, pr)});
}

QString pullRequestLink(const Event &e)
{
    const Payload pr = e.p["pull_request"];
    return link(u"PR #"_s + QString::number(pr["number"].integer()), pr["html_url"].string());
}

QString pullRequestReadyForReview(const Event &e)
{
    return u"**%1** has marked %2 as ready for review."_s.arg(sender(e), pullRequestLink(e));
}

QString lockedOrUnlockedPullRequest(const Event &e)
{
    if (e.p["action"].string() == u"unlocked")
        return u"%1 has unlocked %2."_s.arg(sender(e), pullRequestLink(e));
    // Zulip prints a missing reason as Python's None.
    const Payload reason = e.p["pull_request"]["active_lock_reason"];
    return u"%1 has locked %2 as %3 and limited conversation to collaborators."_s.arg(
        sender(e), pullRequestLink(e), reason.isTruthy() ? reason.string() : u"None"_s);
}

QString pullRequestAutoMerge(const Event &e)
{
    const bool disabled = e.p["action"].string() == u"auto_merge_disabled";
    return u"%1 has %2 auto merge for %3."_s.arg(sender(e), disabled ? u"disabled"_s : u"enabled"_s,
                                                 pullRequestLink(e));
}

QString pullRequestReviewRequested(const Event &e)
{
    const Payload pr = e.p["pull_request"];
    // One review request per event: a person, or else a team.
    const bool person = e.p["requested_reviewer"].exists();
    const Payload reviewer = person ? e.p["requested_reviewer"] : e.p["requested_team"];
    const QString who = link(reviewer[person ? "login" : "name"].string(), reviewer["html_url"].string());
    QString item = u"PR #"_s + QString::number(pr["number"].integer());
    if (e.includeTitle)
        item += u' ' + pr["title"].string();
    return u"**%1** requested %2 for a review on %3."_s.arg(sender(e), who, link(item, pr["html_url"].string()));
}

QString pullRequestReview(const Event &e)
{
    const Payload pr = e.p["pull_request"];
    git::PullRequestOrIssue item{.userName = sender(e),
                                 .action = u"submitted"_s,
                                 .url = e.p["review"]["html_url"].string(),
                                 .type = u"PR review"_s,
                                 .message = e.p["review"]["body"].stringOr(QString())};
    if (e.includeTitle)
        item.title = u"for #%1 %2"_s.arg(pr["number"].integer()).arg(pr["title"].string());
    return git::pullRequestMessage(item);
}

QString pullRequestReviewComment(const Event &e)
{
    const Payload pr = e.p["pull_request"];
    const QString action = e.p["action"].string();
    git::PullRequestOrIssue item{.userName = sender(e),
                                 .action = action,
                                 .url = e.p["comment"]["html_url"].string(),
                                 .type = u"PR review comment"_s};
    if (action == u"created")
        item.message = e.p["comment"]["body"].string();
    if (e.includeTitle)
        item.title = u"on #%1 %2"_s.arg(pr["number"].integer()).arg(pr["title"].string());
    return git::pullRequestMessage(item);
}

// ---- Issues and comments -------------------------------------------------------------------------

QString issueEvent(const Event &e)
{
    const Payload issue = e.p["issue"];
    const QString action = e.p["action"].string();
    git::PullRequestOrIssue item{.userName = sender(e), .action = action, .url = issue["html_url"].string(),
                                 .number = issue["number"].integer(), .title = titleIfWanted(e, issue)};
    if (action != u"assigned" && action != u"unassigned")
        item.message = issue["body"].stringOr(QString());
    if (e.p["assignee"].exists())
        item.assigneeUpdated = e.p["assignee"]["login"].string();
    return git::issueMessage(item);
}

QString issueComment(const Event &e)
{
    const Payload issue = e.p["issue"];
    const Payload comment = e.p["comment"];
    return git::pullRequestMessage(
        {.userName = sender(e),
         .action = git::commentAction(e.p["action"].string(), comment["html_url"].string()),
         .url = issue["html_url"].string(),
         .type = isPullRequestIssue(e.p) ? u"PR"_s : u"issue"_s,
         .number = issue["number"].integer(),
         .title = titleIfWanted(e, issue),
         .message = comment["body"].string()});
}

QString issueLabeledOrUnlabeled(const Event &e)
{
    const Payload issue = e.p["issue"];
    return git::issueLabelMessage({.userName = sender(e),
                                   .userUrl = senderUrl(e),
                                   .action = e.p["action"].string() == u"labeled" ? u"added"_s : u"removed"_s,
                                   .labelName = e.p["label"]["name"].string(),
                                   .number = issue["number"].integer(),
                                   .url = issue["html_url"].string(),
                                   .title = titleIfWanted(e, issue)});
}

QString issueMilestonedOrDemilestoned(const Event &e)
{
    const Payload issue = e.p["issue"];
    const Payload milestone = e.p["milestone"];
    return git::issueMilestoneMessage(
        {.userName = sender(e),
         .userUrl = senderUrl(e),
         .action = e.p["action"].string() == u"milestoned" ? u"added"_s : u"removed"_s,
         .milestoneName = milestone["title"].string(),
         .milestoneUrl = milestone["html_url"].string(),
         .number = issue["number"].integer(),
         .url = issue["html_url"].string(),
         .title = titleIfWanted(e, issue)});
}

QString issueTransferred(const Event &e)
{
    const Payload issue = e.p["issue"];
    const Payload changes = e.p["changes"];
    const Payload newIssue = changes["new_issue"];
    return u"%1 transferred [issue #%2 %3](%4) to [%5/#%6](%7)."_s.arg(
        sender(e), issue["number"].text(), issue["title"].string(), issue["html_url"].string(),
        changes["new_repository"]["full_name"].string(), newIssue["number"].text(), newIssue["html_url"].string());
}

QString issueOpenedViaTransfer(const Event &e)
{
    const Payload issue = e.p["issue"];
    const Payload changes = e.p["changes"];
    const Payload oldIssue = changes["old_issue"];
    return u"[Issue #%1 %2](%3) was transferred from [%4#%5](%6)."_s.arg(
        issue["number"].text(), issue["title"].string(), issue["html_url"].string(),
        changes["old_repository"]["full_name"].string(), oldIssue["number"].text(), oldIssue["html_url"].string());
}

QString commitComment(const Event &e)
{
    const Payload comment = e.p["comment"];
    const QString commentUrl = comment["html_url"].string();
    return git::commitCommentMessage({.userName = sender(e),
                                      .action = link(u"commented"_s, commentUrl),
                                      .commitUrl = commentUrl.section(u'#', 0, 0),
                                      .sha = comment["commit_id"].string(),
                                      .message = comment["body"].string()});
}

// ---- Discussions ---------------------------------------------------------------------------------

QString discussion(const Event &e)
{
    const Payload d = e.p["discussion"];
    return u"%1 created [discussion #%2](%3) in %4:\n\n~~~ quote\n### %5\n%6\n~~~"_s.arg(
        sender(e), d["number"].text(), d["html_url"].string(), d["category"]["name"].string(), d["title"].string(),
        d["body"].string());
}

QString discussionComment(const Event &e)
{
    const Payload d = e.p["discussion"];
    const Payload comment = e.p["comment"];
    return git::pullRequestMessage(
        {.userName = sender(e),
         .action = git::commentAction(e.p["action"].string(), comment["html_url"].string()),
         .url = d["html_url"].string(),
         .type = u"discussion"_s,
         .number = d["number"].integer(),
         .title = titleIfWanted(e, d),
         .message = comment["body"].string()});
}

// ---- Pushes, branches and tags -------------------------------------------------------------------

QList<git::Commit> pushedCommits(const Payload &p)
{
    QList<git::Commit> out;
    for (const Payload &c : p["commits"].array()) {
        const Payload author = c["author"];
        const QString name = author["username"].isTruthy() ? author["username"].string() : author["name"].string();
        out.append({.name = name, .sha = c["id"].string(), .url = c["url"].string(), .message = c["message"].string()});
    }
    return out;
}

QString pushCommits(const Event &e)
{
    return git::pushMessage({.userName = sender(e),
                             .compareUrl = e.p["compare"].string(),
                             .branch = branchOf(e.p),
                             .commits = pushedCommits(e.p),
                             .deleted = e.p["deleted"].boolean(),
                             .forced = e.p["forced"].boolean()});
}

QString pushTags(const Event &e)
{
    return git::tagMessage({.userName = sender(e),
                            .tag = withoutPrefix(e.p["ref"].string(), u"refs/tags/"),
                            .action = e.p["created"].boolean() ? u"pushed"_s : u"removed"_s});
}

QString createOrDelete(const Event &e, const QString &action)
{
    return u"%1 %2 %3 %4."_s.arg(sender(e), action, e.p["ref_type"].string(), e.p["ref"].string());
}

QString create(const Event &e)
{
    return createOrDelete(e, u"created"_s);
}

QString remove(const Event &e)
{
    return createOrDelete(e, u"deleted"_s);
}

QString release(const Event &e)
{
    const Payload r = e.p["release"];
    const QString tag = r["tag_name"].string();
    // Not every release has a name: the tag stands in for it.
    return git::releaseMessage({.userName = sender(e),
                                .action = e.p["action"].string(),
                                .tag = tag,
                                .name = r["name"].isTruthy() ? r["name"].string() : tag,
                                .url = r["html_url"].string()});
}

// ---- Repository and organization -----------------------------------------------------------------

QString fork(const Event &e)
{
    const Payload forkee = e.p["forkee"];
    return u"%1 forked %2."_s.arg(sender(e), link(forkee["name"].string(), forkee["html_url"].string()));
}

QString member(const Event &e)
{
    const Payload m = e.p["member"];
    return u"%1 %2 %3 to %4."_s.arg(sender(e), e.p["action"].string(),
                                    link(m["login"].string(), m["html_url"].string()),
                                    link(repoName(e.p), repoUrl(e.p)));
}

QString membership(const Event &e)
{
    const QString action = e.p["action"].string();
    const Payload m = e.p["member"];
    return u"%1 %2 %3 %4 the %5 team."_s.arg(sender(e), action, link(m["login"].string(), m["html_url"].string()),
                                             action == u"removed" ? u"from"_s : u"to"_s,
                                             e.p["team"]["name"].string());
}

QString publicRepository(const Event &e)
{
    return u"%1 made the repository %2 public."_s.arg(sender(e), link(repoFullName(e.p), repoUrl(e.p)));
}

QString repository(const Event &e)
{
    return u"%1 %2 the repository %3."_s.arg(sender(e), e.p["action"].string(),
                                             link(repoFullName(e.p), repoUrl(e.p)));
}

QString star(const Event &e)
{
    const QString action = e.p["action"].string() == u"created" ? u"starred"_s : u"unstarred"_s;
    return u"%1 %2 the repository %3."_s.arg(link(sender(e), senderUrl(e)), action,
                                             link(repoFullName(e.p), repoUrl(e.p)));
}

QString watch(const Event &e)
{
    return u"%1 starred the repository %2."_s.arg(sender(e), link(repoFullName(e.p), repoUrl(e.p)));
}

QString teamAdd(const Event &e)
{
    return u"The repository %1 was added to team %2."_s.arg(link(repoFullName(e.p), repoUrl(e.p)),
                                                            e.p["team"]["name"].string());
}

QString team(const Event &e)
{
    const Payload changes = e.p["changes"];
    const Payload t = e.p["team"];
    if (changes["description"].exists())
        return u"**%1** changed the team description to:\n\n~~~ quote\n%2\n~~~"_s.arg(sender(e),
                                                                                    t["description"].string());
    if (changes["name"].exists())
        return u"Team `%1` was renamed to `%2`."_s.arg(changes["name"]["from"].string(), t["name"].string());
    if (changes["privacy"].exists())
        return u"Team visibility changed to `%1`"_s.arg(t["privacy"].string());
    // Something else changed: say so, so that people can look it up on GitHub.
    QStringList keys = changes.keys();
    keys.sort();
    return u"Team has changes to `%1` data."_s.arg(keys.join(u'/'));
}

QString ping(const Event &e)
{
    return u"GitHub webhook has been successfully configured by %1."_s.arg(sender(e));
}

// ---- Builds, checks and deployments --------------------------------------------------------------

QString pageBuild(const Event &e)
{
    const Payload build = e.p["build"];
    const QString status = build["status"].string();
    QString action = u"is %1"_s.arg(status);
    if (status == u"null")
        action = u"has yet to be built"_s;
    else if (status == u"building")
        action = u"is being built"_s;
    else if (status == u"errored")
        action = u"has failed: {}"_s;
    else if (status == u"built")
        action = u"has finished building"_s;
    // The error text takes the place of the "{}" of a failed build.
    const Payload error = build["error"]["message"];
    if (error.isTruthy())
        action.replace(u"{}"_s, git::quoteBlock(error.string()));
    return u"GitHub Pages build, triggered by %1, %2."_s.arg(build["pusher"]["login"].string(), action);
}

QString status(const Event &e)
{
    const QString state = e.p["state"].string();
    const Payload target = e.p["target_url"];
    const QString shown = target.isTruthy() ? link(state, target.string()) : state;
    return u"%1 changed its status to %2."_s.arg(
        link(git::shortSha(e.p["sha"].string()), e.p["commit"]["html_url"].string()), shown);
}

QString checkRun(const Event &e)
{
    const Payload run = e.p["check_run"];
    const QString sha = run["head_sha"].string();
    return u"Check %1 %2 (%3). (%4)"_s.arg(link(run["name"].string(), run["html_url"].string()),
                                           run["status"].string(), run["conclusion"].string(),
                                           link(git::shortSha(sha), repoUrl(e.p) + u"/commit/"_s + sha));
}

QString deployment(const Event &e)
{
    return u"%1 created new deployment."_s.arg(sender(e));
}

QString deploymentStatus(const Event &e)
{
    return u"Deployment changed status to %1."_s.arg(e.p["deployment_status"]["state"].string());
}

QString gollum(const Event &e)
{
    QStringList rows;
    for (const Payload &page : e.p["pages"].array())
        rows.append(u"* %1 %2"_s.arg(page["action"].string(),
                                     link(page["title"].string(), page["html_url"].string())));
    return sender(e) + u":\n"_s + rows.join(u'\n');
}

// ---- GitHub Sponsors -----------------------------------------------------------------------------

QString tier(const Event &e)
{
    return e.p["sponsorship"]["tier"]["name"].string();
}

QString priorTier(const Event &e)
{
    return e.p["changes"]["tier"]["from"]["name"].string();
}

// "2019-12-30T00:00:00+00:00" -> "December 30, 2019"
QString effectiveDate(const Event &e)
{
    const Payload value = e.p["effective_date"];
    const QDate date = QDate::fromString(value.string().left(10), u"yyyy-MM-dd"_s);
    if (!date.isValid())
        value.fail(u"is not a date"_s);
    return QLocale::c().toString(date, u"MMMM dd, yyyy"_s);
}

QString sponsorshipCancelled(const Event &e)
{
    return u"%1 cancelled their %2 subscription."_s.arg(sender(e), tier(e));
}

QString sponsorshipCreated(const Event &e)
{
    return u"%1 subscribed for %2."_s.arg(sender(e), tier(e));
}

QString sponsorshipEdited(const Event &e)
{
    return u"%1 changed who can see their sponsorship from %2 to %3."_s.arg(
        sender(e), e.p["changes"]["privacy_level"]["from"].string(),
        e.p["sponsorship"]["privacy_level"].string());
}

QString sponsorshipPendingCancellation(const Event &e)
{
    return u"%1's %2 subscription will be cancelled on %3."_s.arg(sender(e), tier(e), effectiveDate(e));
}

QString sponsorshipPendingTierChange(const Event &e)
{
    return u"%1's subscription will change from %2 to %3 on %4."_s.arg(sender(e), priorTier(e), tier(e),
                                                                       effectiveDate(e));
}

QString sponsorshipTierChanged(const Event &e)
{
    return u"%1 changed their subscription from %2 to %3."_s.arg(sender(e), priorTier(e), tier(e));
}

// ---- The event table -----------------------------------------------------------------------------

struct EventBody
{
    const char16_t *name;  // Zulip's event name: what only_events/exclude_events match
    QString (*body)(const Event &e);
};

constexpr std::array<EventBody, 46> kEvents{{
    {u"commit_comment", commitComment},
    {u"closed_pull_request", closedPullRequest},
    {u"create", create},
    {u"check_run", checkRun},
    {u"delete", remove},
    {u"deployment", deployment},
    {u"deployment_status", deploymentStatus},
    {u"discussion", discussion},
    {u"discussion_comment", discussionComment},
    {u"fork", fork},
    {u"gollum", gollum},
    {u"issue_comment", issueComment},
    {u"issue_labeled_or_unlabeled", issueLabeledOrUnlabeled},
    {u"issue_milestoned_or_demilestoned", issueMilestonedOrDemilestoned},
    {u"issues_opened_via_transfer", issueOpenedViaTransfer},
    {u"issues_transferred", issueTransferred},
    {u"issues", issueEvent},
    {u"member", member},
    {u"membership", membership},
    {u"opened_pull_request", openedOrUpdatedPullRequest},
    {u"updated_pull_request", openedOrUpdatedPullRequest},
    {u"assigned_or_unassigned_pull_request", assignedOrUnassignedPullRequest},
    {u"page_build", pageBuild},
    {u"ping", ping},
    {u"public", publicRepository},
    {u"pull_request_ready_for_review", pullRequestReadyForReview},
    {u"pull_request_review", pullRequestReview},
    {u"pull_request_review_comment", pullRequestReviewComment},
    {u"pull_request_review_requested", pullRequestReviewRequested},
    {u"pull_request_auto_merge", pullRequestAutoMerge},
    {u"locked_or_unlocked_pull_request", lockedOrUnlockedPullRequest},
    {u"push_commits", pushCommits},
    {u"push_tags", pushTags},
    {u"release", release},
    {u"repository", repository},
    {u"star", star},
    {u"status", status},
    {u"team", team},
    {u"team_add", teamAdd},
    {u"watch", watch},
    {u"cancelled", sponsorshipCancelled},
    {u"created", sponsorshipCreated},
    {u"edited", sponsorshipEdited},
    {u"pending_cancellation", sponsorshipPendingCancellation},
    {u"pending_tier_change", sponsorshipPendingTierChange},
    {u"tier_changed", sponsorshipTierChanged},
}};

constexpr std::array<const char16_t *, 6> kSponsorsEvents{
    {u"cancelled", u"created", u"edited", u"pending_cancellation", u"pending_tier_change", u"tier_changed"}};

// Events GitHub sends that Zulip deliberately leaves unposted.
constexpr std::array<const char16_t *, 8> kIgnoredEvents{
    {u"check_suite", u"label", u"meta", u"milestone", u"organization", u"project_card", u"push__merge_queue",
     u"repository_vulnerability_alert"}};
constexpr std::array<const char16_t *, 5> kIgnoredPullRequestActions{
    {u"approved", u"converted_to_draft", u"labeled", u"review_request_removed", u"unlabeled"}};
constexpr std::array<const char16_t *, 4> kIgnoredTeamActions{
    {u"added_to_repository", u"created", u"deleted", u"removed_from_repository"}};

template<std::size_t N>
bool isOneOf(QStringView value, const std::array<const char16_t *, N> &list)
{
    for (const char16_t *item : list) {
        if (value == QStringView(item))
            return true;
    }
    return false;
}

const EventBody *findEvent(QStringView name)
{
    for (const EventBody &event : kEvents) {
        if (name == QStringView(event.name))
            return &event;
    }
    return nullptr;
}

// ---- Topics --------------------------------------------------------------------------------------

QString topicFor(const Payload &p, const QString &event)
{
    if (event.contains(u"pull_request")) {
        const Payload pr = p["pull_request"];
        return git::itemTopic(repoName(p), u"PR"_s, pr["number"].integer(), pr["title"].string());
    }
    if (event.startsWith(u"issue")) {
        const Payload issue = p["issue"];
        return git::itemTopic(repoName(p), isPullRequestIssue(p) ? u"PR"_s : u"issue"_s, issue["number"].integer(),
                              issue["title"].string());
    }
    if (event.startsWith(u"deployment"))
        return u"%1 / Deployment on %2"_s.arg(repoName(p), p["deployment"]["environment"].string());
    if (event == u"membership")
        return u"%1 organization"_s.arg(p["organization"]["login"].string());
    if (event == u"team")
        return u"team %1"_s.arg(p["team"]["name"].string());
    if (event == u"push_commits")
        return git::branchTopic(repoName(p), branchOf(p));
    if (event == u"gollum")
        return git::branchTopic(repoName(p), u"wiki pages"_s);
    if (event == u"ping" && !p["repository"].isTruthy())
        return p["organization"]["login"].string();
    if (event == u"check_run")
        return repoName(p) + u" / checks"_s;
    if (event.startsWith(u"discussion")) {
        const Payload d = p["discussion"];
        return u"%1 discussion #%2: %3"_s.arg(repoName(p), d["number"].text(), d["title"].string());
    }
    if (isOneOf(event, kSponsorsEvents))
        return u"sponsors"_s;
    return repoName(p);
}

// ---- From GitHub's event and action to Zulip's event name ----------------------------------------

// The event name, or the no-op for an event that is ignored or not supported.
using Resolution = std::variant<QString, NoOp>;

NoOp ignored(const QString &why)
{
    return NoOp{why, {}, {}};
}

Resolution pullRequestEvent(const WebhookContext &ctx, const Payload &p)
{
    const QString action = p["action"].string();
    if (action == u"opened" || action == u"reopened")
        return u"opened_pull_request"_s;
    if (action == u"synchronize" || action == u"edited")
        return u"updated_pull_request"_s;
    if (action == u"assigned" || action == u"unassigned")
        return u"assigned_or_unassigned_pull_request"_s;
    if (action == u"closed")
        return u"closed_pull_request"_s;
    if (action == u"review_requested")
        return u"pull_request_review_requested"_s;
    if (action == u"ready_for_review")
        return u"pull_request_ready_for_review"_s;
    if (action == u"locked" || action == u"unlocked")
        return u"locked_or_unlocked_pull_request"_s;
    if (action == u"auto_merge_enabled" || action == u"auto_merge_disabled")
        return u"pull_request_auto_merge"_s;
    if (isOneOf(action, kIgnoredPullRequestActions))
        return ignored(u"pull_request action '%1' is ignored"_s.arg(action));
    return unsupportedEvent(ctx, u"pull_request:"_s + action);
}

Resolution pushEvent(const WebhookContext &ctx, const Payload &p)
{
    const QString ref = p["ref"].string();
    if (ref.startsWith(u"refs/heads/gh-readonly-queue/"))
        return ignored(u"pushes to the merge queue are ignored"_s);
    if (!ref.startsWith(u"refs/heads/"))
        return u"push_tags"_s;
    const QString branch = branchOf(p);
    if (!ctx.isBranchNotifiable(branch))
        return ignored(u"push to branch '%1' is not in the branches filter"_s.arg(branch));
    return u"push_commits"_s;
}

Resolution teamEvent(const WebhookContext &ctx, const Payload &p)
{
    const QString action = p["action"].string();
    if (action == u"edited")
        return u"team"_s;
    if (isOneOf(action, kIgnoredTeamActions))
        return ignored(u"team action '%1' is ignored"_s.arg(action));
    return unsupportedEvent(ctx, u"unsupported team action "_s + action);
}

Resolution issuesEvent(const Payload &p)
{
    const QString action = p["action"].string();
    if (action == u"labeled" || action == u"unlabeled")
        return u"issue_labeled_or_unlabeled"_s;
    if (action == u"milestoned" || action == u"demilestoned")
        return u"issue_milestoned_or_demilestoned"_s;
    if (action == u"transferred")
        return u"issues_transferred"_s;
    if (action == u"opened" && p["changes"]["old_issue"].isTruthy())
        return u"issues_opened_via_transfer"_s;
    return u"issues"_s;
}

Resolution zulipEvent(const WebhookContext &ctx, const Payload &p)
{
    const QString header = ctx.eventType();
    if (header == u"pull_request")
        return pullRequestEvent(ctx, p);
    if (header == u"pull_request_review") {
        // GitHub follows a submitted review with an "edited" event that changes nothing.
        if (p["action"].string() == u"edited" && p["changes"].size() == 0)
            return ignored(u"empty pull request review edit"_s);
        return u"pull_request_review"_s;
    }
    if (header == u"push")
        return pushEvent(ctx, p);
    if (header == u"check_run") {
        if (p["check_run"]["status"].string() != u"completed")
            return ignored(u"check run not completed"_s);
        return header;
    }
    if (header == u"team")
        return teamEvent(ctx, p);
    if (header == u"issues")
        return issuesEvent(p);
    if (findEvent(header))
        return header;
    if (isOneOf(header, kIgnoredEvents))
        return ignored(u"'%1' events are ignored"_s.arg(header));
    const Payload action = p["action"];
    return unsupportedEvent(ctx, header + u':' + (action.exists() ? action.string() : u"???"_s));
}

// A comment edit that leaves the text as it was (discussion comments excepted).
bool isUnchangedCommentEdit(const WebhookContext &ctx, const Payload &p)
{
    const QString header = ctx.eventType();
    if (!header.contains(u"comment") || header.contains(u"discussion") || !p["action"].isString()
        || p["action"].string() != u"edited")
        return false;
    const Payload before = p["changes"]["body"]["from"];
    return before.isString() && before.string() == p["comment"]["body"].stringOr(QString());
}

bool ignorePrivateRepositories(const WebhookContext &ctx)
{
    return ctx.optionOr(u"ignore_private_repositories", QString()).trimmed() == u"true";
}

Outcome render(const WebhookContext &ctx, const QString &event)
{
    const EventBody *body = findEvent(event);
    if (!body)
        return unsupportedEvent(ctx, event);
    const Payload &p = ctx.payload();
    const Event e{.ctx = ctx, .p = p, .includeTitle = ctx.option(u"topic").has_value()};
    const QString topic = topicFor(p, event);
    Outcome out = Message{.topic = topic, .content = body->body(e), .eventType = event};
    if (event == u"team" && !p["changes"]["description"].exists() && !p["changes"]["name"].exists()
        && !p["changes"]["privacy"].exists()) {
        QStringList keys = p["changes"].keys();
        keys.sort();
        out.addNote(u"Zulip also logs: The 'team/edited (changes: %1)' event isn't currently supported by the "
                    u"GitHub webhook; ignoring"_s.arg(keys.join(u'/')));
    }
    return out;
}

} // namespace

QStringList eventTypes()
{
    QStringList out;
    for (const EventBody &event : kEvents)
        out.append(QString::fromUtf16(event.name));
    return out;
}

QStringList sponsorsEventTypes()
{
    QStringList out;
    for (const char16_t *name : kSponsorsEvents)
        out.append(QString::fromUtf16(name));
    return out;
}

Outcome handle(const WebhookContext &ctx)
{
    const Payload &p = ctx.payload();
    if (ignorePrivateRepositories(ctx) && p["repository"].exists() && p["repository"]["private"].boolean())
        return NoOp{u"event from a private repository (ignore_private_repositories)"_s, {}, {}};
    if (isUnchangedCommentEdit(ctx, p))
        return NoOp{u"comment edited without a change to its text"_s, {}, {}};
    const Resolution event = zulipEvent(ctx, p);
    if (const NoOp *noop = std::get_if<NoOp>(&event))
        return *noop;
    return render(ctx, std::get<QString>(event));
}

Outcome handleSponsors(const WebhookContext &ctx)
{
    const QString action = ctx.payload()["action"].string();
    if (!isOneOf(action, kSponsorsEvents))
        return unsupportedEvent(ctx, action);
    return render(ctx, action);
}

} // namespace hb::integrations::github
