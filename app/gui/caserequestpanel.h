// SPDX-License-Identifier: MIT
#pragma once

#include "casefile.h"

#include <QWidget>

class QLabel;

namespace hb::gui {

class PairTableEditor;

// What a case sends besides its body: its name and expectation, and its headers and query as
// editable tables. Without a case the tables start with the integration's event header, for the
// preview only.
class CaseRequestPanel final : public QWidget
{
    Q_OBJECT

public:
    explicit CaseRequestPanel(QWidget *parent = nullptr);

    // Fills the tables from the case (nullptr: none); does not emit edited().
    void showCase(const TestCase *test, const QByteArray &eventHeader);
    void clear();
    void setEditable(bool editable);

    HeaderList headers() const;
    ParamList query() const;

Q_SIGNALS:
    void edited();

private:
    QLabel *m_label;
    PairTableEditor *m_headers;
    PairTableEditor *m_query;
};

} // namespace hb::gui
