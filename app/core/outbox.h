// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <optional>

class QSqlQuery;

namespace hb {

// One request waiting to be delivered.
struct OutboxItem
{
    qint64 id = 0;                 // assigned by Outbox::enqueue(), never reused; delivery follows id order
    QString destination;           // Destination::key(): which forwarder sends it
    qint64 captureId = 0;          // the capture it came from, 0 if none
    QString label;                 // what it is, for messages ("capture 12", "capture 12, message 2 of 3")
    QByteArray payload;            // the request bytes (forwards) or the form body (Zulip messages)
    QDateTime createdAt;           // UTC
    int attempts = 0;
    QDateTime nextAttemptAt;       // UTC; not before this
    QString lastError;
    bool failed = false;           // given up on (a final answer such as 400): kept, not retried
};

// A persistent queue of requests to deliver, in its own SQLite file beside the capture store
// (captures.sqlite -> captures.outbox.sqlite). An item is removed only after its target answered
// 2xx; every change is one committed transaction (WAL, synchronous=FULL), so a crash or a target
// that is down loses nothing. Items that got a final non-2xx answer stay, marked failed. No
// credentials are stored: a Zulip item holds the message, and the key is added when it is sent.
// One connection per object, used from the thread that opened it.
class Outbox final
{
public:
    static constexpr int kSchemaVersion = 1;

    Outbox();
    ~Outbox();
    Outbox(const Outbox &) = delete;
    Outbox &operator=(const Outbox &) = delete;

    // "<dir>/<name>.outbox.sqlite" for "<dir>/<name>.sqlite"; ":memory:" stays ":memory:".
    static QString pathBeside(const QString &captureStorePath);

    bool open(const QString &path);
    void close();
    bool isOpen() const { return m_db.isOpen(); }
    QString path() const { return m_path; }
    QString errorString() const { return m_error; }

    std::optional<qint64> enqueue(const QString &destination, const QByteArray &payload, qint64 captureId = 0,
                                  const QString &label = {});
    // The oldest item of `destination` not given up on, due or not; nullopt when none (or on error).
    std::optional<OutboxItem> next(const QString &destination);
    bool markDelivered(qint64 id);                                  // removes it
    bool markRetry(qint64 id, const QString &error, const QDateTime &nextAttemptAt);
    bool markFailed(qint64 id, const QString &error);               // kept, no longer tried
    bool retryFailed(const QString &destination);                   // puts failed items back in the queue

    QList<OutboxItem> items(const QString &destination = {});      // every item, oldest first
    qint64 pendingCount(const QString &destination = {});          // not failed; -1 on error
    qint64 failedCount(const QString &destination = {});

private:
    bool fail(const QString &message);
    bool fail(const QString &context, const QSqlQuery &query);
    bool migrate();
    qint64 countWhere(bool failed, const QString &destination);

    QString m_connectionName;
    QSqlDatabase m_db;
    QString m_path;
    QString m_error;
};

} // namespace hb
