// SPDX-License-Identifier: MIT
#include "codeeditor.h"

#include <QFontDatabase>
#include <QHelpEvent>
#include <QPainter>
#include <QScrollBar>
#include <QTextBlock>
#include <QToolTip>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace hb::gui {

// The line-number column; all painting is done by the editor.
class LineNumberGutter final : public QWidget
{
public:
    explicit LineNumberGutter(CodeEditor *editor) : QWidget(editor), m_editor(editor) {}
    QSize sizeHint() const override { return {m_editor->gutterWidth(), 0}; }

protected:
    void paintEvent(QPaintEvent *event) override { m_editor->paintGutter(event); }
    bool event(QEvent *event) override
    {
        if (event->type() == QEvent::ToolTip && m_editor->gutterToolTip(static_cast<QHelpEvent *>(event)->pos()))
            return true;
        return QWidget::event(event);
    }

private:
    CodeEditor *m_editor;
};

namespace {

constexpr int kMarkWidth = 14;   // room for the diagnostic mark, left of the numbers
constexpr int kRightMargin = 8;
constexpr int kMaxBlocksScanned = 20000;

bool isOpening(QChar c)
{
    return c == u'{' || c == u'[' || c == u'(';
}

QChar partnerOf(QChar c)
{
    switch (c.unicode()) {
    case u'{': return u'}';
    case u'}': return u'{';
    case u'[': return u']';
    case u']': return u'[';
    case u'(': return u')';
    case u')': return u'(';
    default: return {};
    }
}

QList<std::pair<int, QChar>> bracketsOf(const QTextBlock &block)
{
    if (const auto *data = dynamic_cast<const BracketData *>(block.userData()))
        return data->brackets;
    QList<std::pair<int, QChar>> out;
    const QString text = block.text();
    for (int i = 0; i < text.size(); ++i) {
        if (!partnerOf(text[i]).isNull())
            out.append({i, text[i]});
    }
    return out;
}

// The absolute position of the bracket answering the one at `position`; -1 when there is none,
// -2 when the first bracket closing the level is of the wrong kind.
int matchingBracket(const QTextDocument *document, int position, QChar bracket)
{
    const bool forward = isOpening(bracket);
    QTextBlock block = document->findBlock(position);
    int depth = 0;
    for (int scanned = 0; block.isValid() && scanned < kMaxBlocksScanned; ++scanned) {
        auto brackets = bracketsOf(block);
        if (!forward)
            std::reverse(brackets.begin(), brackets.end());
        for (const auto &[offset, c] : brackets) {
            const int at = block.position() + offset;
            if (scanned == 0 && (forward ? at <= position : at >= position))
                continue;
            if (isOpening(c) == forward)
                ++depth;
            else if (depth > 0)
                --depth;
            else
                return c == partnerOf(bracket) ? at : -2;
        }
        block = forward ? block.next() : block.previous();
    }
    return -1;
}

QTextEdit::ExtraSelection charSelection(QTextDocument *document, int position, const QColor &background)
{
    QTextEdit::ExtraSelection s;
    s.cursor = QTextCursor(document);
    s.cursor.setPosition(position);
    s.cursor.movePosition(QTextCursor::NextCharacter, QTextCursor::KeepAnchor);
    s.format.setBackground(background);
    s.format.setFontWeight(QFont::Bold);
    return s;
}

QColor withAlpha(QColor c, int alpha)
{
    c.setAlpha(alpha);
    return c;
}

const QColor kErrorRed(0xd3, 0x2f, 0x2f);

} // namespace

CodeEditor::CodeEditor(QWidget *parent) : QPlainTextEdit(parent), m_gutter(new LineNumberGutter(this))
{
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    mono.setStyleHint(QFont::Monospace);
    setFont(mono);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setTabStopDistance(kIndent * fontMetrics().horizontalAdvance(u' '));
    m_gutter->setFont(mono);

    connect(this, &QPlainTextEdit::blockCountChanged, this, &CodeEditor::updateGutterGeometry);
    connect(this, &QPlainTextEdit::updateRequest, this, [this](const QRect &rect, int dy) {
        if (dy)
            m_gutter->scroll(0, dy);
        else
            m_gutter->update(0, rect.y(), m_gutter->width(), rect.height());
    });
    connect(this, &QPlainTextEdit::cursorPositionChanged, this, [this] {
        updateExtraSelections();
        m_gutter->update();
    });
    // Again once the text changed: a highlighter has then recorded the new brackets.
    connect(this, &QPlainTextEdit::textChanged, this, &CodeEditor::updateExtraSelections);
    updateGutterGeometry();
    updateExtraSelections();
}

void CodeEditor::setDiagnostic(qsizetype position, const QString &message)
{
    m_diagnosticPosition = position;
    m_diagnosticMessage = message;
    updateExtraSelections();
    m_gutter->update();
}

void CodeEditor::clearDiagnostic()
{
    if (m_diagnosticPosition < 0)
        return;
    m_diagnosticPosition = -1;
    m_diagnosticMessage.clear();
    updateExtraSelections();
    m_gutter->update();
}

int CodeEditor::diagnosticLine() const
{
    if (m_diagnosticPosition < 0)
        return 0;
    return document()->findBlock(int(qMin(m_diagnosticPosition, qsizetype(document()->characterCount() - 1)))).blockNumber() + 1;
}

void CodeEditor::goToPosition(qsizetype position)
{
    QTextCursor c = textCursor();
    c.setPosition(int(qBound(qsizetype(0), position, qsizetype(document()->characterCount() - 1))));
    setTextCursor(c);
    ensureCursorVisible();
    setFocus();
}

void CodeEditor::replaceText(const QString &text)
{
    QTextCursor c = textCursor();
    const int line = c.blockNumber();
    const int column = c.positionInBlock();
    const int scroll = verticalScrollBar()->value();
    c.beginEditBlock();
    c.select(QTextCursor::Document);
    c.insertText(text);
    c.endEditBlock();
    const QTextBlock block = document()->findBlockByNumber(qMin(line, blockCount() - 1));
    c.setPosition(block.position() + qMin(column, block.length() - 1));
    setTextCursor(c);
    verticalScrollBar()->setValue(scroll);
}

int CodeEditor::gutterWidth() const
{
    const int digits = int(QString::number(qMax(1, blockCount())).size());
    return kMarkWidth + fontMetrics().horizontalAdvance(u'9') * qMax(3, digits) + kRightMargin;
}

void CodeEditor::updateGutterGeometry()
{
    setViewportMargins(gutterWidth(), 0, 0, 0);
    const QRect r = contentsRect();
    m_gutter->setGeometry(QRect(r.left(), r.top(), gutterWidth(), r.height()));
}

void CodeEditor::resizeEvent(QResizeEvent *event)
{
    QPlainTextEdit::resizeEvent(event);
    updateGutterGeometry();
}

void CodeEditor::changeEvent(QEvent *event)
{
    QPlainTextEdit::changeEvent(event);
    if (event->type() == QEvent::FontChange) {
        m_gutter->setFont(font());
        setTabStopDistance(kIndent * fontMetrics().horizontalAdvance(u' '));
        updateGutterGeometry();
    } else if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange) {
        updateExtraSelections();
        m_gutter->update();
        emit paletteChanged();
    }
}

void CodeEditor::paintGutter(QPaintEvent *event)
{
    QPainter p(m_gutter);
    p.fillRect(event->rect(), palette().color(QPalette::Window));
    p.setFont(font());
    const int current = textCursor().blockNumber();
    const int diagnostic = diagnosticLine() - 1;
    const int lineHeight = fontMetrics().height();
    QTextBlock block = firstVisibleBlock();
    int top = qRound(blockBoundingGeometry(block).translated(contentOffset()).top());
    while (block.isValid() && top <= event->rect().bottom()) {
        const int bottom = top + qRound(blockBoundingRect(block).height());
        if (block.isVisible() && bottom >= event->rect().top()) {
            const int number = block.blockNumber();
            if (number == diagnostic) {
                p.setRenderHint(QPainter::Antialiasing);
                p.setPen(Qt::NoPen);
                p.setBrush(kErrorRed);
                const int d = qMin(9, lineHeight - 4);
                p.drawEllipse(QRect((kMarkWidth - d) / 2, top + (lineHeight - d) / 2, d, d));
            }
            p.setPen(palette().color(number == current ? QPalette::Text : QPalette::PlaceholderText));
            p.drawText(0, top, m_gutter->width() - kRightMargin, lineHeight, Qt::AlignRight | Qt::AlignVCenter,
                       QString::number(number + 1));
        }
        block = block.next();
        top = bottom;
    }
}

bool CodeEditor::gutterToolTip(const QPoint &pos)
{
    const int line = diagnosticLine();
    if (line == 0)
        return false;
    const QTextBlock block = document()->findBlockByNumber(line - 1);
    const QRectF r = blockBoundingGeometry(block).translated(contentOffset());
    if (pos.y() < r.top() || pos.y() > r.bottom())
        return false;
    QToolTip::showText(m_gutter->mapToGlobal(pos), m_diagnosticMessage, m_gutter);
    return true;
}

void CodeEditor::updateExtraSelections()
{
    QList<QTextEdit::ExtraSelection> selections;
    if (!isReadOnly()) {
        QTextEdit::ExtraSelection line;
        line.format.setBackground(withAlpha(palette().color(QPalette::Highlight), 28));
        line.format.setProperty(QTextFormat::FullWidthSelection, true);
        line.cursor = textCursor();
        line.cursor.clearSelection();
        selections.append(line);
    }
    if (m_diagnosticPosition >= 0) {
        QTextEdit::ExtraSelection error;
        error.cursor = QTextCursor(document());
        const int at = int(qMin(m_diagnosticPosition, qsizetype(document()->characterCount() - 1)));
        error.cursor.setPosition(at);
        error.cursor.movePosition(QTextCursor::EndOfBlock, QTextCursor::KeepAnchor);
        if (!error.cursor.hasSelection()) // at the end of a line: mark the character before
            error.cursor.movePosition(QTextCursor::PreviousCharacter, QTextCursor::KeepAnchor);
        error.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        error.format.setUnderlineColor(kErrorRed);
        error.format.setToolTip(m_diagnosticMessage);
        selections.append(error);
    }
    selections += bracketSelections();
    setExtraSelections(selections);
}

QList<QTextEdit::ExtraSelection> CodeEditor::bracketSelections() const
{
    const QTextCursor cursor = textCursor();
    const QTextBlock block = cursor.block();
    const int column = cursor.positionInBlock();
    const auto brackets = bracketsOf(block);
    for (int candidate : {column, column - 1}) {
        const auto it = std::find_if(brackets.begin(), brackets.end(), [&](const auto &b) { return b.first == candidate; });
        if (it == brackets.end())
            continue;
        const int at = block.position() + it->first;
        const int match = matchingBracket(document(), at, it->second);
        if (match < 0)
            return {charSelection(document(), at, withAlpha(kErrorRed, 90))};
        const QColor colour = withAlpha(palette().color(QPalette::Highlight), 80);
        return {charSelection(document(), at, colour), charSelection(document(), match, colour)};
    }
    return {};
}

void CodeEditor::keyPressEvent(QKeyEvent *event)
{
    const Qt::KeyboardModifiers mods = event->modifiers() & ~(Qt::KeypadModifier | Qt::ShiftModifier);
    if (isReadOnly() || mods != Qt::NoModifier) {
        QPlainTextEdit::keyPressEvent(event);
        return;
    }
    switch (event->key()) {
    case Qt::Key_Tab:
        indentSelection(false);
        return;
    case Qt::Key_Backtab:
        indentSelection(true);
        return;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        insertIndentedNewline();
        return;
    default:
        if (dedentClosingBracket(event->text()))
            return;
        QPlainTextEdit::keyPressEvent(event);
    }
}

void CodeEditor::indentSelection(bool outdent)
{
    QTextCursor c = textCursor();
    if (!outdent && !c.hasSelection()) {
        c.insertText(QString(kIndent - c.positionInBlock() % kIndent, u' '));
        return;
    }
    const QTextBlock first = document()->findBlock(c.selectionStart());
    QTextBlock last = document()->findBlock(c.selectionEnd());
    if (last != first && c.selectionEnd() == last.position()) // a selection ending at a line start
        last = last.previous();
    c.beginEditBlock();
    for (QTextBlock b = first; b.isValid(); b = b.next()) {
        QTextCursor line(b);
        if (outdent) {
            const QString text = b.text();
            int n = 0;
            while (n < kIndent && n < text.size() && text[n] == u' ')
                ++n;
            line.movePosition(QTextCursor::NextCharacter, QTextCursor::KeepAnchor, n);
            line.removeSelectedText();
        } else if (!b.text().isEmpty()) {
            line.insertText(QString(kIndent, u' '));
        }
        if (b == last)
            break;
    }
    c.endEditBlock();
}

void CodeEditor::insertIndentedNewline()
{
    QTextCursor c = textCursor();
    c.beginEditBlock();
    c.removeSelectedText();
    const QString line = c.block().text();
    const int column = c.positionInBlock();
    int lead = 0;
    while (lead < column && lead < line.size() && line[lead] == u' ')
        ++lead;
    const QString indent(lead, u' ');
    const QString before = line.left(column).trimmed();
    const QString after = line.mid(column).trimmed();
    const QChar last = before.isEmpty() ? QChar() : before.back();
    if (last == u'{' || last == u'[') {
        c.insertText(u'\n' + indent + QString(kIndent, u' '));
        if (!after.isEmpty() && after.front() == partnerOf(last)) {
            const int inside = c.position();
            c.insertText(u'\n' + indent);
            c.setPosition(inside);
        }
    } else {
        c.insertText(u'\n' + indent);
    }
    c.endEditBlock();
    setTextCursor(c);
}

bool CodeEditor::dedentClosingBracket(const QString &typed)
{
    if (typed != u"}"_s && typed != u"]"_s)
        return false;
    QTextCursor c = textCursor();
    if (c.hasSelection())
        return false;
    const QString before = c.block().text().left(c.positionInBlock());
    if (before.size() < kIndent || !before.trimmed().isEmpty())
        return false;
    c.beginEditBlock();
    c.movePosition(QTextCursor::PreviousCharacter, QTextCursor::KeepAnchor, kIndent);
    c.insertText(typed);
    c.endEditBlock();
    setTextCursor(c);
    return true;
}

} // namespace hb::gui
