// SPDX-License-Identifier: MIT
#pragma once

#include "integration.h"
#include "outcome.h"
#include "webhookrequest.h"

#include <QDateTime>
#include <QString>

#include <optional>

namespace hb {

struct DispatchOptions
{
    // The key webhook requests must carry. Empty: any key is accepted, and a request without one
    // is still processed (its outcome notes the error Zulip would give).
    QString apiKey;
    // A fixed clock for time-dependent messages (`--now`); otherwise the request's arrival time.
    std::optional<QDateTime> now;
};

// The one place where Zulip's webhook rules live: routing, authentication, body parsing, the
// event header, URL options (stream, topic, only_events, exclude_events) and message limits.
// Pure: no I/O, safe to call from any thread.
class Dispatcher final
{
public:
    explicit Dispatcher(const Registry &registry, DispatchOptions options = {});

    Outcome dispatch(const WebhookRequest &request) const;

    // "/api/v1/external/<name>" -> name; nullopt for any other path.
    static std::optional<QString> integrationName(QStringView path);
    const Registry &registry() const { return m_registry; }
    const DispatchOptions &options() const { return m_options; }

private:
    Outcome dispatchTo(const IntegrationEntry &entry, const WebhookRequest &request) const;
    std::optional<WebhookError> authenticate(const IntegrationEntry &entry, const WebhookRequest &request,
                                             QStringList *notes) const;
    Outcome finish(Outcome outcome, const QString &requestEventType, const WebhookRequest &request) const;

    const Registry &m_registry;
    DispatchOptions m_options;
};

// Constant-time comparison of secrets.
bool secretsEqual(QStringView a, QStringView b);

} // namespace hb
