// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractItemModel>
#include <QStringList>

namespace hb {
class FixtureFolder;
}

namespace hb::gui {

// An integration's fixtures, each with the cases of cases.json that use it as children. Cases naming a
// file that is not there are listed under that name, marked missing; cases without a fixture under
// "(no fixture)". A fixture with unsaved changes is shown in bold with a '*'.
class FixtureListModel final : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column { NameColumn, DetailColumn, ColumnCount };
    enum Role {
        FixtureRole = Qt::UserRole + 1, // the file name ("" for cases without a fixture)
        CaseIndexRole,                  // index in cases.json; -1 on fixture rows
        ExistsRole,                     // the fixture file is there
    };

    explicit FixtureListModel(QObject *parent = nullptr);

    void setFolder(const FixtureFolder &folder);
    void setModified(const QString &fixture, bool modified);

    QModelIndex fixtureIndex(const QString &fixture) const;
    QModelIndex caseIndex(const QString &fixture, int caseIndex) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct CaseRow
    {
        int index;
        QString name;
        QString expect;
    };
    struct FixtureRow
    {
        QString file;
        bool exists = true;
        bool modified = false;
        QList<CaseRow> cases;
    };
    QVariant fixtureData(const FixtureRow &row, int column, int role) const;
    QVariant caseData(const FixtureRow &fixture, const CaseRow &row, int column, int role) const;

    QList<FixtureRow> m_rows;
};

} // namespace hb::gui
