// SPDX-License-Identifier: MIT
#include "dispatcher.h"

#include "zuliprules.h"

#include <QUrl>

namespace hb {

namespace {

const QString kExternalPrefix = QStringLiteral("/api/v1/external/");

WebhookError unauthorized(const QString &msg)
{
    WebhookError e;
    e.status = 401;
    e.code = "UNAUTHORIZED";
    e.msg = msg;
    e.headers = {{"WWW-Authenticate", "Basic realm=\"zulip\""}};
    return e;
}

WebhookError malformedJson()
{
    WebhookError e;
    e.code = "INVALID_JSON";
    e.msg = QStringLiteral("Malformed JSON");
    return e;
}

std::optional<Payload> parsePayload(const IntegrationEntry &entry, const WebhookRequest &request,
                                    WebhookError *error)
{
    switch (entry.payloadSource) {
    case PayloadSource::JsonBody: {
        auto json = parseJson(request.body);
        if (!json) {
            *error = malformedJson();
            return std::nullopt;
        }
        return Payload(std::move(*json));
    }
    case PayloadSource::JsonParam: {
        const auto text = request.param(entry.payloadParam);
        if (!text) {
            *error = missingArgument(entry.payloadParam);
            return std::nullopt;
        }
        auto json = parseJson(text->toUtf8());
        if (!json) {
            *error = malformedJson();
            return std::nullopt;
        }
        return Payload(std::move(*json));
    }
    case PayloadSource::FormFields: {
        std::vector<JsonValue::Member> members;
        for (const auto &[k, v] : request.formFields())
            members.emplace_back(k, JsonValue::fromString(v));
        for (const auto &[k, v] : request.query)
            members.emplace_back(k, JsonValue::fromString(v));
        return Payload(JsonValue::makeObject(std::move(members)));
    }
    case PayloadSource::None:
        return Payload(JsonValue::makeObject());
    }
    return std::nullopt;
}

} // namespace

bool secretsEqual(QStringView a, QStringView b)
{
    const QByteArray x = a.toUtf8();
    const QByteArray y = b.toUtf8();
    // Compare every byte of the longer input whatever the contents, so timing reveals only lengths.
    const qsizetype n = std::max(x.size(), y.size());
    unsigned diff = unsigned(x.size() ^ y.size());
    for (qsizetype i = 0; i < n; ++i) {
        const unsigned char cx = i < x.size() ? static_cast<unsigned char>(x[i]) : 0;
        const unsigned char cy = i < y.size() ? static_cast<unsigned char>(y[i]) : 0;
        diff |= unsigned(cx ^ cy);
    }
    return diff == 0;
}

Dispatcher::Dispatcher(const Registry &registry, DispatchOptions options)
    : m_registry(registry), m_options(std::move(options))
{
}

std::optional<QString> Dispatcher::integrationName(QStringView path)
{
    if (!path.startsWith(kExternalPrefix))
        return std::nullopt;
    const QStringView name = path.sliced(kExternalPrefix.size());
    if (name.isEmpty() || name.contains(u'/'))
        return std::nullopt;
    return name.toString();
}

std::optional<WebhookError> Dispatcher::authenticate(const IntegrationEntry &entry,
                                                     const WebhookRequest &request,
                                                     QStringList *notes) const
{
    const bool enforce = !m_options.apiKey.isEmpty();
    const auto report = [&](WebhookError e) -> std::optional<WebhookError> {
        if (enforce)
            return e;
        notes->append(QStringLiteral("Zulip would answer %1: %2").arg(e.status).arg(e.msg));
        return std::nullopt;
    };
    BasicCredentials creds;
    const BasicAuthStatus basic = parseBasicAuth(request, &creds);

    if (entry.auth == AuthMode::BasicAuth) {
        switch (basic) {
        case BasicAuthStatus::Missing:
            return report(unauthorized(QStringLiteral("Missing authorization header for basic auth")));
        case BasicAuthStatus::NotBasic:
            return report(badRequest(QStringLiteral("This endpoint requires HTTP basic authentication.")));
        case BasicAuthStatus::Malformed:
            return report(unauthorized(QStringLiteral("Invalid authorization header for basic auth")));
        case BasicAuthStatus::Ok:
            if (enforce && !secretsEqual(creds.password.trimmed(), m_options.apiKey))
                return unauthorized(QStringLiteral("Invalid API key"));
            return std::nullopt;
        }
    }

    // api_key from the query or form body; HTTP Basic credentials are accepted instead.
    std::optional<QString> key = request.param(u"api_key");
    if (!key && basic == BasicAuthStatus::Ok)
        key = creds.password;
    if (!key)
        return report(missingArgument(QStringLiteral("api_key")));
    if (enforce && !secretsEqual(key->trimmed(), m_options.apiKey)) {
        WebhookError e;
        e.status = 401;
        e.code = "INVALID_API_KEY";
        e.msg = QStringLiteral("Invalid API key");
        return e;
    }
    return std::nullopt;
}

Outcome Dispatcher::dispatch(const WebhookRequest &request) const
{
    const auto name = integrationName(request.path);
    if (!name) {
        WebhookError e;
        e.status = 404;
        e.msg = QStringLiteral("Not Found: %1 is not a webhook URL (expected /api/v1/external/<integration>)")
                    .arg(request.path);
        return e;
    }
    const IntegrationEntry *entry = m_registry.find(*name);
    if (!entry) {
        WebhookError e;
        e.status = 404;
        e.msg = QStringLiteral("\"%1\" is not a valid webhook integration.").arg(*name);
        return e;
    }
    if (!entry->unquoteUrlParameters)
        return dispatchTo(*entry, request);
    WebhookRequest unquoted = request;
    for (auto &[key, value] : unquoted.query) {
        if (key == u"stream" || key == u"topic")
            value = QUrl::fromPercentEncoding(value.toUtf8());
    }
    return dispatchTo(*entry, unquoted);
}

Outcome Dispatcher::dispatchTo(const IntegrationEntry &integration, const WebhookRequest &request) const
{
    const IntegrationEntry *entry = &integration;
    if (request.method == "HEAD")
        return NoOp{QStringLiteral("HEAD request: answered with an empty success, as Zulip does for services that probe the URL"), {}, {}};

    QStringList notes;
    if (auto authError = authenticate(*entry, request, &notes))
        return *authError;

    WebhookError parseError;
    std::optional<Payload> payload = parsePayload(*entry, request, &parseError);
    if (!payload)
        return parseError;

    QString eventType;
    if (!entry->eventHeader.isEmpty()) {
        const auto value = request.header(entry->eventHeader);
        if (!value)
            return missingEventHeader(entry->eventHeader);
        eventType = QString::fromUtf8(*value);
    }

    const QDateTime now = m_options.now.value_or(
        request.receivedAt.isValid() ? request.receivedAt : QDateTime::currentDateTimeUtc());
    const WebhookContext ctx(*entry, request, std::move(*payload), eventType, now.toUTC());

    Outcome outcome = [&]() -> Outcome {
        try {
            return entry->handler(ctx);
        } catch (const PayloadError &e) {
            return badRequest(e.message());
        } catch (const std::exception &e) {
            WebhookError err;
            err.status = 500;
            err.code = "INTERNAL_SERVER_ERROR";
            err.msg = QStringLiteral("Internal server error: %1").arg(QString::fromUtf8(e.what()));
            return err;
        }
    }();
    outcome = finish(std::move(outcome), eventType, request);
    for (const QString &n : notes)
        outcome.addNote(n);
    return outcome;
}

Outcome Dispatcher::finish(Outcome outcome, const QString &requestEventType, const WebhookRequest &request) const
{
    if (!outcome.isMessage())
        return outcome;

    std::optional<QStringList> only, exclude;
    for (const auto &[param, target] : {std::pair{u"only_events", &only}, std::pair{u"exclude_events", &exclude}}) {
        if (const auto v = request.param(param)) {
            *target = zulip::parseEventList(*v);
            if (!*target)
                return badRequest(QStringLiteral("%1 is not a JSON list of strings").arg(param));
        }
    }
    std::optional<QString> stream = request.param(u"stream");
    if (!stream)
        stream = request.param(u"channel");
    if (stream && stream->trimmed().isEmpty())
        return badRequest(QStringLiteral("Channel name can't be empty."));
    const std::optional<QString> topicOverride = request.param(u"topic");

    QList<Message> kept;
    QStringList filtered;
    for (Message m : outcome.messages()) {
        const QString event = m.eventType.isEmpty() ? requestEventType : m.eventType;
        if (!event.isEmpty() && !zulip::eventPassesFilters(event, only, exclude)) {
            filtered.append(event);
            continue;
        }
        QString error;
        const auto content = zulip::normalizeContent(m.content, &error);
        if (!content)
            return badRequest(error);
        m.content = *content;
        if (!m.stream)
            m.stream = stream;
        if (m.stream) {
            const auto topic = zulip::normalizeTopic(topicOverride.value_or(m.topic), &error);
            if (!topic)
                return badRequest(error);
            m.topic = *topic;
        }
        m.eventType = event;
        kept.append(std::move(m));
    }
    if (kept.isEmpty())
        return NoOp{QStringLiteral("event '%1' filtered out by only_events/exclude_events").arg(filtered.join(u", ")), {}, {}};
    Outcome result(std::move(kept));
    for (const QString &n : outcome.notes())
        result.addNote(n);
    return result;
}

} // namespace hb
