// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QPlainTextEdit>
#include <QTextBlockUserData>

#include <utility>

namespace hb::gui {

// The brackets of one line that are code, not text: a syntax highlighter fills it so bracket matching
// skips brackets inside strings. Lines without it are scanned character by character.
class BracketData final : public QTextBlockUserData
{
public:
    QList<std::pair<int, QChar>> brackets; // position in the line, bracket
};

// A plain-text code editor: line numbers in a gutter, the current line highlighted, the bracket
// under the cursor matched, a monospace font, Tab inserting two spaces (and indenting a selection),
// Enter keeping the indentation, and one diagnostic shown in place (a red wavy underline from its
// position to the end of the line, a mark in the gutter with the message as tooltip).
class CodeEditor final : public QPlainTextEdit
{
    Q_OBJECT

public:
    explicit CodeEditor(QWidget *parent = nullptr);

    static constexpr int kIndent = 2;

    void setDiagnostic(qsizetype position, const QString &message);
    void clearDiagnostic();
    // The 1-based line of the diagnostic, 0 when there is none.
    int diagnosticLine() const;
    QString diagnosticMessage() const { return m_diagnosticMessage; }

    // Moves the cursor to a character position and shows it.
    void goToPosition(qsizetype position);
    // Replaces the whole text as one undoable edit, keeping the cursor on the same line.
    void replaceText(const QString &text);

Q_SIGNALS:
    // The palette changed (light/dark theme): colours derived from it should be recomputed.
    void paletteChanged();

protected:
    void resizeEvent(QResizeEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    friend class LineNumberGutter;

    int gutterWidth() const;
    void paintGutter(QPaintEvent *event);
    bool gutterToolTip(const QPoint &pos);
    void updateGutterGeometry();
    void updateExtraSelections();
    QList<QTextEdit::ExtraSelection> bracketSelections() const;
    void indentSelection(bool outdent);
    void insertIndentedNewline();
    bool dedentClosingBracket(const QString &typed);

    QWidget *m_gutter;
    qsizetype m_diagnosticPosition = -1;
    QString m_diagnosticMessage;
};

} // namespace hb::gui
