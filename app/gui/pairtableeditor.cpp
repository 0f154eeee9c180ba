// SPDX-License-Identifier: MIT
#include "pairtableeditor.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace hb::gui {

PairTableEditor::PairTableEditor(const QString &title, const QString &nameHeader, QWidget *parent)
    : QWidget(parent), m_table(new QTableWidget(0, 2, this)), m_add(new QToolButton(this)), m_remove(new QToolButton(this))
{
    m_table->setHorizontalHeaderLabels({nameHeader, tr("Value")});
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    connect(m_table, &QTableWidget::itemChanged, this, [this] {
        if (!m_loading)
            emit edited();
    });

    m_add->setText(u"+"_s);
    m_add->setToolTip(tr("Add a row"));
    m_add->setAutoRaise(true);
    connect(m_add, &QToolButton::clicked, this, &PairTableEditor::addRow);
    m_remove->setText(u"\u2212"_s);
    m_remove->setToolTip(tr("Remove the selected rows"));
    m_remove->setAutoRaise(true);
    connect(m_remove, &QToolButton::clicked, this, &PairTableEditor::removeSelectedRows);

    auto *label = new QLabel(title, this);
    QFont bold = label->font();
    bold.setBold(true);
    label->setFont(bold);
    auto *top = new QHBoxLayout;
    top->setContentsMargins(0, 0, 0, 0);
    top->addWidget(label);
    top->addStretch();
    top->addWidget(m_add);
    top->addWidget(m_remove);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(top);
    layout->addWidget(m_table);
}

void PairTableEditor::setPairs(const Pairs &pairs)
{
    m_loading = true;
    m_table->setRowCount(int(pairs.size()));
    for (int row = 0; row < pairs.size(); ++row) {
        m_table->setItem(row, 0, new QTableWidgetItem(pairs[row].first));
        m_table->setItem(row, 1, new QTableWidgetItem(pairs[row].second));
    }
    m_loading = false;
}

PairTableEditor::Pairs PairTableEditor::pairs() const
{
    Pairs out;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QTableWidgetItem *name = m_table->item(row, 0);
        const QTableWidgetItem *value = m_table->item(row, 1);
        if (name && !name->text().isEmpty())
            out.append({name->text(), value ? value->text() : QString()});
    }
    return out;
}

void PairTableEditor::setEditable(bool editable)
{
    m_table->setEditTriggers(editable ? QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                                            | QAbstractItemView::AnyKeyPressed
                                      : QAbstractItemView::NoEditTriggers);
    m_add->setEnabled(editable);
    m_remove->setEnabled(editable);
}

void PairTableEditor::addRow()
{
    const int row = m_table->rowCount();
    m_loading = true;
    m_table->insertRow(row);
    m_table->setItem(row, 0, new QTableWidgetItem);
    m_table->setItem(row, 1, new QTableWidgetItem);
    m_loading = false;
    m_table->setCurrentCell(row, 0);
    m_table->editItem(m_table->item(row, 0));
}

void PairTableEditor::removeSelectedRows()
{
    QList<int> rows;
    for (const QModelIndex &i : m_table->selectionModel()->selectedRows())
        rows.append(i.row());
    if (rows.isEmpty() && m_table->currentRow() >= 0)
        rows.append(m_table->currentRow());
    if (rows.isEmpty())
        return;
    std::sort(rows.begin(), rows.end(), std::greater<>());
    for (int row : rows)
        m_table->removeRow(row);
    emit edited();
}

} // namespace hb::gui
