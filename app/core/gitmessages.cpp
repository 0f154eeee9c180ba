// SPDX-License-Identifier: MIT
#include "gitmessages.h"

namespace hb::git {

} // namespace hb::git
