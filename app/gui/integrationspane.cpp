// SPDX-License-Identifier: MIT
#include "integrationspane.h"

#include "json.h"
#include "workbench.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHeaderView>
#include <QLineEdit>
#include <QPainter>
#include <QSortFilterProxyModel>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace hb::gui {

namespace {

int countCases(const QString &casesJson)
{
    QFile f(casesJson);
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    const auto doc = parseJson(f.readAll());
    const JsonValue *cases = doc ? doc->find(u"cases") : nullptr;
    return cases && cases->isArray() ? int(cases->size()) : 0;
}

} // namespace

QIcon IntegrationListModel::logo(const QString &resource, const QString &displayName)
{
    if (QFileInfo::exists(resource))
        return QIcon(resource);
    // A monogram: the first letter on a colour picked from the name, so it stays stable.
    QPixmap pm(64, 64);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    const QColor colour = QColor::fromHsl(int(qHash(displayName) % 360), 110, 120);
    p.setBrush(colour);
    p.setPen(Qt::NoPen);
    p.drawRoundedRect(QRectF(2, 2, 60, 60), 14, 14);
    QFont font;
    font.setBold(true);
    font.setPixelSize(34);
    p.setFont(font);
    p.setPen(Qt::white);
    p.drawText(QRect(0, 0, 64, 64), Qt::AlignCenter, displayName.left(1).toUpper());
    return QIcon(pm);
}

IntegrationListModel::IntegrationListModel(const Registry &registry, const QString &fixturesDir, QObject *parent)
    : QAbstractTableModel(parent)
{
    for (const IntegrationEntry &e : registry.entries()) {
        Item item;
        item.name = e.name;
        item.displayName = e.displayName;
        QStringList cats;
        for (const QString &c : e.categories)
            cats.append(categoryDisplayName(c));
        item.categories = cats.join(u", "_s);
        item.icon = logo(e.logoResource(), e.displayName);
        const QDir dir(QDir(fixturesDir).filePath(e.folder()));
        item.fixtures = int(dir.entryList(QDir::Files).size()) - (dir.exists(u"cases.json"_s) ? 1 : 0);
        item.cases = countCases(dir.filePath(u"cases.json"_s));
        m_items.append(item);
    }
}

int IntegrationListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

int IntegrationListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant IntegrationListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const Item &item = m_items[index.row()];
    if (role == NameRole)
        return item.name;
    if (role == SearchTextRole)
        return QString(item.name + u' ' + item.displayName + u' ' + item.categories);
    switch (Column(index.column())) {
    case NameColumn:
        if (role == Qt::DisplayRole)
            return item.displayName;
        if (role == Qt::DecorationRole)
            return item.icon;
        if (role == Qt::ToolTipRole)
            return QString(u"/api/v1/external/"_s + item.name);
        break;
    case CategoriesColumn:
        if (role == Qt::DisplayRole || role == Qt::ToolTipRole)
            return item.categories;
        break;
    case FixturesColumn:
        if (role == Qt::DisplayRole)
            return item.fixtures;
        if (role == Qt::TextAlignmentRole)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case CasesColumn:
        if (role == Qt::DisplayRole)
            return item.passed < 0 ? QString::number(item.cases) : u"%1/%2"_s.arg(item.passed).arg(item.cases);
        if (role == Qt::TextAlignmentRole)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        if (role == Qt::ForegroundRole && item.passed >= 0)
            return item.passed == item.cases ? QColor(0x08, 0x5d, 0x44) : QColor(0xbe, 0x19, 0x31);
        if (role == Qt::ToolTipRole)
            return item.passed < 0 ? tr("%1 cases, not run yet").arg(item.cases)
                                   : tr("%1 of %2 cases pass").arg(item.passed).arg(item.cases);
        break;
    case ColumnCount: break;
    }
    return {};
}

QVariant IntegrationListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case NameColumn: return tr("Integration");
    case CategoriesColumn: return tr("Categories");
    case FixturesColumn: return tr("Fixtures");
    case CasesColumn: return tr("Cases");
    case ColumnCount: break;
    }
    return {};
}

int IntegrationListModel::rowOf(const QString &name) const
{
    for (int i = 0; i < m_items.size(); ++i) {
        if (m_items[i].name == name)
            return i;
    }
    return -1;
}

void IntegrationListModel::setCaseResults(const QString &integration, int passed, int total)
{
    const int row = rowOf(integration);
    if (row < 0)
        return;
    m_items[row].passed = passed;
    m_items[row].cases = total;
    emit dataChanged(index(row, CasesColumn), index(row, CasesColumn));
}

IntegrationsPane::IntegrationsPane(Workbench &workbench, QWidget *parent)
    : QWidget(parent)
    , m_workbench(workbench)
    , m_model(new IntegrationListModel(workbench.registry(), workbench.fixturesDir(), this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_filter(new QLineEdit(this))
    , m_view(new QTreeView(this))
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterRole(IntegrationListModel::SearchTextRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(0);

    m_filter->setPlaceholderText(tr("Filter by name or category"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);

    m_view->setModel(m_proxy);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setIconSize(QSize(20, 20));
    m_view->setAlternatingRowColors(true);
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(IntegrationListModel::NameColumn, QHeaderView::Stretch);
    // Categories such as "Communication, Marketing" would take the name's room: a fixed, resizable
    // width (long lists are elided; the whole list is in the cell's tooltip).
    m_view->header()->setSectionResizeMode(IntegrationListModel::CategoriesColumn, QHeaderView::Interactive);
    m_view->setColumnWidth(IntegrationListModel::CategoriesColumn, 120);
    m_view->header()->setSectionResizeMode(IntegrationListModel::FixturesColumn, QHeaderView::ResizeToContents);
    m_view->header()->setSectionResizeMode(IntegrationListModel::CasesColumn, QHeaderView::ResizeToContents);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &current) {
        m_workbench.setCurrentIntegration(current.data(IntegrationListModel::NameRole).toString());
    });
    connect(&workbench, &Workbench::caseResultsChanged, m_model, &IntegrationListModel::setCaseResults);
    connect(&workbench, &Workbench::currentIntegrationChanged, this, [this](const IntegrationEntry *entry) {
        if (!entry)
            return;
        const QModelIndex source = m_model->index(m_model->rowOf(entry->name), 0);
        const QModelIndex proxy = m_proxy->mapFromSource(source);
        if (proxy.isValid() && m_view->currentIndex().row() != proxy.row())
            m_view->setCurrentIndex(proxy);
    });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_filter);
    layout->addWidget(m_view);
    setFocusProxy(m_view);
}

void IntegrationsPane::focusFilter()
{
    m_filter->setFocus();
    m_filter->selectAll();
}

} // namespace hb::gui
