// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include <functional>
#include <optional>

// Zulip-flavoured Markdown → the HTML Zulip's server produces (byte-identical for the cases in
// ../shared/conformance/zulip-markdown). Pure and thread-safe.
//
// What it renders as Zulip does: paragraphs with line breaks, **strong**, *em*, ~~del~~ (no
// underscore emphasis), `code` and fenced/indented code blocks, ```quote / > quotes, ```spoiler,
// tables, # headings, rules, bulleted and numbered lists (2-space nesting, hanging lists), links
// (http, https, mailto, tel, sms and relative only; others stay text), autolinks, :emoji:,
// Unicode emoji, emoticons (option), <time:…>, inline image previews (through Zulip's relative
// /thumbnail URL: nothing remote is loaded), mentions and channel/topic/message links. Raw HTML is
// always escaped.
//
// What it cannot do without Zulip's server: syntax colouring (code blocks carry
// data-code-language but no Pygments spans), TeX (rendered as Zulip renders TeX it cannot
// typeset: <span class="tex-error">), previews fetched from the network (YouTube, Vimeo, tweets,
// Dropbox, page embeds), videos, realm emoji and linkifiers.
//
// Nesting (quotes in quotes, lists in lists) is followed to a fixed depth; deeper text stays text.
// Every stage is linear or close to it in the size of the input.
namespace hb::markdown {

struct Options
{
    bool translateEmoticons = false;                       // ":)" -> 🙂 (a user setting in Zulip)
    QString realmUrl = QStringLiteral("http://zulip.testserver"); // links into it become relative
    // Mentions and channel links have no database here: these resolve names to ids when given;
    // without them, a deterministic id derived from the name is used: 100000 + the 32-bit FNV-1a
    // hash of the case-folded name in UTF-8, modulo 900000 (six digits, the same for "Ada" and
    // "ada"). User groups always get such a derived id. "@**|42**" (an id without a name) stays
    // text, since only Zulip's database knows the name.
    std::function<std::optional<qint64>(const QString &name)> userId;
    std::function<std::optional<qint64>(const QString &name)> channelId;
};

QString toHtml(const QString &markdown, const Options &options = {});

} // namespace hb::markdown
