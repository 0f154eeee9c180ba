// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class QComboBox;
class QLineEdit;
class QTableView;
class QTimer;

namespace hb::gui {

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

private:
    void applyFilter();
    QList<qint64> selectedIds() const;

    Workbench &m_workbench;
    QLineEdit *m_search;
    QComboBox *m_integration;
    QComboBox *m_outcome;
    QTableView *m_view;
    QTimer *m_searchDelay;
};

} // namespace hb::gui
