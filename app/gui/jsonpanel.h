// SPDX-License-Identifier: MIT
#pragma once

#include "parsedjson.h"

#include <QWidget>

class QLabel;
class QStackedWidget;
class QTreeView;

namespace hb::gui {

class JsonTreeModel;

// A JSON document as a collapsible tree with expand/collapse all and copy actions; or, for a text
// that is not JSON, its syntax error with the line and column.
class JsonPanel final : public QWidget
{
    Q_OBJECT

public:
    explicit JsonPanel(QWidget *parent = nullptr);

    void setParsed(const ParsedJson &json);
    void showMessage(const QString &text); // no document: says why
    // Selects the node at path (payload notation), or its nearest existing parent; true if exact.
    bool selectPath(const QString &path);

    QTreeView *view() const { return m_view; }
    JsonTreeModel *model() const { return m_model; }
    QString messageText() const;           // the error or message shown instead of a tree
    QString noteText() const;              // the line above the tree (counts, selection notes)

public Q_SLOTS:
    void expandAll();
    void collapseAll();

private:
    // Expands level by level while the rows shown, and those times the nodes expanded, stay within
    // the limits; true if everything is expanded.
    bool expandWithin(qsizetype maxRows, qsizetype maxWork);
    void setNote(const QString &text);
    void copyRole(int role);

    JsonTreeModel *m_model;
    QTreeView *m_view;
    QLabel *m_message;
    QLabel *m_note;
    QStackedWidget *m_stack;
    QWidget *m_treeButtons;
};

} // namespace hb::gui
