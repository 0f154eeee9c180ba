// SPDX-License-Identifier: MIT
#include "keyvaluetable.h"

#include <QAbstractTableModel>
#include <QAction>
#include <QClipboard>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHeaderView>
#include <QPainter>

using namespace Qt::StringLiterals;

namespace hb::gui {

class KeyValueModel final : public QAbstractTableModel
{
public:
    KeyValueModel(const QString &keyTitle, const QString &valueTitle, QObject *parent)
        : QAbstractTableModel(parent), m_titles{keyTitle, valueTitle}
    {
    }

    void setRows(const KeyValueTable::Rows &rows)
    {
        beginResetModel();
        m_rows = rows;
        endResetModel();
    }
    const KeyValueTable::Rows &rows() const { return m_rows; }

    int rowCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : int(m_rows.size()); }
    int columnCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : 2; }

    QVariant data(const QModelIndex &index, int role) const override
    {
        if (!index.isValid())
            return {};
        const auto &[key, value] = m_rows[index.row()];
        const QString &text = index.column() == 0 ? key : value;
        switch (role) {
        case Qt::DisplayRole: {
            QString line = text.left(1000);
            line.replace(u'\n', u'\u21b5');
            return line;
        }
        case Qt::ToolTipRole: return text.size() > 60 || text.contains(u'\n') ? text.left(4000) : QVariant();
        case Qt::FontRole:
            return index.column() == 1 ? QVariant(QFontDatabase::systemFont(QFontDatabase::FixedFont)) : QVariant();
        case Qt::UserRole: return text;
        }
        return {};
    }

    QVariant headerData(int section, Qt::Orientation orientation, int role) const override
    {
        if (orientation == Qt::Horizontal && role == Qt::DisplayRole && section >= 0 && section < 2)
            return m_titles[section];
        return {};
    }

private:
    QString m_titles[2];
    KeyValueTable::Rows m_rows;
};

KeyValueTable::KeyValueTable(const QString &keyTitle, const QString &valueTitle, QWidget *parent)
    : QTableView(parent), m_model(new KeyValueModel(keyTitle, valueTitle, this))
{
    setModel(m_model);
    setSelectionBehavior(SelectRows);
    setAlternatingRowColors(true);
    setShowGrid(false);
    setWordWrap(false);
    setTextElideMode(Qt::ElideMiddle);
    verticalHeader()->hide();
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    horizontalHeader()->setStretchLastSection(true);
    horizontalHeader()->setHighlightSections(false);
    horizontalHeader()->setSectionResizeMode(0, QHeaderView::Interactive);
    setColumnWidth(0, fontMetrics().horizontalAdvance(u"X-GitHub-Hook-Installation-Target-Type"_s) / 2 + 40);

    auto *copy = new QAction(tr("&Copy"), this);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    connect(copy, &QAction::triggered, this, &KeyValueTable::copySelection);
    auto *copyValue = new QAction(tr("Copy &value"), this);
    connect(copyValue, &QAction::triggered, this, &KeyValueTable::copyValue);
    addActions({copy, copyValue});
    setContextMenuPolicy(Qt::ActionsContextMenu);
}

void KeyValueTable::setRows(const Rows &rows)
{
    m_model->setRows(rows);
    resizeColumnToContents(0);
    setColumnWidth(0, std::min(columnWidth(0) + 12, std::max(120, width() / 2)));
}

const KeyValueTable::Rows &KeyValueTable::rows() const
{
    return m_model->rows();
}

void KeyValueTable::setPlaceholderText(const QString &text)
{
    m_placeholder = text;
    viewport()->update();
}

void KeyValueTable::copySelection() const
{
    QModelIndexList selected = selectionModel()->selectedRows();
    std::sort(selected.begin(), selected.end());
    QStringList lines;
    for (const QModelIndex &i : selected)
        lines.append(rows()[i.row()].first + u": "_s + rows()[i.row()].second);
    if (!lines.isEmpty())
        QGuiApplication::clipboard()->setText(lines.join(u'\n'));
}

void KeyValueTable::copyValue() const
{
    if (const QModelIndex i = currentIndex(); i.isValid())
        QGuiApplication::clipboard()->setText(rows()[i.row()].second);
}

void KeyValueTable::paintEvent(QPaintEvent *event)
{
    QTableView::paintEvent(event);
    if (m_model->rowCount() > 0 || m_placeholder.isEmpty())
        return;
    QPainter p(viewport());
    p.setPen(palette().color(QPalette::PlaceholderText));
    p.drawText(viewport()->rect().adjusted(8, 8, -8, -8), Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap, m_placeholder);
}

} // namespace hb::gui
