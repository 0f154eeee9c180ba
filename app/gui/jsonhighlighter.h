// SPDX-License-Identifier: MIT
#pragma once

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

class QPalette;

namespace hb::gui {

// Colours JSON: object keys, string values, numbers, true/false/null and punctuation, with one set of
// colours for light palettes and one for dark. It also records each line's brackets outside strings
// (BracketData) for the editor's bracket matching.
class JsonHighlighter final : public QSyntaxHighlighter
{
    Q_OBJECT

public:
    explicit JsonHighlighter(QTextDocument *document);

    // Picks the light or dark colours from the palette's base colour, and re-colours.
    void setPalette(const QPalette &palette);

protected:
    void highlightBlock(const QString &text) override;

private:
    int highlightString(const QString &text, int start);

    QTextCharFormat m_key;
    QTextCharFormat m_string;
    QTextCharFormat m_number;
    QTextCharFormat m_keyword;
    QTextCharFormat m_punctuation;
};

} // namespace hb::gui
