// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QString>
#include <QWidget>

#include <utility>

class QTableWidget;
class QToolButton;

namespace hb::gui {

// An editable two-column table of name/value pairs (a case's headers or query), with a title and
// add/remove buttons. Order and duplicates are kept; rows without a name are left out of pairs().
class PairTableEditor final : public QWidget
{
    Q_OBJECT

public:
    using Pairs = QList<std::pair<QString, QString>>;

    PairTableEditor(const QString &title, const QString &nameHeader, QWidget *parent = nullptr);

    void setPairs(const Pairs &pairs); // does not emit edited()
    Pairs pairs() const;
    void setEditable(bool editable);
    QTableWidget *table() const { return m_table; }

Q_SIGNALS:
    void edited();

private:
    void addRow();
    void removeSelectedRows();

    QTableWidget *m_table;
    QToolButton *m_add;
    QToolButton *m_remove;
    bool m_loading = false;
};

} // namespace hb::gui
