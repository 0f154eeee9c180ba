// SPDX-License-Identifier: MIT
#include "tlds.h"

// PLACEHOLDER until the generated list lands.
namespace hb::tlds {

bool isKnown(QStringView tld)
{
    return tld == u"com" || tld == u"org";
}

} // namespace hb::tlds
