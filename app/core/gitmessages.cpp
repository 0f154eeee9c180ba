// SPDX-License-Identifier: MIT
#include "gitmessages.h"

#include <QHash>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace hb::git {

namespace {

// Python's str.rstrip(): drop trailing whitespace.
QString rstripped(QString text)
{
    qsizetype end = text.size();
    while (end > 0 && text.at(end - 1).isSpace())
        --end;
    text.truncate(end);
    return text;
}

QString firstLine(const QString &text)
{
    const qsizetype newline = text.indexOf(u'\n');
    return newline < 0 ? text : text.left(newline);
}

QString link(const QString &text, const QString &url)
{
    return u"[%1](%2)"_s.arg(text, url);
}

// Names compare by code point, as Python's sort does (UTF-16 order differs above U+FFFF).
bool codePointLess(const QString &a, const QString &b)
{
    const QList<uint> ua = a.toUcs4();
    const QList<uint> ub = b.toUcs4();
    return std::lexicographical_compare(ua.cbegin(), ua.cend(), ub.cbegin(), ub.cend());
}

QString pushedText(const Push &push, const QString &pushType)
{
    const qsizetype n = push.commits.size();
    const QString count = QString::number(n) + (n > 1 ? u" commits"_s : u" commit"_s);
    const QString verb = push.compareUrl.isEmpty() ? pushType : link(pushType, push.compareUrl);
    return verb + u' ' + count;
}

QString pushWithoutCommits(const Push &push, const QString &pushType)
{
    if (push.deleted)
        return u"%1 [deleted](%2) the branch %3."_s.arg(push.userName, push.compareUrl, push.branch);
    const QString verb = push.compareUrl.isEmpty() ? pushType : link(pushType, push.compareUrl);
    return u"%1 %2 the branch %3."_s.arg(push.userName, verb, push.branch);
}

// " bob to" / " bob from" between the action and the link, for (un)assignments that name the
// person whose assignment changed.
QString assignmentChange(const PullRequestOrIssue &item)
{
    if (item.assigneeUpdated.isEmpty())
        return {};
    if (item.action == u"assigned")
        return u" %1 to"_s.arg(item.assigneeUpdated);
    if (item.action == u"unassigned")
        return u" %1 from"_s.arg(item.assigneeUpdated);
    return {};
}

QString actionPhrase(const QString &action)
{
    if (action == u"approval")
        return u"added their approval for"_s;
    if (action == u"unapproval")
        return u"removed their approval for"_s;
    return action;
}

QString namesList(const QStringList &names)
{
    if (names.size() <= 1)
        return names.value(0);
    return names.first(names.size() - 1).join(u", "_s) + u" and "_s + names.last();
}

// "(assigned to …)" or "(assigned reviewers: …)", or nothing.
QString assigneeInfo(const PullRequestOrIssue &item)
{
    if (!item.assignees.isEmpty())
        return u"(assigned to %1)"_s.arg(namesList(item.assignees));
    if (!item.assignee.isEmpty())
        return u"(assigned to %1)"_s.arg(item.assignee);
    if (!item.reviewer.isEmpty())
        return u"(assigned reviewers: %1)"_s.arg(item.reviewer);
    return {};
}

QString linkedItem(const QString &type, std::optional<qint64> number, const std::optional<QString> &title,
                   const QString &url)
{
    QString text = type;
    if (number)
        text += u" #"_s + QString::number(*number);
    if (title)
        text += u' ' + *title;
    return link(text, url);
}

QString preposition(const QString &action)
{
    return action == u"added" ? u"to"_s : u"from"_s;
}

} // namespace

// ---- Topics --------------------------------------------------------------------------------------

QString branchTopic(const QString &repo, const QString &branch)
{
    return u"%1 / %2"_s.arg(repo, branch);
}

QString itemTopic(const QString &repo, const QString &type, const QString &id, const QString &title)
{
    return repo + u" / "_s + type + u" #"_s + id + u' ' + title;
}

QString itemTopic(const QString &repo, const QString &type, qint64 id, const QString &title)
{
    return itemTopic(repo, type, QString::number(id), title);
}

QString releaseTopic(const QString &repo, const QString &tag, const QString &title)
{
    return repo + u" / "_s + tag + u' ' + title;
}

// ---- Commits and pushes --------------------------------------------------------------------------

QString shortSha(const QString &sha)
{
    return sha.left(kShortShaLength);
}

QString commitList(const QList<Commit> &commits, bool truncated)
{
    QString out;
    const qsizetype shown = std::min<qsizetype>(commits.size(), kCommitsLimit);
    for (qsizetype i = 0; i < shown; ++i) {
        const Commit &c = commits.at(i);
        out += u"* %1 (%2)\n"_s.arg(firstLine(c.message), link(shortSha(c.sha), c.url));
    }
    if (commits.size() > kCommitsLimit)
        out += u"[and %1 more commit(s)]"_s.arg(commits.size() - kCommitsLimit);
    else if (truncated)
        out += u"[and more commit(s)]"_s;
    return rstripped(out);
}

QList<CommitterCount> committers(const QList<Commit> &commits)
{
    QHash<QString, int> counts;
    for (const Commit &c : commits)
        ++counts[c.name];

    QList<CommitterCount> sorted;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        sorted.append({it.key(), it.value()});
    std::sort(sorted.begin(), sorted.end(), [](const CommitterCount &a, const CommitterCount &b) {
        return a.commits != b.commits ? a.commits > b.commits : codePointLess(a.name, b.name);
    });

    if (sorted.size() > kCommittersLimit) {
        int others = 0;
        for (qsizetype i = kCommittersLimit; i < sorted.size(); ++i)
            others += sorted.at(i).commits;
        sorted.resize(kCommittersLimit);
        sorted.append({u"others"_s, others});
    }
    return sorted;
}

QString committersSummary(const QList<CommitterCount> &counts)
{
    QStringList parts;
    for (const CommitterCount &c : counts)
        parts.append(c.name + u" ("_s + QString::number(c.commits) + u')');
    return namesList(parts);
}

QString pushMessage(const Push &push)
{
    const QString pushType = push.forced ? u"force pushed"_s : u"pushed"_s;
    if (push.commits.isEmpty())
        return pushWithoutCommits(push, pushType);

    QString base = push.userName + u' ' + pushedText(push, pushType) + u" to branch "_s + push.branch;
    if (!push.repositoryName.isEmpty() && !push.repositoryUrl.isEmpty())
        base += u" of "_s + link(push.repositoryName, push.repositoryUrl);
    base += u'.';

    const QList<CommitterCount> counts = committers(push.commits);
    const bool onlyThePusher = counts.size() == 1 && counts.first().name == push.userName;
    if (!onlyThePusher)
        base += u" Commits by "_s + committersSummary(counts) + u'.';
    return rstripped(base + u"\n\n"_s + commitList(push.commits, push.truncated));
}

QString forcePushMessage(const ForcePush &push)
{
    return u"%1 [force pushed](%2) to branch %3. Head is now %4."_s.arg(push.userName, push.url, push.branch,
                                                                        push.head);
}

QString createBranchMessage(const BranchChange &change)
{
    const QString branch = change.url.isEmpty() ? change.branch : link(change.branch, change.url);
    return u"%1 created %2 branch."_s.arg(change.userName, branch);
}

QString removeBranchMessage(const BranchChange &change)
{
    return u"%1 deleted branch %2."_s.arg(change.userName, change.branch);
}

QString tagMessage(const TagPush &push)
{
    const QString tag = push.url.isEmpty() ? push.tag : link(push.tag, push.url);
    QString out = u"%1 %2 tag %3"_s.arg(push.userName, push.action, tag);
    if (!endsWithPunctuation(push.tag))
        out += u'.';
    return out;
}

// ---- Pull requests and issues --------------------------------------------------------------------

QString pullRequestMessage(const PullRequestOrIssue &item)
{
    QString out = item.userName + u' ' + actionPhrase(item.action) + assignmentChange(item) + u' '
                + linkedItem(item.type, item.number, item.title, item.url);

    const bool hasBranches = !item.targetBranch.isEmpty() && !item.baseBranch.isEmpty();
    if (hasBranches)
        out += u" from `%1` to `%2`"_s.arg(item.targetBranch, item.baseBranch);
    if (const QString info = assigneeInfo(item); !info.isEmpty())
        out += u' ' + info;

    // A title at the very end may carry its own punctuation; reviewers alone do not count as
    // something following the title (as in Zulip).
    const bool hasAssignee = !item.assignees.isEmpty() || !item.assignee.isEmpty();
    const bool endsWithOwnPunctuation = item.title && endsWithPunctuation(*item.title);
    if (hasAssignee || hasBranches || !endsWithOwnPunctuation)
        out += item.message.isEmpty() ? u'.' : u':';

    if (!item.message.isEmpty())
        out += u'\n' + quoteBlock(item.message);
    return rstripped(out);
}

QString issueMessage(PullRequestOrIssue item)
{
    item.type = u"issue"_s;
    return pullRequestMessage(item);
}

QString commentAction(const QString &action, const QString &commentUrl)
{
    if (action == u"created")
        return u"[commented](%1) on"_s.arg(commentUrl);
    return u"%1 a [comment](%2) on"_s.arg(action, commentUrl);
}

QString issueLabelMessage(const IssueLabelChange &change)
{
    return u"%1 %2 the %3 label %4 %5."_s.arg(link(change.userName, change.userUrl), change.action,
                                              change.labelName, preposition(change.action),
                                              linkedItem(u"Issue"_s, change.number, change.title, change.url));
}

QString issueMilestoneMessage(const IssueMilestoneChange &change)
{
    return u"%1 %2 milestone %3 %4 %5."_s.arg(link(change.userName, change.userUrl), change.action,
                                              link(change.milestoneName, change.milestoneUrl),
                                              preposition(change.action),
                                              linkedItem(u"issue"_s, change.number, change.title, change.url));
}

// ---- Comments on commits, releases ---------------------------------------------------------------

QString commitCommentMessage(const CommitComment &comment)
{
    QString out = u"%1 %2 on %3"_s.arg(comment.userName, comment.action,
                                       link(shortSha(comment.sha), comment.commitUrl));
    if (comment.message.isEmpty())
        return out + u'.';
    return out + u':' + quoteBlock(comment.message);
}

QString releaseMessage(const Release &release)
{
    if (!release.userName.isEmpty())
        return u"%1 %2 release %3 for tag %4."_s.arg(release.userName, release.action,
                                                      link(release.name, release.url), release.tag);
    const QString name = release.url.isEmpty() ? release.name : link(release.name, release.url);
    return u"Release %1 for tag %2 was %3."_s.arg(name, release.tag, release.action);
}

// ---- Building blocks -----------------------------------------------------------------------------

QString quoteBlock(const QString &text)
{
    return u"\n~~~ quote\n"_s + text + u"\n~~~"_s;
}

bool endsWithPunctuation(QStringView text)
{
    static constexpr QStringView kPunctuation = u"!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
    return !text.isEmpty() && kPunctuation.contains(text.back());
}

} // namespace hb::git
