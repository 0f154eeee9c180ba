// SPDX-License-Identifier: MIT
#pragma once

#include "forwarder.h"

#include <QObject>

#include <memory>

namespace hb {

// How one request of a DeliveryRun ended.
struct DeliveryReport
{
    QString label;
    bool delivered = false;
    DeliveryVerdict verdict;
};

// Sends a few requests now, one after the other, for `hookbench replay` and the inspector's
// Forward/Send actions: an outbox in memory (nothing is queued for later), 429 and Retry-After
// honoured, a target that does not answer reported at once. finished() follows start() once every
// request has ended, from the event loop.
class DeliveryRun final : public QObject
{
    Q_OBJECT

public:
    explicit DeliveryRun(Destination destination, int timeoutMs = 15000, QObject *parent = nullptr);
    ~DeliveryRun() override;

    static RetryPolicy policy(int timeoutMs);

    // Each payload with its label ("message 1 of 2").
    void start(const QList<std::pair<QByteArray, QString>> &payloads);
    const QList<DeliveryReport> &reports() const { return m_reports; }
    bool allDelivered() const;

    // Runs in a local event loop: for the command line.
    QList<DeliveryReport> runAndWait(const QList<std::pair<QByteArray, QString>> &payloads);

Q_SIGNALS:
    void retrying(const QString &label, const QString &detail, qint64 delayMs);
    void finished();

private:
    void record(const OutboxItem &item, bool delivered, const DeliveryVerdict &verdict);

    Outbox m_outbox;
    std::unique_ptr<Forwarder> m_forwarder;
    QHash<qint64, qsizetype> m_index; // outbox item -> report
    QList<DeliveryReport> m_reports;
    bool m_finished = false;
};

} // namespace hb
