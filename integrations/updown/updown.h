// SPDX-License-Identifier: MIT
#pragma once

#include "integration.h"

namespace hb::integrations::updown {

Outcome handle(const WebhookContext &ctx);
QStringList eventTypes();

} // namespace hb::integrations::updown
