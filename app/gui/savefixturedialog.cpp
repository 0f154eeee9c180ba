// SPDX-License-Identifier: MIT
#include "savefixturedialog.h"

#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QTabWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace hb::gui {

namespace {

enum Column { ApplyColumn, KindColumn, WhereColumn, ChangeColumn };

QPlainTextEdit *codeView(QWidget *parent)
{
    auto *view = new QPlainTextEdit(parent);
    view->setReadOnly(true);
    view->setLineWrapMode(QPlainTextEdit::NoWrap);
    view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    return view;
}

} // namespace

SaveFixtureDialog::SaveFixtureDialog(const CaptureFixture &fixture, const FixtureFolder &folder, QWidget *parent)
    : QDialog(parent)
    , m_fixture(fixture)
    , m_name(new QLineEdit(fixture.suggestedName(folder), this))
    , m_nameError(new QLabel(this))
    , m_count(new QLabel(this))
    , m_table(new QTableWidget(0, 4, this))
    , m_markEdit(new QLineEdit(this))
    , m_previews(new QTabWidget(this))
    , m_file(codeView(this))
    , m_case(codeView(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Save capture as fixture"));
    m_nameError->setStyleSheet(u"color: #c62828;"_s);
    m_table->setHorizontalHeaderLabels({tr("Redact"), tr("Kind"), tr("Where"), tr("Original → fake")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setToolTip(tr("Untick a row to keep the original value (Space toggles the selected row)."));
    m_markEdit->setPlaceholderText(tr("JSON path (user.email, items[*].id, header:X-Name, query:name) or text to redact"));
    auto *markButton = new QPushButton(tr("&Mark"), this);
    markButton->setToolTip(tr("Redact this path or text too"));
    auto *markSelection = new QPushButton(tr("Mark &selection"), this);
    markSelection->setToolTip(tr("Redact the text selected in the preview, wherever it occurs"));
    auto *markRow = new QHBoxLayout;
    markRow->addWidget(m_markEdit, 1);
    markRow->addWidget(markButton);
    markRow->addWidget(markSelection);
    m_previews->addTab(m_file, tr("File"));
    m_previews->addTab(m_case, tr("Case in cases.json"));

    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(m_count);
    topLayout->addWidget(m_table, 1);
    topLayout->addLayout(markRow);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(top);
    split->addWidget(m_previews);
    split->setStretchFactor(1, 2);

    auto *form = new QFormLayout;
    form->addRow(tr("File name in fixtures/%1/:").arg(QFileInfo(folder.directory()).fileName()), m_name);
    form->addRow(QString(), m_nameError);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(split, 1);
    layout->addWidget(m_buttons);
    resize(900, 680);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_name, &QLineEdit::textChanged, this, &SaveFixtureDialog::updateName);
    connect(m_table, &QTableWidget::cellChanged, this, &SaveFixtureDialog::onItemChanged);
    connect(markButton, &QPushButton::clicked, this, [this] {
        mark(m_markEdit->text().trimmed());
        m_markEdit->clear();
    });
    connect(m_markEdit, &QLineEdit::returnPressed, markButton, &QPushButton::click);
    connect(markSelection, &QPushButton::clicked, this, [this] {
        QPlainTextEdit *view = m_previews->currentIndex() == 0 ? m_file : m_case;
        mark(view->textCursor().selectedText());
    });
    rebuild({});
    updateName();
}

QString SaveFixtureDialog::fileName() const
{
    return m_name->text().trimmed();
}

QPushButton *SaveFixtureDialog::saveButton() const
{
    return m_buttons->button(QDialogButtonBox::Save);
}

QString SaveFixtureDialog::key(const Redaction &r)
{
    return r.where() + u'\n' + QString::number(r.start) + u'\n' + r.original;
}

void SaveFixtureDialog::mark(const QString &pathOrText)
{
    if (pathOrText.isEmpty() || m_redaction.marks().contains(pathOrText))
        return;
    rebuild(m_redaction.marks() + QStringList{pathOrText});
}

void SaveFixtureDialog::setApplied(int row, bool applied)
{
    if (QTableWidgetItem *item = m_table->item(row, ApplyColumn))
        item->setCheckState(applied ? Qt::Checked : Qt::Unchecked); // onItemChanged does the rest
}

void SaveFixtureDialog::rebuild(const QStringList &marks)
{
    m_redaction = m_fixture.redaction(marks);
    for (int i = 0; i < m_redaction.redactions().size(); ++i) {
        if (m_undone.contains(key(m_redaction.redactions()[i])))
            m_redaction.setApplied(i, false);
    }
    fillTable();
    updatePreview();
    if (!m_redaction.unusedMarks().isEmpty())
        m_count->setText(m_count->text() + u' ' + tr("(%1 matched nothing)").arg(m_redaction.unusedMarks().join(u", "_s)));
}

void SaveFixtureDialog::fillTable()
{
    m_filling = true;
    const QList<Redaction> &all = m_redaction.redactions();
    m_table->setRowCount(int(all.size()));
    for (int row = 0; row < all.size(); ++row) {
        const Redaction &r = all[row];
        auto *apply = new QTableWidgetItem;
        apply->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
        apply->setCheckState(r.applied ? Qt::Checked : Qt::Unchecked);
        m_table->setItem(row, ApplyColumn, apply);
        m_table->setItem(row, KindColumn, new QTableWidgetItem(Redaction::kindName(r.kind)));
        m_table->setItem(row, WhereColumn, new QTableWidgetItem(r.where()));
        m_table->setItem(row, ChangeColumn, new QTableWidgetItem(r.original + u" → "_s + r.fake));
    }
    m_table->resizeColumnsToContents();
    m_count->setText(all.isEmpty() ? tr("Nothing to redact was found.") : tr("%n redaction(s) found:", nullptr, int(all.size())));
    m_filling = false;
}

void SaveFixtureDialog::onItemChanged(int row, int column)
{
    if (m_filling || column != ApplyColumn || row >= m_redaction.redactions().size())
        return;
    const bool applied = m_table->item(row, ApplyColumn)->checkState() == Qt::Checked;
    m_redaction.setApplied(row, applied);
    const QString k = key(m_redaction.redactions()[row]);
    if (applied)
        m_undone.remove(k);
    else
        m_undone.insert(k);
    updatePreview();
}

void SaveFixtureDialog::updatePreview()
{
    CaptureFixture fixture = m_fixture;
    fixture.setRedaction(m_redaction);
    m_file->setPlainText(QString::fromUtf8(fixture.fileBytes()));
    QString error;
    const QString name = FixtureFolder::nameError(fileName()).isEmpty() ? fileName() : u"fixture.json"_s;
    const std::optional<JsonValue> test = fixture.testCase(name, &error);
    m_case->setPlainText(test ? QString::fromUtf8(test->toJson(true)) : error);
}

void SaveFixtureDialog::updateName()
{
    const QString problem = FixtureFolder::nameError(fileName());
    m_nameError->setText(problem);
    m_nameError->setVisible(!problem.isEmpty());
    saveButton()->setEnabled(problem.isEmpty());
    updatePreview();
}

} // namespace hb::gui
