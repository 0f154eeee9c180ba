// SPDX-License-Identifier: MIT
// The shared git message helpers: Zulip's texts, punctuation and limits, one rule per test.
#include "gitmessages.h"

#include <QTest>

using namespace hb;
using namespace Qt::StringLiterals;

namespace {

git::Commit commit(const QString &name, const QString &sha, const QString &message = u"Tidy up"_s)
{
    return {.name = name, .sha = sha, .url = u"https://git.example.org/c/"_s + sha, .message = message};
}

QList<git::Commit> commitsBy(const QStringList &names)
{
    QList<git::Commit> out;
    for (qsizetype i = 0; i < names.size(); ++i)
        out.append(commit(names[i], QString::number(i).rightJustified(2, u'0') + u"abcdef0123456789"_s));
    return out;
}

QString rows(int n, const QString &row)
{
    QString out;
    for (int i = 0; i < n; ++i)
        out += row + u'\n';
    return out;
}

} // namespace

class TestGitMessages final : public QObject
{
    Q_OBJECT

private slots:
    // Topics
    void topics();

    // Commit lists
    void shortShaKeepsElevenCharacters();
    void commitListShowsFirstLines();
    void commitListStopsAtTheLimit();
    void commitListAtTheLimitHasNoRemainder();
    void commitListTruncatedBySender();

    // Committers
    void committersOrderByCountThenName();
    void committersBeyondThreeAreOthers();
    void committersSummary_data();
    void committersSummary();

    // Pushes and branches
    void pushByThePusherOnly();
    void pushWithOtherCommitters();
    void pushOfOneCommitIsSingular();
    void pushWithoutCompareUrl();
    void pushWithRepository();
    void pushWithoutCommits();
    void pushOverTheLimit();
    void forcePush();
    void branches();
    void tags();

    // Pull requests and issues
    void pullRequestPunctuation_data();
    void pullRequestPunctuation();
    void pullRequestWithMessageQuotes();
    void pullRequestAssignees();
    void pullRequestApprovalAndAssignment();
    void issueUsesLowerCaseType();
    void commentAction();
    void labelsAndMilestones();

    // Commit comments and releases
    void commitComment();
    void releases();
};

void TestGitMessages::topics()
{
    QCOMPARE(git::branchTopic(u"hookbench"_s, u"main"_s), u"hookbench / main"_s);
    QCOMPARE(git::itemTopic(u"hookbench"_s, u"PR"_s, 42, u"Fix the parser"_s), u"hookbench / PR #42 Fix the parser"_s);
    QCOMPARE(git::itemTopic(u"hookbench"_s, u"issue"_s, u"7"_s, u"Crash"_s), u"hookbench / issue #7 Crash"_s);
    QCOMPARE(git::releaseTopic(u"hookbench"_s, u"v1.2"_s, u"Spring"_s), u"hookbench / v1.2 Spring"_s);
}

void TestGitMessages::shortShaKeepsElevenCharacters()
{
    QCOMPARE(git::shortSha(u"0123456789abcdef0123"_s), u"0123456789a"_s);
    QCOMPARE(git::shortSha(u"abc"_s), u"abc"_s);
}

void TestGitMessages::commitListShowsFirstLines()
{
    const QList<git::Commit> commits{commit(u"ann"_s, u"1111111111111111"_s, u"Add parser\n\nLong body"_s),
                                     commit(u"bob"_s, u"2222222222222222"_s, u"Fix typo\n"_s)};
    QCOMPARE(git::commitList(commits),
             u"* Add parser ([11111111111](https://git.example.org/c/1111111111111111))\n"
             "* Fix typo ([22222222222](https://git.example.org/c/2222222222222222))"_s);
}

void TestGitMessages::commitListStopsAtTheLimit()
{
    const QList<git::Commit> commits(25, commit(u"ann"_s, u"abcdefabcdefabcdef"_s));
    const QString row = u"* Tidy up ([abcdefabcde](https://git.example.org/c/abcdefabcdefabcdef))"_s;
    QCOMPARE(git::commitList(commits), rows(20, row) + u"[and 5 more commit(s)]"_s);
    // The sender's own truncation does not change the count once the limit is passed.
    QCOMPARE(git::commitList(commits, true), rows(20, row) + u"[and 5 more commit(s)]"_s);
}

void TestGitMessages::commitListAtTheLimitHasNoRemainder()
{
    const QList<git::Commit> commits(git::kCommitsLimit, commit(u"ann"_s, u"abcdefabcdefabcdef"_s));
    QVERIFY(!git::commitList(commits).contains(u"more commit"_s));
    QVERIFY(!git::commitList(commits).endsWith(u'\n'));
}

void TestGitMessages::commitListTruncatedBySender()
{
    const QList<git::Commit> commits{commit(u"ann"_s, u"abcdefabcdefabcdef"_s)};
    QCOMPARE(git::commitList(commits, true),
             u"* Tidy up ([abcdefabcde](https://git.example.org/c/abcdefabcdefabcdef))\n[and more commit(s)]"_s);
}

void TestGitMessages::committersOrderByCountThenName()
{
    const auto counts = git::committers(commitsBy({u"zoe"_s, u"bob"_s, u"zoe"_s, u"amy"_s, u"bob"_s, u"Carl"_s}));
    QCOMPARE(counts.size(), 4);
    // Equal counts sort by code point: upper case before lower case, so amy is the one left over.
    const QStringList names{counts[0].name, counts[1].name, counts[2].name, counts[3].name};
    QCOMPARE(names, (QStringList{u"bob"_s, u"zoe"_s, u"Carl"_s, u"others"_s}));
    QCOMPARE(counts[0].commits, 2);
    QCOMPARE(counts[1].commits, 2);
    QCOMPARE(counts[2].commits, 1);
    QCOMPARE(counts[3].commits, 1);
}

void TestGitMessages::committersBeyondThreeAreOthers()
{
    const auto counts = git::committers(
        commitsBy({u"dan"_s, u"eve"_s, u"eve"_s, u"fay"_s, u"gus"_s, u"gus"_s, u"gus"_s, u"hal"_s}));
    QCOMPARE(counts.size(), 4);
    QCOMPARE(counts[0].name, u"gus"_s);
    QCOMPARE(counts[1].name, u"eve"_s);
    QCOMPARE(counts[2].name, u"dan"_s);
    QCOMPARE(counts[3].name, u"others"_s);
    QCOMPARE(counts[3].commits, 2); // fay and hal
}

void TestGitMessages::committersSummary_data()
{
    QTest::addColumn<QStringList>("names");
    QTest::addColumn<QString>("expected");
    QTest::newRow("one") << QStringList{u"ann"_s, u"ann"_s} << u"ann (2)"_s;
    QTest::newRow("two") << QStringList{u"ann"_s, u"bob"_s} << u"ann (1) and bob (1)"_s;
    QTest::newRow("three") << QStringList{u"cid"_s, u"bob"_s, u"ann"_s, u"cid"_s}
                           << u"cid (2), ann (1) and bob (1)"_s;
    QTest::newRow("others") << QStringList{u"ann"_s, u"ann"_s, u"ann"_s, u"bob"_s, u"bob"_s, u"cid"_s, u"dan"_s, u"eve"_s}
                            << u"ann (3), bob (2), cid (1) and others (2)"_s;
    QTest::newRow("percent signs stay") << QStringList{u"50%1"_s} << u"50%1 (1)"_s;
}

void TestGitMessages::committersSummary()
{
    QFETCH(QStringList, names);
    QFETCH(QString, expected);
    QCOMPARE(git::committersSummary(git::committers(commitsBy(names))), expected);
}

void TestGitMessages::pushByThePusherOnly()
{
    const git::Push push{.userName = u"ann"_s, .compareUrl = u"https://git.example.org/compare/a...b"_s,
                         .branch = u"main"_s, .commits = commitsBy({u"ann"_s, u"ann"_s})};
    QCOMPARE(git::pushMessage(push),
             u"ann [pushed](https://git.example.org/compare/a...b) 2 commits to branch main.\n\n"
             "* Tidy up ([00abcdef012](https://git.example.org/c/00abcdef0123456789))\n"
             "* Tidy up ([01abcdef012](https://git.example.org/c/01abcdef0123456789))"_s);
}

void TestGitMessages::pushWithOtherCommitters()
{
    const git::Push push{.userName = u"ann"_s, .compareUrl = u"https://git.example.org/cmp"_s, .branch = u"dev"_s,
                         .commits = commitsBy({u"bob"_s, u"ann"_s})};
    QVERIFY(git::pushMessage(push).startsWith(
        u"ann [pushed](https://git.example.org/cmp) 2 commits to branch dev. Commits by ann (1) and bob (1).\n\n* "_s));
    // A single committer other than the pusher is named too.
    const git::Push other{.userName = u"ann"_s, .compareUrl = u"https://git.example.org/cmp"_s, .branch = u"dev"_s,
                          .commits = commitsBy({u"Ann"_s})};
    QVERIFY(git::pushMessage(other).contains(u"to branch dev. Commits by Ann (1).\n\n"_s));
}

void TestGitMessages::pushOfOneCommitIsSingular()
{
    const git::Push push{.userName = u"ann"_s, .compareUrl = u"https://c"_s, .branch = u"main"_s,
                         .commits = commitsBy({u"ann"_s})};
    QVERIFY(git::pushMessage(push).startsWith(u"ann [pushed](https://c) 1 commit to branch main.\n\n"_s));
}

void TestGitMessages::pushWithoutCompareUrl()
{
    const git::Push push{.userName = u"ann"_s, .branch = u"main"_s, .commits = commitsBy({u"ann"_s}), .forced = true};
    QVERIFY(git::pushMessage(push).startsWith(u"ann force pushed 1 commit to branch main.\n\n"_s));
}

void TestGitMessages::pushWithRepository()
{
    const git::Push push{.userName = u"ann"_s, .compareUrl = u"https://c"_s, .branch = u"main"_s,
                         .commits = commitsBy({u"ann"_s}), .repositoryName = u"tools"_s,
                         .repositoryUrl = u"https://git.example.org/tools"_s};
    QVERIFY(git::pushMessage(push).startsWith(
        u"ann [pushed](https://c) 1 commit to branch main of [tools](https://git.example.org/tools).\n\n"_s));
}

void TestGitMessages::pushWithoutCommits()
{
    git::Push push{.userName = u"ann"_s, .compareUrl = u"https://c"_s, .branch = u"wip"_s};
    QCOMPARE(git::pushMessage(push), u"ann [pushed](https://c) the branch wip."_s);
    push.forced = true;
    QCOMPARE(git::pushMessage(push), u"ann [force pushed](https://c) the branch wip."_s);
    push.compareUrl.clear();
    QCOMPARE(git::pushMessage(push), u"ann force pushed the branch wip."_s);
    push.compareUrl = u"https://c"_s;
    push.deleted = true;
    QCOMPARE(git::pushMessage(push), u"ann [deleted](https://c) the branch wip."_s);
}

void TestGitMessages::pushOverTheLimit()
{
    const git::Push push{.userName = u"ann"_s, .compareUrl = u"https://c"_s, .branch = u"main"_s,
                         .commits = QList<git::Commit>(30, commit(u"Ann"_s, u"abcdefabcdefabcdef"_s))};
    const QString row = u"* Tidy up ([abcdefabcde](https://git.example.org/c/abcdefabcdefabcdef))"_s;
    QCOMPARE(git::pushMessage(push), u"ann [pushed](https://c) 30 commits to branch main. Commits by Ann (30).\n\n"_s
                                         + rows(20, row) + u"[and 10 more commit(s)]"_s);
}

void TestGitMessages::forcePush()
{
    QCOMPARE(git::forcePushMessage({.userName = u"ann"_s, .url = u"https://c"_s, .branch = u"main"_s,
                                    .head = u"0123456789a"_s}),
             u"ann [force pushed](https://c) to branch main. Head is now 0123456789a."_s);
}

void TestGitMessages::branches()
{
    QCOMPARE(git::createBranchMessage({.userName = u"ann"_s, .branch = u"feat"_s, .url = u"https://b"_s}),
             u"ann created [feat](https://b) branch."_s);
    QCOMPARE(git::createBranchMessage({.userName = u"ann"_s, .branch = u"feat"_s}), u"ann created feat branch."_s);
    QCOMPARE(git::removeBranchMessage({.userName = u"ann"_s, .branch = u"feat"_s}), u"ann deleted branch feat."_s);
}

void TestGitMessages::tags()
{
    QCOMPARE(git::tagMessage({.userName = u"ann"_s, .tag = u"v1.0"_s, .url = u"https://t"_s}),
             u"ann pushed tag [v1.0](https://t)."_s);
    QCOMPARE(git::tagMessage({.userName = u"ann"_s, .tag = u"v1.0"_s, .action = u"removed"_s}),
             u"ann removed tag v1.0."_s);
    // A tag that ends in punctuation gets no extra period.
    QCOMPARE(git::tagMessage({.userName = u"ann"_s, .tag = u"release-"_s}), u"ann pushed tag release-"_s);
}

void TestGitMessages::pullRequestPunctuation_data()
{
    QTest::addColumn<std::optional<QString>>("title");
    QTest::addColumn<bool>("branches");
    QTest::addColumn<QString>("expected");
    const std::optional<QString> none;
    QTest::newRow("no title") << none << false << u"ann opened [PR #3](https://p)."_s;
    QTest::newRow("plain title") << std::optional<QString>(u"Add cache"_s) << false
                                 << u"ann opened [PR #3 Add cache](https://p)."_s;
    QTest::newRow("title with its own punctuation") << std::optional<QString>(u"Why not?"_s) << false
                                                    << u"ann opened [PR #3 Why not?](https://p)"_s;
    QTest::newRow("title ending in a non-ASCII mark") << std::optional<QString>(u"Fertig…"_s) << false
                                                      << u"ann opened [PR #3 Fertig…](https://p)."_s;
    QTest::newRow("branches after a punctuated title") << std::optional<QString>(u"Why not?"_s) << true
                                                       << u"ann opened [PR #3 Why not?](https://p) from `dev` to `main`."_s;
}

void TestGitMessages::pullRequestPunctuation()
{
    QFETCH(std::optional<QString>, title);
    QFETCH(bool, branches);
    QFETCH(QString, expected);
    git::PullRequestOrIssue pr{.userName = u"ann"_s, .action = u"opened"_s, .url = u"https://p"_s, .number = 3,
                               .title = title};
    if (branches) {
        pr.targetBranch = u"dev"_s;
        pr.baseBranch = u"main"_s;
    }
    QCOMPARE(git::pullRequestMessage(pr), expected);
}

void TestGitMessages::pullRequestWithMessageQuotes()
{
    const git::PullRequestOrIssue pr{.userName = u"ann"_s, .action = u"opened"_s, .url = u"https://p"_s,
                                     .number = 3, .targetBranch = u"dev"_s, .baseBranch = u"main"_s,
                                     .message = u"Speeds up the parser."_s};
    QCOMPARE(git::pullRequestMessage(pr),
             u"ann opened [PR #3](https://p) from `dev` to `main`:\n\n~~~ quote\nSpeeds up the parser.\n~~~"_s);
    // One branch alone is not shown.
    git::PullRequestOrIssue oneSided = pr;
    oneSided.baseBranch.clear();
    oneSided.message.clear();
    QCOMPARE(git::pullRequestMessage(oneSided), u"ann opened [PR #3](https://p)."_s);
}

void TestGitMessages::pullRequestAssignees()
{
    git::PullRequestOrIssue pr{.userName = u"ann"_s, .action = u"edited"_s, .url = u"https://p"_s, .number = 3,
                               .title = u"Done."_s, .targetBranch = u"dev"_s, .baseBranch = u"main"_s,
                               .assignees = {u"bob"_s, u"cid"_s, u"dan"_s}, .assignee = u"eve"_s};
    QCOMPARE(git::pullRequestMessage(pr),
             u"ann edited [PR #3 Done.](https://p) from `dev` to `main` (assigned to bob, cid and dan)."_s);
    pr.assignees.clear();
    pr.targetBranch.clear();
    QCOMPARE(git::pullRequestMessage(pr), u"ann edited [PR #3 Done.](https://p) (assigned to eve)."_s);
    // Reviewers alone do not stop a punctuated title from ending the sentence.
    pr.assignee.clear();
    pr.reviewer = u"fay"_s;
    QCOMPARE(git::pullRequestMessage(pr), u"ann edited [PR #3 Done.](https://p) (assigned reviewers: fay)"_s);
    pr.title.reset();
    QCOMPARE(git::pullRequestMessage(pr), u"ann edited [PR #3](https://p) (assigned reviewers: fay)."_s);
}

void TestGitMessages::pullRequestApprovalAndAssignment()
{
    git::PullRequestOrIssue pr{.userName = u"ann"_s, .action = u"approval"_s, .url = u"https://p"_s,
                               .type = u"MR"_s, .number = 8};
    QCOMPARE(git::pullRequestMessage(pr), u"ann added their approval for [MR #8](https://p)."_s);
    pr.action = u"unapproval"_s;
    QCOMPARE(git::pullRequestMessage(pr), u"ann removed their approval for [MR #8](https://p)."_s);
    pr.action = u"assigned"_s;
    pr.assigneeUpdated = u"bob"_s;
    QCOMPARE(git::pullRequestMessage(pr), u"ann assigned bob to [MR #8](https://p)."_s);
    pr.action = u"unassigned"_s;
    QCOMPARE(git::pullRequestMessage(pr), u"ann unassigned bob from [MR #8](https://p)."_s);
    pr.assigneeUpdated.clear();
    QCOMPARE(git::pullRequestMessage(pr), u"ann unassigned [MR #8](https://p)."_s);
    pr.number.reset();
    QCOMPARE(git::pullRequestMessage(pr), u"ann unassigned [MR](https://p)."_s);
}

void TestGitMessages::issueUsesLowerCaseType()
{
    const git::PullRequestOrIssue issue{.userName = u"ann"_s, .action = u"closed"_s, .url = u"https://i"_s,
                                        .number = 5, .message = u"Fixed in 1.2"_s, .assignee = u"bob"_s};
    QCOMPARE(git::issueMessage(issue),
             u"ann closed [issue #5](https://i) (assigned to bob):\n\n~~~ quote\nFixed in 1.2\n~~~"_s);
}

void TestGitMessages::commentAction()
{
    QCOMPARE(git::commentAction(u"created"_s, u"https://c#1"_s), u"[commented](https://c#1) on"_s);
    QCOMPARE(git::commentAction(u"edited"_s, u"https://c#1"_s), u"edited a [comment](https://c#1) on"_s);
    const git::PullRequestOrIssue comment{.userName = u"ann"_s,
                                          .action = git::commentAction(u"created"_s, u"https://i/5#c9"_s),
                                          .url = u"https://i/5"_s, .number = 5, .message = u"Same here"_s};
    QCOMPARE(git::issueMessage(comment),
             u"ann [commented](https://i/5#c9) on [issue #5](https://i/5):\n\n~~~ quote\nSame here\n~~~"_s);
}

void TestGitMessages::labelsAndMilestones()
{
    git::IssueLabelChange label{.userName = u"ann"_s, .userUrl = u"https://u/ann"_s, .action = u"added"_s,
                                .labelName = u"bug"_s, .number = 4, .url = u"https://i/4"_s};
    QCOMPARE(git::issueLabelMessage(label), u"[ann](https://u/ann) added the bug label to [Issue #4](https://i/4)."_s);
    label.action = u"removed"_s;
    label.title = u"Crash"_s;
    QCOMPARE(git::issueLabelMessage(label),
             u"[ann](https://u/ann) removed the bug label from [Issue #4 Crash](https://i/4)."_s);

    const git::IssueMilestoneChange milestone{.userName = u"ann"_s, .userUrl = u"https://u/ann"_s,
                                              .action = u"added"_s, .milestoneName = u"2.0"_s,
                                              .milestoneUrl = u"https://m/2"_s, .number = 4, .url = u"https://i/4"_s};
    QCOMPARE(git::issueMilestoneMessage(milestone),
             u"[ann](https://u/ann) added milestone [2.0](https://m/2) to [issue #4](https://i/4)."_s);
}

void TestGitMessages::commitComment()
{
    git::CommitComment comment{.userName = u"ann"_s, .action = u"commented"_s, .commitUrl = u"https://c"_s,
                               .sha = u"0123456789abcdef"_s};
    QCOMPARE(git::commitCommentMessage(comment), u"ann commented on [0123456789a](https://c)."_s);
    comment.message = u"Nice"_s;
    // No blank line before the quote here, unlike pull requests.
    QCOMPARE(git::commitCommentMessage(comment), u"ann commented on [0123456789a](https://c):\n~~~ quote\nNice\n~~~"_s);
}

void TestGitMessages::releases()
{
    git::Release release{.userName = u"ann"_s, .action = u"published"_s, .tag = u"v2.0"_s, .name = u"Two"_s,
                         .url = u"https://r"_s};
    QCOMPARE(git::releaseMessage(release), u"ann published release [Two](https://r) for tag v2.0."_s);
    release.userName.clear();
    QCOMPARE(git::releaseMessage(release), u"Release [Two](https://r) for tag v2.0 was published."_s);
    release.url.clear();
    QCOMPARE(git::releaseMessage(release), u"Release Two for tag v2.0 was published."_s);
}

QTEST_APPLESS_MAIN(TestGitMessages)
#include "tst_gitmessages.moc"
