// SPDX-License-Identifier: MIT
#include "fixturetextedit.h"

#include "codeeditor.h"
#include "jsonhighlighter.h"

#include <QLabel>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace hb::gui {

FixtureTextEdit::FixtureTextEdit(QWidget *parent)
    : QWidget(parent)
    , m_editor(new CodeEditor(this))
    , m_highlighter(new JsonHighlighter(nullptr))
    , m_status(new QLabel(this))
    , m_debounce(new QTimer(this))
{
    m_highlighter->setParent(this);
    m_highlighter->setPalette(m_editor->palette());
    m_editor->setObjectName(u"fixtureText"_s);
    m_editor->setPlaceholderText(tr("Select a fixture"));
    connect(m_editor, &CodeEditor::paletteChanged, this, [this] {
        m_highlighter->setPalette(m_editor->palette());
        check();
    });
    connect(m_editor, &QPlainTextEdit::textChanged, this, [this] {
        if (!m_loading)
            m_debounce->start();
    });
    connect(m_editor->document(), &QTextDocument::modificationChanged, this, &FixtureTextEdit::modificationChanged);

    m_debounce->setSingleShot(true);
    m_debounce->setInterval(kDebounceMs);
    connect(m_debounce, &QTimer::timeout, this, [this] {
        check();
        emit checked();
    });

    m_status->setObjectName(u"jsonStatus"_s);
    m_status->setTextFormat(Qt::RichText);
    m_status->setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
    connect(m_status, &QLabel::linkActivated, this, [this] {
        if (m_error)
            m_editor->goToPosition(m_error->position);
    });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_editor);
    layout->addWidget(m_status);
    setFocusProxy(m_editor);
}

QString FixtureTextEdit::text() const
{
    return m_editor->toPlainText();
}

void FixtureTextEdit::load(const QString &text, bool json, bool readOnly)
{
    m_loading = true;
    m_debounce->stop();
    setJson(json);
    m_editor->setPlainText(text);
    m_editor->setReadOnly(readOnly);
    m_editor->document()->setModified(false);
    m_loading = false;
    check();
}

void FixtureTextEdit::clear()
{
    load(QString(), false, false);
    m_status->clear();
}

void FixtureTextEdit::setJson(bool json)
{
    m_json = json;
    QTextDocument *wanted = json ? m_editor->document() : nullptr;
    if (m_highlighter->document() != wanted) // setDocument() re-colours everything, later
        m_highlighter->setDocument(wanted);
}

bool FixtureTextEdit::isModified() const
{
    return m_editor->document()->isModified();
}

void FixtureTextEdit::setModified(bool modified)
{
    m_editor->document()->setModified(modified);
}

void FixtureTextEdit::check()
{
    m_error.reset();
    m_editor->clearDiagnostic();
    if (!m_json) {
        showStatus(m_editor->document()->isEmpty() ? QString() : tr("Plain text"), false);
        return;
    }
    m_error = findJsonError(text());
    if (!m_error) {
        showStatus(tr("Valid JSON"), false);
        return;
    }
    m_editor->setDiagnostic(m_error->position, m_error->toString());
    showStatus(u"<a href=\"#error\">%1</a>: %2"_s
                   .arg(tr("line %1, column %2").arg(m_error->line).arg(m_error->column), m_error->message.toHtmlEscaped()),
               true);
}

void FixtureTextEdit::setNote(const QString &text, bool warning)
{
    showStatus(text.toHtmlEscaped(), warning);
}

void FixtureTextEdit::showStatus(const QString &html, bool error)
{
    const bool dark = palette().color(QPalette::Base).lightness() < 128;
    const QColor colour = error ? (dark ? QColor(0xff, 0x8a, 0x80) : QColor(0xc6, 0x28, 0x28))
                                : palette().color(QPalette::PlaceholderText);
    m_status->setText(u"<span style=\"color:%1\">%2</span>"_s.arg(colour.name(), html));
}

bool FixtureTextEdit::reformat(JsonLayout layout)
{
    if (!m_json || m_editor->isReadOnly())
        return false;
    const QString current = text();
    if (const auto error = findJsonError(current)) {
        check();
        m_editor->goToPosition(error->position);
        return false;
    }
    const QString laidOut = layout == JsonLayout::Indented ? stableJson(current) : reformatJson(current, layout);
    if (laidOut != current)
        m_editor->replaceText(laidOut);
    check(); // the text may have changed since the last check
    return true;
}

} // namespace hb::gui
