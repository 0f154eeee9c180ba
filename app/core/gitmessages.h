// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// The message and topic texts Zulip's git integrations share (zerver/lib/webhooks/git.py): pushes
// and their commit lists, branches, tags, pull requests and issues, comments, releases. Every
// function is pure; a handler fills one of the structs below from its payload and gets Markdown
// back. A QString field left empty means "the payload has none" (Python's None or "").
namespace hb::git {

// How many commits a push message lists before "[and N more commit(s)]".
inline constexpr int kCommitsLimit = 20;
// How many committers "Commits by …" names before "others".
inline constexpr int kCommittersLimit = 3;
// Characters of a commit id shown in messages.
inline constexpr int kShortShaLength = 11;
// The all-zero id git reports for the missing side of a created or deleted ref.
inline constexpr auto kEmptySha = u"0000000000000000000000000000000000000000";

// ---- Topics --------------------------------------------------------------------------------------

// "{repo} / {branch}"
QString branchTopic(const QString &repo, const QString &branch);
// "{repo} / {type} #{id} {title}", e.g. "hookbench / PR #12 Fix the parser"
QString itemTopic(const QString &repo, const QString &type, const QString &id, const QString &title);
QString itemTopic(const QString &repo, const QString &type, qint64 id, const QString &title);
// "{repo} / {tag} {title}"
QString releaseTopic(const QString &repo, const QString &tag, const QString &title);

// ---- Commits and pushes --------------------------------------------------------------------------

struct Commit
{
    QString name;     // who is credited in "Commits by …"
    QString sha;
    QString url;
    QString message;  // only its first line is shown
};

struct CommitterCount
{
    QString name;
    int commits = 0;
};

// The first kShortShaLength characters of a commit id.
QString shortSha(const QString &sha);

// One "* first line ([short sha](url))" row per commit, at most kCommitsLimit of them, then
// "[and N more commit(s)]" for the rest, or "[and more commit(s)]" when the sender itself cut the
// list short (truncated). No trailing newline.
QString commitList(const QList<Commit> &commits, bool truncated = false);

// Commit counts per name, most commits first, ties alphabetically; beyond kCommittersLimit names
// the rest are summed up as "others".
QList<CommitterCount> committers(const QList<Commit> &commits);

// "A (3)", "A (3) and B (1)", "A (3), B (2) and others (4)".
QString committersSummary(const QList<CommitterCount> &counts);

struct Push
{
    QString userName;
    QString compareUrl;      // empty: the "pushed" text is not a link
    QString branch;
    QList<Commit> commits;
    bool truncated = false;  // the sender listed only some of the commits
    bool deleted = false;    // the push deleted the branch (and has no commits)
    bool forced = false;     // "force pushed" rather than "pushed"
    QString repositoryName;  // both set: "… to branch B of [repo](url)."
    QString repositoryUrl;
};

// "alice [pushed](compare) 2 commits to branch main. Commits by bob (1) and carol (1).", a blank
// line and the commit list; with no commits, "alice [pushed](compare) the branch main." or the
// deleted-branch sentence. The committers sentence is left out when the pusher is the only one.
QString pushMessage(const Push &push);

struct ForcePush
{
    QString userName;
    QString url;
    QString branch;
    QString head;  // the new head, as the integration wants it shown
};

// "alice [force pushed](url) to branch main. Head is now 0123456."
QString forcePushMessage(const ForcePush &push);

struct BranchChange
{
    QString userName;
    QString branch;
    QString url;  // empty: the branch name is not a link
};

// "alice created [feature](url) branch." / "alice created feature branch."
QString createBranchMessage(const BranchChange &change);
// "alice deleted branch feature."
QString removeBranchMessage(const BranchChange &change);

struct TagPush
{
    QString userName;
    QString tag;
    QString url;                 // empty: the tag name is not a link
    QString action = QStringLiteral("pushed");
};

// "alice pushed tag [v1.0](url)." — no final period when the tag already ends in punctuation.
QString tagMessage(const TagPush &push);

// ---- Pull requests and issues --------------------------------------------------------------------

struct PullRequestOrIssue
{
    QString userName;
    QString action;                // "opened", "merged", or a whole phrase ("[commented](url) on")
    QString url;
    QString type = QStringLiteral("PR"); // "PR", "MR", "issue", …
    std::optional<qint64> number;  // " #12" after the type
    std::optional<QString> title;  // inside the link, after the number
    QString targetBranch;          // both set: "from `target` to `base`"
    QString baseBranch;
    QString message;               // set: ":" and the text in a quote block
    QStringList assignees;         // "(assigned to A, B and C)"; wins over assignee
    QString assignee;              // "(assigned to A)"; wins over reviewer
    QString reviewer;              // "(assigned reviewers: R)"
    QString assigneeUpdated;       // for "assigned"/"unassigned": "alice assigned bob to [PR #1](…)"
};

// "alice opened [PR #12](url) from `dev` to `main` (assigned to bob):" followed by a blank line and
// a quote block when there is a message, else ending in "." — unless the text ends with a title
// that is already punctuated (and there are no branches or assignees to follow it).
QString pullRequestMessage(const PullRequestOrIssue &item);
// The same with type "issue".
QString issueMessage(PullRequestOrIssue item);

// The action phrase of a comment on an issue or pull request: "[commented](url) on" when it was
// created, otherwise "edited a [comment](url) on", "deleted a [comment](url) on", …
QString commentAction(const QString &action, const QString &commentUrl);

struct IssueLabelChange
{
    QString userName;
    QString userUrl;
    QString action;                // "added" reads "to" the issue, anything else "from"
    QString labelName;
    qint64 number = 0;
    QString url;
    std::optional<QString> title;
};

// "[alice](user url) added the bug label to [Issue #3](url)."
QString issueLabelMessage(const IssueLabelChange &change);

struct IssueMilestoneChange
{
    QString userName;
    QString userUrl;
    QString action;                // "added" reads "to" the issue, anything else "from"
    QString milestoneName;
    QString milestoneUrl;
    qint64 number = 0;
    QString url;
    std::optional<QString> title;
};

// "[alice](user url) added milestone [v2](milestone url) to [issue #3](url)."
QString issueMilestoneMessage(const IssueMilestoneChange &change);

// ---- Comments on commits, releases ---------------------------------------------------------------

struct CommitComment
{
    QString userName;
    QString action;   // "commented", or a phrase such as "[commented](url)"
    QString commitUrl;
    QString sha;      // shown short
    QString message;  // set: ":" and a quote block
};

// "alice commented on [0123456789a](url)." or "…:" and a quote block with the comment.
QString commitCommentMessage(const CommitComment &comment);

struct Release
{
    QString userName;  // empty: "Release … was published."
    QString action;    // "published", "created", …
    QString tag;
    QString name;
    QString url;       // empty (without a user name only): the release name is not a link
};

// "alice published release [v1.0 final](url) for tag v1.0."
QString releaseMessage(const Release &release);

// ---- Building blocks -----------------------------------------------------------------------------

// "\n~~~ quote\n{text}\n~~~": appended to a sentence ending in ":".
QString quoteBlock(const QString &text);
// True when the text ends in one of Python's string.punctuation characters.
bool endsWithPunctuation(QStringView text);

} // namespace hb::git
