// SPDX-License-Identifier: MIT
#include "outbox.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace hb {

namespace {

QAtomicInteger<quint64> g_connections;

OutboxItem itemFrom(const QSqlQuery &q)
{
    OutboxItem item;
    item.id = q.value(0).toLongLong();
    item.destination = q.value(1).toString();
    item.captureId = q.value(2).toLongLong();
    item.label = q.value(3).toString();
    item.payload = q.value(4).toByteArray();
    item.createdAt = QDateTime::fromMSecsSinceEpoch(q.value(5).toLongLong(), Qt::UTC);
    item.attempts = q.value(6).toInt();
    item.nextAttemptAt = QDateTime::fromMSecsSinceEpoch(q.value(7).toLongLong(), Qt::UTC);
    item.lastError = q.value(8).toString();
    item.failed = q.value(9).toBool();
    return item;
}

const char kColumns[] = "id, destination, capture_id, label, payload, created_at_ms, attempts, next_attempt_ms,"
                        " last_error, failed";

} // namespace

Outbox::Outbox() : m_connectionName(u"hookbench-outbox-%1"_s.arg(++g_connections)) {}

Outbox::~Outbox()
{
    close();
}

QString Outbox::pathBeside(const QString &captureStorePath)
{
    if (captureStorePath == u":memory:"_s)
        return captureStorePath;
    const QFileInfo info(captureStorePath);
    const QString base = info.suffix() == u"sqlite"_s || info.suffix() == u"db"_s ? info.completeBaseName() : info.fileName();
    return info.dir().filePath(base + u".outbox.sqlite"_s);
}

bool Outbox::fail(const QString &message)
{
    m_error = message;
    return false;
}

bool Outbox::fail(const QString &context, const QSqlQuery &query)
{
    return fail(u"%1: %2"_s.arg(context, query.lastError().text()));
}

bool Outbox::open(const QString &path)
{
    close();
    m_error.clear();
    m_path = path;
    if (path != u":memory:"_s && !QDir().mkpath(QFileInfo(path).absolutePath()))
        return fail(u"cannot create the folder of %1"_s.arg(path));
    if (!QSqlDatabase::isDriverAvailable(u"QSQLITE"_s))
        return fail(u"the Qt SQLite driver (QSQLITE) is not installed"_s);
    m_db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connectionName);
    m_db.setDatabaseName(path);
    m_db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=5000"_s);
    if (!m_db.open()) {
        const QString why = m_db.lastError().text();
        close();
        return fail(u"cannot open the outbox %1: %2"_s.arg(path, why));
    }
    QSqlQuery q(m_db);
    // The first read of the file: one that is not a database fails here.
    if (!q.exec(u"PRAGMA journal_mode=WAL"_s) || !q.exec(u"PRAGMA synchronous=FULL"_s) || !migrate()) {
        const QString why = m_error.isEmpty() ? q.lastError().text() : m_error;
        close();
        return fail(u"cannot open the outbox %1: %2"_s.arg(path, why));
    }
    return true;
}

void Outbox::close()
{
    if (m_db.isValid()) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

bool Outbox::migrate()
{
    QSqlQuery q(m_db);
    if (!q.exec(u"PRAGMA user_version"_s) || !q.next())
        return fail(u"reading the schema version"_s, q);
    const int version = q.value(0).toInt();
    if (version > kSchemaVersion)
        return fail(u"the outbox was written by a newer Hookbench (schema %1, this one knows %2)"_s.arg(version).arg(kSchemaVersion));
    if (version == kSchemaVersion)
        return true;
    if (!m_db.transaction())
        return fail(u"starting the migration: %1"_s.arg(m_db.lastError().text()));
    const bool ok = q.exec(u"CREATE TABLE outbox ("
                           " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                           " destination TEXT NOT NULL,"
                           " capture_id INTEGER NOT NULL DEFAULT 0,"
                           " label TEXT NOT NULL DEFAULT '',"
                           " payload BLOB NOT NULL,"
                           " created_at_ms INTEGER NOT NULL,"
                           " attempts INTEGER NOT NULL DEFAULT 0,"
                           " next_attempt_ms INTEGER NOT NULL DEFAULT 0,"
                           " last_error TEXT NOT NULL DEFAULT '',"
                           " failed INTEGER NOT NULL DEFAULT 0)"_s)
                    && q.exec(u"CREATE INDEX outbox_queue ON outbox (destination, failed, id)"_s)
                    && q.exec(u"PRAGMA user_version = %1"_s.arg(kSchemaVersion));
    if (!ok) {
        const QString why = q.lastError().text();
        m_db.rollback();
        return fail(u"creating the outbox table: %1"_s.arg(why));
    }
    return m_db.commit() || fail(u"committing the migration: %1"_s.arg(m_db.lastError().text()));
}

std::optional<qint64> Outbox::enqueue(const QString &destination, const QByteArray &payload, qint64 captureId,
                                      const QString &label)
{
    QSqlQuery q(m_db);
    q.prepare(u"INSERT INTO outbox (destination, capture_id, label, payload, created_at_ms) VALUES (?, ?, ?, ?, ?)"_s);
    q.addBindValue(destination);
    q.addBindValue(captureId);
    q.addBindValue(label.isNull() ? u""_s : label); // NOT NULL columns: a null QString binds as NULL
    q.addBindValue(payload.isNull() ? QByteArray("") : payload);
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    if (!q.exec()) {
        fail(u"adding to the outbox"_s, q);
        return std::nullopt;
    }
    return q.lastInsertId().toLongLong();
}

std::optional<OutboxItem> Outbox::next(const QString &destination)
{
    QSqlQuery q(m_db);
    q.prepare(u"SELECT %1 FROM outbox WHERE destination = ? AND failed = 0 ORDER BY id LIMIT 1"_s.arg(QLatin1StringView(kColumns)));
    q.addBindValue(destination);
    if (!q.exec()) {
        fail(u"reading the outbox"_s, q);
        return std::nullopt;
    }
    m_error.clear();
    if (!q.next())
        return std::nullopt;
    return itemFrom(q);
}

bool Outbox::markDelivered(qint64 id)
{
    QSqlQuery q(m_db);
    q.prepare(u"DELETE FROM outbox WHERE id = ?"_s);
    q.addBindValue(id);
    return q.exec() || fail(u"removing a delivered item"_s, q);
}

bool Outbox::markRetry(qint64 id, const QString &error, const QDateTime &nextAttemptAt)
{
    QSqlQuery q(m_db);
    q.prepare(u"UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_ms = ? WHERE id = ?"_s);
    q.addBindValue(error.isNull() ? u""_s : error);
    q.addBindValue(nextAttemptAt.toMSecsSinceEpoch());
    q.addBindValue(id);
    return q.exec() || fail(u"rescheduling an item"_s, q);
}

bool Outbox::markFailed(qint64 id, const QString &error)
{
    QSqlQuery q(m_db);
    q.prepare(u"UPDATE outbox SET attempts = attempts + 1, last_error = ?, failed = 1 WHERE id = ?"_s);
    q.addBindValue(error.isNull() ? u""_s : error);
    q.addBindValue(id);
    return q.exec() || fail(u"marking an item failed"_s, q);
}

bool Outbox::retryFailed(const QString &destination)
{
    QSqlQuery q(m_db);
    q.prepare(u"UPDATE outbox SET failed = 0, next_attempt_ms = 0 WHERE failed = 1 AND destination = ?"_s);
    q.addBindValue(destination);
    return q.exec() || fail(u"requeueing failed items"_s, q);
}

QList<OutboxItem> Outbox::items(const QString &destination)
{
    QSqlQuery q(m_db);
    q.prepare(u"SELECT %1 FROM outbox WHERE ? = '' OR destination = ? ORDER BY id"_s.arg(QLatin1StringView(kColumns)));
    q.addBindValue(destination.isNull() ? u""_s : destination);
    q.addBindValue(destination.isNull() ? u""_s : destination);
    QList<OutboxItem> out;
    if (!q.exec()) {
        fail(u"reading the outbox"_s, q);
        return out;
    }
    while (q.next())
        out.append(itemFrom(q));
    return out;
}

qint64 Outbox::countWhere(bool failed, const QString &destination)
{
    QSqlQuery q(m_db);
    q.prepare(u"SELECT COUNT(*) FROM outbox WHERE failed = ? AND (? = '' OR destination = ?)"_s);
    q.addBindValue(failed ? 1 : 0);
    q.addBindValue(destination.isNull() ? u""_s : destination);
    q.addBindValue(destination.isNull() ? u""_s : destination);
    if (!q.exec() || !q.next()) {
        fail(u"counting the outbox"_s, q);
        return -1;
    }
    return q.value(0).toLongLong();
}

qint64 Outbox::pendingCount(const QString &destination)
{
    return countWhere(false, destination);
}

qint64 Outbox::failedCount(const QString &destination)
{
    return countWhere(true, destination);
}

} // namespace hb
