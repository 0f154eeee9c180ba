// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QString>
#include <QTableView>

#include <utility>

namespace hb::gui {

class KeyValueModel;

// Name/value pairs in their order (headers, query parameters, form fields), with copy actions and a
// placeholder text while there are none.
class KeyValueTable final : public QTableView
{
    Q_OBJECT

public:
    using Rows = QList<std::pair<QString, QString>>;

    KeyValueTable(const QString &keyTitle, const QString &valueTitle, QWidget *parent = nullptr);

    void setRows(const Rows &rows);
    const Rows &rows() const;
    void setPlaceholderText(const QString &text);

    void copySelection() const; // "name: value" lines
    void copyValue() const;     // the current row's value

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    KeyValueModel *m_model;
    QString m_placeholder;
};

} // namespace hb::gui
