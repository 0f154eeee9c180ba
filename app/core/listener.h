// SPDX-License-Identifier: MIT
#pragma once

#include "integration.h"
#include "outcome.h"
#include "zuliprules.h"

#include <QDateTime>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QString>

#include <chrono>
#include <memory>
#include <optional>

namespace hb {

class CaptureStore;

struct ListenerConfig
{
    QHostAddress bindAddress = QHostAddress(QHostAddress::LocalHost);
    quint16 port = 9991;                       // 0 = any free port (see Listener::port())
    QString apiKey;                            // required for a non-loopback bindAddress
    std::optional<QDateTime> now;              // fixed clock for the dispatcher (--now)

    qint64 maxBodyBytes = zulip::kMaxBodyBytes;
    qint64 maxHeaderBytes = 64 * 1024;         // request line + headers
    std::chrono::milliseconds idleTimeout{30000}; // no bytes in either direction -> closed
    int maxConnections = 500;
};

// What the listener tells its followers about each stored capture (the full record is in the
// store under `id`).
struct CaptureSummary
{
    qint64 id = 0;
    QDateTime receivedAt;
    QByteArray method;
    QString path;
    QString integration;
    Outcome::Kind outcomeKind = Outcome::Kind::Error;
    int httpStatus = 0;
    QList<Message> messages;                   // for message outcomes: stream, topic, content
    QString detail;                            // the no-op reason or the error message
    qint64 durationUs = 0;
};

// The embedded HTTP server. Every request, whatever its path or method, goes through the
// Dispatcher; its capture is committed to the store and only then answered. Lives in one thread
// (the one with the event loop that runs it, which must also be the store's thread). Qt's
// HttpServer API stays inside listener.cpp.
class Listener final : public QObject
{
    Q_OBJECT

public:
    Listener(const Registry &registry, CaptureStore &store, ListenerConfig config, QObject *parent = nullptr);
    ~Listener() override;

    // Binds and starts accepting; false with errorString() set (address in use, non-loopback
    // address without an api key, …).
    bool start();
    // Stops accepting at once; idle connections are closed, requests already under way get up to
    // `grace` to finish (they are stored and answered, with Connection: close). Emits stopped().
    void stop(std::chrono::milliseconds grace = std::chrono::seconds(5));

    bool isListening() const;
    QHostAddress address() const;
    quint16 port() const;                      // the real port, also when the config asked for 0
    QString url() const;                       // "http://127.0.0.1:9991"
    QString errorString() const;
    int openConnections() const;
    const ListenerConfig &config() const;

Q_SIGNALS:
    void captureStored(qint64 id, const hb::CaptureSummary &summary);
    // The store refused a capture; the sender got a 500.
    void captureFailed(const QString &error);
    void stopped();

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace hb

Q_DECLARE_METATYPE(hb::CaptureSummary)
