// SPDX-License-Identifier: MIT
#pragma once

#include "outcome.h"

#include <QWidget>

#include <optional>

class QLabel;
class QPushButton;
class QTextBrowser;

namespace hb::gui {

// One outcome: the messages (stream, topic and raw Markdown content), the no-op reason or the
// error, and the notes; when the error names a JSON path, a button that asks to show it.
class OutcomeView final : public QWidget
{
    Q_OBJECT

public:
    explicit OutcomeView(const QString &title, QWidget *parent = nullptr);

    void setTitle(const QString &title);
    void setOutcome(const std::optional<Outcome> &outcome, const QString &remark = {});

    QString title() const;
    QString text() const;          // what is shown, as plain text
    QString errorPath() const;     // the path the button shows; empty when it is hidden
    QPushButton *pathButton() const { return m_pathButton; }

    static QColor kindColor(Outcome::Kind kind);

Q_SIGNALS:
    void pathRequested(const QString &path);

private:
    QLabel *m_title;
    QTextBrowser *m_text;
    QPushButton *m_pathButton;
    QString m_path;
};

} // namespace hb::gui
