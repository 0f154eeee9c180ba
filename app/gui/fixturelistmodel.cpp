// SPDX-License-Identifier: MIT
#include "fixturelistmodel.h"

#include "fixturefolder.h"

#include <QColor>
#include <QFont>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace hb::gui {

FixtureListModel::FixtureListModel(QObject *parent) : QAbstractItemModel(parent) {}

void FixtureListModel::setFolder(const FixtureFolder &folder)
{
    beginResetModel();
    m_rows.clear();
    for (const QString &file : folder.fixtures())
        m_rows.append({file, true, false, {}});
    if (const auto &suite = folder.suite()) {
        for (int i = 0; i < suite->cases.size(); ++i) {
            const TestCase &c = suite->cases[i];
            auto it = std::find_if(m_rows.begin(), m_rows.end(), [&](const FixtureRow &r) { return r.file == c.fixture; });
            if (it == m_rows.end()) {
                m_rows.append({c.fixture, false, false, {}});
                it = m_rows.end() - 1;
            }
            it->cases.append({i, c.name, c.expect});
        }
    }
    endResetModel();
}

void FixtureListModel::setModified(const QString &fixture, bool modified)
{
    const QModelIndex i = fixtureIndex(fixture);
    if (!i.isValid() || m_rows[i.row()].modified == modified)
        return;
    m_rows[i.row()].modified = modified;
    emit dataChanged(i, i.siblingAtColumn(DetailColumn));
}

QModelIndex FixtureListModel::fixtureIndex(const QString &fixture) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows[row].file == fixture)
            return index(row, 0);
    }
    return {};
}

QModelIndex FixtureListModel::caseIndex(const QString &fixture, int caseIndex) const
{
    const QModelIndex parent = fixtureIndex(fixture);
    if (!parent.isValid())
        return {};
    const auto &cases = m_rows[parent.row()].cases;
    for (int row = 0; row < cases.size(); ++row) {
        if (cases[row].index == caseIndex)
            return index(row, 0, parent);
    }
    return {};
}

QModelIndex FixtureListModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    // Fixture rows carry id 0, case rows their fixture's row + 1.
    return createIndex(row, column, parent.isValid() ? quintptr(parent.row() + 1) : quintptr(0));
}

QModelIndex FixtureListModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == 0)
        return {};
    return createIndex(int(child.internalId() - 1), 0, quintptr(0));
}

int FixtureListModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_rows.size());
    if (parent.internalId() != 0 || parent.column() != 0)
        return 0;
    return int(m_rows[parent.row()].cases.size());
}

int FixtureListModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant FixtureListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    if (index.internalId() == 0)
        return fixtureData(m_rows[index.row()], index.column(), role);
    const FixtureRow &fixture = m_rows[int(index.internalId() - 1)];
    return caseData(fixture, fixture.cases[index.row()], index.column(), role);
}

QVariant FixtureListModel::fixtureData(const FixtureRow &row, int column, int role) const
{
    switch (role) {
    case FixtureRole: return row.file;
    case CaseIndexRole: return -1;
    case ExistsRole: return row.exists;
    case Qt::DisplayRole:
        if (column == DetailColumn)
            return row.cases.isEmpty() ? tr("unused") : tr("%n case(s)", nullptr, int(row.cases.size()));
        if (row.file.isEmpty())
            return tr("(no fixture)");
        return row.modified ? row.file + u" *"_s : row.file;
    case Qt::FontRole: {
        QFont f;
        f.setBold(row.modified);
        f.setItalic(!row.exists);
        return f;
    }
    case Qt::ForegroundRole:
        if (!row.exists && !row.file.isEmpty() && column == NameColumn)
            return QColor(0xbe, 0x19, 0x31);
        return {};
    case Qt::ToolTipRole:
        if (row.modified)
            return tr("%1 has unsaved changes").arg(row.file);
        if (!row.exists && !row.file.isEmpty())
            return tr("%1 is named by cases.json but is not in the folder").arg(row.file);
        return {};
    default: return {};
    }
}

QVariant FixtureListModel::caseData(const FixtureRow &fixture, const CaseRow &row, int column, int role) const
{
    switch (role) {
    case FixtureRole: return fixture.file;
    case CaseIndexRole: return row.index;
    case ExistsRole: return fixture.exists;
    case Qt::DisplayRole: return column == NameColumn ? row.name : row.expect;
    case Qt::ToolTipRole: return tr("Case %1: expects %2").arg(row.name, row.expect);
    default: return {};
    }
}

QVariant FixtureListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == NameColumn ? tr("Fixture / case") : tr("Cases");
}

} // namespace hb::gui
