// SPDX-License-Identifier: MIT
#pragma once

#include "httpexchange.h"
#include "outcome.h"

#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace hb {

// A bot's credentials on a Zulip server, as a zuliprc file or the command line gives them.
struct ZulipAccount
{
    QString site;                  // "chat.example.com", "https://chat.example.com", "localhost:9991"…
    QString email;
    QString apiKey;

    // The server's base URL as Zulip's Python bindings derive it from `site`: "localhost…" gets
    // http://, anything else without a scheme https://, trailing slashes and a final /api dropped.
    QUrl baseUrl() const;
    // What is missing or unusable, empty when the account can be used.
    QString problem() const;
};

// One message for POST /api/v1/messages.
struct ZulipMessage
{
    enum class Type { Stream, Direct };
    Type type = Type::Stream;
    QString stream;                // Type::Stream: the channel's name
    QString topic;
    QStringList recipients;        // Type::Direct: e-mail addresses
    QString content;

    // The form body: type, to, topic (stream messages), content. "stream" and "private" are the
    // type names every Zulip version accepts; `to` of a direct message is a JSON list of e-mails.
    QByteArray formBody() const;
};

// Where the messages of an outcome go. An outcome's message names its stream (from the request's
// ?stream=) or none: Zulip sends those as direct messages to the bot's owner, whom the REST API
// cannot name, so they go to `directTo` (or, without it, are refused with a clear error).
struct ZulipRouting
{
    QString stream;                // overrides every message's stream
    QString topic;                 // overrides every message's topic
    QStringList directTo;          // recipients of messages without a stream
};

// The messages to post for an outcome; an empty list for no-ops and errors. nullopt (with *error)
// when a message has no stream and routing.directTo is empty.
std::optional<QList<ZulipMessage>> zulipMessagesFor(const Outcome &outcome, const ZulipRouting &routing,
                                                     QString *error);
std::optional<ZulipMessage> zulipMessageFor(const Message &message, const ZulipRouting &routing, QString *error);

// The complete request for a message body: POST <base>/api/v1/messages with HTTP Basic
// authentication (email:api key), form-encoded.
OutgoingRequest zulipSendRequest(const ZulipAccount &account, const QByteArray &formBody);

// How a delivery attempt ended, for the caller's retry logic.
struct DeliveryVerdict
{
    enum class Kind { Delivered, Retry, Failed };
    Kind kind = Kind::Failed;
    int status = 0;                // HTTP status, 0 without an answer
    QString detail;                // Zulip's msg (and code), or the network error
    std::optional<qint64> retryAfterMs; // from Retry-After (header, or the JSON "retry-after")
    qint64 messageId = 0;          // Zulip's id of the message sent
    QByteArray responseBody;       // what the target answered (empty without an answer)

    bool isDelivered() const { return kind == Kind::Delivered; }
};

// The Retry-After header as milliseconds: delay-seconds (fractions allowed) or an HTTP date.
std::optional<qint64> retryAfterMs(const HttpResponse &response);

// Any 2xx delivers; 408, 425, 429 and 5xx and network failures are worth another try; other answers
// are final.
DeliveryVerdict judgeForward(const HttpResult &result);
// As judgeForward, but success also needs Zulip's {"result":"success"}; errors carry Zulip's msg and code.
DeliveryVerdict judgeZulip(const HttpResult &result);

} // namespace hb
