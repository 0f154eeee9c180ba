// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class QAction;
class QComboBox;
class QLineEdit;
class QTableView;
class QTimer;

namespace hb::gui {

class RequestExporter;
class Workbench;

// Every request the listener received, live, newest first, with search and filters; delete, pin, clear.
class CapturesPane final : public QWidget
{
    Q_OBJECT

public:
    explicit CapturesPane(Workbench &workbench, QWidget *parent = nullptr);

    QTableView *view() const { return m_view; }
    void focusSearch();
    void deleteSelected();
    void togglePinSelected();
    void clearCaptures(bool keepPinned);

    // Copy as curl (Ctrl+Alt+C, the current capture), Export as HAR… (Ctrl+Alt+H, the selection) and
    // Export message as HTML… (Ctrl+Alt+M, the current capture): for the context menu and the window's menus.
    QList<QAction *> exportActions() const { return {m_copyCurl, m_exportHar, m_exportHtml}; }
    RequestExporter *exporter() const { return m_exporter; }

private:
    void applyFilter();
    QList<qint64> selectedIds() const;
    qint64 currentId() const;
    void createExportActions();

    Workbench &m_workbench;
    QLineEdit *m_search;
    QComboBox *m_integration;
    QComboBox *m_outcome;
    QTableView *m_view;
    QTimer *m_searchDelay;
    RequestExporter *m_exporter;
    QAction *m_copyCurl = nullptr;
    QAction *m_exportHar = nullptr;
    QAction *m_exportHtml = nullptr;
};

} // namespace hb::gui
