// SPDX-License-Identifier: MIT
#pragma once

#include "capturemodel.h"
#include "integration.h"
#include "listenerservice.h"

#include <QObject>
#include <QString>
#include <QTimer>

namespace hb::gui {

// The window's shared state, without widgets: the registry, the listener running on its own thread,
// the capture model, and what is selected. Panes talk to the workbench, never to each other.
class Workbench final : public QObject
{
    Q_OBJECT

public:
    Workbench(const Registry &registry, const QString &storePath, const QString &fixturesDir, QObject *parent = nullptr);
    ~Workbench() override;

    const Registry &registry() const { return m_registry; }
    ListenerService &listener() { return m_listener; }
    CaptureModel &captures() { return m_captures; }
    QString storePath() const { return m_storePath; }
    QString fixturesDir() const { return m_fixturesDir; }

    const IntegrationEntry *currentIntegration() const { return m_integration; }
    qint64 currentCapture() const { return m_capture; }

    // Listener settings: kept in QSettings, used by start().
    ListenerConfig listenerConfig() const;
    void setListenerConfig(const ListenerConfig &config);
    // The webhook URL of an integration on this listener, e.g. for the docs and the URL builder.
    QString webhookUrl(const IntegrationEntry &entry) const;

public Q_SLOTS:
    void setCurrentIntegration(const QString &name);
    void setCurrentCapture(qint64 id);
    void startListener();
    void stopListener();
    void reportCaseResults(const QString &integration, int passed, int total)
    {
        emit caseResultsChanged(integration, passed, total);
    }

Q_SIGNALS:
    void currentIntegrationChanged(const hb::IntegrationEntry *entry);
    void currentCaptureChanged(qint64 id);
    void listenerConfigChanged();
    // Case runs finished for an integration: passed/total (for the integrations list).
    void caseResultsChanged(const QString &integration, int passed, int total);
    void statusMessage(const QString &text);

private:
    const Registry &m_registry;
    QString m_storePath;
    QString m_fixturesDir;
    ListenerService m_listener;
    CaptureModel m_captures;
    QTimer m_refresh; // coalesces bursts of new captures into one model refresh
    const IntegrationEntry *m_integration = nullptr;
    qint64 m_capture = 0;
};

} // namespace hb::gui
