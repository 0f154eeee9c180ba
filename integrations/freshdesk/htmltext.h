// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace hb::integrations::freshdesk {

// Freshdesk sends ticket descriptions as HTML. Zulip turns them into Markdown the way the
// html2text library does (paragraphs, line breaks, emphasis, links and images; lines wrapped at 78
// columns), then strips the result. This reproduces that for the HTML Freshdesk produces.
QString htmlToMarkdown(const QString &html);

} // namespace hb::integrations::freshdesk
