// SPDX-License-Identifier: MIT
#include "travis.h"

#include "json.h"

using namespace Qt::StringLiterals;

namespace hb::integrations::travis {

namespace {

// Every Travis notification goes to one topic unless the URL names another.
const QString kTopic = u"builds"_s;

// The emoji that follows the build's status message.
QString statusEmoji(const QString &status)
{
    static const QStringList good{u"Passed"_s, u"Fixed"_s};
    static const QStringList bad{u"Failed"_s, u"Broken"_s, u"Still Failing"_s, u"Errored"_s, u"Canceled"_s};
    if (good.contains(status))
        return u":thumbs_up:"_s;
    if (bad.contains(status))
        return u":thumbs_down:"_s;
    if (status == u"Pending")
        return u":counterclockwise:"_s;
    return u"(No emoji specified for status '%1'.)"_s.arg(status);
}

// `ignore_pull_requests=` is a JSON boolean, true when absent: pull request builds are skipped.
std::optional<WebhookError> ignorePullRequests(const WebhookContext &ctx, bool *ignore)
{
    *ignore = true;
    const auto value = ctx.option(u"ignore_pull_requests");
    if (!value)
        return std::nullopt;
    const auto json = parseJson(value->toUtf8());
    if (!json)
        return badRequest(u"Argument \"ignore_pull_requests\" is not valid JSON."_s);
    if (!json->isBool())
        return badRequest(u"ignore_pull_requests is not a boolean"_s);
    *ignore = json->toBool();
    return std::nullopt;
}

} // namespace

QStringList eventTypes()
{
    // The build's `type`: what started it.
    return {u"push"_s, u"pull_request"_s};
}

Outcome handle(const WebhookContext &ctx)
{
    bool ignorePrs = true;
    if (auto error = ignorePullRequests(ctx, &ignorePrs))
        return *error;

    const Payload &build = ctx.payload();
    const QString author = build["author_name"].string();
    const QString status = build["status_message"].string();
    const QString compareUrl = build["compare_url"].string();
    const QString type = build["type"].string();
    if (ignorePrs && type == u"pull_request")
        return NoOp{u"pull request build ignored (ignore_pull_requests is on)"_s};

    const QString content = u"Author: %1\nBuild status: %2 %3\nDetails: [changes](%4), [build log](%5)"_s.arg(
        author, status, statusEmoji(status), compareUrl, build["build_url"].string());
    return Message{.topic = kTopic, .content = content, .stream = std::nullopt, .eventType = type};
}

} // namespace hb::integrations::travis
