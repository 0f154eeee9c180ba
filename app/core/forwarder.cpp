// SPDX-License-Identifier: MIT
#include "forwarder.h"

using namespace Qt::StringLiterals;

namespace hb {

Destination Destination::url(const QUrl &url)
{
    Destination d;
    d.m_kind = Kind::Url;
    d.m_url = url;
    return d;
}

Destination Destination::zulip(const ZulipAccount &account)
{
    Destination d;
    d.m_kind = Kind::Zulip;
    d.m_account = account;
    d.m_url = account.baseUrl();
    return d;
}

QString Destination::key() const
{
    return m_kind == Kind::Url ? u"forward "_s + m_url.toString(QUrl::FullyEncoded)
                               : u"zulip %1 at %2"_s.arg(m_account.email.trimmed(), m_url.toString(QUrl::FullyEncoded));
}

QString Destination::describe() const
{
    return m_kind == Kind::Url ? m_url.toDisplayString() : u"Zulip at %1"_s.arg(m_url.toDisplayString());
}

OutgoingRequest Destination::request(const QByteArray &payload) const
{
    if (m_kind == Kind::Zulip)
        return zulipSendRequest(m_account, payload);
    return {.url = m_url, .bytes = payload};
}

DeliveryVerdict Destination::judge(const HttpResult &result) const
{
    return m_kind == Kind::Zulip ? judgeZulip(result) : judgeForward(result);
}

qint64 RetryPolicy::backoffMs(int attempts) const
{
    qint64 delay = firstDelayMs;
    for (int i = 1; i < attempts && delay < maxDelayMs; ++i)
        delay *= 2;
    return qMin(delay, maxDelayMs);
}

Forwarder::Forwarder(Outbox &outbox, Destination destination, RetryPolicy policy, QObject *parent)
    : QObject(parent), m_outbox(outbox), m_destination(std::move(destination)), m_policy(policy)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &Forwarder::pump);
}

Forwarder::~Forwarder()
{
    if (m_exchange) {
        m_exchange->disconnect(this);
        delete m_exchange;
    }
}

std::optional<qint64> Forwarder::enqueue(const QByteArray &payload, qint64 captureId, const QString &label)
{
    const auto id = m_outbox.enqueue(m_destination.key(), payload, captureId, label);
    if (!id)
        emit outboxError(m_outbox.errorString());
    else
        kick();
    return id;
}

void Forwarder::start()
{
    m_started = true;
    kick();
}

void Forwarder::kick()
{
    if (!m_started || m_pumpQueued || m_exchange)
        return;
    m_pumpQueued = true;
    QMetaObject::invokeMethod(this, [this] {
        m_pumpQueued = false;
        pump();
    }, Qt::QueuedConnection);
}

void Forwarder::stop()
{
    m_stopping = true;
    m_timer.stop();
    if (!m_exchange)
        QMetaObject::invokeMethod(this, &Forwarder::stopped, Qt::QueuedConnection);
}

void Forwarder::pump()
{
    if (m_stopping || m_broken || m_exchange)
        return;
    const std::optional<OutboxItem> item = m_outbox.next(m_destination.key());
    if (!item) {
        if (!m_outbox.errorString().isEmpty()) {
            m_broken = true;
            emit outboxError(m_outbox.errorString());
        } else {
            emit idle();
        }
        return;
    }
    const qint64 wait = QDateTime::currentDateTimeUtc().msecsTo(item->nextAttemptAt);
    if (wait > 0) {
        m_timer.start(int(qMin<qint64>(wait, std::numeric_limits<int>::max())));
        return;
    }
    m_timer.stop();
    auto *exchange = new HttpExchange(this);
    m_exchange = exchange;
    connect(exchange, &HttpExchange::finished, this, [this, exchange, item = *item](const HttpResult &result) {
        exchange->deleteLater();
        m_exchange = nullptr;
        settle(item, result);
        if (m_stopping)
            emit stopped();
        else
            pump();
    });
    exchange->start(m_destination.request(item->payload), m_policy.timeoutMs);
}

void Forwarder::settle(const OutboxItem &sent, const HttpResult &result)
{
    OutboxItem item = sent;
    item.attempts += 1;
    const DeliveryVerdict verdict = m_destination.judge(result);
    item.lastError = verdict.isDelivered() ? QString() : verdict.detail;
    bool stored = true;
    if (verdict.kind == DeliveryVerdict::Kind::Delivered) {
        stored = m_outbox.markDelivered(item.id);
        if (stored)
            emit delivered(item, verdict);
    } else {
        const bool exhausted = (m_policy.maxAttempts > 0 && item.attempts >= m_policy.maxAttempts)
                               || (m_policy.giveUpWithoutAnswer && !result.response);
        if (verdict.kind == DeliveryVerdict::Kind::Failed || exhausted) {
            item.failed = true;
            stored = m_outbox.markFailed(item.id, verdict.detail);
            if (stored)
                emit failed(item, verdict);
        } else {
            const qint64 delay = verdict.retryAfterMs ? qMin(*verdict.retryAfterMs, m_policy.maxRetryAfterMs)
                                                      : m_policy.backoffMs(item.attempts);
            item.nextAttemptAt = QDateTime::currentDateTimeUtc().addMSecs(delay);
            stored = m_outbox.markRetry(item.id, verdict.detail, item.nextAttemptAt);
            if (stored)
                emit retrying(item, verdict, delay);
        }
    }
    if (!stored) {
        // Going on could send an item twice (a 2xx that was not recorded) or spin on it.
        m_broken = true;
        emit outboxError(m_outbox.errorString());
    }
}

} // namespace hb
