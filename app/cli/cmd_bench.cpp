// SPDX-License-Identifier: MIT
#include "cli.h"

// PLACEHOLDER: benchmarks are being written.
namespace hb::cli {

int benchCommand(const QStringList &)
{
    err(QStringLiteral("hookbench bench: not built yet\n"));
    return 2;
}

} // namespace hb::cli
