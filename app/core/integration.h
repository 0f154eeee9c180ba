// SPDX-License-Identifier: MIT
#pragma once

#include "outcome.h"
#include "payload.h"
#include "webhookrequest.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace hb {

class WebhookContext;
using Handler = Outcome (*)(const WebhookContext &ctx);

// Where a handler's payload comes from.
enum class PayloadSource {
    JsonBody,      // the request body is JSON, whatever the Content-Type says (JsonBodyPayload)
    JsonParam,     // a form/query parameter (payloadParam, default "payload") holds JSON
    FormFields,    // the form body and query as a flat object of strings
    None,          // the handler reads the request itself
};

enum class AuthMode { ApiKey, BasicAuth };

// A URL option the integration understands besides Zulip's common ones (branches, …).
struct UrlOption
{
    QString name;
    QString label;
    enum class Kind { Text, Bool } kind = Kind::Text;
};

// One registry line: everything Hookbench knows about an endpoint, as data.
struct IntegrationEntry
{
    QString name;                 // machine name; the URL is /api/v1/external/<name>
    QString displayName;          // "Prometheus Alertmanager"
    QStringList categories;       // keys of Zulip's CATEGORIES (see categoryDisplayName)
    Handler handler = nullptr;
    QByteArray eventHeader;       // HTTP header carrying the event type; empty = none
    QStringList eventTypes;       // supported event types (only_events/exclude_events, URL builder)
    PayloadSource payloadSource = PayloadSource::JsonBody;
    QString payloadParam = QStringLiteral("payload");
    AuthMode auth = AuthMode::ApiKey;
    QString webhookName;          // the name Zulip's messages use ("PagerDuty"); empty = displayName
    QList<UrlOption> urlOptions;
    QString dirName;              // folder under integrations/ and fixtures/; empty = name
    QString screenshotFixture;    // fixture the documentation screenshot shows; empty = first message case
    // Zulip's unquote_url_parameters: the query's `stream` and `topic` are percent-decoded once more
    // (for services that encode the URL they are given twice, such as Jira and Bitbucket).
    bool unquoteUrlParameters = false;

    QString folder() const { return dirName.isEmpty() ? name : dirName; }
    QString zulipWebhookName() const { return webhookName.isEmpty() ? displayName : webhookName; }
    QString docResource() const;  // ":/integrations/<folder>/doc.md"
    QString logoResource() const; // ":/integrations/<folder>/logo.svg"
    QString urlPath() const { return QStringLiteral("/api/v1/external/") + name; }
};

// Zulip's category keys and their display names; empty for an unknown key.
QString categoryDisplayName(QStringView key);
QStringList categoryKeys();

// The integration table. Lookups by name; entries kept in the order given (alphabetical).
class Registry final
{
public:
    Registry() = default;
    explicit Registry(QList<IntegrationEntry> entries);

    const IntegrationEntry *find(QStringView name) const;
    const QList<IntegrationEntry> &entries() const { return m_entries; }
    // Problems with the table: unsorted or duplicate names, unknown categories, no handler.
    QStringList validate() const;

private:
    QList<IntegrationEntry> m_entries;
};

// What a handler gets: the parsed payload, the event type, URL options and the clock.
class WebhookContext final
{
public:
    WebhookContext(const IntegrationEntry &entry, const WebhookRequest &request, Payload payload,
                   QString eventType, QDateTime now);

    const Payload &payload() const { return m_payload; }
    const QString &eventType() const { return m_eventType; }
    const WebhookRequest &request() const { return m_request; }
    const IntegrationEntry &integration() const { return m_entry; }
    QDateTime now() const { return m_now; }

    std::optional<QString> option(QStringView name) const { return m_request.param(name); }
    QString optionOr(QStringView name, const QString &fallback) const { return option(name).value_or(fallback); }
    std::optional<QByteArray> header(QByteArrayView name) const { return m_request.header(name); }

    // `branches=` URL option: true when the branch should notify (Zulip's is_branch_name_notifiable).
    bool isBranchNotifiable(const QString &branch) const;

private:
    const IntegrationEntry &m_entry;
    const WebhookRequest &m_request;
    Payload m_payload;
    QString m_eventType;
    QDateTime m_now;
};

// Zulip's 200 "The '<event>' event isn't currently supported by the <Name> webhook; ignoring".
NoOp unsupportedEvent(const WebhookContext &ctx, const QString &eventType);
// Zulip's AnomalousWebhookPayloadError: 400 "Unable to parse request: Did <Name> generate this event?"
WebhookError anomalousPayload(const WebhookContext &ctx);
// A plain JsonableError (400 BAD_REQUEST) with the given text.
WebhookError badRequest(const QString &msg);
// Zulip's 400 REQUEST_VARIABLE_MISSING "Missing '<name>' argument" for a required URL/form parameter.
WebhookError missingArgument(const QString &name);
// Zulip's 400 MISSING_HTTP_EVENT_HEADER "Missing the HTTP event header '<header>'".
WebhookError missingEventHeader(QByteArrayView header);

} // namespace hb
