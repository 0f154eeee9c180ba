// SPDX-License-Identifier: MIT
#pragma once

#include "integration.h"

namespace hb {

// Every integration Hookbench ships, in one alphabetical table (integrations/registry.cpp).
const Registry &builtinRegistry();

} // namespace hb
