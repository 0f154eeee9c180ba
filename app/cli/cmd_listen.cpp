// SPDX-License-Identifier: MIT
#include "cli.h"

namespace hb::cli {

int listenCommand(const QStringList &)
{
    err(QStringLiteral("hookbench listen: not built yet\n"));
    return 2;
}

} // namespace hb::cli
