// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QString>

class QAction;
class QWidget;

namespace hb::gui {

class Workbench;

// The current integration's "Export to Zulip…" (a folder chooser, then a confirmation listing the
// files that would be replaced) and "Make screenshot" (integrations/<folder>/001.png and 001.svg,
// confirming before replacing them). The work is ZulipExport and makeScreenshot.
class ZulipExportActions final : public QObject
{
    Q_OBJECT

public:
    ZulipExportActions(Workbench &workbench, QWidget *parent);

    QAction *exportAction() const { return m_export; }
    QAction *screenshotAction() const { return m_screenshot; }

    // The steps behind the actions, without dialogs (for tests and scripts): *report is the summary.
    bool exportTo(const QString &dir, bool force, QString *report, QStringList *conflicts = nullptr);
    bool makeScreenshot(QString *report);

signals:
    void screenshotMade(const QString &pngPath);

private:
    void askExport();
    void askScreenshot();

    Workbench &m_workbench;
    QWidget *m_parent;
    QAction *m_export;
    QAction *m_screenshot;
};

} // namespace hb::gui
