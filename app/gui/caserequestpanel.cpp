// SPDX-License-Identifier: MIT
#include "caserequestpanel.h"

#include "pairtableeditor.h"

#include <QLabel>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace hb::gui {

CaseRequestPanel::CaseRequestPanel(QWidget *parent)
    : QWidget(parent)
    , m_label(new QLabel(this))
    , m_headers(new PairTableEditor(tr("Headers"), tr("Header"), this))
    , m_query(new PairTableEditor(tr("Query"), tr("Parameter"), this))
{
    m_label->setWordWrap(true);
    m_label->setTextFormat(Qt::RichText);
    m_headers->setObjectName(u"caseHeaders"_s);
    m_query->setObjectName(u"caseQuery"_s);
    connect(m_headers, &PairTableEditor::edited, this, &CaseRequestPanel::edited);
    connect(m_query, &PairTableEditor::edited, this, &CaseRequestPanel::edited);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    layout->addWidget(m_headers, 1);
    layout->addWidget(m_query, 1);
}

void CaseRequestPanel::showCase(const TestCase *test, const QByteArray &eventHeader)
{
    PairTableEditor::Pairs headers;
    if (test) {
        m_label->setText(tr("Case <b>%1</b> — expects %2").arg(test->name.toHtmlEscaped(), test->expect));
        for (const auto &[k, v] : test->headers)
            headers.append({QString::fromUtf8(k), QString::fromUtf8(v)});
    } else {
        m_label->setText(tr("No case uses this fixture: the headers and query are for the preview and are not saved."));
        if (!eventHeader.isEmpty())
            headers.append({QString::fromUtf8(eventHeader), QString()});
    }
    m_headers->setPairs(headers);
    m_query->setPairs(test ? test->query : ParamList());
}

void CaseRequestPanel::clear()
{
    m_label->clear();
    m_headers->setPairs({});
    m_query->setPairs({});
}

void CaseRequestPanel::setEditable(bool editable)
{
    m_headers->setEditable(editable);
    m_query->setEditable(editable);
}

HeaderList CaseRequestPanel::headers() const
{
    HeaderList out;
    for (const auto &[k, v] : m_headers->pairs())
        out.append({k.toUtf8(), v.toUtf8()});
    return out;
}

ParamList CaseRequestPanel::query() const
{
    return m_query->pairs();
}

} // namespace hb::gui
