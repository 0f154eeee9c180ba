// SPDX-License-Identifier: MIT
#include "circleci.h"

#include "gitmessages.h"

using namespace Qt::StringLiterals;

namespace hb::integrations::circleci {

namespace {

const QString kPing = u"ping"_s;
const QString kJobCompleted = u"job-completed"_s;
const QString kWorkflowCompleted = u"workflow-completed"_s;

// How a job's or workflow's outcome reads after its name. Zulip prints Python's None for an
// outcome it has no words for.
QString outcomePhrase(const QString &status)
{
    if (status == u"success")
        return u"has succeeded"_s;
    if (status == u"failed")
        return u"has failed"_s;
    if (status == u"canceled")
        return u"was canceled"_s;
    if (status == u"unauthorized")
        return u"was unauthorized"_s;
    if (status == u"error")
        return u"had an error"_s;
    return u"None"_s;
}

// The commit a GitHub or Bitbucket pipeline ran on, from pipeline.vcs. A pipeline started by hand
// has no commit subject: it names the branch's HEAD, or the latest tag when there is no branch.
QString vcsTrigger(const Payload &vcs)
{
    const QString revision = vcs["revision"].string();
    const QString repoUrl = vcs["target_repository_url"].string();
    // GitHub links a commit under /commit/, Bitbucket under /commits/.
    const QString link = vcs["provider_name"].stringOr(QString()) == u"github"
                             ? u"%1/commit/%2"_s.arg(repoUrl, revision)
                             : u"%1/commits/%2"_s.arg(repoUrl, revision);
    const QString shortSha = git::shortSha(revision);
    const QString branch = vcs["branch"].stringOr(QString());
    const QString subject = vcs["commit"]["subject"].stringOr(QString());

    if (subject.isEmpty()) {
        if (branch.isEmpty())
            return u"Triggered on the latest tag on [%1](%2)."_s.arg(shortSha, link);
        return u"Triggered on `%1`'s HEAD on [%2](%3)."_s.arg(branch, shortSha, link);
    }
    const QString author = vcs["commit"]["author"]["name"].string();
    // A tag pipeline has no branch; Zulip then names it Python's None.
    const QString branchShown = vcs["branch"].isNull() ? u"None"_s : branch;
    return u"Triggered on [`%1: %2`](%3) on branch `%4` by %5."_s.arg(shortSha, subject, link, branchShown, author);
}

// The commit a GitLab pipeline ran on, from pipeline.trigger_parameters.gitlab.
QString gitlabTrigger(const Payload &gitlab)
{
    const QString title = gitlab["commit_title"].string();
    const QString sha = gitlab["checkout_sha"].string();
    const QString author = gitlab["commit_author_name"].string();
    const QString link = u"%1/-/commit/%2"_s.arg(gitlab["web_url"].string(), sha);
    const QString branch = gitlab["branch"].string();
    return u"Triggered on [`%1: %2`](%3) on branch `%4` by %5."_s.arg(git::shortSha(sha), title, link, branch,
                                                                      author);
}

QString triggerSentence(const Payload &pipeline)
{
    if (pipeline["vcs"].exists())
        return vcsTrigger(pipeline["vcs"]);
    return gitlabTrigger(pipeline["trigger_parameters"]["gitlab"]);
}

// "Job `test` within Pipeline #12 has failed." or "Workflow [`ci`](url) within Pipeline #12 …".
std::optional<QString> headline(const Payload &payload, const QString &type, qint64 pipelineNumber)
{
    if (type == kJobCompleted) {
        const Payload job = payload["job"];
        return u"Job `%1` within Pipeline #%2 %3."_s.arg(job["name"].string(), QString::number(pipelineNumber),
                                                          outcomePhrase(job["status"].string()));
    }
    if (type == kWorkflowCompleted) {
        const Payload workflow = payload["workflow"];
        return u"Workflow [`%1`](%2) within Pipeline #%3 %4."_s.arg(
            workflow["name"].string(), workflow["url"].string(), QString::number(pipelineNumber),
            outcomePhrase(workflow["status"].string()));
    }
    return std::nullopt;
}

// Pipelines from a provider other than GitHub, Bitbucket or GitLab carry trigger_parameters of
// another kind; Zulip turns them away.
bool unsupportedProvider(const Payload &pipeline)
{
    return pipeline["trigger_parameters"].exists() && pipeline["trigger"]["type"].stringOr(QString()) != u"gitlab";
}

} // namespace

QStringList eventTypes()
{
    return {kPing, kJobCompleted, kWorkflowCompleted};
}

Outcome handle(const WebhookContext &ctx)
{
    const Payload &payload = ctx.payload();
    const QString type = payload["type"].string();

    if (type == kPing) {
        const QString content = u"Webhook '%1' test event successful."_s.arg(payload["webhook"]["name"].string());
        return Message{.topic = u"Test event"_s, .content = content, .stream = std::nullopt, .eventType = type};
    }

    const QString topic = payload["project"]["name"].string();
    const Payload pipeline = payload["pipeline"];
    const qint64 pipelineNumber = pipeline["number"].integer();
    const QString trigger = triggerSentence(pipeline);
    const auto first = headline(payload, type, pipelineNumber);
    if (!first)
        return badRequest(u"Invalid type"_s);
    if (unsupportedProvider(pipeline))
        return badRequest(u"Projects using this version control system provider aren't supported"_s);

    return Message{.topic = topic, .content = *first + u"\n\n"_s + trigger, .stream = std::nullopt, .eventType = type};
}

} // namespace hb::integrations::circleci
