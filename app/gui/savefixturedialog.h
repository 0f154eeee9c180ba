// SPDX-License-Identifier: MIT
#pragma once

#include "capturefixture.h"
#include "fixturefolder.h"
#include "redaction.h"

#include <QDialog>
#include <QSet>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;
class QTabWidget;

namespace hb::gui {

// "Save capture as fixture": the file name, the redactions found (kind, where, original → fake, each
// with a checkbox to undo it), a field to mark a JSON path or a text for redaction (or the text
// selected in the preview), and the preview of the file and of the case as they will be written.
class SaveFixtureDialog final : public QDialog
{
    Q_OBJECT

public:
    SaveFixtureDialog(const CaptureFixture &fixture, const FixtureFolder &folder, QWidget *parent = nullptr);

    QString fileName() const;
    const RequestRedaction &redaction() const { return m_redaction; }

    // For tests and the buttons: what the dialog shows and does.
    QTableWidget *table() const { return m_table; }
    QLineEdit *nameEdit() const { return m_name; }
    QPlainTextEdit *filePreview() const { return m_file; }
    QPlainTextEdit *casePreview() const { return m_case; }
    QPushButton *saveButton() const;
    // Adds a mark (JSON path or literal) and finds the redactions again; undone ones stay undone.
    void mark(const QString &pathOrText);
    void setApplied(int row, bool applied);

private:
    void rebuild(const QStringList &marks);
    void fillTable();
    void updatePreview();
    void updateName();
    void onItemChanged(int row, int column);
    static QString key(const Redaction &r);

    CaptureFixture m_fixture;
    RequestRedaction m_redaction;
    QSet<QString> m_undone; // redactions the user undid, by where and original
    QLineEdit *m_name;
    QLabel *m_nameError;
    QLabel *m_count;
    QTableWidget *m_table;
    QLineEdit *m_markEdit;
    QTabWidget *m_previews;
    QPlainTextEdit *m_file;
    QPlainTextEdit *m_case;
    QDialogButtonBox *m_buttons;
    bool m_filling = false;
};

} // namespace hb::gui
