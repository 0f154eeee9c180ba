// SPDX-License-Identifier: MIT
#include "listenerservice.h"

#include "capturestore.h"

#include <QEventLoop>

using namespace Qt::StringLiterals;

namespace hb {

// Owns the store and the listener on the service's thread.
class ListenerWorker final : public QObject
{
public:
    ListenerWorker(const Registry &registry, QString storePath) : m_registry(registry), m_storePath(std::move(storePath)) {}

    // Returns the URL, or an empty string with *error set.
    QString start(const ListenerConfig &config, QString *error)
    {
        if (!m_store.isOpen() && !m_store.open(m_storePath)) {
            *error = m_store.errorString();
            return {};
        }
        m_listener = std::make_unique<Listener>(m_registry, m_store, config);
        if (!m_listener->start()) {
            *error = m_listener->errorString();
            m_listener.reset();
            return {};
        }
        return m_listener->url();
    }

    Listener *listener() const { return m_listener.get(); }
    void release() { m_listener.reset(); }

private:
    const Registry &m_registry;
    QString m_storePath;
    CaptureStore m_store;
    std::unique_ptr<Listener> m_listener;
};

ListenerService::ListenerService(const Registry &registry, QString storePath, QObject *parent)
    : QObject(parent), m_storePath(std::move(storePath)), m_worker(new ListenerWorker(registry, m_storePath))
{
    qRegisterMetaType<hb::CaptureSummary>();
    m_thread.setObjectName(u"listener"_s);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
}

ListenerService::~ListenerService()
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker] {
        if (Listener *l = w->listener()) {
            QEventLoop loop;
            QObject::connect(l, &Listener::stopped, &loop, &QEventLoop::quit);
            l->stop();
            if (l->isListening() || l->openConnections() > 0)
                loop.exec();
            w->release();
        }
    }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void ListenerService::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

void ListenerService::start(const ListenerConfig &config)
{
    if (m_state != State::Stopped)
        return;
    m_config = config;
    setState(State::Starting);
    QMetaObject::invokeMethod(m_worker, [this, w = m_worker, config] {
        QString error;
        const QString url = w->start(config, &error);
        if (Listener *l = w->listener()) {
            connect(l, &Listener::captureStored, this, &ListenerService::captureStored, Qt::QueuedConnection);
            connect(l, &Listener::captureFailed, this, &ListenerService::errorOccurred, Qt::QueuedConnection);
        }
        QMetaObject::invokeMethod(this, [this, url, error] {
            m_url = url;
            if (url.isEmpty()) {
                setState(State::Stopped);
                emit errorOccurred(error);
            } else {
                setState(State::Listening);
            }
        }, Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

void ListenerService::stop()
{
    if (m_state != State::Listening)
        return;
    setState(State::Stopping);
    QMetaObject::invokeMethod(m_worker, [this, w = m_worker] {
        Listener *l = w->listener();
        const auto finished = [this, w] {
            w->release();
            QMetaObject::invokeMethod(this, [this] {
                m_url.clear();
                setState(State::Stopped);
            }, Qt::QueuedConnection);
        };
        if (!l) {
            finished();
            return;
        }
        // Queued: the listener is destroyed in `finished`, not inside its own signal.
        connect(l, &Listener::stopped, w, finished, Qt::ConnectionType(Qt::QueuedConnection | Qt::SingleShotConnection));
        l->stop();
    }, Qt::QueuedConnection);
}

} // namespace hb
