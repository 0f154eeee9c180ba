// SPDX-License-Identifier: MIT
#include "capturestore.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QUuid>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace hb {

namespace {

// Schema history. A migration turns version N-1 into N; a new file runs them all, so the upgrade
// path is exercised on every first start, not only on old files.
//   1: the first layout.
//   2: adds remote_port and pinned, and an index for the outcome filter.
const char *const kMigrations[] = {
    // 0 -> 1
    "CREATE TABLE captures ("
    " id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " received_at_ms INTEGER NOT NULL,"
    " method TEXT NOT NULL,"
    " target BLOB NOT NULL,"
    " path TEXT NOT NULL,"
    " query BLOB NOT NULL,"
    " headers BLOB NOT NULL,"
    " body BLOB NOT NULL,"
    " body_size INTEGER NOT NULL,"
    " remote_address TEXT NOT NULL,"
    " outcome_kind TEXT NOT NULL,"
    " integration TEXT NOT NULL,"
    " http_status INTEGER NOT NULL,"
    " outcome_json TEXT NOT NULL,"
    " response_body BLOB NOT NULL,"
    " duration_us INTEGER NOT NULL);"
    "CREATE INDEX captures_by_integration ON captures(integration, id);",
    // 1 -> 2
    "ALTER TABLE captures ADD COLUMN remote_port INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE captures ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0;"
    "CREATE INDEX captures_by_outcome ON captures(outcome_kind, id);"
    "CREATE INDEX captures_pinned ON captures(id) WHERE pinned = 1;",
};
static_assert(std::size(kMigrations) == CaptureStore::kSchemaVersion);

const QString kColumns = u"id, received_at_ms, method, target, path, query, headers, %1, body_size,"
                         " remote_address, remote_port, outcome_kind, integration, http_status,"
                         " %2, %3, duration_us, pinned"_s;

QString kindKey(Outcome::Kind kind)
{
    return Outcome::kindName(kind);
}

Outcome::Kind kindFromKey(const QString &key)
{
    if (key == u"message")
        return Outcome::Kind::Message;
    if (key == u"noop")
        return Outcome::Kind::NoOp;
    return Outcome::Kind::Error;
}

Capture readCapture(const QSqlQuery &q)
{
    Capture c;
    c.id = q.value(0).toLongLong();
    c.receivedAt = QDateTime::fromMSecsSinceEpoch(q.value(1).toLongLong(), Qt::UTC);
    c.method = q.value(2).toString().toLatin1();
    c.target = q.value(3).toByteArray();
    c.path = q.value(4).toString();
    c.query = q.value(5).toByteArray();
    c.headers = CaptureStore::decodeHeaders(q.value(6).toByteArray());
    c.body = q.value(7).toByteArray();
    c.bodySize = q.value(8).toLongLong();
    c.remoteAddress = q.value(9).toString();
    c.remotePort = quint16(q.value(10).toUInt());
    c.outcomeKind = kindFromKey(q.value(11).toString());
    c.integration = q.value(12).toString();
    c.httpStatus = q.value(13).toInt();
    c.outcomeJson = q.value(14).toString().toUtf8();
    c.responseBody = q.value(15).toByteArray();
    c.durationUs = q.value(16).toLongLong();
    c.pinned = q.value(17).toBool();
    return c;
}

// The SQLite driver binds a null QString or QByteArray as NULL; the columns want '' instead.
QVariant text(const QString &s)
{
    return s.isNull() ? QVariant(u""_s) : QVariant(s);
}

QVariant blob(const QByteArray &b)
{
    return b.isNull() ? QVariant(QByteArray("", 0)) : QVariant(b);
}

// LIKE pattern for a plain substring: % and _ lose their meaning.
QString likePattern(const QString &text)
{
    QString escaped = text;
    escaped.replace(u'\\', u"\\\\"_s).replace(u'%', u"\\%"_s).replace(u'_', u"\\_"_s);
    return u'%' + escaped + u'%';
}

struct WhereClause
{
    QString sql;
    QVariantList values;
};

WhereClause whereClause(const CaptureFilter &filter, qint64 beforeId = 0, qint64 afterId = 0)
{
    QStringList terms;
    WhereClause w;
    if (!filter.integration.isEmpty()) {
        terms << u"integration = ?"_s;
        w.values << filter.integration;
    }
    if (filter.outcomeKind) {
        terms << u"outcome_kind = ?"_s;
        w.values << kindKey(*filter.outcomeKind);
    }
    if (filter.pinned) {
        terms << u"pinned = ?"_s;
        w.values << int(*filter.pinned);
    }
    if (!filter.text.isEmpty()) {
        // LIKE does not look into BLOBs, so they are read as text, which ends at a NUL byte;
        // instr() also finds the exact bytes anywhere in a binary body.
        terms << u"(path LIKE ? ESCAPE '\\' OR CAST(target AS TEXT) LIKE ? ESCAPE '\\'"
                 " OR CAST(headers AS TEXT) LIKE ? ESCAPE '\\' OR CAST(body AS TEXT) LIKE ? ESCAPE '\\'"
                 " OR instr(body, ?) > 0)"_s;
        const QString pattern = likePattern(filter.text);
        w.values << pattern << pattern << pattern << pattern << filter.text.toUtf8();
    }
    if (beforeId > 0) {
        terms << u"id < ?"_s;
        w.values << beforeId;
    }
    if (afterId > 0) {
        terms << u"id > ?"_s;
        w.values << afterId;
    }
    if (!terms.isEmpty())
        w.sql = u" WHERE "_s + terms.join(u" AND "_s);
    return w;
}

} // namespace

CaptureStore::CaptureStore()
    : m_connectionName(u"hookbench-captures-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces))
{
}

CaptureStore::~CaptureStore()
{
    close();
}

QString CaptureStore::defaultPath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(u"captures.sqlite"_s);
}

bool CaptureStore::isOpen() const
{
    return m_db.isValid() && m_db.isOpen();
}

void CaptureStore::close()
{
    m_insert.reset();
    if (m_db.isValid()) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

bool CaptureStore::fail(const QString &message)
{
    m_error = message;
    return false;
}

bool CaptureStore::fail(const QString &context, const QSqlQuery &query)
{
    return fail(u"%1: %2"_s.arg(context, query.lastError().text()));
}

bool CaptureStore::exec(const QString &sql)
{
    QSqlQuery q(m_db);
    if (!q.exec(sql))
        return fail(u"%1 (%2)"_s.arg(q.lastError().text(), sql.left(60)));
    return true;
}

bool CaptureStore::open(const QString &requestedPath)
{
    close();
    m_error.clear();
    m_path = requestedPath.isEmpty() ? defaultPath() : requestedPath;
    const bool inMemory = m_path == u":memory:";
    if (!inMemory) {
        const QString dir = QFileInfo(m_path).absolutePath();
        if (!QDir().mkpath(dir))
            return fail(u"cannot create the folder %1"_s.arg(dir));
    }
    if (!QSqlDatabase::isDriverAvailable(u"QSQLITE"_s))
        return fail(u"the Qt SQLite driver (QSQLITE) is not installed"_s);
    m_db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connectionName);
    m_db.setDatabaseName(m_path);
    m_db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=5000"_s);
    if (!m_db.open()) {
        const QString why = m_db.lastError().text();
        close();
        return fail(u"cannot open %1: %2"_s.arg(m_path, why));
    }
    if (!configure() || !migrate()) {
        const QString why = m_error;
        close();
        return fail(u"cannot open %1: %2"_s.arg(m_path, why));
    }
    m_insert = std::make_unique<QSqlQuery>(m_db);
    if (!m_insert->prepare(u"INSERT INTO captures (received_at_ms, method, target, path, query, headers, body,"
                           " body_size, remote_address, remote_port, outcome_kind, integration, http_status,"
                           " outcome_json, response_body, duration_us, pinned)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s)) {
        const QString why = m_insert->lastError().text();
        close();
        return fail(u"cannot open %1: %2"_s.arg(m_path, why));
    }
    return true;
}

bool CaptureStore::configure()
{
    QSqlQuery q(m_db);
    // Also the first read of the file: a file that is not a database fails here.
    if (!q.exec(u"PRAGMA journal_mode=WAL"_s) || !q.next())
        return fail(u"setting WAL mode"_s, q);
    const QString mode = q.value(0).toString().toLower();
    if (mode != u"wal" && !(m_path == u":memory:" && mode == u"memory"))
        return fail(u"the database refused WAL mode (journal mode is %1)"_s.arg(mode));
    // In WAL mode, NORMAL syncs at checkpoints only: a commit survives a killed process (the WAL
    // is written before COMMIT returns), though not necessarily a power cut.
    return exec(u"PRAGMA synchronous=NORMAL"_s);
}

std::optional<int> CaptureStore::userVersion()
{
    QSqlQuery q(m_db);
    if (!q.exec(u"PRAGMA user_version"_s) || !q.next()) {
        fail(u"reading the schema version"_s, q);
        return std::nullopt;
    }
    return q.value(0).toInt();
}

bool CaptureStore::migrate()
{
    // IMMEDIATE: two processes opening a fresh file at once must not both migrate it.
    if (!exec(u"BEGIN IMMEDIATE"_s))
        return false;
    const auto version = userVersion();
    bool ok = version.has_value();
    if (ok && *version > kSchemaVersion) {
        ok = fail(u"the file has schema version %1, newer than this Hookbench knows (%2)"_s
                      .arg(*version).arg(kSchemaVersion));
    }
    for (int v = ok ? *version : kSchemaVersion; ok && v < kSchemaVersion; ++v) {
        // QSqlQuery runs one statement at a time.
        const QStringList statements = QString::fromLatin1(kMigrations[v]).split(u';', Qt::SkipEmptyParts);
        for (const QString &statement : statements)
            ok = ok && exec(statement);
        ok = ok && exec(u"PRAGMA user_version = %1"_s.arg(v + 1));
        if (!ok)
            m_error = u"migrating from schema version %1: %2"_s.arg(v).arg(m_error);
    }
    if (!ok) {
        const QString why = m_error;
        exec(u"ROLLBACK"_s);
        return fail(why);
    }
    return exec(u"COMMIT"_s);
}

std::optional<qint64> CaptureStore::insert(const Capture &c)
{
    QSqlQuery &q = *m_insert;
    const QVariantList values{
        c.receivedAt.isValid() ? c.receivedAt.toMSecsSinceEpoch() : QDateTime::currentMSecsSinceEpoch(),
        text(QString::fromLatin1(c.method)), blob(c.target), text(c.path), blob(c.query),
        blob(encodeHeaders(c.headers)), blob(c.body), c.bodySize, text(c.remoteAddress), int(c.remotePort),
        kindKey(c.outcomeKind), text(c.integration), c.httpStatus, text(QString::fromUtf8(c.outcomeJson)),
        blob(c.responseBody), c.durationUs, int(c.pinned),
    };
    for (int i = 0; i < values.size(); ++i)
        q.bindValue(i, values.at(i));
    if (!q.exec()) {
        fail(u"storing the capture"_s, q);
        q.finish();
        return std::nullopt;
    }
    const qint64 id = q.lastInsertId().toLongLong();
    q.finish();
    return id;
}

std::optional<qint64> CaptureStore::append(const Capture &c)
{
    if (!isOpen() || !m_insert) {
        fail(u"the capture store is not open"_s);
        return std::nullopt;
    }
    // A single INSERT outside BEGIN is its own transaction: committed (in the WAL) when exec()
    // returns.
    return insert(c);
}

std::optional<QList<qint64>> CaptureStore::appendAll(const QList<Capture> &captures)
{
    if (!isOpen() || !m_insert) {
        fail(u"the capture store is not open"_s);
        return std::nullopt;
    }
    if (captures.size() == 1) {
        const auto id = insert(captures.first());
        return id ? std::optional(QList<qint64>{*id}) : std::nullopt;
    }
    if (!exec(u"BEGIN"_s))
        return std::nullopt;
    QList<qint64> ids;
    ids.reserve(captures.size());
    for (const Capture &c : captures) {
        const auto id = insert(c);
        if (!id) {
            const QString why = m_error;
            exec(u"ROLLBACK"_s);
            fail(why);
            return std::nullopt;
        }
        ids.append(*id);
    }
    if (!exec(u"COMMIT"_s)) {
        const QString why = m_error;
        exec(u"ROLLBACK"_s);
        fail(why);
        return std::nullopt;
    }
    return ids;
}

std::optional<Capture> CaptureStore::byId(qint64 id)
{
    m_error.clear();
    if (!isOpen()) {
        fail(u"the capture store is not open"_s);
        return std::nullopt;
    }
    QSqlQuery q(m_db);
    q.prepare(u"SELECT "_s + kColumns.arg(u"body"_s, u"outcome_json"_s, u"response_body"_s)
              + u" FROM captures WHERE id = ?"_s);
    q.addBindValue(id);
    if (!q.exec()) {
        fail(u"reading capture %1"_s.arg(id), q);
        return std::nullopt;
    }
    if (!q.next())
        return std::nullopt;
    return readCapture(q);
}

QList<Capture> CaptureStore::page(const CaptureFilter &filter, const CapturePage &spec)
{
    m_error.clear();
    if (!isOpen()) {
        fail(u"the capture store is not open"_s);
        return {};
    }
    const WhereClause where = whereClause(filter, spec.beforeId, spec.afterId);
    const QString columns = spec.withBodies ? kColumns.arg(u"body"_s, u"outcome_json"_s, u"response_body"_s)
                                            : kColumns.arg(u"X''"_s, u"''"_s, u"X''"_s);
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(u"SELECT "_s + columns + u" FROM captures"_s + where.sql
              + u" ORDER BY id DESC LIMIT ? OFFSET ?"_s);
    for (const QVariant &v : where.values)
        q.addBindValue(v);
    q.addBindValue(spec.limit < 0 ? -1 : spec.limit);
    q.addBindValue(std::max(0, spec.offset));
    if (!q.exec()) {
        fail(u"listing captures"_s, q);
        return {};
    }
    QList<Capture> out;
    if (spec.limit > 0)
        out.reserve(std::min(spec.limit, 1000));
    while (q.next())
        out.append(readCapture(q));
    return out;
}

qint64 CaptureStore::count(const CaptureFilter &filter)
{
    m_error.clear();
    if (!isOpen()) {
        fail(u"the capture store is not open"_s);
        return -1;
    }
    const WhereClause where = whereClause(filter);
    QSqlQuery q(m_db);
    q.prepare(u"SELECT count(*) FROM captures"_s + where.sql);
    for (const QVariant &v : where.values)
        q.addBindValue(v);
    if (!q.exec() || !q.next()) {
        fail(u"counting captures"_s, q);
        return -1;
    }
    return q.value(0).toLongLong();
}

QList<qint64> CaptureStore::ids(const CaptureFilter &filter, qint64 afterId)
{
    m_error.clear();
    if (!isOpen()) {
        fail(u"the capture store is not open"_s);
        return {};
    }
    const WhereClause where = whereClause(filter, 0, afterId);
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(u"SELECT id FROM captures"_s + where.sql + u" ORDER BY id DESC"_s);
    for (const QVariant &v : where.values)
        q.addBindValue(v);
    if (!q.exec()) {
        fail(u"listing capture ids"_s, q);
        return {};
    }
    QList<qint64> out;
    while (q.next())
        out.append(q.value(0).toLongLong());
    return out;
}

bool CaptureStore::execChanging(QSqlQuery &q, qint64 id)
{
    if (!q.exec())
        return fail(u"changing capture %1"_s.arg(id), q);
    if (q.numRowsAffected() == 0)
        return fail(u"there is no capture %1"_s.arg(id));
    return true;
}

bool CaptureStore::remove(qint64 id)
{
    m_error.clear();
    if (!isOpen())
        return fail(u"the capture store is not open"_s);
    QSqlQuery q(m_db);
    q.prepare(u"DELETE FROM captures WHERE id = ?"_s);
    q.addBindValue(id);
    return execChanging(q, id);
}

bool CaptureStore::setPinned(qint64 id, bool pinned)
{
    m_error.clear();
    if (!isOpen())
        return fail(u"the capture store is not open"_s);
    QSqlQuery q(m_db);
    q.prepare(u"UPDATE captures SET pinned = ? WHERE id = ?"_s);
    q.addBindValue(int(pinned));
    q.addBindValue(id);
    return execChanging(q, id);
}

bool CaptureStore::clear()
{
    m_error.clear();
    if (!isOpen())
        return fail(u"the capture store is not open"_s);
    return exec(u"DELETE FROM captures"_s);
}

bool CaptureStore::clearUnpinned()
{
    m_error.clear();
    if (!isOpen())
        return fail(u"the capture store is not open"_s);
    return exec(u"DELETE FROM captures WHERE pinned = 0"_s);
}

QByteArray CaptureStore::encodeHeaders(const HeaderList &headers)
{
    QByteArray out;
    for (const auto &[name, value] : headers) {
        out += name;
        out += ": ";
        out += value;
        out += '\n';
    }
    return out;
}

HeaderList CaptureStore::decodeHeaders(QByteArrayView text)
{
    HeaderList out;
    qsizetype start = 0;
    while (start < text.size()) {
        qsizetype end = text.indexOf('\n', start);
        if (end < 0)
            end = text.size();
        const QByteArrayView line = text.sliced(start, end - start);
        const qsizetype colon = line.indexOf(':');
        if (colon > 0) {
            QByteArrayView value = line.sliced(colon + 1);
            if (value.startsWith(' '))
                value = value.sliced(1);
            out.append({line.first(colon).toByteArray(), value.toByteArray()});
        }
        start = end + 1;
    }
    return out;
}

} // namespace hb
