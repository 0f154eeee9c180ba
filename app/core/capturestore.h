// SPDX-License-Identifier: MIT
#pragma once

#include "outcome.h"
#include "webhookrequest.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <memory>
#include <optional>

class QSqlQuery;

namespace hb {

// One request the listener answered, with what Hookbench made of it.
struct Capture
{
    qint64 id = 0;                 // assigned by CaptureStore::append(); never reused

    // The request, as received.
    QDateTime receivedAt;          // UTC, millisecond precision
    QByteArray method;
    QByteArray target;             // the request target exactly as sent ("/api/…?api_key=…")
    QString path;                  // decoded path, without the query
    QByteArray query;              // the raw query string (after '?'), still percent-encoded
    HeaderList headers;            // in order, names keep their case
    QByteArray body;               // empty when the body was refused unread (413)
    qint64 bodySize = 0;           // bytes received, or declared for a refused body
    QString remoteAddress;
    quint16 remotePort = 0;

    // What came of it.
    Outcome::Kind outcomeKind = Outcome::Kind::Error;
    QString integration;           // <name> of /api/v1/external/<name>; empty for other paths
    int httpStatus = 0;
    QByteArray outcomeJson;        // Outcome::toJson()
    QByteArray responseBody;       // the bytes sent back (empty for HEAD)

    qint64 durationUs = 0;         // request complete -> outcome ready
    bool pinned = false;
};

// Which captures a page or a count covers. Empty fields match everything.
struct CaptureFilter
{
    QString integration;
    std::optional<Outcome::Kind> outcomeKind;
    QString text;                  // substring of the path, target, headers or body (ASCII case-insensitive)
    std::optional<bool> pinned;
};

// A page of captures, newest first. Use beforeId (keyset: id < beforeId) to walk a long list
// cheaply; offset also works but costs more the further it goes.
struct CapturePage
{
    int limit = 100;
    int offset = 0;
    qint64 beforeId = 0;           // 0 = from the newest
    qint64 afterId = 0;            // only ids above this (catching up with new captures)
    bool withBodies = true;        // false: body, responseBody and outcomeJson are left empty
};

// Captures in one SQLite file (WAL, synchronous=NORMAL: a capture whose append() returned survives
// the process being killed). Each store owns its own connection, usable only from the thread that
// opened it; several stores (threads, processes) may share a file. Nothing here throws: failures
// return false / nullopt / -1 and leave errorString() set.
class CaptureStore final
{
public:
    static constexpr int kSchemaVersion = 2;

    CaptureStore();
    ~CaptureStore();
    CaptureStore(const CaptureStore &) = delete;
    CaptureStore &operator=(const CaptureStore &) = delete;

    // <AppDataLocation>/captures.sqlite
    static QString defaultPath();

    // Opens (creating and migrating as needed) the file; empty path = defaultPath().
    bool open(const QString &path = {});
    void close();
    bool isOpen() const;
    QString path() const { return m_path; }
    QString errorString() const { return m_error; }

    // Stores the capture in one transaction, committed when this returns; the new id.
    std::optional<qint64> append(const Capture &capture);
    // Stores all of them in one transaction (all or none), committed when this returns; their ids
    // in order. One commit for many captures: the listener's group commit under load.
    std::optional<QList<qint64>> appendAll(const QList<Capture> &captures);

    std::optional<Capture> byId(qint64 id);      // nullopt and an empty errorString() if absent
    QList<Capture> page(const CaptureFilter &filter = {}, const CapturePage &page = {});
    qint64 count(const CaptureFilter &filter = {});  // -1 on error
    // Ids of the matching captures, newest first (only those above afterId when it is given):
    // what a lazy view needs to know its size and to fetch any block with page(beforeId).
    QList<qint64> ids(const CaptureFilter &filter = {}, qint64 afterId = 0);

    // Shorthands for page().
    QList<Capture> newest(int limit, int offset = 0) { return page({}, {.limit = limit, .offset = offset}); }
    QList<Capture> olderThan(qint64 id, int limit) { return page({}, {.limit = limit, .beforeId = id}); }
    QList<Capture> byIntegration(const QString &name, int limit) { return page({.integration = name}, {.limit = limit}); }
    QList<Capture> byOutcome(Outcome::Kind kind, int limit) { return page({.outcomeKind = kind}, {.limit = limit}); }
    QList<Capture> search(const QString &text, int limit) { return page({.text = text}, {.limit = limit}); }

    bool remove(qint64 id);                      // false if there is no such capture
    bool clear();                                // every capture
    bool clearUnpinned();                        // keeps pinned captures
    bool setPinned(qint64 id, bool pinned);

    // Header lists as stored: "Name: value" lines.
    static QByteArray encodeHeaders(const HeaderList &headers);
    static HeaderList decodeHeaders(QByteArrayView text);

private:
    bool fail(const QString &context, const QSqlQuery &query);
    bool fail(const QString &message);
    bool exec(const QString &sql);
    bool configure();
    bool migrate();
    std::optional<int> userVersion();
    bool execChanging(QSqlQuery &query, qint64 id);
    std::optional<qint64> insert(const Capture &capture);

    QString m_connectionName;
    QSqlDatabase m_db;
    std::unique_ptr<QSqlQuery> m_insert;   // prepared once: append() is on the listener's hot path
    QString m_path;
    QString m_error;
};

} // namespace hb

Q_DECLARE_METATYPE(hb::Capture)
