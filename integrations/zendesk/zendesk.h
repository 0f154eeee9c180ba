// SPDX-License-Identifier: MIT
#pragma once

#include "integration.h"

namespace hb::integrations::zendesk {

Outcome handle(const WebhookContext &ctx);
QStringList eventTypes();

} // namespace hb::integrations::zendesk
