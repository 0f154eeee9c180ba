// SPDX-License-Identifier: MIT
#include "outcomeview.h"

#include "capturedetails.h"

#include <QLabel>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace hb::gui {

namespace {

QString esc(const QString &s)
{
    return s.toHtmlEscaped();
}

QString badge(Outcome::Kind kind, const QString &text)
{
    return u"<span style=\"color:%1\">●</span> <b>%2</b>"_s.arg(OutcomeView::kindColor(kind).name(), esc(text));
}

QString messagesHtml(const QList<Message> &messages)
{
    QString html = u"<p>%1</p>"_s.arg(badge(Outcome::Kind::Message, messages.size() == 1 ? OutcomeView::tr("1 message") : OutcomeView::tr("%1 messages").arg(messages.size())));
    for (const Message &m : messages) {
        const QString where = m.stream ? u"#%1 &gt; %2"_s.arg(esc(*m.stream), esc(m.topic))
                                       : OutcomeView::tr("Direct message to the bot owner").toHtmlEscaped();
        html += u"<p style=\"margin-top:8px\"><b>%1</b></p><pre style=\"white-space:pre-wrap\">%2</pre>"_s.arg(where, esc(m.content));
    }
    return html;
}

QString outcomeHtml(const Outcome &outcome)
{
    switch (outcome.kind()) {
    case Outcome::Kind::Message: return messagesHtml(outcome.messages());
    case Outcome::Kind::NoOp:
        return u"<p>%1</p><p>%2</p>"_s.arg(badge(Outcome::Kind::NoOp, OutcomeView::tr("No message")), esc(outcome.noop().reason));
    case Outcome::Kind::Error: {
        const WebhookError &e = outcome.error();
        return u"<p>%1 <code>%2</code></p><p>%3</p>"_s.arg(
            badge(Outcome::Kind::Error, OutcomeView::tr("Error %1").arg(e.status)),
            esc(QString::fromLatin1(e.code)), esc(e.msg));
    }
    }
    return {};
}

} // namespace

OutcomeView::OutcomeView(const QString &title, QWidget *parent)
    : QWidget(parent), m_title(new QLabel(title, this)), m_text(new QTextBrowser(this)), m_pathButton(new QPushButton(this))
{
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_text->setOpenLinks(false);
    m_text->setFrameShape(QFrame::StyledPanel);
    m_pathButton->setVisible(false);
    m_pathButton->setToolTip(tr("Select this path (or its nearest existing parent) in the JSON tree"));
    connect(m_pathButton, &QPushButton::clicked, this, [this] { emit pathRequested(m_path); });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_title);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_pathButton, 0, Qt::AlignLeft);
}

void OutcomeView::setTitle(const QString &title)
{
    m_title->setText(title);
}

QString OutcomeView::title() const
{
    return m_title->text();
}

void OutcomeView::setOutcome(const std::optional<Outcome> &outcome, const QString &remark)
{
    QString html = outcome ? outcomeHtml(*outcome) : u"<p>%1</p>"_s.arg(tr("No outcome was stored.").toHtmlEscaped());
    if (outcome) {
        for (const QString &note : outcome->notes())
            html += u"<p><i>%1</i></p>"_s.arg(esc(tr("Note: %1").arg(note)));
    }
    if (!remark.isEmpty())
        html += u"<p><i>%1</i></p>"_s.arg(esc(remark));
    m_text->setHtml(html);

    const std::optional<QString> path = outcome ? errorJsonPath(*outcome) : std::nullopt;
    m_path = path.value_or(QString());
    m_pathButton->setVisible(path.has_value());
    m_pathButton->setText(tr("Show %1 in the payload").arg(m_path));
}

QString OutcomeView::text() const
{
    return m_text->toPlainText();
}

QString OutcomeView::errorPath() const
{
    return m_pathButton->isVisibleTo(this) ? m_path : QString();
}

QColor OutcomeView::kindColor(Outcome::Kind kind)
{
    switch (kind) {
    case Outcome::Kind::Message: return QColor(0x1e, 0x8e, 0x3e);
    case Outcome::Kind::NoOp: return QColor(0x8a, 0x8a, 0x8a);
    case Outcome::Kind::Error: return QColor(0xc6, 0x28, 0x28);
    }
    return {};
}

} // namespace hb::gui
