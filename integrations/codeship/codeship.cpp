// SPDX-License-Identifier: MIT
#include "codeship.h"

using namespace Qt::StringLiterals;

namespace hb::integrations::codeship {

namespace {

// How the build's status reads at the end of the sentence: the statuses Zulip names get a verb,
// any other is quoted as is ("has stopped status").
QString statusPhrase(const QString &status)
{
    if (status == u"testing")
        return u"started"_s;
    if (status == u"error")
        return u"failed"_s;
    if (status == u"success")
        return u"succeeded"_s;
    return u"has %1 status"_s.arg(status);
}

} // namespace

QStringList eventTypes()
{
    // Zulip's Codeship view passes no event type, so only_events/exclude_events never filter it.
    return {};
}

Outcome handle(const WebhookContext &ctx)
{
    const Payload build = ctx.payload()["build"];
    const QString project = build["project_name"].string();
    const QString url = build["build_url"].string();
    const QString committer = build["committer"].string();
    const QString branch = build["branch"].string();
    const QString status = build["status"].string();

    const QString content = u"[Build](%1) triggered by %2 on %3 branch %4."_s.arg(url, committer, branch,
                                                                                 statusPhrase(status));
    return Message{.topic = project, .content = content, .stream = std::nullopt, .eventType = {}};
}

} // namespace hb::integrations::codeship
