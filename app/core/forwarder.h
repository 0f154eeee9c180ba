// SPDX-License-Identifier: MIT
#pragma once

#include "httpexchange.h"
#include "outbox.h"
#include "zulipclient.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <limits>

namespace hb {

// Where an outbox's items go: a URL that receives recorded requests as they were sent, or a Zulip
// server that receives messages through its REST API.
class Destination final
{
public:
    enum class Kind { Url, Zulip };

    static Destination url(const QUrl &url);
    static Destination zulip(const ZulipAccount &account);

    Kind kind() const { return m_kind; }
    QUrl targetUrl() const { return m_url; }
    const ZulipAccount &account() const { return m_account; }
    // The outbox's name for it: "forward <url>" or "zulip <email> at <base url>" (no secrets).
    QString key() const;
    QString describe() const;      // for messages: the URL, or "Zulip at <base url>"

    // The request an item's payload becomes (for a URL, the payload is the request's bytes).
    OutgoingRequest request(const QByteArray &payload) const;
    DeliveryVerdict judge(const HttpResult &result) const;

private:
    Kind m_kind = Kind::Url;
    QUrl m_url;
    ZulipAccount m_account;
};

struct RetryPolicy
{
    qint64 firstDelayMs = 1000;        // after the first failure; doubles each time
    qint64 maxDelayMs = 5 * 60 * 1000;
    qint64 maxRetryAfterMs = 60 * 60 * 1000; // a longer Retry-After is cut to this
    int timeoutMs = 15000;             // one attempt: connect, send, answer
    int maxAttempts = 0;               // 0: keep trying (the outbox keeps the item meanwhile)
    bool giveUpWithoutAnswer = false;  // no HTTP answer at all (refused, timeout): give up at once

    qint64 backoffMs(int attempts) const; // the delay after `attempts` failed attempts
};

// Delivers one destination's outbox items, oldest first and one at a time (a later item never
// overtakes an earlier one): sends, removes the item after a 2xx, reschedules it with exponential
// backoff (or the target's Retry-After) after a failure worth retrying, marks it failed after a
// final answer. Lives in the thread of its Outbox.
class Forwarder final : public QObject
{
    Q_OBJECT

public:
    Forwarder(Outbox &outbox, Destination destination, RetryPolicy policy = {}, QObject *parent = nullptr);
    ~Forwarder() override;

    const Destination &destination() const { return m_destination; }
    std::optional<qint64> enqueue(const QByteArray &payload, qint64 captureId = 0, const QString &label = {});

    void start();                  // delivers what the outbox holds, then waits for more
    void kick();                   // something was enqueued (enqueue() kicks already)
    // Makes no new attempt; stopped() follows when the attempt under way (if any) has ended.
    void stop();
    bool isSending() const { return m_exchange != nullptr; }
    bool isStopped() const { return m_stopping && !m_exchange; }

Q_SIGNALS:
    void delivered(const hb::OutboxItem &item, const hb::DeliveryVerdict &verdict);
    void retrying(const hb::OutboxItem &item, const hb::DeliveryVerdict &verdict, qint64 delayMs);
    void failed(const hb::OutboxItem &item, const hb::DeliveryVerdict &verdict);
    void idle();                   // nothing left to send
    void outboxError(const QString &error); // the outbox cannot be read or updated: sending stops
    void stopped();

private:
    void pump();
    void settle(const OutboxItem &item, const HttpResult &result);

    Outbox &m_outbox;
    Destination m_destination;
    RetryPolicy m_policy;
    QTimer m_timer;
    QPointer<HttpExchange> m_exchange;
    bool m_started = false;
    bool m_stopping = false;
    bool m_broken = false;
    bool m_pumpQueued = false;
};

} // namespace hb
