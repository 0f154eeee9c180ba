// SPDX-License-Identifier: MIT
#include "gitlab.h"

#include "gitmessages.h"

#include <QRegularExpression>

#include <array>

using namespace Qt::StringLiterals;

namespace hb::integrations::gitlab {

namespace {

// What the body and topic builders need besides the payload.
struct Event
{
    const Payload &payload;
    QString action;               // the verb of the table row ("closed", "merged", …), if any
    bool includeTitle;            // a topic= override hides the title, so the message carries it
    bool useMergeRequestTitle;    // use_merge_request_title=false leaves MR titles out of topics
};

using Builder = QString (*)(const Event &e);

// ---- Payload helpers -----------------------------------------------------------------------------

// Project hooks carry `project`; job hooks only `repository`.
QString repoName(const Payload &p)
{
    return p["project"].exists() ? p["project"]["name"].string() : p["repository"]["name"].string();
}

QString projectHomepage(const Payload &p)
{
    return p["project"].exists() ? p["project"]["web_url"].string() : p["repository"]["homepage"].string();
}

QString withoutPrefix(QString ref, const QString &prefix)
{
    return ref.replace(prefix, QString());
}

QString branchName(const Payload &p)
{
    return withoutPrefix(p["ref"].string(), u"refs/heads/"_s);
}

QString userName(const Payload &p)
{
    return p["user"]["name"].string();
}

Payload attributes(const Payload &p)
{
    const Payload attrs = p["object_attributes"];
    if (!attrs.exists())
        attrs.fail(u"is missing"_s);
    return attrs;
}

std::optional<QString> titleIf(bool wanted, const Payload &item)
{
    if (!wanted)
        return std::nullopt;
    return item["title"].string();
}

// Everyone the item is assigned to, by full name: `assignees`, else the single `assignee`.
QStringList assigneeNames(const Payload &p)
{
    QList<Payload> people;
    if (p["assignees"].isTruthy())
        people = p["assignees"].array();
    else if (p["assignee"].isTruthy())
        people = {p["assignee"]};
    QStringList names;
    for (const Payload &person : people)
        names.append(person["name"].string());
    return names;
}

QString rstripped(QString text)
{
    qsizetype end = text.size();
    while (end > 0 && text.at(end - 1).isSpace())
        --end;
    text.truncate(end);
    return text;
}

// An issue description without its HTML comments (GitLab's issue templates hide hints in them).
QString visibleDescription(const Payload &description)
{
    if (!description.isTruthy())
        return {};
    static const QRegularExpression hidden(u"<!--.*?-->"_s, QRegularExpression::DotMatchesEverythingOption);
    return rstripped(description.string().remove(hidden));
}

// Python's str.title(): a letter is upper case after a non-letter, lower case after a letter.
QString titleCased(const QString &text)
{
    QString out;
    out.reserve(text.size());
    bool afterLetter = false;
    for (const QChar c : text) {
        if (c.isLetter()) {
            out += afterLetter ? c.toLower() : c.toUpper();
            afterLetter = true;
        } else {
            out += c;
            afterLetter = false;
        }
    }
    return out;
}

// ---- Message bodies ------------------------------------------------------------------------------

QString pushBody(const Event &e)
{
    const Payload &p = e.payload;
    if (p["after"].isTruthy() && p["after"].string() == git::kEmptySha)
        return git::removeBranchMessage({.userName = p["user_name"].string(), .branch = branchName(p)});

    const QString compareUrl = projectHomepage(p) + u"/-/compare/"_s + p["before"].string() + u"..."_s
                             + p["after"].string();
    QList<git::Commit> commits;
    for (const Payload &c : p["commits"].array())
        commits.append({.name = c["author"]["name"].string(), .sha = c["id"].string(), .url = c["url"].string(),
                        .message = c["message"].string()});
    return git::pushMessage({.userName = p["user_name"].string(),
                             .compareUrl = compareUrl,
                             .branch = branchName(p),
                             .commits = commits});
}

QString tagPushBody(const Event &e)
{
    const Payload &p = e.payload;
    return git::tagMessage({.userName = p["user_name"].string(),
                            .tag = withoutPrefix(p["ref"].string(), u"refs/tags/"_s),
                            .action = p["checkout_sha"].isTruthy() ? u"pushed"_s : u"removed"_s});
}

QString testBody(const Event &e)
{
    return u"Webhook for **%1** has been configured successfully! :tada:"_s.arg(repoName(e.payload));
}

QString issueOpenedBody(const Event &e)
{
    const Payload attrs = attributes(e.payload);
    const QString description = visibleDescription(attrs["description"]);
    return git::issueMessage({.userName = userName(e.payload),
                              .action = u"created"_s,
                              .url = attrs["url"].string(),
                              .number = attrs["iid"].integer(),
                              .title = titleIf(e.includeTitle, attrs),
                              .message = description,
                              .assignees = assigneeNames(e.payload)});
}

QString issueChangedBody(const Event &e)
{
    const Payload attrs = attributes(e.payload);
    return git::issueMessage({.userName = userName(e.payload),
                              .action = e.action,
                              .url = attrs["url"].string(),
                              .number = attrs["iid"].integer(),
                              .title = titleIf(e.includeTitle, attrs)});
}

// Approved, unapproved, merged, closed, reopened, new commits: a one-line message.
QString mergeRequestChangedBody(const Event &e)
{
    const Payload attrs = attributes(e.payload);
    const bool merged = e.action == u"merged";
    return git::pullRequestMessage({.userName = userName(e.payload),
                                    .action = e.action,
                                    .url = attrs["url"].string(),
                                    .type = u"MR"_s,
                                    .number = attrs["iid"].integer(),
                                    .title = titleIf(e.includeTitle, attrs),
                                    .targetBranch = merged ? attrs["source_branch"].string() : QString(),
                                    .baseBranch = merged ? attrs["target_branch"].string() : QString()});
}

// Opened ("created") or edited: the description quoted, the assignees named.
QString mergeRequestDescribedBody(const Event &e)
{
    const Payload attrs = attributes(e.payload);
    const bool created = e.action == u"created";
    return git::pullRequestMessage({.userName = userName(e.payload),
                                    .action = e.action,
                                    .url = attrs["url"].string(),
                                    .type = u"MR"_s,
                                    .number = attrs["iid"].integer(),
                                    .title = titleIf(e.includeTitle, attrs),
                                    .targetBranch = created ? attrs["source_branch"].string() : QString(),
                                    .baseBranch = created ? attrs["target_branch"].string() : QString(),
                                    .message = attrs["description"].stringOr(QString()),
                                    .assignees = assigneeNames(e.payload)});
}

// An update with `oldrev` is a push of new commits to the merge request.
QString mergeRequestUpdatedBody(const Event &e)
{
    if (attributes(e.payload)["oldrev"].isTruthy())
        return mergeRequestChangedBody({e.payload, u"added commit(s) to"_s, e.includeTitle, e.useMergeRequestTitle});
    return mergeRequestDescribedBody({e.payload, u"updated"_s, e.includeTitle, e.useMergeRequestTitle});
}

QString commentedAction(const Payload &note)
{
    return u"[commented](%1) on"_s.arg(note["url"].string());
}

QString commitNoteBody(const Event &e)
{
    const Payload note = attributes(e.payload);
    const Payload commit = e.payload["commit"];
    return git::commitCommentMessage({.userName = userName(e.payload),
                                      .action = u"[commented](%1)"_s.arg(note["url"].string()),
                                      .commitUrl = commit["url"].string(),
                                      .sha = commit["id"].string(),
                                      .message = note["note"].string()});
}

// A comment on a merge request, issue or snippet (`item`), shown as its type and number.
QString itemNoteBody(const Event &e, const Payload &item, const QString &type, qint64 number, const QString &url)
{
    const Payload note = attributes(e.payload);
    return git::pullRequestMessage({.userName = userName(e.payload),
                                    .action = commentedAction(note),
                                    .url = url,
                                    .type = type,
                                    .number = number,
                                    .title = titleIf(e.includeTitle, item),
                                    .message = note["note"].string()});
}

QString mergeRequestNoteBody(const Event &e)
{
    const Payload mr = e.payload["merge_request"];
    return itemNoteBody(e, mr, u"MR"_s, mr["iid"].integer(), mr["url"].string());
}

QString issueNoteBody(const Event &e)
{
    const Payload issue = e.payload["issue"];
    return itemNoteBody(e, issue, u"issue"_s, issue["iid"].integer(), issue["url"].string());
}

// Snippets carry their own URL only since GitLab 16.1; before that it is built from the project's.
QString snippetNoteBody(const Event &e)
{
    const Payload snippet = e.payload["snippet"];
    const qint64 id = snippet["id"].integer();
    const QString url = snippet["url"].exists()
                            ? snippet["url"].string()
                            : e.payload["project"]["web_url"].string() + u"/-/snippets/"_s + QString::number(id);
    return itemNoteBody(e, snippet, u"snippet"_s, id, url);
}

QString wikiPageBody(const Event &e)
{
    const Payload attrs = attributes(e.payload);
    return u"%1 %2 [wiki page \"%3\"](%4)."_s.arg(userName(e.payload), e.action, attrs["title"].string(),
                                                  attrs["url"].string());
}

// "was created" / "started" / "changed status to …", for jobs and pipelines alike.
QString statusPhrase(const QString &status, const QString &createdStatus)
{
    if (status == createdStatus)
        return u"was created"_s;
    if (status == u"running")
        return u"started"_s;
    return u"changed status to "_s + status;
}

QString buildBody(const Event &e)
{
    const Payload &p = e.payload;
    const QString status = statusPhrase(p["build_status"].string(), u"created"_s);
    return u"Build %1 from %2 stage %3."_s.arg(p["build_name"].string(), p["build_stage"].string(), status);
}

// One "* [name](job url) - status" row, and a row for the job's artifact archive if it made one.
QString pipelineJobRows(const Payload &job, const QString &homepage)
{
    const QString jobUrl = homepage + u"/-/jobs/"_s + QString::number(job["id"].integer());
    QString rows = u"* [%1](%2) - %3\n"_s.arg(job["name"].string(), jobUrl, job["status"].string());
    const Payload artifact = job["artifacts_file"]["filename"];
    if (artifact.isTruthy())
        rows += u"  * built artifact: *%1* [[Browse](%2/artifacts/browse)|[Download](%2/artifacts/download)]\n"_s
                    .arg(artifact.string(), jobUrl);
    return rows;
}

QString pipelineBody(const Event &e)
{
    const Payload &p = e.payload;
    const Payload attrs = attributes(p);
    const QString status = statusPhrase(attrs["status"].string(), u"pending"_s);
    const QString homepage = projectHomepage(p);
    const QString id = QString::number(attrs["id"].integer());

    QString jobs;
    for (const Payload &job : p["builds"].array())
        jobs += pipelineJobRows(job, homepage);
    jobs.chop(1);
    return u"[Pipeline (%1)](%2/-/pipelines/%1) %3 with build(s):\n%4."_s.arg(id, homepage, status, jobs);
}

// ---- Topics --------------------------------------------------------------------------------------

QString repoTopic(const Event &e)
{
    return repoName(e.payload);
}

QString pushTopic(const Event &e)
{
    return git::branchTopic(repoName(e.payload), branchName(e.payload));
}

QString buildTopic(const Event &e)
{
    return git::branchTopic(e.payload["repository"]["name"].string(), branchName(e.payload));
}

QString pipelineTopic(const Event &e)
{
    const QString ref = attributes(e.payload)["ref"].string();
    return git::branchTopic(repoName(e.payload), withoutPrefix(ref, u"refs/heads/"_s));
}

QString itemTopic(const Event &e, const QString &type, const Payload &item, const QString &idKey, bool withTitle)
{
    return git::itemTopic(repoName(e.payload), type, item[idKey].integer(),
                          withTitle ? item["title"].string() : QString());
}

QString mergeRequestTopic(const Event &e)
{
    return itemTopic(e, u"MR"_s, attributes(e.payload), u"iid"_s, e.useMergeRequestTitle);
}

QString issueTopic(const Event &e)
{
    return itemTopic(e, u"issue"_s, attributes(e.payload), u"iid"_s, true);
}

QString mergeRequestNoteTopic(const Event &e)
{
    return itemTopic(e, u"MR"_s, e.payload["merge_request"], u"iid"_s, e.useMergeRequestTitle);
}

QString issueNoteTopic(const Event &e)
{
    return itemTopic(e, u"issue"_s, e.payload["issue"], u"iid"_s, true);
}

QString snippetNoteTopic(const Event &e)
{
    return itemTopic(e, u"snippet"_s, e.payload["snippet"], u"id"_s, true);
}

// ---- The event table -----------------------------------------------------------------------------

struct EventHandler
{
    const char16_t *name;   // the complete event type: header, plus action or noteable type
    Builder body;
    Builder topic;
    const char16_t *action = u"";
};

constexpr std::array kEvents{
    EventHandler{u"Push Hook", pushBody, pushTopic},
    EventHandler{u"Tag Push Hook", tagPushBody, repoTopic},
    EventHandler{u"Test Hook", testBody, repoTopic},
    EventHandler{u"Issue Hook open", issueOpenedBody, issueTopic},
    EventHandler{u"Issue Hook close", issueChangedBody, issueTopic, u"closed"},
    EventHandler{u"Issue Hook reopen", issueChangedBody, issueTopic, u"reopened"},
    EventHandler{u"Issue Hook update", issueChangedBody, issueTopic, u"updated"},
    EventHandler{u"Confidential Issue Hook open", issueOpenedBody, issueTopic},
    EventHandler{u"Confidential Issue Hook close", issueChangedBody, issueTopic, u"closed"},
    EventHandler{u"Confidential Issue Hook reopen", issueChangedBody, issueTopic, u"reopened"},
    EventHandler{u"Confidential Issue Hook update", issueChangedBody, issueTopic, u"updated"},
    EventHandler{u"Note Hook Commit", commitNoteBody, repoTopic},
    EventHandler{u"Note Hook MergeRequest", mergeRequestNoteBody, mergeRequestNoteTopic},
    EventHandler{u"Note Hook Issue", issueNoteBody, issueNoteTopic},
    EventHandler{u"Confidential Note Hook Issue", issueNoteBody, issueNoteTopic},
    EventHandler{u"Note Hook Snippet", snippetNoteBody, snippetNoteTopic},
    EventHandler{u"Merge Request Hook approved", mergeRequestChangedBody, mergeRequestTopic, u"approved"},
    EventHandler{u"Merge Request Hook unapproved", mergeRequestChangedBody, mergeRequestTopic, u"unapproved"},
    EventHandler{u"Merge Request Hook open", mergeRequestDescribedBody, mergeRequestTopic, u"created"},
    EventHandler{u"Merge Request Hook update", mergeRequestUpdatedBody, mergeRequestTopic},
    EventHandler{u"Merge Request Hook merge", mergeRequestChangedBody, mergeRequestTopic, u"merged"},
    EventHandler{u"Merge Request Hook close", mergeRequestChangedBody, mergeRequestTopic, u"closed"},
    EventHandler{u"Merge Request Hook reopen", mergeRequestChangedBody, mergeRequestTopic, u"reopened"},
    EventHandler{u"Wiki Page Hook create", wikiPageBody, repoTopic, u"created"},
    EventHandler{u"Wiki Page Hook update", wikiPageBody, repoTopic, u"updated"},
    EventHandler{u"Job Hook", buildBody, buildTopic},
    EventHandler{u"Build Hook", buildBody, buildTopic},
    EventHandler{u"Pipeline Hook", pipelineBody, pipelineTopic},
};

const EventHandler *findEvent(const QString &name)
{
    for (const EventHandler &h : kEvents) {
        if (name == QStringView(h.name))
            return &h;
    }
    return nullptr;
}

// A system hook names its event in the payload ("merge_request", "push"): turn it into the
// header a project hook would have sent ("Merge Request Hook", "Push Hook").
QString systemHookEvent(const Payload &p)
{
    const QString kind = p["event_name"].exists() ? p["event_name"].string() : p["object_kind"].string();
    return titleCased(kind.section(u"__"_s, 0, 0).replace(u'_', u' ')) + u" Hook"_s;
}

// The complete event type: hooks about issues, merge requests and wiki pages add their action,
// comments the type of what was commented on.
QString completeEventType(const WebhookContext &ctx)
{
    const Payload &p = ctx.payload();
    QString event = ctx.eventType();
    if (event == u"System Hook")
        event = systemHookEvent(p);

    static const QStringList withAction{u"Confidential Issue Hook"_s, u"Issue Hook"_s, u"Merge Request Hook"_s,
                                        u"Wiki Page Hook"_s};
    if (withAction.contains(event)) {
        const Payload action = attributes(p)["action"];
        return event + u' ' + (action.exists() ? action.string() : u"open"_s);
    }
    if (event == u"Confidential Note Hook" || event == u"Note Hook")
        return event + u' ' + attributes(p)["noteable_type"].string();
    return event;
}

} // namespace

QStringList eventTypes()
{
    QStringList out;
    for (const EventHandler &h : kEvents)
        out.append(QString::fromUtf16(h.name));
    return out;
}

Outcome handle(const WebhookContext &ctx)
{
    bool useMergeRequestTitle = true;
    if (const auto value = ctx.option(u"use_merge_request_title")) {
        if (*value != u"true" && *value != u"false")
            return badRequest(u"Argument \"use_merge_request_title\" is not valid JSON."_s);
        useMergeRequestTitle = *value == u"true";
    }

    const Payload &p = ctx.payload();
    const QString event = completeEventType(ctx);

    // Like Zulip, `branches=` is matched as text: a push notifies when its branch name occurs in it.
    if (event == u"Push Hook") {
        if (const auto branches = ctx.option(u"branches")) {
            const QString branch = branchName(p);
            if (!branches->contains(branch))
                return NoOp{u"push to branch '%1' filtered out by branches=%2"_s.arg(branch, *branches)};
        }
    }

    const EventHandler *handler = findEvent(event);
    if (!handler)
        return unsupportedEvent(ctx, event);

    const std::optional<QString> userTopic = ctx.option(u"topic");
    const Event e{.payload = p,
                  .action = QString::fromUtf16(handler->action),
                  .includeTitle = userTopic.has_value(),
                  .useMergeRequestTitle = useMergeRequestTitle};
    QString content = handler->body(e);
    // Under a topic of the user's own, the message says which project it is about.
    if (userTopic && !userTopic->isEmpty())
        content = u"[[%1](%2)] "_s.arg(repoName(p), projectHomepage(p)) + content;
    return Message{.topic = handler->topic(e), .content = content, .eventType = event};
}

} // namespace hb::integrations::gitlab
