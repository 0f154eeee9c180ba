// SPDX-License-Identifier: MIT
#include "jsonpanel.h"

#include "jsontreemodel.h"

#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QStackedWidget>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace hb::gui {

namespace {

// What expanding may cost. Each node a tree view expands moves the rows after it, so the work grows
// as nodes expanded × rows shown: large documents open only as many levels as stay within these.
constexpr qsizetype kExpandAllRows = 200000;
constexpr qsizetype kExpandAllWork = 20'000'000;
constexpr qsizetype kOnLoadRows = 300;
constexpr qsizetype kOnLoadWork = 30000;

QString valueCount(qsizetype n)
{
    return n == 1 ? JsonPanel::tr("1 value") : JsonPanel::tr("%1 values").arg(QLocale().toString(n));
}

QToolButton *textButton(const QString &text, const QString &toolTip, QWidget *parent)
{
    auto *b = new QToolButton(parent);
    b->setText(text);
    b->setToolTip(toolTip);
    b->setAutoRaise(true);
    return b;
}

} // namespace

JsonPanel::JsonPanel(QWidget *parent)
    : QWidget(parent)
    , m_model(new JsonTreeModel(this))
    , m_view(new QTreeView(this))
    , m_message(new QLabel(this))
    , m_note(new QLabel(this))
    , m_stack(new QStackedWidget(this))
    , m_treeButtons(new QWidget(this))
{
    m_view->setModel(m_model);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(JsonTreeModel::ValueColumn, QHeaderView::Stretch);
    m_view->setColumnWidth(JsonTreeModel::KeyColumn, 220);
    m_view->setColumnWidth(JsonTreeModel::TypeColumn, fontMetrics().horizontalAdvance(u"boolean"_s) + 24);

    const auto addCopy = [this](const QString &text, int role, const QKeySequence &keys) {
        auto *a = new QAction(text, m_view);
        a->setShortcut(keys);
        a->setShortcutContext(Qt::WidgetShortcut);
        connect(a, &QAction::triggered, this, [this, role] { copyRole(role); });
        m_view->addAction(a);
    };
    addCopy(tr("Copy &value"), JsonTreeModel::CopyTextRole, QKeySequence::Copy);
    addCopy(tr("Copy &path"), JsonTreeModel::PathRole, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    addCopy(tr("Copy &key"), Qt::DisplayRole, {});
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);

    m_message->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setMargin(8);
    m_stack->addWidget(m_view);
    m_stack->addWidget(m_message);

    auto *expand = textButton(tr("Expand all"), tr("Expand every object and array"), m_treeButtons);
    auto *collapse = textButton(tr("Collapse all"), tr("Collapse to the top level"), m_treeButtons);
    connect(expand, &QToolButton::clicked, this, &JsonPanel::expandAll);
    connect(collapse, &QToolButton::clicked, this, &JsonPanel::collapseAll);
    auto *buttons = new QHBoxLayout(m_treeButtons);
    buttons->setContentsMargins(0, 0, 0, 0);
    buttons->addWidget(expand);
    buttons->addWidget(collapse);

    m_note->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_note->setForegroundRole(QPalette::PlaceholderText);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_treeButtons);
    bar->addStretch(1);
    bar->addWidget(m_note);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(bar);
    layout->addWidget(m_stack, 1);
    setFocusProxy(m_view);
    showMessage({});
}

void JsonPanel::setParsed(const ParsedJson &json)
{
    if (!json.isValid()) {
        m_model->setDocument(nullptr);
        const JsonSyntaxError &e = json.error.value_or(JsonSyntaxError{});
        const QString caret = QString(e.excerptColumn, u' ') + u'^';
        m_message->setText(u"<p><b>%1</b> %2</p><pre>%3\n%4</pre>"_s.arg(
            tr("Invalid JSON:"), e.describe().toHtmlEscaped(), e.excerpt.toHtmlEscaped(), caret));
        m_stack->setCurrentWidget(m_message);
        m_treeButtons->setVisible(false);
        setNote({});
        return;
    }
    m_model->setDocument(json.document);
    m_stack->setCurrentWidget(m_view);
    m_treeButtons->setVisible(true);
    setNote(valueCount(m_model->nodeCount()));
    expandWithin(kOnLoadRows, kOnLoadWork);
}

bool JsonPanel::expandWithin(qsizetype maxRows, qsizetype maxWork)
{
    const QList<qsizetype> &rows = m_model->rowsAtDepth();
    const QList<qsizetype> &containers = m_model->containersAtDepth();
    qsizetype shown = rows.value(0);
    qsizetype expanded = 0;
    int depth = 0; // levels that fit
    while (depth < containers.size() && containers[depth] > 0) {
        expanded += containers[depth];
        shown += rows.value(depth + 1);
        if (shown > maxRows || expanded * shown > maxWork)
            break;
        ++depth;
    }
    const bool all = depth >= containers.size() || containers[depth] == 0;
    if (all)
        m_view->expandAll();
    else if (depth > 0)
        m_view->expandToDepth(depth - 1);
    return all;
}

void JsonPanel::showMessage(const QString &text)
{
    m_model->setDocument(nullptr);
    m_message->setText(text.toHtmlEscaped());
    m_stack->setCurrentWidget(m_message);
    m_treeButtons->setVisible(false);
    setNote({});
}

bool JsonPanel::selectPath(const QString &path)
{
    bool exact = false;
    const QModelIndex index = m_model->indexOfPath(path, &exact);
    if (!index.isValid()) {
        m_view->clearSelection();
        m_view->scrollToTop();
    } else {
        for (QModelIndex p = index.parent(); p.isValid(); p = p.parent())
            m_view->expand(p);
        if (!exact)
            m_view->expand(index); // show what the missing value's parent does hold
        m_view->setCurrentIndex(index);
        m_view->scrollTo(index, QAbstractItemView::PositionAtCenter);
    }
    const QString found = m_model->pathOf(index);
    if (exact)
        setNote(tr("Selected %1").arg(path));
    else
        setNote(tr("%1 is not in the document: selected %2").arg(path, found.isEmpty() ? tr("the top level") : found));
    m_view->setFocus();
    return exact;
}

QString JsonPanel::messageText() const
{
    return m_stack->currentWidget() == m_message ? m_message->text() : QString();
}

QString JsonPanel::noteText() const
{
    return m_note->text();
}

void JsonPanel::expandAll()
{
    m_view->collapseAll();
    if (!expandWithin(kExpandAllRows, kExpandAllWork))
        setNote(tr("%1: expanded as far as stays quick; expand the rest by hand").arg(valueCount(m_model->nodeCount())));
}

void JsonPanel::collapseAll()
{
    m_view->collapseAll();
}

void JsonPanel::setNote(const QString &text)
{
    m_note->setText(text);
}

void JsonPanel::copyRole(int role)
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid())
        return;
    const int column = role == Qt::DisplayRole ? int(JsonTreeModel::KeyColumn) : current.column();
    QGuiApplication::clipboard()->setText(current.siblingAtColumn(column).data(role).toString());
}

} // namespace hb::gui
