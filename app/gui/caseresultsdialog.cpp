// SPDX-License-Identifier: MIT
#include "caseresultsdialog.h"

#include "caserunner.h"
#include "workbench.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace hb::gui {

CaseResultsDialog::CaseResultsDialog(Workbench &workbench, QWidget *parent)
    : QDialog(parent)
    , m_workbench(workbench)
    , m_runner(new CaseRunner(workbench.registry(), this))
    , m_progress(new QProgressBar(this))
    , m_summary(new QLabel(this))
    , m_failuresOnly(new QCheckBox(tr("Failures only"), this))
    , m_tree(new QTreeWidget(this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
{
    setWindowTitle(tr("Case results"));
    resize(900, 560);
    m_tree->setColumnCount(2);
    m_tree->setHeaderLabels({tr("Case"), tr("Result")});
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Interactive);
    m_tree->setColumnWidth(0, 320);
    m_tree->setWordWrap(true);
    m_tree->setAlternatingRowColors(true);

    connect(m_runner, &CaseRunner::progress, this, [this](int done, int total) {
        m_progress->setRange(0, total);
        m_progress->setValue(done);
    });
    connect(m_runner, &CaseRunner::suiteFinished, this, &CaseResultsDialog::addResults);
    connect(m_runner, &CaseRunner::finished, this, [this](bool cancelled) {
        m_cancel->setEnabled(false);
        m_summary->setText(tr("%1 passed, %2 failed%3").arg(m_passed).arg(m_failed).arg(cancelled ? tr(" (cancelled)") : QString()));
    });
    connect(m_cancel, &QPushButton::clicked, m_runner, &CaseRunner::cancel);
    connect(m_failuresOnly, &QCheckBox::toggled, this, &CaseResultsDialog::applyFailuresOnly);

    auto *top = new QHBoxLayout;
    top->addWidget(m_progress, 1);
    top->addWidget(m_cancel);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_summary, 1);
    bottom->addWidget(m_failuresOnly);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_tree);
    layout->addLayout(bottom);
    layout->addWidget(buttons);
}

bool CaseResultsDialog::isRunning() const
{
    return m_runner->isRunning();
}

void CaseResultsDialog::run(const QStringList &folders)
{
    if (m_runner->isRunning())
        return;
    m_tree->clear();
    m_passed = m_failed = 0;
    m_progress->setRange(0, 0); // busy until the first suite reports
    m_summary->setText(tr("Running…"));
    m_cancel->setEnabled(true);
    m_runner->run(m_workbench.fixturesDir(), folders);
}

void CaseResultsDialog::addResults(const QString &integration, const QList<CaseResult> &results)
{
    int passed = 0;
    auto *group = new QTreeWidgetItem(m_tree);
    for (const CaseResult &r : results) {
        auto *item = new QTreeWidgetItem(group);
        item->setText(0, r.name);
        item->setText(1, r.passed ? tr("passed") : r.detail);
        item->setForeground(1, r.passed ? QColor(0x1e, 0x8e, 0x3e) : QColor(0xc6, 0x28, 0x28));
        item->setData(0, Qt::UserRole, r.passed);
        passed += r.passed ? 1 : 0;
    }
    const int failed = int(results.size()) - passed;
    m_passed += passed;
    m_failed += failed;
    group->setText(0, integration);
    group->setText(1, tr("%1 of %2 passed").arg(passed).arg(results.size()));
    group->setForeground(1, failed ? QColor(0xc6, 0x28, 0x28) : QColor(0x1e, 0x8e, 0x3e));
    group->setData(0, Qt::UserRole, failed == 0);
    group->setExpanded(failed > 0);
    if (failed)
        m_tree->insertTopLevelItem(0, m_tree->takeTopLevelItem(m_tree->indexOfTopLevelItem(group)));
    applyFailuresOnly();
    // Integrations whose folder is shared report under each endpoint name that uses it.
    for (const IntegrationEntry &e : m_workbench.registry().entries()) {
        if (e.folder() == integration)
            m_workbench.reportCaseResults(e.name, passed, int(results.size()));
    }
}

void CaseResultsDialog::applyFailuresOnly()
{
    const bool only = m_failuresOnly->isChecked();
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem *group = m_tree->topLevelItem(i);
        group->setHidden(only && group->data(0, Qt::UserRole).toBool());
        for (int j = 0; j < group->childCount(); ++j)
            group->child(j)->setHidden(only && group->child(j)->data(0, Qt::UserRole).toBool());
    }
}

} // namespace hb::gui
