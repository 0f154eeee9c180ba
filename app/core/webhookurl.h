// SPDX-License-Identifier: MIT
#pragma once

#include "integration.h"

#include <QString>
#include <QStringList>

namespace hb {

// What Zulip's "Generate URL for an integration" dialog asks for.
struct WebhookUrlSpec
{
    QString baseUrl;                       // "http://127.0.0.1:9991"
    QString apiKey;                        // empty: the API_KEY placeholder
    QString stream;                        // empty: direct messages to the bot owner
    QString topic;                         // only with a stream, as Zulip's dialog
    enum class Filter { None, Only, Exclude } filter = Filter::None;
    QStringList events;                    // for only_events / exclude_events
    QList<std::pair<QString, QString>> options; // the integration's own URL options (name, value)
};

// The URL, with every value percent-encoded and the event list as Zulip's JSON list.
QString buildWebhookUrl(const IntegrationEntry &entry, const WebhookUrlSpec &spec);

} // namespace hb
