// SPDX-License-Identifier: MIT
#pragma once

#include "jsontext.h"

#include <QWidget>

#include <optional>

class QLabel;
class QTimer;

namespace hb::gui {

class CodeEditor;
class JsonHighlighter;

// The text of one fixture: a CodeEditor, with JSON colours when the fixture is JSON, checked 300 ms
// after the last change; an error is marked in place and written below it as "line L, column C:
// message" (the position is a link). Format and Compact re-lay out valid JSON keeping key order and
// literals.
class FixtureTextEdit final : public QWidget
{
    Q_OBJECT

public:
    static constexpr int kDebounceMs = 300;

    explicit FixtureTextEdit(QWidget *parent = nullptr);

    CodeEditor *editor() const { return m_editor; }
    QString text() const;

    // Shows a freshly read text: no undo history, not modified, checked at once.
    void load(const QString &text, bool json, bool readOnly);
    void clear();
    // After a rename that changes the extension.
    void setJson(bool json);
    bool isJson() const { return m_json; }

    bool isModified() const;
    void setModified(bool modified);

    const std::optional<JsonTextError> &jsonError() const { return m_error; }
    // A line below the editor (until the next check), e.g. why the text is read-only.
    void setNote(const QString &text, bool warning);

    // Re-lays out the JSON as one undoable edit; false (with the error shown) when it is not valid.
    bool reformat(JsonLayout layout);

public Q_SLOTS:
    void check();

Q_SIGNALS:
    // The text changed and was checked (debounced).
    void checked();
    void modificationChanged(bool modified);

private:
    void showStatus(const QString &html, bool error);

    CodeEditor *m_editor;
    JsonHighlighter *m_highlighter;
    QLabel *m_status;
    QTimer *m_debounce;
    bool m_json = false;
    bool m_loading = false;
    std::optional<JsonTextError> m_error;
};

} // namespace hb::gui
