// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

// Zulip's shared git message helpers (zerver/lib/webhooks/git.py), used by the git integrations.
namespace hb::git {

} // namespace hb::git
