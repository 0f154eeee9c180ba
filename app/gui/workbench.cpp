// SPDX-License-Identifier: MIT
#include "workbench.h"

#include <QSettings>

using namespace Qt::StringLiterals;

namespace hb::gui {

Workbench::Workbench(const Registry &registry, const QString &storePath, const QString &fixturesDir, QObject *parent)
    : QObject(parent)
    , m_registry(registry)
    , m_storePath(storePath)
    , m_fixturesDir(fixturesDir)
    , m_listener(registry, storePath)
    , m_captures(storePath)
{
    // New captures appear at the top as they are stored; bursts collapse into one refresh.
    m_refresh.setSingleShot(true);
    m_refresh.setInterval(40);
    connect(&m_refresh, &QTimer::timeout, &m_captures, &CaptureModel::refreshNewer);
    connect(&m_listener, &ListenerService::captureStored, this, [this] {
        if (!m_refresh.isActive())
            m_refresh.start();
    });
    connect(&m_listener, &ListenerService::errorOccurred, this, &Workbench::statusMessage);
    connect(&m_captures, &CaptureModel::errorOccurred, this, &Workbench::statusMessage);
}

Workbench::~Workbench() = default;

ListenerConfig Workbench::listenerConfig() const
{
    QSettings s;
    ListenerConfig c;
    c.bindAddress = QHostAddress(s.value(u"listener/bind"_s, u"127.0.0.1"_s).toString());
    if (c.bindAddress.isNull())
        c.bindAddress = QHostAddress(QHostAddress::LocalHost);
    c.port = quint16(s.value(u"listener/port"_s, 9991).toUInt());
    c.apiKey = s.value(u"listener/apiKey"_s).toString();
    return c;
}

void Workbench::setListenerConfig(const ListenerConfig &config)
{
    QSettings s;
    s.setValue(u"listener/bind"_s, config.bindAddress.toString());
    s.setValue(u"listener/port"_s, config.port);
    s.setValue(u"listener/apiKey"_s, config.apiKey);
    emit listenerConfigChanged();
}

QString Workbench::webhookUrl(const IntegrationEntry &entry) const
{
    const ListenerConfig c = listenerConfig();
    QString base = m_listener.state() == ListenerService::State::Listening ? m_listener.url() : QString();
    if (base.isEmpty()) {
        const QString host = c.bindAddress.protocol() == QAbstractSocket::IPv6Protocol
                                 ? u'[' + c.bindAddress.toString() + u']' : c.bindAddress.toString();
        base = u"http://%1:%2"_s.arg(host).arg(c.port);
    }
    return base + entry.urlPath();
}

void Workbench::setCurrentIntegration(const QString &name)
{
    const IntegrationEntry *entry = m_registry.find(name);
    if (entry == m_integration)
        return;
    m_integration = entry;
    emit currentIntegrationChanged(entry);
}

void Workbench::setCurrentCapture(qint64 id)
{
    if (id == m_capture)
        return;
    m_capture = id;
    emit currentCaptureChanged(id);
}

void Workbench::startListener()
{
    m_listener.start(listenerConfig());
}

void Workbench::stopListener()
{
    m_listener.stop();
}

} // namespace hb::gui
