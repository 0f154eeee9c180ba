// SPDX-License-Identifier: MIT
#pragma once

#include "listener.h"

#include <QObject>
#include <QThread>

namespace hb {

class ListenerWorker;

// Runs a Listener and its CaptureStore on a thread of their own, so the thread that owns the
// service (the GUI's) never waits for a socket or a commit. Start and stop from that thread; results
// arrive as signals there.
class ListenerService final : public QObject
{
    Q_OBJECT

public:
    enum class State { Stopped, Starting, Listening, Stopping };
    Q_ENUM(State)

    ListenerService(const Registry &registry, QString storePath, QObject *parent = nullptr);
    ~ListenerService() override; // stops the listener and waits for requests under way

    void start(const ListenerConfig &config);
    void stop();

    State state() const { return m_state; }
    QString url() const { return m_url; }          // while listening
    QString storePath() const { return m_storePath; }
    const ListenerConfig &config() const { return m_config; }

Q_SIGNALS:
    void stateChanged(hb::ListenerService::State state);
    void errorOccurred(const QString &message);
    void captureStored(qint64 id, const hb::CaptureSummary &summary);

private:
    void setState(State state);

    QString m_storePath;
    ListenerConfig m_config;
    State m_state = State::Stopped;
    QString m_url;
    QThread m_thread;
    ListenerWorker *m_worker = nullptr;
};

} // namespace hb
