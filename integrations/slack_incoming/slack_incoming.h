// SPDX-License-Identifier: MIT
#pragma once

#include "integration.h"

namespace hb::integrations::slack_incoming {

Outcome handle(const WebhookContext &ctx);
QStringList eventTypes();

} // namespace hb::integrations::slack_incoming
