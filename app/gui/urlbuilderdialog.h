// SPDX-License-Identifier: MIT
#pragma once

#include "webhookurl.h"

#include <QDialog>

class QButtonGroup;
class QCheckBox;
class QLineEdit;
class QListWidget;

namespace hb::gui {

class Workbench;

// Zulip's "Generate URL for an integration", for the selected integration on this listener:
// channel, single topic, event filter from the integration's event types, its own URL options.
class UrlBuilderDialog final : public QDialog
{
    Q_OBJECT

public:
    UrlBuilderDialog(Workbench &workbench, const IntegrationEntry &entry, QWidget *parent = nullptr);

    QString url() const;
    WebhookUrlSpec spec() const;

private:
    void update();

    Workbench &m_workbench;
    const IntegrationEntry &m_entry;
    QLineEdit *m_stream;
    QCheckBox *m_singleTopic;
    QLineEdit *m_topic;
    QCheckBox *m_filterEvents;
    QButtonGroup *m_filterMode;
    QListWidget *m_events;
    QList<std::pair<QString, QWidget *>> m_options;
    QLineEdit *m_result;
};

} // namespace hb::gui
