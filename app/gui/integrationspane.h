// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QIcon>
#include <QWidget>

class QLineEdit;
class QSortFilterProxyModel;
class QTreeView;

namespace hb {
class Registry;
}

namespace hb::gui {

class Workbench;

// Every registered integration: logo, display name, categories, and its fixtures and passing cases.
class IntegrationListModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { NameColumn, CategoriesColumn, FixturesColumn, CasesColumn, ColumnCount };
    enum Role { NameRole = Qt::UserRole + 1 /* machine name */, SearchTextRole };

    IntegrationListModel(const Registry &registry, const QString &fixturesDir, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setCaseResults(const QString &integration, int passed, int total);
    int rowOf(const QString &name) const;

    // The integration's logo, or a monogram when it has none.
    static QIcon logo(const QString &resource, const QString &displayName);

private:
    struct Item
    {
        QString name;
        QString displayName;
        QString categories;
        QIcon icon;
        int fixtures = 0;
        int cases = 0;
        int passed = -1; // -1: not run yet
    };
    QList<Item> m_items;
};

class IntegrationsPane final : public QWidget
{
    Q_OBJECT

public:
    explicit IntegrationsPane(Workbench &workbench, QWidget *parent = nullptr);
    void focusFilter();

private:
    Workbench &m_workbench;
    IntegrationListModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QLineEdit *m_filter;
    QTreeView *m_view;
};

} // namespace hb::gui
