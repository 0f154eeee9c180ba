// SPDX-License-Identifier: MIT
#pragma once

#include "integration.h"

namespace hb::integrations::gitlab {

// GitLab project, group and system hooks: the event is the X-Gitlab-Event header ("Push Hook",
// "Merge Request Hook", …), refined by the payload's action or noteable type.
Outcome handle(const WebhookContext &ctx);
QStringList eventTypes();

} // namespace hb::integrations::gitlab
