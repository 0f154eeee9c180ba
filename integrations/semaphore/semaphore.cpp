// SPDX-License-Identifier: MIT
#include "semaphore.h"

#include "gitmessages.h"

#include <QRegularExpression>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace hb::integrations::semaphore {

namespace {

// What a notification says and where it goes; the event is the one only_events/exclude_events see.
struct Notification
{
    QString content;
    QString project;
    QString branch;   // empty: the topic is the project alone
    QString event;
};

// The first line of a commit message, with Python's idea of a line break.
QString summaryLine(const QString &message)
{
    static const QRegularExpression lineBreak(u"\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]"_s);
    return message.section(lineBreak, 0, 0);
}

// ---- Semaphore Classic: one payload per build or deploy, with an `event` field ---------------------

Notification classic(const Payload &p)
{
    Notification n;
    n.branch = p["branch_name"].string();
    n.project = p["project_name"].string();
    const QString result = p["result"].string();
    n.event = p["event"].string();
    const Payload commit = p["commit"];
    const QString commitId = commit["id"].string();
    const QString commitUrl = commit["url"].string();
    const QString email = commit["author_email"].string();
    const QString message = summaryLine(commit["message"].string());
    const QString commitLine = u"* **Commit**: [%1: %2](%3)\n* **Author**: %4"_s.arg(git::shortSha(commitId), message,
                                                                                     commitUrl, email);

    if (n.event == u"build") {
        n.content = u"[Build %1](%2) %3:\n"_s.arg(QString::number(p["build_number"].integer()),
                                                  p["build_url"].string(), result)
                    + commitLine;
    } else if (n.event == u"deploy") {
        const QString buildUrl = p["build_html_url"].string();
        const qint64 buildNumber = p["build_number"].integer();
        const QString deployUrl = p["html_url"].string();
        const qint64 deployNumber = p["number"].integer();
        const QString server = p["server_name"].string();
        n.content = u"[Deploy %1](%2) of [build %3](%4) %5:\n"_s.arg(QString::number(deployNumber), deployUrl,
                                                                     QString::number(buildNumber), buildUrl, result)
                    + commitLine + u"\n* **Server**: "_s + server;
    } else {
        // Classic sends only builds and deploys; anything else is shown as it comes.
        n.content = u"%1: %2"_s.arg(n.event, result);
    }
    return n;
}

// ---- Semaphore 2.0: one payload per pipeline, described by its git revision ------------------------

// Semaphore 2.0 sends no links for commits, tags or pull requests; for GitHub repositories they are
// built from the repository URL, for any other host the message carries no links.
bool isGitHub(const QString &repoUrl)
{
    return QUrl(repoUrl).host().toLower() == u"github.com";
}

struct Pipeline
{
    QString repoUrl;
    bool github = false;
    QString author;
    QString headline;  // "[name](workflow url) pipeline **result**"
};

QString authorLine(const Pipeline &pl)
{
    if (pl.github)
        return u"* **Author**: [%1](https://github.com/%1)"_s.arg(pl.author);
    return u"* **Author**: "_s + pl.author;
}

QString pushBody(const Pipeline &pl, const Payload &revision, QString *branch)
{
    const QString sha = revision["commit_sha"].string();
    *branch = revision["branch"]["name"].string();
    const QString message = summaryLine(revision["commit_message"].string());
    const QString commit = pl.github ? u"[(%1)](%2/commit/%3) %4"_s.arg(git::shortSha(sha), pl.repoUrl, sha, message)
                                     : u"(%1) %2"_s.arg(git::shortSha(sha), message);
    return u"%1:\n* **Commit**: %2\n* **Branch**: %3\n"_s.arg(pl.headline, commit, *branch) + authorLine(pl);
}

QString pullRequestBody(const Pipeline &pl, const Payload &revision, QString *branch)
{
    const Payload pr = revision["pull_request"];
    *branch = pr["branch_name"].string();
    const QString title = pr["name"].string();
    const QString number = pr["number"].string();
    const QString item = pl.github ? u"[%1](%2/pull/%3)"_s.arg(title, pl.repoUrl, number)
                                   : u"%1 (#%2)"_s.arg(title, number);
    return u"%1:\n* **Pull request**: %2\n* **Branch**: %3\n"_s.arg(pl.headline, item, *branch) + authorLine(pl);
}

QString tagBody(const Pipeline &pl, const Payload &revision)
{
    const QString tag = revision["tag"]["name"].string();
    const QString item = pl.github ? u"[%1](%2/tree/%1)"_s.arg(tag, pl.repoUrl) : tag;
    return u"%1:\n* **Tag**: %2\n"_s.arg(pl.headline, item) + authorLine(pl);
}

Notification semaphore2(const Payload &p)
{
    Pipeline pl;
    pl.repoUrl = p["repository"]["url"].string();
    pl.github = isGitHub(pl.repoUrl);
    Notification n{.content = {}, .project = p["project"]["name"].string(), .branch = {}, .event = {}};
    const QString organization = p["organization"]["name"].string();
    const Payload revision = p["revision"];
    pl.author = revision["sender"]["login"].string();
    const QString workflowId = p["workflow"]["id"].string();
    pl.headline = u"[%1](https://%2.semaphoreci.com/workflows/%3) pipeline **%4**"_s.arg(
        p["pipeline"]["name"].string(), organization, workflowId, p["pipeline"]["result"].string());
    n.event = revision["reference_type"].string();

    if (n.event == u"branch")
        n.content = pushBody(pl, revision, &n.branch);
    else if (n.event == u"pull_request")
        n.content = pullRequestBody(pl, revision, &n.branch);
    else if (n.event == u"tag")
        n.content = tagBody(pl, revision);
    else
        n.content = u"%1 for %2 event"_s.arg(pl.headline, n.event);
    return n;
}

} // namespace

QStringList eventTypes()
{
    // Classic's `event` and 2.0's `revision.reference_type`.
    return {u"build"_s, u"tag"_s, u"unknown"_s, u"branch"_s, u"deploy"_s, u"pull_request"_s};
}

Outcome handle(const WebhookContext &ctx)
{
    const Payload &p = ctx.payload();
    const Notification n = p["event"].exists() ? classic(p) : semaphore2(p);
    const QString topic = n.branch.isEmpty() ? n.project : u"%1/%2"_s.arg(n.project, n.branch);
    return Message{.topic = topic, .content = n.content, .stream = std::nullopt, .eventType = n.event};
}

} // namespace hb::integrations::semaphore
