// SPDX-License-Identifier: MIT
#include "capturespane.h"

#include "requestexporter.h"
#include "workbench.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIdentityProxyModel>
#include <QLineEdit>
#include <QMenu>
#include <QScrollBar>
#include <QMessageBox>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace hb::gui {

namespace {

// Colours the outcome and marks pinned rows; the capture model itself stays free of widgets.
class CaptureStyleProxy final : public QIdentityProxyModel
{
public:
    using QIdentityProxyModel::QIdentityProxyModel;

    QVariant data(const QModelIndex &index, int role) const override
    {
        if (role == Qt::ForegroundRole && (index.column() == CaptureModel::OutcomeColumn || index.column() == CaptureModel::StatusColumn)) {
            const QVariant kind = QIdentityProxyModel::data(index, CaptureModel::OutcomeKindRole);
            if (!kind.isValid())
                return {};
            switch (Outcome::Kind(kind.toInt())) {
            case Outcome::Kind::Message: return QColor(0x1e, 0x8e, 0x3e);
            case Outcome::Kind::NoOp: return QColor(0x8a, 0x8a, 0x8a);
            case Outcome::Kind::Error: return QColor(0xc6, 0x28, 0x28);
            }
        }
        if (role == Qt::FontRole && QIdentityProxyModel::data(index, CaptureModel::PinnedRole).toBool()) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return QIdentityProxyModel::data(index, role);
    }
};

} // namespace

CapturesPane::CapturesPane(Workbench &workbench, QWidget *parent)
    : QWidget(parent)
    , m_workbench(workbench)
    , m_search(new QLineEdit(this))
    , m_integration(new QComboBox(this))
    , m_outcome(new QComboBox(this))
    , m_view(new QTableView(this))
    , m_searchDelay(new QTimer(this))
    , m_exporter(new RequestExporter(workbench, this))
{
    m_search->setPlaceholderText(tr("Search path, headers and body"));
    m_search->setClearButtonEnabled(true);
    m_integration->addItem(tr("All integrations"), QString());
    for (const IntegrationEntry &e : workbench.registry().entries())
        m_integration->addItem(e.displayName, e.name);
    m_outcome->addItem(tr("All outcomes"), -1);
    m_outcome->addItem(tr("Messages"), int(Outcome::Kind::Message));
    m_outcome->addItem(tr("No-ops"), int(Outcome::Kind::NoOp));
    m_outcome->addItem(tr("Errors"), int(Outcome::Kind::Error));

    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(250);
    connect(m_searchDelay, &QTimer::timeout, this, &CapturesPane::applyFilter);
    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_integration, &QComboBox::currentIndexChanged, this, &CapturesPane::applyFilter);
    connect(m_outcome, &QComboBox::currentIndexChanged, this, &CapturesPane::applyFilter);

    auto *proxy = new CaptureStyleProxy(this);
    proxy->setSourceModel(&workbench.captures());
    m_view->setModel(proxy);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setShowGrid(false);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed); // fast scrolling over 100,000 rows
    m_view->horizontalHeader()->setSectionResizeMode(CaptureModel::PathColumn, QHeaderView::Stretch);
    m_view->horizontalHeader()->setHighlightSections(false);
    const QFontMetrics fm = m_view->fontMetrics();
    m_view->setColumnWidth(CaptureModel::TimeColumn, fm.horizontalAdvance(u"2026-11-28 12:00:00.000"_s) + 24);
    m_view->setColumnWidth(CaptureModel::MethodColumn, fm.horizontalAdvance(u"OPTIONS"_s) + 20);
    m_view->setColumnWidth(CaptureModel::IntegrationColumn, fm.horizontalAdvance(u"alertmanager"_s) + 20);
    m_view->setColumnWidth(CaptureModel::OutcomeColumn, fm.horizontalAdvance(u"message"_s) + 20);
    m_view->setColumnWidth(CaptureModel::StatusColumn, fm.horizontalAdvance(u"Status"_s) + 20);
    m_view->setColumnWidth(CaptureModel::SizeColumn, fm.horizontalAdvance(u"1023.9 KB"_s) + 20);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &current) {
        m_workbench.setCurrentCapture(current.isValid() ? current.data(CaptureModel::IdRole).toLongLong() : 0);
    });
    connect(m_view, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        QMenu menu(this);
        menu.addAction(tr("Pin / Unpin"), this, &CapturesPane::togglePinSelected);
        menu.addAction(tr("Delete"), this, &CapturesPane::deleteSelected);
        menu.addSeparator();
        menu.addActions(exportActions());
        menu.addSeparator();
        menu.addAction(tr("Clear (keep pinned)"), this, [this] { clearCaptures(true); });
        menu.exec(m_view->viewport()->mapToGlobal(pos));
    });
    // Stay at the newest capture while the user is looking at the top.
    connect(&workbench.captures(), &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &, int first) {
        if (first == 0 && m_view->verticalScrollBar()->value() <= 1)
            m_view->scrollToTop();
    });

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_search, 1);
    filters->addWidget(m_integration);
    filters->addWidget(m_outcome);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(filters);
    layout->addWidget(m_view);
    setFocusProxy(m_view);
    createExportActions();
}

void CapturesPane::createExportActions()
{
    m_copyCurl = new QAction(tr("Copy as &curl"), this);
    m_copyCurl->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_C));
    m_copyCurl->setToolTip(tr("Copy a curl command that sends the capture again, byte for byte"));
    connect(m_copyCurl, &QAction::triggered, this, [this] { m_exporter->askCopyCaptureAsCurl(currentId()); });
    m_exportHar = new QAction(tr("Export as &HAR…"), this);
    m_exportHar->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_H));
    m_exportHar->setToolTip(tr("Write the selected captures as an HTTP Archive (HAR 1.2)"));
    connect(m_exportHar, &QAction::triggered, this, [this] { m_exporter->askExportHar(selectedIds()); });
    m_exportHtml = new QAction(tr("Export &message as HTML…"), this);
    m_exportHtml->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_M));
    m_exportHtml->setToolTip(tr("Write the message view of the capture's outcome as a standalone page"));
    connect(m_exportHtml, &QAction::triggered, this, [this] { m_exporter->askExportCaptureHtml(currentId()); });
    addActions(exportActions());
    const auto update = [this] {
        const bool any = m_view->selectionModel()->hasSelection();
        for (QAction *a : exportActions())
            a->setEnabled(any);
    };
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, update);
    connect(&m_workbench.captures(), &QAbstractItemModel::modelReset, this, update);
    update();
}

qint64 CapturesPane::currentId() const
{
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    if (current.isValid() && m_view->selectionModel()->isRowSelected(current.row(), current.parent()))
        return current.data(CaptureModel::IdRole).toLongLong();
    const QList<qint64> ids = selectedIds();
    return ids.isEmpty() ? 0 : ids.first();
}

void CapturesPane::applyFilter()
{
    CaptureFilter f;
    f.text = m_search->text();
    f.integration = m_integration->currentData().toString();
    if (const int kind = m_outcome->currentData().toInt(); kind >= 0)
        f.outcomeKind = Outcome::Kind(kind);
    m_workbench.captures().setFilter(f);
}

void CapturesPane::focusSearch()
{
    m_search->setFocus();
    m_search->selectAll();
}

QList<qint64> CapturesPane::selectedIds() const
{
    QList<qint64> ids;
    for (const QModelIndex &i : m_view->selectionModel()->selectedRows())
        ids.append(i.data(CaptureModel::IdRole).toLongLong());
    return ids;
}

void CapturesPane::deleteSelected()
{
    for (qint64 id : selectedIds())
        m_workbench.captures().remove(id);
}

void CapturesPane::togglePinSelected()
{
    for (const QModelIndex &i : m_view->selectionModel()->selectedRows())
        m_workbench.captures().setPinned(i.data(CaptureModel::IdRole).toLongLong(), !i.data(CaptureModel::PinnedRole).toBool());
}

void CapturesPane::clearCaptures(bool keepPinned)
{
    const auto answer = QMessageBox::question(this, tr("Clear captures"),
                                              keepPinned ? tr("Delete every capture that is not pinned?")
                                                         : tr("Delete every capture, pinned ones too?"));
    if (answer == QMessageBox::Yes)
        m_workbench.captures().clear(keepPinned);
}

} // namespace hb::gui
