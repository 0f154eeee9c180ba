// SPDX-License-Identifier: MIT
#include "gitea.h"

#include "gogs/gogs.h"

using namespace Qt::StringLiterals;

// Gitea is a fork of Gogs and its webhooks kept Gogs's payloads: the handler is Gogs's, with
// Gitea's pull request branches (head.ref / base.ref) and the pull request's assignee shown.
namespace hb::integrations::gitea {

namespace {

QString refOf(const Payload &side)
{
    return side.exists() ? side["ref"].string() : QString();
}

std::pair<QString, QString> giteaBranches(const Payload &pullRequest)
{
    return {refOf(pullRequest["head"]), refOf(pullRequest["base"])};
}

} // namespace

QStringList eventTypes()
{
    return gogs::eventTypes();
}

Outcome handle(const WebhookContext &ctx)
{
    return gogs::handleDialect(ctx, gogs::Dialect{.pullRequestBranches = giteaBranches, .pullRequestAssignee = true});
}

} // namespace hb::integrations::gitea
