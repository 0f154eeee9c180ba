// SPDX-License-Identifier: MIT
#include "azuredevops.h"

#include "gitmessages.h"

using namespace Qt::StringLiterals;

namespace hb::integrations::azuredevops {

namespace {

const QString kPush = u"git.push"_s;
const QString kPrCreated = u"git.pullrequest.created"_s;
const QString kPrMerged = u"git.pullrequest.merged"_s;
const QString kPrUpdated = u"git.pullrequest.updated"_s;

// "refs/heads/feature" -> "feature".
QString branchName(const QString &ref)
{
    return QString(ref).replace(u"refs/heads/"_s, QString());
}

// The ref a push updated: the first entry of resource.refUpdates.
Payload refUpdate(const Payload &resource)
{
    return resource["refUpdates"][0];
}

// Zulip compares the `branches=` text as a whole: a push notifies when its branch name occurs
// anywhere in it (so "main,release" lets "main", "rel" and "release" through).
bool branchWanted(const WebhookContext &ctx, const QString &branch)
{
    const auto branches = ctx.option(u"branches");
    return !branches || branches->contains(branch);
}

Message push(const Payload &resource)
{
    const QString repoName = resource["repository"]["name"].string();
    const QString repoUrl = resource["repository"]["remoteUrl"].string();
    const Payload ref = refUpdate(resource);
    const QString branch = branchName(ref["name"].string());

    git::Push push{
        .userName = resource["pushedBy"]["displayName"].string(),
        .compareUrl = u"%1/branchCompare?baseVersion=GC%2&targetVersion=GC%3&_a=files"_s.arg(
            repoUrl, ref["oldObjectId"].string(), ref["newObjectId"].string()),
        .branch = branch,
    };
    for (const Payload &c : resource["commits"].arrayOr()) {
        const QString sha = c["commitId"].string();
        push.commits.append({.name = c["author"]["name"].string(),
                             .sha = sha,
                             .url = repoUrl + u"/commit/"_s + sha,
                             .message = c["comment"].string()});
    }
    return Message{.topic = git::branchTopic(repoName, branch), .content = git::pushMessage(push)};
}

// The parts every pull request message shares.
git::PullRequestOrIssue pullRequestBase(const Payload &resource, const QString &action)
{
    return {.userName = resource["createdBy"]["displayName"].string(),
            .action = action,
            .url = resource["_links"]["web"]["href"].string(),
            .number = resource["pullRequestId"].integer(),
            .title = resource["title"].string()};
}

void setBranches(git::PullRequestOrIssue &item, const Payload &resource)
{
    item.targetBranch = branchName(resource["sourceRefName"].string());
    item.baseBranch = branchName(resource["targetRefName"].string());
}

Message pullRequest(const Payload &payload, const QString &event)
{
    const Payload resource = payload["resource"];
    git::PullRequestOrIssue item;
    if (event == kPrCreated) {
        item = pullRequestBase(resource, u"created"_s);
        setBranches(item, resource);
        if (resource["description"].isTruthy())
            item.message = resource["description"].string();
    } else if (event == kPrMerged) {
        item = pullRequestBase(resource, u"merged"_s);
        setBranches(item, resource);
    } else {
        item = pullRequestBase(resource, u"updated"_s);
        // Azure DevOps says what changed (new commits, reviewers, …) in its detailed message.
        item.message = payload["detailedMessage"]["markdown"].string();
    }
    const QString topic = git::itemTopic(resource["repository"]["name"].string(), u"PR"_s,
                                         resource["pullRequestId"].integer(), resource["title"].string());
    return Message{.topic = topic, .content = git::pullRequestMessage(item)};
}

// Azure DevOps reports every merge attempt; only one that completed cleanly is a merge.
bool mergeCompleted(const Payload &resource)
{
    return resource["status"].string() == u"completed" && resource["mergeStatus"].string() == u"succeeded";
}

} // namespace

QStringList eventTypes()
{
    return {kPush, kPrCreated, kPrMerged, kPrUpdated};
}

Outcome handle(const WebhookContext &ctx)
{
    const Payload &payload = ctx.payload();
    const QString event = payload["eventType"].string();
    const Payload resource = payload["resource"];

    if (event == kPush) {
        const QString branch = branchName(refUpdate(resource)["name"].string());
        if (!branchWanted(ctx, branch))
            return NoOp{u"push to branch '%1' is not in the branches filter"_s.arg(branch)};
        return push(resource);
    }
    if (event == kPrMerged && !mergeCompleted(resource))
        return NoOp{u"merge attempt on a pull request that did not complete"_s};
    if (event == kPrCreated || event == kPrMerged || event == kPrUpdated)
        return pullRequest(payload, event);
    return unsupportedEvent(ctx, event);
}

} // namespace hb::integrations::azuredevops
