// SPDX-License-Identifier: MIT
#pragma once

#include "integration.h"

namespace hb::integrations::github {

// /api/v1/external/github: repository, organization and app events (X-GitHub-Event header).
Outcome handle(const WebhookContext &ctx);
QStringList eventTypes();

// /api/v1/external/githubsponsors: GitHub Sponsors' sponsorship events, told apart by "action".
Outcome handleSponsors(const WebhookContext &ctx);
QStringList sponsorsEventTypes();

} // namespace hb::integrations::github
