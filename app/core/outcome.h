// SPDX-License-Identifier: MIT
#pragma once

#include "webhookrequest.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace hb {

// One Zulip message. Handlers fill topic and content (and, rarely, stream); the dispatcher fills
// in the stream from the URL and applies Zulip's topic override, filters and length limits.
struct Message
{
    QString topic;
    QString content;
    std::optional<QString> stream;   // nullopt after dispatch = direct message to the bot owner
    QString eventType;               // complete_event_type for only_events/exclude_events; empty = the request's
};

// Nothing to post: a filtered event, an ignored action, or Zulip's "isn't currently supported".
struct NoOp
{
    QString reason;
    QByteArray code;                 // set for answers Zulip gives with a code, e.g. UNSUPPORTED_WEBHOOK_EVENT_TYPE
    QList<std::pair<QString, QString>> data; // extra fields of that answer (webhook_name, event_type)
};

// An error answer in Zulip's JSON shape.
struct WebhookError
{
    int status = 400;
    QByteArray code = "BAD_REQUEST";
    QString msg;
    QList<std::pair<QString, QString>> data; // extra JSON fields (var_name, header, webhook_name…)
    HeaderList headers;                      // extra HTTP headers (WWW-Authenticate…)
};

class Outcome final
{
public:
    enum class Kind { Message, NoOp, Error };

    Outcome(Message m) : m_kind(Kind::Message), m_messages{std::move(m)} {}
    Outcome(QList<Message> ms);      // an empty list is a no-op
    Outcome(NoOp n) : m_kind(Kind::NoOp), m_noop(std::move(n)) {}
    Outcome(WebhookError e) : m_kind(Kind::Error), m_error(std::move(e)) {}

    Kind kind() const { return m_kind; }
    bool isMessage() const { return m_kind == Kind::Message; }
    bool isNoOp() const { return m_kind == Kind::NoOp; }
    bool isError() const { return m_kind == Kind::Error; }

    const QList<Message> &messages() const { return m_messages; }
    QList<Message> &messages() { return m_messages; }
    const NoOp &noop() const { return m_noop; }
    const WebhookError &error() const { return m_error; }

    // Remarks for the capture: what Zulip would have answered differently (e.g. no api_key).
    const QStringList &notes() const { return m_notes; }
    void addNote(const QString &note) { m_notes.append(note); }

    static QString kindName(Kind k);

    // `render --format json` / conformance report shape (design brief §3).
    QByteArray toJson() const;
    // The HTTP answer Zulip would give.
    int httpStatus() const;
    QByteArray httpBody() const;
    HeaderList httpHeaders() const;

private:
    Kind m_kind;
    QList<Message> m_messages;
    NoOp m_noop;
    WebhookError m_error;
    QStringList m_notes;
};

} // namespace hb
