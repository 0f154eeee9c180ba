// SPDX-License-Identifier: MIT
#pragma once

#include "zulipclient.h"

#include <QString>
#include <QUrl>

#include <optional>

class QCommandLineParser;

namespace hb::cli {

// Where `replay` and `listen` send requests or messages: --to / --forward-to URL, a Zulip bot
// (--zulip-site, --zulip-email, --zulip-api-key, or --zuliprc FILE; flags win over the file), and
// where its messages go (--stream, --topic, --direct-to).
struct ForwardTargets
{
    std::optional<QUrl> url;
    std::optional<ZulipAccount> zulip;
    ZulipRouting routing;
    int timeoutMs = 15000;

    bool any() const { return url || zulip; }
};

// urlOption: "to" for replay, "forward-to" for listen.
void addForwardOptions(QCommandLineParser &parser, const QString &urlOption);
// nullopt with *error (a usage error) when the options do not fit together or a file is unreadable.
std::optional<ForwardTargets> forwardTargets(const QCommandLineParser &parser, const QString &urlOption,
                                             bool allowBoth, QString *error);

} // namespace hb::cli
