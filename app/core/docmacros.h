// SPDX-License-Identifier: MIT
#pragma once

#include "integration.h"

#include <QString>

namespace hb {

// Fills in an integration's doc.md for a given server, as Zulip's documentation pages do:
// {{ api_url }}, {{ integration_name }}, {{ integration_display_name }}, {{ integration_url }}
// and the include macros {!name.md!} our docs may use (create-channel, create-an-incoming-webhook,
// generate-integration-url, congrats, event-filtering-additional-feature, webhooks-url-specification).
// Unknown include macros are left as they are and reported in *unknown.
QString expandDocMacros(const QString &doc, const IntegrationEntry &entry, const QString &serverUrl,
                        QStringList *unknown = nullptr);

} // namespace hb
