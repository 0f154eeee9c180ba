// SPDX-License-Identifier: MIT
#pragma once

#include "casefile.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTreeWidget;

namespace hb {
class CaseRunner;
}

namespace hb::gui {

class Workbench;

// Runs the cases of one integration or of all, with a progress bar; results grouped by integration,
// failures first and expanded, the reason in the second column. Results also reach the integrations
// list through Workbench::caseResultsChanged.
class CaseResultsDialog final : public QDialog
{
    Q_OBJECT

public:
    CaseResultsDialog(Workbench &workbench, QWidget *parent = nullptr);

    // folders empty = every integration.
    void run(const QStringList &folders);
    bool isRunning() const;

private:
    void addResults(const QString &integration, const QList<CaseResult> &results);
    void applyFailuresOnly();

    Workbench &m_workbench;
    CaseRunner *m_runner;
    QProgressBar *m_progress;
    QLabel *m_summary;
    QCheckBox *m_failuresOnly;
    QTreeWidget *m_tree;
    QPushButton *m_cancel;
    int m_passed = 0;
    int m_failed = 0;
};

} // namespace hb::gui
