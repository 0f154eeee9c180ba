// SPDX-License-Identifier: MIT
#include "inspectorpane.h"

#include "capturefixture.h"
#include "capturereplay.h"
#include "fixturefolder.h"
#include "jsonpanel.h"
#include "keyvaluetable.h"
#include "outcomeview.h"
#include "replaysource.h"
#include "senddialog.h"
#include "savefixturedialog.h"
#include "workbench.h"

#include <QAction>
#include <QDir>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPromise>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QThreadPool>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace hb::gui {

namespace {

KeyValueTable::Rows textRows(const ParamList &params)
{
    return params;
}

KeyValueTable::Rows textRows(const HeaderList &headers)
{
    KeyValueTable::Rows rows;
    rows.reserve(headers.size());
    for (const auto &[name, value] : headers)
        rows.append({QString::fromUtf8(name), QString::fromUtf8(value)});
    return rows;
}

QString sizeText(qsizetype bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

QString durationText(qint64 us)
{
    return us < 1000 ? InspectorPane::tr("%1 µs").arg(us) : InspectorPane::tr("%1 ms").arg(double(us) / 1000.0, 0, 'f', 1);
}

// How the case just saved runs with the current handler, for the status bar.
QString verdict(const std::optional<CaseResult> &result)
{
    if (!result)
        return {};
    return result->passed ? InspectorPane::tr("; the case passes")
                          : InspectorPane::tr("; the case fails now (%1)").arg(result->detail.section(u'\n', 0, 0));
}

QLabel *placeholderLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setAlignment(Qt::AlignCenter);
    label->setWordWrap(true);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

} // namespace

InspectorPane::InspectorPane(Workbench &workbench, QWidget *parent)
    : QWidget(parent)
    , m_workbench(workbench)
    , m_pages(new QStackedWidget(this))
    , m_placeholder(placeholderLabel(this))
    , m_summary(new QLabel(this))
    , m_replayButton(new QPushButton(tr("Replay"), this))
    , m_replayAction(new QAction(tr("&Replay capture"), this))
    , m_saveFixtureButton(new QPushButton(tr("Save as fixture…"), this))
    , m_saveFixtureAction(new QAction(tr("Save capture as &fixture…"), this))
    , m_forwardAction(new QAction(tr("F&orward to URL…"), this))
    , m_sendToZulipAction(new QAction(tr("Send to &Zulip…"), this))
    , m_sendButton(new QToolButton(this))
    , m_stored(new OutcomeView(tr("Outcome"), this))
    , m_replayed(new OutcomeView(tr("Replay"), this))
{
    setUpReplay();
    setUpSaveFixture();
    setUpSend();
    createLayout();
    connectWorkbench();
    load(workbench.currentCapture());
}

InspectorPane::~InspectorPane()
{
    m_analysis.waitForFinished(); // the job holds no pointer to us, but let it end before we go
}

void InspectorPane::setUpReplay()
{
    m_replayAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_replayAction->setToolTip(tr("Run the captured request again through the current handler (%1)")
                                   .arg(m_replayAction->shortcut().toString(QKeySequence::NativeText)));
    m_replayAction->setEnabled(false);
    addAction(m_replayAction);
    connect(m_replayAction, &QAction::triggered, this, &InspectorPane::replay);
    connect(m_replayAction, &QAction::changed, this, [this] { m_replayButton->setEnabled(m_replayAction->isEnabled()); });
    m_replayButton->setToolTip(m_replayAction->toolTip());
    m_replayButton->setEnabled(false);
    connect(m_replayButton, &QPushButton::clicked, m_replayAction, &QAction::trigger);
    m_replayed->setVisible(false);
    connect(m_stored, &OutcomeView::pathRequested, this, &InspectorPane::showJsonPath);
    connect(m_replayed, &OutcomeView::pathRequested, this, &InspectorPane::showJsonPath);
}

void InspectorPane::setUpSaveFixture()
{
    m_saveFixtureAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    m_saveFixtureAction->setToolTip(tr("Save the request as a fixture of its integration, with a case in cases.json "
                                       "that expects the stored outcome (%1).\n%2")
                                        .arg(m_saveFixtureAction->shortcut().toString(QKeySequence::NativeText),
                                             CaptureFixture::leftOutDescription()));
    m_saveFixtureAction->setEnabled(false);
    addAction(m_saveFixtureAction);
    connect(m_saveFixtureAction, &QAction::triggered, this, &InspectorPane::askSaveAsFixture);
    m_saveFixtureButton->setToolTip(m_saveFixtureAction->toolTip());
    m_saveFixtureButton->setEnabled(false);
    connect(m_saveFixtureButton, &QPushButton::clicked, m_saveFixtureAction, &QAction::trigger);
}

void InspectorPane::setUpSend()
{
    m_forwardAction->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_F));
    m_forwardAction->setToolTip(tr("Send the request as it was received (method, headers, body bytes) to another URL (%1)")
                                    .arg(m_forwardAction->shortcut().toString(QKeySequence::NativeText)));
    m_sendToZulipAction->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_P));
    m_sendToZulipAction->setToolTip(tr("Post the messages the current handler makes of this request to a Zulip server (%1)")
                                        .arg(m_sendToZulipAction->shortcut().toString(QKeySequence::NativeText)));
    for (QAction *action : {m_forwardAction, m_sendToZulipAction}) {
        action->setEnabled(false);
        addAction(action);
    }
    connect(m_forwardAction, &QAction::triggered, this, &InspectorPane::openForwardDialog);
    connect(m_sendToZulipAction, &QAction::triggered, this, &InspectorPane::openSendToZulipDialog);
    m_sendButton->setText(tr("Send"));
    m_sendButton->setToolTip(tr("Forward the request to a URL, or post its messages to Zulip"));
    m_sendButton->setPopupMode(QToolButton::InstantPopup);
    m_sendButton->addAction(m_forwardAction);
    m_sendButton->addAction(m_sendToZulipAction);
    m_sendButton->setEnabled(false);
    connect(m_forwardAction, &QAction::changed, this, [this] { m_sendButton->setEnabled(m_forwardAction->isEnabled()); });
}

SendDialog *InspectorPane::openForwardDialog()
{
    return openSendDialog(false);
}

SendDialog *InspectorPane::openSendToZulipDialog()
{
    return openSendDialog(true);
}

SendDialog *InspectorPane::openSendDialog(bool zulip)
{
    if (!m_details)
        return nullptr;
    const Capture &capture = m_details->capture;
    std::optional<Outcome> outcome;
    if (zulip) {
        DispatchOptions options;
        options.apiKey = m_workbench.listenerConfig().apiKey;
        outcome = replayCapture(m_workbench.registry(), capture, options);
    }
    auto *dialog = new SendDialog(zulip ? SendDialog::Mode::Zulip : SendDialog::Mode::Url, captureSource(capture),
                                  outcome, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const qint64 id = capture.id;
    connect(dialog, &SendDialog::sent, this, [this, id, zulip](bool delivered) {
        emit m_workbench.statusMessage(delivered ? (zulip ? tr("Capture %1: messages sent to Zulip").arg(id)
                                                          : tr("Capture %1 forwarded").arg(id))
                                                 : tr("Capture %1: not delivered (see the dialog)").arg(id));
    });
    dialog->open();
    return dialog;
}

void InspectorPane::createLayout()
{
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_split = new QSplitter(Qt::Horizontal, this);
    m_split->addWidget(createTabs());
    m_split->addWidget(m_stored);
    m_split->addWidget(m_replayed);
    m_split->setStretchFactor(0, 3);
    m_split->setStretchFactor(1, 2);
    m_split->setStretchFactor(2, 2);
    m_split->restoreState(QSettings().value(u"inspector/split"_s).toByteArray());
    connect(m_split, &QSplitter::splitterMoved, this, [this] { QSettings().setValue(u"inspector/split"_s, m_split->saveState()); });

    auto *head = new QHBoxLayout;
    head->addWidget(m_summary, 1);
    head->addWidget(m_replayButton, 0, Qt::AlignTop);
    head->addWidget(m_saveFixtureButton, 0, Qt::AlignTop);
    head->addWidget(m_sendButton, 0, Qt::AlignTop);
    auto *content = new QWidget(this);
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->addLayout(head);
    contentLayout->addWidget(m_split, 1);
    m_pages->addWidget(m_placeholder);
    m_pages->addWidget(content);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_pages);
}

void InspectorPane::connectWorkbench()
{
    connect(&m_workbench, &Workbench::currentCaptureChanged, this, &InspectorPane::load);
    connect(&m_workbench.captures(), &CaptureModel::captureFetched, this, [this](const Capture &c) {
        if (c.id == m_pending)
            analyse(c);
    });
    connect(&m_workbench.captures(), &CaptureModel::errorOccurred, this, [this](const QString &message) {
        if (m_pending != 0 && shownCapture() != m_pending)
            showPlaceholder(message);
    });
    connect(&m_analysis, &QFutureWatcher<CaptureDetails>::finished, this, [this] {
        if (m_analysis.future().resultCount() > 0 && m_analysis.result().capture.id == m_pending)
            display(m_analysis.result());
    });
}

QWidget *InspectorPane::createTabs()
{
    m_tabs = new QTabWidget(this);
    m_tabs->setDocumentMode(true);
    m_headers = new KeyValueTable(tr("Name"), tr("Value"), m_tabs);
    m_headers->setPlaceholderText(tr("No headers"));
    m_query = new KeyValueTable(tr("Parameter"), tr("Value"), m_tabs);
    m_query->setPlaceholderText(tr("No query parameters"));
    m_body = new JsonPanel(m_tabs);
    m_tabs->addTab(m_headers, tr("Headers"));
    m_tabs->addTab(m_query, tr("Query"));
    m_tabs->addTab(m_body, tr("Body"));
    m_tabs->addTab(createRawTab(), tr("Raw"));
    m_tabs->addTab(createFormTab(), tr("Form"));
    m_tabs->setCurrentIndex(BodyTab);
    return m_tabs;
}

QWidget *InspectorPane::createRawTab()
{
    auto *page = new QWidget(m_tabs);
    m_raw = new QPlainTextEdit(page);
    m_raw->setReadOnly(true);
    m_raw->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_raw->setUndoRedoEnabled(false);
    m_rawNote = new QLabel(page);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 2, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_rawNote);
    layout->addWidget(m_raw, 1);
    return page;
}

QWidget *InspectorPane::createFormTab()
{
    auto *split = new QSplitter(Qt::Vertical, m_tabs);
    m_form = new KeyValueTable(tr("Field"), tr("Value"), split);
    m_form->setPlaceholderText(tr("The body is not form-encoded"));
    auto *payload = new QWidget(split);
    m_formPayloadTitle = new QLabel(payload);
    m_formPayload = new JsonPanel(payload);
    auto *layout = new QVBoxLayout(payload);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_formPayloadTitle);
    layout->addWidget(m_formPayload, 1);
    split->addWidget(m_form);
    split->addWidget(payload);
    split->setStretchFactor(1, 2);
    return split;
}

void InspectorPane::load(qint64 id)
{
    m_pending = id;
    if (id == 0) {
        showPlaceholder(tr("Select a capture to inspect its request and outcome."));
        return;
    }
    // The capture shown so far stays until the new one is ready: no flicker while moving through the list.
    m_workbench.captures().fetchCapture(id);
}

void InspectorPane::analyse(const Capture &capture)
{
    const IntegrationEntry *entry = m_workbench.registry().find(capture.integration);
    const QString payloadField = entry ? entry->payloadParam : u"payload"_s;
    auto promise = std::make_shared<QPromise<CaptureDetails>>();
    m_analysis.setFuture(promise->future());
    // Parsing a large body and formatting its raw text must not hold up the GUI thread.
    QThreadPool::globalInstance()->start([promise, capture, payloadField] {
        promise->start();
        promise->addResult(analyseCapture(capture, payloadField));
        promise->finish();
    });
}

void InspectorPane::display(const CaptureDetails &details)
{
    m_details = details;
    showSummary(details);
    m_headers->setRows(textRows(details.capture.headers));
    m_query->setRows(textRows(details.query));
    m_tabs->setTabText(HeadersTab, tr("Headers (%1)").arg(details.capture.headers.size()));
    m_tabs->setTabText(QueryTab, tr("Query (%1)").arg(details.query.size()));
    showBody(details);
    showRaw(details.raw, details.capture);
    showForm(details);
    m_stored->setTitle(tr("Outcome"));
    m_stored->setOutcome(details.storedOutcome);
    m_replayed->setVisible(false);
    m_replayAction->setEnabled(true);
    m_forwardAction->setEnabled(true);
    m_sendToZulipAction->setEnabled(true);
    updateSaveFixture();
    m_pages->setCurrentIndex(1);
    emit captureShown(details.capture.id);
}

void InspectorPane::showSummary(const CaptureDetails &d)
{
    const Capture &c = d.capture;
    const QString time = QLocale::c().toString(c.receivedAt.toLocalTime(), u"yyyy-MM-dd HH:mm:ss.zzz"_s);
    const QString peer = c.remoteAddress.contains(u':') ? u"[%1]:%2"_s.arg(c.remoteAddress).arg(c.remotePort)
                                                         : u"%1:%2"_s.arg(c.remoteAddress).arg(c.remotePort);
    const QString outcome = Outcome::kindName(c.outcomeKind);
    QString target = QString::fromUtf8(c.target);
    if (target.size() > 300)
        target = target.left(300) + u'…';
    m_summary->setText(
        u"<b>%1</b> <code>%2</code><br/>%3 · %4 · %5 · %6 · <b>%7</b> <span style=\"color:%8\">● %9</span>"_s.arg(
            QString::fromLatin1(c.method).toHtmlEscaped(), target.toHtmlEscaped(), time, tr("from %1").arg(peer).toHtmlEscaped(),
            sizeText(c.bodySize), durationText(c.durationUs), QString::number(c.httpStatus),
            OutcomeView::kindColor(c.outcomeKind).name(), outcome));
}

void InspectorPane::showBody(const CaptureDetails &d)
{
    if (d.body)
        m_body->setParsed(*d.body);
    else if (d.formEncoded)
        m_body->showMessage(tr("The body is form-encoded: its fields are on the Form tab."));
    else if (d.capture.bodySize > 0)
        m_body->showMessage(tr("The body (%1) was refused unread.").arg(sizeText(d.capture.bodySize)));
    else
        m_body->showMessage(tr("No body."));
}

void InspectorPane::showRaw(const RawBody &raw, const Capture &capture)
{
    QString note;
    if (raw.totalBytes == 0)
        note = capture.bodySize > 0 ? tr("The body (%1) was refused unread.").arg(sizeText(capture.bodySize)) : tr("No body.");
    else if (raw.isTruncated())
        note = (raw.hex ? tr("Showing the first %1 of %2 as a hex dump.") : tr("Showing the first %1 of %2."))
                   .arg(sizeText(raw.shownBytes), sizeText(raw.totalBytes));
    else
        note = raw.hex ? tr("%1, binary: shown as a hex dump.").arg(sizeText(raw.totalBytes))
                       : tr("%1 of text.").arg(sizeText(raw.totalBytes));
    m_rawNote->setText(note);
    m_raw->setLineWrapMode(raw.hex ? QPlainTextEdit::NoWrap : QPlainTextEdit::WidgetWidth);
    m_raw->setPlainText(raw.text);
}

void InspectorPane::showForm(const CaptureDetails &d)
{
    m_form->setRows(d.form);
    m_tabs->setTabText(FormTab, d.formEncoded ? tr("Form (%1)").arg(d.form.size()) : tr("Form"));
    m_formPayloadTitle->parentWidget()->setVisible(!d.payloadField.isEmpty());
    if (d.payloadField.isEmpty())
        return;
    m_formPayloadTitle->setText(tr("<b>%1</b> as JSON").arg(d.payloadField.toHtmlEscaped()));
    m_formPayload->setParsed(d.payload);
}

void InspectorPane::showPlaceholder(const QString &text)
{
    m_details.reset();
    m_replayAction->setEnabled(false);
    m_forwardAction->setEnabled(false);
    m_sendToZulipAction->setEnabled(false);
    updateSaveFixture();
    m_placeholder->setText(text);
    m_pages->setCurrentWidget(m_placeholder);
}

void InspectorPane::replay()
{
    if (!m_details)
        return;
    DispatchOptions options;
    options.apiKey = m_workbench.listenerConfig().apiKey;
    const Outcome outcome = replayCapture(m_workbench.registry(), m_details->capture, options);
    const bool changed = !m_details->storedOutcome || !sameOutcome(*m_details->storedOutcome, outcome);
    const Capture &c = m_details->capture;
    const QString remark = c.body.isEmpty() && c.bodySize > 0
                               ? tr("The body was refused unread: the replay sent none.") : QString();
    m_replayed->setTitle(changed ? tr("Replay: changed") : tr("Replay: unchanged"));
    m_replayed->setOutcome(outcome, remark);
    m_replayed->setVisible(true);
    emit m_workbench.statusMessage(changed ? tr("Replayed capture %1: the outcome changed").arg(c.id)
                                           : tr("Replayed capture %1: same outcome").arg(c.id));
    emit replayed(changed);
}

const IntegrationEntry *InspectorPane::shownEntry() const
{
    return m_details ? m_workbench.registry().find(m_details->capture.integration) : nullptr;
}

void InspectorPane::updateSaveFixture()
{
    const IntegrationEntry *entry = shownEntry();
    QString problem;
    if (m_details && !entry)
        problem = tr("Only a capture of a registered integration can be saved as a fixture.");
    else if (entry)
        problem = CaptureFixture(*entry, m_details->capture).problem();
    m_saveFixtureAction->setEnabled(entry && problem.isEmpty());
    m_saveFixtureButton->setEnabled(m_saveFixtureAction->isEnabled());
    m_saveFixtureButton->setToolTip(problem.isEmpty() ? m_saveFixtureAction->toolTip() : problem);
}

void InspectorPane::askSaveAsFixture()
{
    const IntegrationEntry *entry = shownEntry();
    if (!entry || !m_saveFixtureAction->isEnabled())
        return;
    const qint64 id = m_details->capture.id;
    const FixtureFolder folder(QDir(m_workbench.fixturesDir()).filePath(entry->folder()), entry->name);
    // The dialog checks the name (Save stays disabled while it is refused) and lists the redactions.
    SaveFixtureDialog dialog(CaptureFixture(*entry, m_details->capture), folder, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    if (shownCapture() == id) // another capture may have been selected meanwhile
        saveAsFixture(dialog.fileName(), dialog.redaction());
}

bool InspectorPane::saveAsFixture(const QString &name)
{
    return save(name, nullptr);
}

bool InspectorPane::saveAsFixture(const QString &name, const RequestRedaction &redaction)
{
    return save(name, &redaction);
}

bool InspectorPane::save(const QString &name, const RequestRedaction *redaction)
{
    const IntegrationEntry *entry = shownEntry();
    if (!entry)
        return false;
    const qint64 id = m_details->capture.id;
    CaptureFixture fixture(*entry, m_details->capture); // a copy: the dialog below lets other captures load
    fixture.setRedaction(redaction ? *redaction : fixture.redaction());
    FixtureFolder folder(QDir(m_workbench.fixturesDir()).filePath(entry->folder()), entry->name);
    QString error = FixtureFolder::nameError(name);
    const bool replace = error.isEmpty() && CaptureFixture::isTaken(folder, name);
    if (replace) {
        const auto answer = QMessageBox::question(
            this, tr("Save capture as fixture"),
            tr("%1 or its case already exists in fixtures/%2/. Replace the file and the case of that name?")
                .arg(name, entry->folder()),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
        if (answer != QMessageBox::Yes) {
            emit m_workbench.statusMessage(tr("Not saved: %1 exists").arg(name));
            return false;
        }
    }
    if (!error.isEmpty() || !fixture.save(folder, name, replace, &error)) {
        emit m_workbench.statusMessage(tr("Cannot save capture %1 as a fixture: %2").arg(id).arg(error));
        return false;
    }
    const qsizetype redacted = std::count_if(fixture.currentRedaction()->redactions().begin(),
                                             fixture.currentRedaction()->redactions().end(),
                                             [](const Redaction &r) { return r.applied; });
    const QString result = verdict(CaptureFixture::runSavedCase(m_workbench.registry(), folder, name));
    emit m_workbench.statusMessage(tr("Saved capture %1 as fixtures/%2/%3 with a case in cases.json%4%5")
                                       .arg(id)
                                       .arg(entry->folder(), name,
                                            redacted ? tr(" (%n value(s) redacted)", nullptr, int(redacted)) : QString(), result));
    emit fixtureSaved(entry->name, name);
    return true;
}

bool InspectorPane::showJsonPath(const QString &path)
{
    if (!m_details)
        return false;
    const bool inForm = !(m_details->body && m_details->body->isValid()) && m_details->payload.isValid();
    m_tabs->setCurrentIndex(inForm ? FormTab : BodyTab);
    return (inForm ? m_formPayload : m_body)->selectPath(path);
}

QString InspectorPane::rawNote() const
{
    return m_rawNote->text();
}

QString InspectorPane::summaryText() const
{
    return m_summary->text();
}

} // namespace hb::gui
