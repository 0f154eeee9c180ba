// SPDX-License-Identifier: MIT
#pragma once

#include "integration.h"

#include <utility>

namespace hb::integrations::gogs {

Outcome handle(const WebhookContext &ctx);
QStringList eventTypes();

// Gogs and its fork Gitea send the same events with the same payloads, except that their pull
// requests name the branches differently and only Gitea's messages mention the assignee. A
// Dialect captures those differences so that Gitea's handler is Gogs's with another dialect.
struct Dialect
{
    // The pull request's source and target branch; empty strings when the payload has none.
    std::pair<QString, QString> (*pullRequestBranches)(const Payload &pullRequest) = nullptr;
    // Whether pull request messages end in "(assigned to …)" for the pull request's assignee.
    bool pullRequestAssignee = false;
};

// The whole Gogs-family handler, for the dialect given.
Outcome handleDialect(const WebhookContext &ctx, const Dialect &dialect);

} // namespace hb::integrations::gogs
