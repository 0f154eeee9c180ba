// SPDX-License-Identifier: MIT
#pragma once

#include "json.h"

#include <QAbstractItemModel>
#include <QList>

#include <memory>
#include <vector>

namespace hb::gui {

// A JSON document as a tree: key, value and type columns, object keys in document order. Nodes are
// made the first time a view asks for them, so a large document costs nothing until it is expanded.
// Paths use the payload's notation ("alerts[0].labels"), the one handler errors name.
class JsonTreeModel final : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column { KeyColumn, ValueColumn, TypeColumn, ColumnCount };
    enum Role {
        PathRole = Qt::UserRole + 1, // QString: "alerts[0].labels"
        CopyTextRole,                // QString: a string's text, otherwise the value as indented JSON
    };

    explicit JsonTreeModel(QObject *parent = nullptr);
    ~JsonTreeModel() override;

    void setDocument(std::shared_ptr<const JsonValue> document); // nullptr empties the model
    const JsonValue *document() const { return m_document.get(); }
    qsizetype nodeCount() const { return m_nodeCount; }          // every value in the document
    // Rows at each depth (0 = the top level), and how many of them are objects or arrays: what
    // expanding a level would cost a view.
    const QList<qsizetype> &rowsAtDepth() const { return m_rowsAtDepth; }
    const QList<qsizetype> &containersAtDepth() const { return m_containersAtDepth; }

    const JsonValue *valueAt(const QModelIndex &index) const;
    QString pathOf(const QModelIndex &index) const;
    // The node at path, or its nearest existing ancestor (then *exact is false). The root, which
    // has no row, is the invalid index.
    QModelIndex indexOfPath(QStringView path, bool *exact = nullptr) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Node
    {
        const JsonValue *value = nullptr;
        Node *parent = nullptr;
        int row = 0;
        std::vector<std::unique_ptr<Node>> children; // sized on first use, filled lazily
    };

    Node *nodeOf(const QModelIndex &index) const;
    Node *childOf(Node *node, int row) const;
    QString keyOf(const Node *node) const;
    QString segmentOf(const Node *node) const;
    static int childCount(const JsonValue *value);

    std::shared_ptr<const JsonValue> m_document;
    JsonValue m_scalarHolder; // a document that is a single scalar shows as one row
    std::unique_ptr<Node> m_root;
    qsizetype m_nodeCount = 0;
    QList<qsizetype> m_rowsAtDepth;
    QList<qsizetype> m_containersAtDepth;
};

} // namespace hb::gui
