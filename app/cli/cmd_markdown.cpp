// SPDX-License-Identifier: MIT
#include "cli.h"

// PLACEHOLDER: markdown and conformance-markdown are being written.
namespace hb::cli {

int markdownCommand(const QStringList &)
{
    err(QStringLiteral("hookbench markdown: not built yet\n"));
    return 2;
}

int conformanceMarkdownCommand(const QStringList &)
{
    err(QStringLiteral("hookbench conformance-markdown: not built yet\n"));
    return 2;
}

} // namespace hb::cli
