// SPDX-License-Identifier: MIT
#include "markdown.h"

// PLACEHOLDER until the renderer lands: escapes the text in one paragraph.
namespace hb::markdown {

QString toHtml(const QString &markdown, const Options &)
{
    return QStringLiteral("<p>") + markdown.toHtmlEscaped() + QStringLiteral("</p>");
}

} // namespace hb::markdown
