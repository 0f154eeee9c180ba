// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include <functional>
#include <optional>

// Zulip-flavoured Markdown → the HTML Zulip's server produces (byte-identical for the cases in
// ../shared/conformance/zulip-markdown). Pure and thread-safe.
namespace hb::markdown {

struct Options
{
    bool translateEmoticons = false;                       // ":)" -> 🙂 (a user setting in Zulip)
    QString realmUrl = QStringLiteral("http://zulip.testserver"); // links into it become relative
    // Mentions and channel links have no database here: these resolve names to ids when given;
    // without them, a deterministic id derived from the name is used.
    std::function<std::optional<qint64>(const QString &name)> userId;
    std::function<std::optional<qint64>(const QString &name)> channelId;
};

QString toHtml(const QString &markdown, const Options &options = {});

} // namespace hb::markdown
