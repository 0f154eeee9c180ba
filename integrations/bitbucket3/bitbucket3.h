// SPDX-License-Identifier: MIT
#pragma once

#include "integration.h"

namespace hb::integrations::bitbucket3 {

Outcome handle(const WebhookContext &ctx);
QStringList eventTypes();

} // namespace hb::integrations::bitbucket3
