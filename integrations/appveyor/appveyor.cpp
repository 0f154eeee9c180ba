// SPDX-License-Identifier: MIT
#include "appveyor.h"

using namespace Qt::StringLiterals;

namespace hb::integrations::appveyor {

namespace {

// "[<id>: <subject>](<url>) by <committer>": the commit the build ran on.
QString commitLine(const Payload &build)
{
    return u"[%1: %2](%3) by %4"_s.arg(build["commitId"].string(), build["commitMessage"].string(),
                                       build["commitUrl"].string(), build["committerName"].string());
}

QString buildSummary(const Payload &build)
{
    const QString heading = u"[Build %1 %2 %3](%4):"_s.arg(build["projectName"].string(),
                                                          build["buildVersion"].string(),
                                                          build["status"].string(), build["buildUrl"].string());
    return heading + u"\n* **Commit**: "_s + commitLine(build) + u"\n* **Started**: "_s
           + build["started"].string() + u"\n* **Finished**: "_s + build["finished"].string();
}

} // namespace

QStringList eventTypes()
{
    // Zulip's AppVeyor view declares no event types: only_events/exclude_events do not apply.
    return {};
}

Outcome handle(const WebhookContext &ctx)
{
    const Payload p = ctx.payload();
    const Payload build = p["eventData"];
    const QString topic = build["projectName"].string();
    const QString content = buildSummary(build);
    return Message{.topic = topic, .content = content};
}

} // namespace hb::integrations::appveyor
