// SPDX-License-Identifier: MIT
#pragma once

#include "integration.h"

namespace hb::integrations::stripe {

Outcome handle(const WebhookContext &ctx);
QStringList eventTypes();

} // namespace hb::integrations::stripe
