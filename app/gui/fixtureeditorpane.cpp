// SPDX-License-Identifier: MIT
#include "fixtureeditorpane.h"

#include "caserequestpanel.h"
#include "codeeditor.h"
#include "fixturelistmodel.h"
#include "fixturetextedit.h"
#include "workbench.h"

#include <QAction>
#include <QDir>
#include <QFileInfo>
#include <QHeaderView>
#include <QInputDialog>
#include <QMessageBox>
#include <QSettings>
#include <QSplitter>
#include <QStringDecoder>
#include <QTimer>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace hb::gui {

namespace {

const QString kSettingsGroup = u"fixtureEditor"_s;

// "name_copy.json", "name_copy2.json", … : the first that is free.
QString copyName(const FixtureFolder &folder, const QString &name)
{
    const QFileInfo info(name);
    const QString stem = info.completeBaseName() + u"_copy"_s;
    const QString suffix = u'.' + info.suffix();
    QString candidate = stem + suffix;
    for (int n = 2; QFileInfo::exists(folder.filePath(candidate)); ++n)
        candidate = stem + QString::number(n) + suffix;
    return candidate;
}

} // namespace

FixtureEditorPane::FixtureEditorPane(Workbench &workbench, QWidget *parent)
    : QWidget(parent)
    , m_workbench(workbench)
    , m_model(new FixtureListModel(this))
    , m_list(new QTreeView(this))
    , m_text(new FixtureTextEdit(this))
    , m_case(new CaseRequestPanel(this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
    , m_debounce(new QTimer(this))
{
    m_list->setObjectName(u"fixtureList"_s);
    m_list->setModel(m_model);
    m_list->setUniformRowHeights(true);
    m_list->header()->setStretchLastSection(false);
    m_list->header()->setSectionResizeMode(FixtureListModel::NameColumn, QHeaderView::Stretch);
    m_list->header()->setSectionResizeMode(FixtureListModel::DetailColumn, QHeaderView::ResizeToContents);
    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) { onListCurrentChanged(current); });

    connect(m_text, &FixtureTextEdit::checked, this, &FixtureEditorPane::emitEdited);
    connect(m_text, &FixtureTextEdit::modificationChanged, this, &FixtureEditorPane::updateState);
    // Table edits are debounced like the text.
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(FixtureTextEdit::kDebounceMs);
    connect(m_debounce, &QTimer::timeout, this, &FixtureEditorPane::emitEdited);
    connect(m_case, &CaseRequestPanel::edited, this, [this] {
        m_tablesModified = m_caseIndex >= 0; // without a case they only feed the preview
        updateState();
        m_debounce->start();
    });

    m_splitter->addWidget(m_list);
    m_splitter->addWidget(m_text);
    m_splitter->addWidget(m_case);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({300, 640, 340});
    m_splitter->restoreState(QSettings().value(kSettingsGroup + u"/splitter"_s).toByteArray());

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 0, 4, 4);
    layout->setSpacing(2);
    createActions();
    layout->addWidget(m_splitter);

    connect(&workbench, &Workbench::currentIntegrationChanged, this, &FixtureEditorPane::setIntegration);
    setIntegration(workbench.currentIntegration());
    setFocusProxy(m_text);
}

FixtureEditorPane::~FixtureEditorPane()
{
    QSettings().setValue(kSettingsGroup + u"/splitter"_s, m_splitter->saveState());
}

void FixtureEditorPane::createActions()
{
    auto *bar = new QToolBar(this);
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    bar->setIconSize(QSize(16, 16));
    const auto add = [&](const QString &text, const QKeySequence &key, const QString &tip, auto slot) {
        auto *a = new QAction(text, this);
        connect(a, &QAction::triggered, this, slot);
        bar->addAction(a);
        a->setShortcut(key);
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        a->setToolTip(key.isEmpty() ? tip : u"%1 (%2)"_s.arg(tip, key.toString(QKeySequence::NativeText)));
        addAction(a); // the shortcut works wherever the focus is in the pane
        return a;
    };
    m_new = add(tr("New…"), QKeySequence::New, tr("Create an empty fixture"), [this] { askNew(); });
    m_save = add(tr("Save"), QKeySequence::Save, tr("Save the fixture, and the case's headers and query"), [this] { save(); });
    bar->addSeparator();
    m_format = add(tr("Format"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F), tr("Indent the JSON by two spaces"),
                   [this] { formatJson(); });
    m_compact = add(tr("Compact"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M), tr("Put the JSON on one line"),
                    [this] { compactJson(); });
    bar->addSeparator();
    m_duplicate = add(tr("Duplicate…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D), tr("Copy the saved fixture under a new name"),
                      [this] { askDuplicate(); });
    m_rename = add(tr("Rename…"), QKeySequence(Qt::Key_F2), tr("Rename the fixture and the cases that use it"),
                   [this] { askRename(); });
    m_delete = add(tr("Delete…"), QKeySequence(), tr("Delete the fixture file"), [this] { askDelete(); });
    m_list->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_list->addActions({m_new, m_duplicate, m_rename, m_delete});
    layout()->addWidget(bar);
}

QString FixtureEditorPane::currentIntegration() const
{
    return m_entry ? m_entry->name : QString();
}

void FixtureEditorPane::setIntegration(const IntegrationEntry *entry)
{
    if (entry == m_entry)
        return;
    if (!maybeSave()) {
        // Stay on the integration whose changes are unsaved.
        QTimer::singleShot(0, this, [this, name = currentIntegration()] { m_workbench.setCurrentIntegration(name); });
        return;
    }
    m_entry = entry;
    closeFixture();
    m_folder = entry ? FixtureFolder(QDir(m_workbench.fixturesDir()).filePath(entry->folder()), entry->name) : FixtureFolder();
    refreshList();
    if (!m_folder.suiteError().isEmpty())
        emit m_workbench.statusMessage(m_folder.suiteError());
    if (!entry)
        return;
    // Reopen what was open last time, or the first fixture.
    QString fixture = QSettings().value(kSettingsGroup + u"/last/"_s + entry->name).toString();
    if (!m_folder.fixtures().contains(fixture))
        fixture = m_folder.fixtures().value(0);
    if (!fixture.isEmpty())
        load(fixture, -1);
}

void FixtureEditorPane::reloadFolder()
{
    m_folder.reload();
    refreshList();
}

void FixtureEditorPane::reloadCases(const QString &caseName)
{
    if (!m_open || isModified())
        return;
    const QString fixture = m_fixture;
    m_folder.reload();
    int index = -1;
    for (int i : m_folder.casesUsing(fixture)) {
        if (m_folder.suite() && m_folder.suite()->cases[i].name == caseName)
            index = i;
    }
    load(fixture, index);
    refreshList();
}

void FixtureEditorPane::refreshList()
{
    m_loading = true;
    m_model->setFolder(m_folder);
    m_model->setModified(m_fixture, isModified());
    m_list->expandAll();
    m_loading = false;
    selectCurrentInList();
    updateState();
}

bool FixtureEditorPane::isModified() const
{
    return m_open && (m_text->isModified() || m_tablesModified);
}

QString FixtureEditorPane::jsonError() const
{
    return m_text->jsonError() ? m_text->jsonError()->toString() : QString();
}

CodeEditor *FixtureEditorPane::editor() const
{
    return m_text->editor();
}

bool FixtureEditorPane::isJsonFixture() const
{
    return m_open && m_fixture.endsWith(u".json"_s);
}

bool FixtureEditorPane::maybeSave()
{
    if (!isModified())
        return true;
    const auto answer = QMessageBox::question(
        this, tr("Unsaved changes"),
        tr("%1 has unsaved changes. Save them before going on?").arg(m_fixture.isEmpty() ? tr("The case") : m_fixture),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save)
        return save();
    if (answer == QMessageBox::Discard) {
        m_text->setModified(false);
        m_tablesModified = false;
        updateState();
        return true;
    }
    return false;
}

bool FixtureEditorPane::openFixture(const QString &fixture, int caseIndex)
{
    // A fixture written elsewhere (saved from a capture) is not in the list yet: read the folder again.
    if (!fixture.isEmpty() && !m_folder.fixtures().contains(fixture))
        reloadFolder();
    const bool sameFixture = m_open && fixture == m_fixture;
    if (sameFixture && (caseIndex < 0 || caseIndex == m_caseIndex)) {
        selectCurrentInList();
        return true;
    }
    // Another case of the same fixture only replaces the tables: ask only when they were edited.
    if ((!sameFixture || m_tablesModified) && !maybeSave()) {
        selectCurrentInList();
        return false;
    }
    if (sameFixture) {
        m_caseIndex = caseIndex;
        fillTables();
        selectCurrentInList();
        emitEdited();
        return true;
    }
    load(fixture, caseIndex);
    return m_open;
}

void FixtureEditorPane::load(const QString &fixture, int caseIndex)
{
    QByteArray bytes;
    QString error;
    const bool exists = QFileInfo::exists(m_folder.filePath(fixture));
    const QList<int> cases = m_folder.casesUsing(fixture);
    if (caseIndex < 0)
        caseIndex = cases.value(0, -1);
    const auto &suite = m_folder.suite();
    if (!suite || caseIndex >= suite->cases.size())
        caseIndex = -1;
    const TestCase *test = caseIndex >= 0 ? &suite->cases[caseIndex] : nullptr;
    if (fixture.isEmpty()) {
        bytes = test ? test->rawBody : QByteArray(); // a case whose body is in cases.json
    } else if (exists && !m_folder.read(fixture, &bytes, &error)) {
        failed(error);
        return;
    }
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString text = decoder.decode(bytes);
    const bool readOnly = fixture.isEmpty() || decoder.hasError();

    m_loading = true;
    m_open = true;
    m_fixture = fixture;
    m_caseIndex = caseIndex;
    m_text->load(text, fixture.endsWith(u".json"_s), readOnly);
    fillTables();
    m_tablesModified = false;
    m_loading = false;

    if (m_entry && !fixture.isEmpty())
        QSettings().setValue(kSettingsGroup + u"/last/"_s + m_entry->name, fixture);
    m_debounce->stop();
    selectCurrentInList();
    if (decoder.hasError())
        m_text->setNote(tr("Not UTF-8 text: shown read-only so nothing is lost."), true);
    else if (fixture.isEmpty())
        m_text->setNote(tr("The body of this case is written in cases.json."), false);
    else if (!exists)
        m_text->setNote(tr("%1 is not in the folder yet: Save creates it.").arg(fixture), true);
    updateState();
    emitEdited();
}

void FixtureEditorPane::closeFixture()
{
    if (!m_open)
        return;
    m_loading = true;
    m_open = false;
    m_fixture.clear();
    m_caseIndex = -1;
    m_debounce->stop();
    m_text->clear();
    m_case->clear();
    m_tablesModified = false;
    m_loading = false;
    updateState();
    emit fixtureClosed();
}

const TestCase *FixtureEditorPane::suiteCase() const
{
    const auto &suite = m_folder.suite();
    if (!m_open || m_caseIndex < 0 || !suite || m_caseIndex >= suite->cases.size())
        return nullptr;
    return &suite->cases[m_caseIndex];
}

void FixtureEditorPane::fillTables()
{
    m_case->showCase(suiteCase(), m_entry ? m_entry->eventHeader : QByteArray());
    m_tablesModified = false;
}

void FixtureEditorPane::selectCurrentInList()
{
    const QModelIndex index = m_caseIndex >= 0 ? m_model->caseIndex(m_fixture, m_caseIndex) : m_model->fixtureIndex(m_fixture);
    if (!m_open || !index.isValid() || m_list->currentIndex() == index)
        return;
    m_loading = true;
    m_list->setCurrentIndex(index);
    m_list->scrollTo(index);
    m_loading = false;
}

void FixtureEditorPane::onListCurrentChanged(const QModelIndex &current)
{
    if (m_loading || !current.isValid())
        return;
    const QString fixture = current.data(FixtureListModel::FixtureRole).toString();
    const int caseIndex = current.data(FixtureListModel::CaseIndexRole).toInt();
    // Switching back from a dialog inside the selection change is left to the event loop.
    QTimer::singleShot(0, this, [this, fixture, caseIndex] { openFixture(fixture, caseIndex); });
}

std::optional<TestCase> FixtureEditorPane::currentCase() const
{
    const TestCase *found = suiteCase();
    if (!found)
        return std::nullopt;
    TestCase test = *found;
    test.headers = m_case->headers();
    test.query = m_case->query();
    return test;
}

std::optional<WebhookRequest> FixtureEditorPane::currentRequest(QString *error) const
{
    QString ignored;
    QString &err = error ? *error : ignored;
    if (!m_open || !m_entry) {
        err = tr("No fixture is open.");
        return std::nullopt;
    }
    TestCase test;
    if (auto c = currentCase()) {
        test = std::move(*c);
    } else {
        if (isJsonFixture())
            test.contentType = QByteArray("application/json");
        test.headers = m_case->headers();
        test.query = m_case->query();
    }
    return m_folder.requestFor(std::move(test), m_text->text(), &err);
}

void FixtureEditorPane::emitEdited()
{
    if (!m_open || !m_entry)
        return;
    emit fixtureEdited(m_entry->name, m_text->text().toUtf8(), m_case->headers(), m_case->query(), currentCase());
}

void FixtureEditorPane::updateState()
{
    m_model->setModified(m_fixture, isModified());
    const bool onDisk = m_open && m_folder.fixtures().contains(m_fixture);
    m_new->setEnabled(m_entry != nullptr);
    const bool editable = m_open && !editor()->isReadOnly();
    m_save->setEnabled(editable || m_tablesModified);
    m_format->setEnabled(editable && m_text->isJson());
    m_compact->setEnabled(editable && m_text->isJson());
    m_duplicate->setEnabled(onDisk);
    m_rename->setEnabled(onDisk);
    m_delete->setEnabled(onDisk);
    m_case->setEditable(m_open);
}

bool FixtureEditorPane::failed(const QString &message)
{
    emit m_workbench.statusMessage(message);
    return false;
}

bool FixtureEditorPane::save()
{
    if (!m_open)
        return false;
    QString error;
    bool wroteFixture = false;
    bool wroteCase = false;
    if (!m_fixture.isEmpty() && !editor()->isReadOnly()) {
        m_text->reformat(JsonLayout::Indented); // the stable layout, when the text is valid JSON
        if (!m_folder.write(m_fixture, m_text->text().toUtf8(), &error))
            return failed(error);
        wroteFixture = true;
        m_text->setModified(false);
    }
    if (m_tablesModified && m_caseIndex >= 0) {
        const TestCase test = *currentCase();
        if (!m_folder.updateCase(m_caseIndex, test.name, test.headers, test.query, &error))
            return failed(error);
        m_tablesModified = false;
        wroteCase = true;
    }
    if (!wroteFixture && !wroteCase)
        return true;
    reloadFolder();
    QString message = wroteFixture ? tr("Saved %1").arg(m_fixture) : tr("Saved the case in cases.json");
    if (const auto &jsonError = m_text->jsonError())
        message += tr(" (not valid JSON: %1)").arg(jsonError->toString());
    emit m_workbench.statusMessage(message);
    return true;
}

void FixtureEditorPane::reformat(JsonLayout layout)
{
    if (!m_text->reformat(layout) && m_text->jsonError())
        failed(tr("Cannot format: %1").arg(m_text->jsonError()->toString()));
}

void FixtureEditorPane::formatJson()
{
    reformat(JsonLayout::Indented);
}

void FixtureEditorPane::compactJson()
{
    reformat(JsonLayout::Compact);
}

bool FixtureEditorPane::createFixture(const QString &name)
{
    QString error;
    const QByteArray initial = name.endsWith(u".json"_s) ? QByteArray("{}\n") : QByteArray();
    if (!m_entry || !m_folder.create(name, initial, &error))
        return failed(m_entry ? error : tr("Select an integration first."));
    reloadFolder();
    emit m_workbench.statusMessage(tr("Created %1").arg(name));
    return true;
}

bool FixtureEditorPane::duplicateFixture(const QString &from, const QString &to)
{
    QString error;
    if (!m_folder.duplicate(from, to, &error))
        return failed(error);
    reloadFolder();
    emit m_workbench.statusMessage(tr("Copied %1 to %2").arg(from, to));
    return true;
}

bool FixtureEditorPane::renameFixture(const QString &from, const QString &to)
{
    QString error;
    const qsizetype cases = m_folder.casesUsing(from).size();
    if (!m_folder.rename(from, to, &error))
        return failed(error);
    if (m_open && m_fixture == from) {
        m_fixture = to; // the editor keeps its text and its unsaved changes
        m_text->setJson(isJsonFixture());
        if (m_entry)
            QSettings().setValue(kSettingsGroup + u"/last/"_s + m_entry->name, to);
        m_text->check();
    }
    reloadFolder();
    emit m_workbench.statusMessage(tr("Renamed %1 to %2 (%n case(s) updated)", nullptr, int(cases)).arg(from, to));
    return true;
}

bool FixtureEditorPane::deleteFixture(const QString &name)
{
    QString error;
    if (!m_folder.remove(name, &error))
        return failed(error);
    if (m_open && m_fixture == name) {
        m_text->setModified(false);
        m_tablesModified = false;
        closeFixture();
    }
    reloadFolder();
    emit m_workbench.statusMessage(tr("Deleted %1").arg(name));
    return true;
}

void FixtureEditorPane::askNew()
{
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("New fixture"), tr("File name (.json or .txt):"),
                                               QLineEdit::Normal, u"new_fixture.json"_s, &ok).trimmed();
    if (!ok)
        return;
    if (const QString error = FixtureFolder::nameError(name); !error.isEmpty()) {
        QMessageBox::warning(this, tr("New fixture"), error);
        return;
    }
    if (maybeSave() && createFixture(name))
        openFixture(name);
}

void FixtureEditorPane::askDuplicate()
{
    const QString from = m_fixture;
    bool ok = false;
    const QString to = QInputDialog::getText(this, tr("Duplicate fixture"), tr("Copy the saved %1 as:").arg(from),
                                             QLineEdit::Normal, copyName(m_folder, from), &ok).trimmed();
    if (!ok)
        return;
    if (const QString error = FixtureFolder::nameError(to); !error.isEmpty()) {
        QMessageBox::warning(this, tr("Duplicate fixture"), error);
        return;
    }
    if (maybeSave() && duplicateFixture(from, to))
        openFixture(to);
}

void FixtureEditorPane::askRename()
{
    const QString from = m_fixture;
    const qsizetype cases = m_folder.casesUsing(from).size();
    bool ok = false;
    const QString label = cases ? tr("New name for %1 (the %n case(s) using it follow):", nullptr, int(cases)).arg(from)
                                : tr("New name for %1:").arg(from);
    const QString to = QInputDialog::getText(this, tr("Rename fixture"), label, QLineEdit::Normal, from, &ok).trimmed();
    if (!ok || to == from)
        return;
    if (const QString error = FixtureFolder::nameError(to); !error.isEmpty()) {
        QMessageBox::warning(this, tr("Rename fixture"), error);
        return;
    }
    renameFixture(from, to);
}

void FixtureEditorPane::askDelete()
{
    const QString name = m_fixture;
    const qsizetype cases = m_folder.casesUsing(name).size();
    QString question = tr("Delete %1 from the disk?").arg(name);
    if (cases)
        question += u' ' + tr("%n case(s) in cases.json use it and will name a missing file.", nullptr, int(cases));
    if (isModified())
        question += u' ' + tr("Its unsaved changes are lost too.");
    if (QMessageBox::question(this, tr("Delete fixture"), question, QMessageBox::Yes | QMessageBox::No, QMessageBox::No)
        == QMessageBox::Yes)
        deleteFixture(name);
}

} // namespace hb::gui
