// SPDX-License-Identifier: MIT
#include "jsontreemodel.h"

#include <QColor>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QPalette>

#include <numeric>

using namespace Qt::StringLiterals;

namespace hb::gui {

namespace {

constexpr qsizetype kDisplayChars = 300;   // of a long string in the value column
constexpr qsizetype kToolTipChars = 4000;

// Rows and containers at each depth below v (depth 0 = v's children).
void countLevels(const JsonValue &v, qsizetype depth, QList<qsizetype> &rows, QList<qsizetype> &containers)
{
    const auto visit = [&](const JsonValue &child) {
        if (rows.size() <= depth) {
            rows.append(0);
            containers.append(0);
        }
        ++rows[depth];
        if (child.isArray() || child.isObject()) {
            ++containers[depth];
            countLevels(child, depth + 1, rows, containers);
        }
    };
    for (const JsonValue &item : v.items())
        visit(item);
    for (const auto &member : v.members())
        visit(member.second);
}

QString shortTypeName(JsonValue::Type t)
{
    switch (t) {
    case JsonValue::Type::Null: return u"null"_s;
    case JsonValue::Type::Bool: return u"boolean"_s;
    case JsonValue::Type::Integer: return u"integer"_s;
    case JsonValue::Type::Double: return u"number"_s;
    case JsonValue::Type::String: return u"string"_s;
    case JsonValue::Type::Array: return u"array"_s;
    case JsonValue::Type::Object: return u"object"_s;
    }
    return {};
}

QString oneLine(QString s, qsizetype limit)
{
    if (s.size() > limit) {
        s.truncate(limit);
        s += u'…';
    }
    s.replace(u'\n', u'\u21b5');
    s.replace(u'\r', u' ');
    s.replace(u'\t', u' ');
    return s;
}

QString valueText(const JsonValue &v)
{
    switch (v.type()) {
    case JsonValue::Type::String: return u'"' + oneLine(v.toString(), kDisplayChars) + u'"';
    case JsonValue::Type::Array:
        return v.size() == 1 ? JsonTreeModel::tr("[ 1 item ]") : JsonTreeModel::tr("[ %1 items ]").arg(v.size());
    case JsonValue::Type::Object:
        return v.size() == 1 ? JsonTreeModel::tr("{ 1 key }") : JsonTreeModel::tr("{ %1 keys }").arg(v.size());
    default: return QString::fromUtf8(v.toJson());
    }
}

QColor valueColor(JsonValue::Type t)
{
    const bool dark = QGuiApplication::palette().color(QPalette::Base).lightness() < 128;
    switch (t) {
    case JsonValue::Type::String: return dark ? QColor(0x8b, 0xd4, 0x8b) : QColor(0x1a, 0x7f, 0x37);
    case JsonValue::Type::Integer:
    case JsonValue::Type::Double: return dark ? QColor(0x79, 0xb8, 0xff) : QColor(0x09, 0x56, 0xc8);
    case JsonValue::Type::Bool:
    case JsonValue::Type::Null: return dark ? QColor(0xd2, 0xa8, 0xff) : QColor(0x82, 0x3d, 0xb8);
    case JsonValue::Type::Array:
    case JsonValue::Type::Object: return QGuiApplication::palette().color(QPalette::PlaceholderText);
    }
    return {};
}

} // namespace

JsonTreeModel::JsonTreeModel(QObject *parent) : QAbstractItemModel(parent) {}

JsonTreeModel::~JsonTreeModel() = default;

void JsonTreeModel::setDocument(std::shared_ptr<const JsonValue> document)
{
    beginResetModel();
    m_root.reset();
    m_document = std::move(document);
    m_scalarHolder = JsonValue();
    m_nodeCount = 0;
    m_rowsAtDepth.clear();
    m_containersAtDepth.clear();
    if (m_document) {
        m_root = std::make_unique<Node>();
        if (m_document->isArray() || m_document->isObject()) {
            m_root->value = m_document.get();
        } else {
            m_scalarHolder = JsonValue::makeArray({*m_document});
            m_root->value = &m_scalarHolder;
        }
        countLevels(*m_root->value, 0, m_rowsAtDepth, m_containersAtDepth);
        m_nodeCount = std::accumulate(m_rowsAtDepth.cbegin(), m_rowsAtDepth.cend(), qsizetype(0));
        if (m_root->value == m_document.get())
            ++m_nodeCount; // the root container itself
    }
    endResetModel();
}

int JsonTreeModel::childCount(const JsonValue *value)
{
    return value && (value->isArray() || value->isObject()) ? int(value->size()) : 0;
}

JsonTreeModel::Node *JsonTreeModel::nodeOf(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

JsonTreeModel::Node *JsonTreeModel::childOf(Node *node, int row) const
{
    if (node->children.empty())
        node->children.resize(size_t(childCount(node->value)));
    std::unique_ptr<Node> &child = node->children[size_t(row)];
    if (!child) {
        child = std::make_unique<Node>();
        child->value = node->value->isArray() ? &node->value->items()[size_t(row)]
                                              : &node->value->members()[size_t(row)].second;
        child->parent = node;
        child->row = row;
    }
    return child.get();
}

QString JsonTreeModel::keyOf(const Node *node) const
{
    if (node->parent == m_root.get() && m_root->value == &m_scalarHolder)
        return tr("(value)");
    if (node->parent->value->isObject())
        return node->parent->value->members()[size_t(node->row)].first;
    return u"[%1]"_s.arg(node->row);
}

QString JsonTreeModel::segmentOf(const Node *node) const
{
    if (node->parent == m_root.get() && m_root->value == &m_scalarHolder)
        return {};
    if (node->parent->value->isArray())
        return u"[%1]"_s.arg(node->row);
    const QString &key = node->parent->value->members()[size_t(node->row)].first;
    return node->parent == m_root.get() ? key : u'.' + key;
}

const JsonValue *JsonTreeModel::valueAt(const QModelIndex &index) const
{
    const Node *node = nodeOf(index);
    if (!node)
        return nullptr;
    return node == m_root.get() ? m_document.get() : node->value;
}

QString JsonTreeModel::pathOf(const QModelIndex &index) const
{
    QString path;
    for (const Node *node = index.isValid() ? nodeOf(index) : nullptr; node && node != m_root.get(); node = node->parent)
        path.prepend(segmentOf(node));
    return path;
}

QModelIndex JsonTreeModel::indexOfPath(QStringView path, bool *exact) const
{
    Node *node = m_root.get();
    QStringView rest = path;
    while (node && !rest.isEmpty()) {
        const JsonValue *value = node->value;
        int row = -1;
        qsizetype used = 0;
        if (value->isArray() && rest.startsWith(u'[')) {
            const qsizetype close = rest.indexOf(u']');
            bool ok = false;
            const int i = close > 1 ? rest.sliced(1, close - 1).toInt(&ok) : -1;
            if (ok && i >= 0 && i < childCount(value)) {
                row = i;
                used = close + 1;
            }
        } else if (value->isObject()) {
            // Keys may hold dots: the longest key that the path continues after wins, the last of
            // duplicates as Python would.
            const qsizetype skip = node != m_root.get() && rest.startsWith(u'.') ? 1 : 0;
            const QStringView keyPart = rest.sliced(skip);
            qsizetype best = -1;
            const auto &members = value->members();
            for (size_t i = 0; i < members.size(); ++i) {
                const QString &key = members[i].first;
                if (!keyPart.startsWith(key) || key.size() < best)
                    continue;
                if (keyPart.size() == key.size() || keyPart[key.size()] == u'.' || keyPart[key.size()] == u'[') {
                    best = key.size();
                    row = int(i);
                }
            }
            used = skip + best;
        }
        if (row < 0)
            break;
        node = childOf(node, row);
        rest = rest.sliced(used);
    }
    if (exact)
        *exact = node && rest.isEmpty();
    if (!node || node == m_root.get())
        return {};
    return createIndex(node->row, 0, node);
}

QModelIndex JsonTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    return createIndex(row, column, childOf(nodeOf(parent), row));
}

QModelIndex JsonTreeModel::parent(const QModelIndex &child) const
{
    const Node *node = child.isValid() ? nodeOf(child) : nullptr;
    if (!node || node->parent == m_root.get())
        return {};
    return createIndex(node->parent->row, 0, node->parent);
}

int JsonTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    const Node *node = nodeOf(parent);
    return node ? childCount(node->value) : 0;
}

int JsonTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

bool JsonTreeModel::hasChildren(const QModelIndex &parent) const
{
    return rowCount(parent) > 0;
}

QVariant JsonTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const Node *node = nodeOf(index);
    const JsonValue &v = *node->value;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case KeyColumn: return keyOf(node);
        case ValueColumn: return valueText(v);
        case TypeColumn: return shortTypeName(v.type());
        }
        return {};
    case Qt::ForegroundRole:
        if (index.column() == ValueColumn)
            return valueColor(v.type());
        if (index.column() == TypeColumn || (index.column() == KeyColumn && node->parent->value->isArray()))
            return QGuiApplication::palette().color(QPalette::PlaceholderText);
        return {};
    case Qt::FontRole:
        if (index.column() == ValueColumn && !v.isArray() && !v.isObject())
            return QFontDatabase::systemFont(QFontDatabase::FixedFont);
        return {};
    case Qt::ToolTipRole:
        if (index.column() == ValueColumn && v.isString() && v.toString().size() > 40)
            return v.toString().left(kToolTipChars);
        return pathOf(index);
    case PathRole:
        return pathOf(index);
    case CopyTextRole:
        return v.isString() ? v.toString() : QString::fromUtf8(v.toJson(true));
    }
    return {};
}

QVariant JsonTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case KeyColumn: return tr("Key");
    case ValueColumn: return tr("Value");
    case TypeColumn: return tr("Type");
    }
    return {};
}

} // namespace hb::gui
