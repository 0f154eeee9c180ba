// SPDX-License-Identifier: MIT
#include "deliveryrun.h"

#include <QEventLoop>

using namespace Qt::StringLiterals;

namespace hb {

DeliveryRun::DeliveryRun(Destination destination, int timeoutMs, QObject *parent) : QObject(parent)
{
    m_outbox.open(u":memory:"_s);
    m_forwarder = std::make_unique<Forwarder>(m_outbox, std::move(destination), policy(timeoutMs));
    connect(m_forwarder.get(), &Forwarder::delivered, this,
            [this](const OutboxItem &item, const DeliveryVerdict &v) { record(item, true, v); });
    connect(m_forwarder.get(), &Forwarder::failed, this,
            [this](const OutboxItem &item, const DeliveryVerdict &v) { record(item, false, v); });
    connect(m_forwarder.get(), &Forwarder::retrying, this,
            [this](const OutboxItem &item, const DeliveryVerdict &v, qint64 delay) { emit retrying(item.label, v.detail, delay); });
    connect(m_forwarder.get(), &Forwarder::idle, this, [this] {
        if (!m_finished) {
            m_finished = true;
            emit finished();
        }
    });
    connect(m_forwarder.get(), &Forwarder::outboxError, this, [this](const QString &error) {
        for (DeliveryReport &r : m_reports) {
            if (!r.delivered && r.verdict.detail.isEmpty())
                r.verdict.detail = error;
        }
        if (!m_finished) {
            m_finished = true;
            emit finished();
        }
    });
}

DeliveryRun::~DeliveryRun() = default;

RetryPolicy DeliveryRun::policy(int timeoutMs)
{
    return {.maxRetryAfterMs = 120000, .timeoutMs = timeoutMs, .maxAttempts = 5, .giveUpWithoutAnswer = true};
}

void DeliveryRun::start(const QList<std::pair<QByteArray, QString>> &payloads)
{
    for (const auto &[payload, label] : payloads) {
        m_reports.append({.label = label, .delivered = false, .verdict = {}});
        const auto id = m_forwarder->enqueue(payload, 0, label);
        if (!id) {
            m_reports.last().verdict.detail = m_outbox.errorString();
            continue;
        }
        m_index.insert(*id, m_reports.size() - 1);
    }
    m_forwarder->start();
}

void DeliveryRun::record(const OutboxItem &item, bool delivered, const DeliveryVerdict &verdict)
{
    const auto at = m_index.find(item.id);
    if (at == m_index.end())
        return;
    DeliveryReport &report = m_reports[*at];
    report.delivered = delivered;
    report.verdict = verdict;
}

bool DeliveryRun::allDelivered() const
{
    return std::all_of(m_reports.begin(), m_reports.end(), [](const DeliveryReport &r) { return r.delivered; });
}

QList<DeliveryReport> DeliveryRun::runAndWait(const QList<std::pair<QByteArray, QString>> &payloads)
{
    QEventLoop loop;
    connect(this, &DeliveryRun::finished, &loop, &QEventLoop::quit);
    start(payloads);
    if (!m_finished)
        loop.exec();
    return m_reports;
}

} // namespace hb
