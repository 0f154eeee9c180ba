// SPDX-License-Identifier: MIT
#include "mainwindow.h"

#include "caseresultsdialog.h"
#include "capturespane.h"
#include "docpane.h"
#include "fixtureeditorpane.h"
#include "inspectorpane.h"
#include "integrationspane.h"
#include "newintegrationwizard.h"
#include "previewpane.h"
#include "requestexporter.h"
#include "urlbuilderdialog.h"
#include "workbench.h"
#include "zulipexportactions.h"

#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSpinBox>
#include <QStatusBar>
#include <QStyleFactory>
#include <QTableView>
#include <QToolBar>

using namespace Qt::StringLiterals;

namespace hb::gui {

namespace {

QDockWidget *dock(QMainWindow *window, const QString &title, const QString &objectName, QWidget *content)
{
    auto *d = new QDockWidget(title, window);
    d->setObjectName(objectName); // saveState() needs it
    d->setWidget(content);
    d->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable | QDockWidget::DockWidgetClosable);
    return d;
}

} // namespace

MainWindow::MainWindow(Workbench &workbench, QWidget *parent)
    : QMainWindow(parent), m_workbench(workbench), m_captures(new CapturesPane(workbench, this))
{
    setWindowTitle(tr("Hookbench"));
    setCentralWidget(m_captures);
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks);
    createDocks();
    createActions();
    createToolBar();

    m_stateLabel = new QLabel(this);
    m_countLabel = new QLabel(this);
    statusBar()->addWidget(m_stateLabel);
    statusBar()->addPermanentWidget(m_countLabel);
    connect(&workbench.listener(), &ListenerService::stateChanged, this, &MainWindow::updateListenerState);
    connect(&workbench, &Workbench::statusMessage, this, [this](const QString &text) { statusBar()->showMessage(text, 8000); });
    const auto updateCount = [this] {
        m_countLabel->setText(tr("%n capture(s)", nullptr, m_workbench.captures().rowCount()));
    };
    connect(&workbench.captures(), &QAbstractItemModel::modelReset, this, updateCount);
    connect(&workbench.captures(), &QAbstractItemModel::rowsInserted, this, updateCount);
    connect(&workbench.captures(), &QAbstractItemModel::rowsRemoved, this, updateCount);
    updateListenerState();
    updateCount();

    QSettings s;
    if (!restoreGeometry(s.value(u"window/geometry"_s).toByteArray()))
        resize(1440, 900);
    restoreState(s.value(u"window/state"_s).toByteArray());
}

void MainWindow::createDocks()
{
    m_integrations = new IntegrationsPane(m_workbench, this);
    m_inspector = new InspectorPane(m_workbench, this);
    m_fixtures = new FixtureEditorPane(m_workbench, this);
    m_preview = new PreviewPane(m_workbench, this);
    m_docs = new DocPane(m_workbench, this);
    // The preview follows the fixture editor (the window wires panes; they do not know each other).
    connect(m_fixtures, &FixtureEditorPane::fixtureEdited, m_preview, [this] {
        if (const IntegrationEntry *entry = m_workbench.registry().find(m_fixtures->currentIntegration())) {
            const auto shownCase = m_fixtures->currentCase();
            m_preview->setApprovalTarget(PreviewPane::ApprovalTarget{
                QDir(m_workbench.fixturesDir()).filePath(entry->folder()), entry->name, m_fixtures->currentFixture(),
                shownCase ? shownCase->name : QString(), [this] { return m_fixtures->isModified(); }});
        }
        QString error;
        const auto request = m_fixtures->currentRequest(&error);
        if (!request) {
            m_preview->clear(error);
            return;
        }
        const auto &suite = m_fixtures->caseSuite();
        const auto testCase = m_fixtures->currentCase();
        std::optional<qint64> clock;
        if (suite)
            clock = testCase ? suite->clockFor(*testCase) : suite->clock;
        m_preview->preview(*request, testCase, clock);
    });
    connect(m_fixtures, &FixtureEditorPane::fixtureClosed, m_preview, [this] {
        m_preview->clear();
        m_preview->setApprovalTarget(std::nullopt);
    });
    // An approved case is written to cases.json: the editor shows it (and the preview its new verdict).
    connect(m_preview, &PreviewPane::caseApproved, m_fixtures,
            [this](const QString &integration, const QString &, const QString &caseName) {
                if (integration == m_fixtures->currentIntegration())
                    m_fixtures->reloadCases(caseName);
            });
    // A capture saved as a fixture opens in the editor.
    connect(m_inspector, &InspectorPane::fixtureSaved, this, &MainWindow::openFixture);

    auto *integrations = dock(this, tr("Integrations"), u"integrationsDock"_s, m_integrations);
    auto *inspector = dock(this, tr("Inspector"), u"inspectorDock"_s, m_inspector);
    auto *fixtures = dock(this, tr("Fixture editor"), u"fixturesDock"_s, m_fixtures);
    auto *preview = dock(this, tr("Preview"), u"previewDock"_s, m_preview);
    auto *docs = dock(this, tr("Documentation"), u"docsDock"_s, m_docs);
    addDockWidget(Qt::LeftDockWidgetArea, integrations);
    addDockWidget(Qt::BottomDockWidgetArea, inspector);
    addDockWidget(Qt::BottomDockWidgetArea, fixtures);
    tabifyDockWidget(inspector, fixtures);
    inspector->raise();
    addDockWidget(Qt::RightDockWidgetArea, preview);
    addDockWidget(Qt::RightDockWidgetArea, docs);
    tabifyDockWidget(preview, docs);
    preview->raise();
    resizeDocks({integrations, preview}, {380, 480}, Qt::Horizontal);
    resizeDocks({inspector}, {320}, Qt::Vertical);
}

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&New integration…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N), this, [this] {
        NewIntegrationWizard wizard(QFileInfo(m_workbench.fixturesDir()).absolutePath(), m_workbench.storePath(), this);
        if (wizard.exec() == QDialog::Accepted)
            QMessageBox::information(this, tr("New integration"), wizard.resultText());
    });
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu *listener = menuBar()->addMenu(tr("&Listener"));
    m_startStop = listener->addAction(tr("&Start listening"), QKeySequence(Qt::CTRL | Qt::Key_L), this, [this] {
        if (m_workbench.listener().state() == ListenerService::State::Listening) {
            m_workbench.stopListener();
        } else {
            applyListenerFields();
            m_workbench.startListener();
        }
    });
    listener->addAction(tr("&Copy webhook URL"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C), this, [this] {
        if (const IntegrationEntry *e = m_workbench.currentIntegration()) {
            QGuiApplication::clipboard()->setText(m_workbench.webhookUrl(*e));
            statusBar()->showMessage(tr("Copied %1").arg(m_workbench.webhookUrl(*e)), 4000);
        }
    });

    QMenu *captures = menuBar()->addMenu(tr("&Captures"));
    captures->addAction(tr("&Find…"), QKeySequence::Find, m_captures, &CapturesPane::focusSearch);
    captures->addAction(tr("&Pin / Unpin"), QKeySequence(Qt::CTRL | Qt::Key_P), m_captures, &CapturesPane::togglePinSelected);
    captures->addAction(tr("&Delete"), QKeySequence::Delete, m_captures, &CapturesPane::deleteSelected);
    captures->addSeparator();
    captures->addAction(m_inspector->replayAction());
    captures->addAction(m_inspector->saveFixtureAction());
    captures->addAction(m_inspector->forwardAction());
    captures->addAction(m_inspector->sendToZulipAction());
    captures->addSeparator();
    captures->addActions(m_captures->exportActions());
    captures->addSeparator();
    captures->addAction(tr("Clear (keep pinned)"), this, [this] { m_captures->clearCaptures(true); });
    captures->addAction(tr("Clear all"), this, [this] { m_captures->clearCaptures(false); });

    QMenu *integrations = menuBar()->addMenu(tr("&Integrations"));
    integrations->addAction(tr("&Filter…"), QKeySequence(Qt::CTRL | Qt::Key_K), m_integrations, &IntegrationsPane::focusFilter);
    m_urlBuilder = integrations->addAction(tr("Webhook &URL…"), QKeySequence(Qt::CTRL | Qt::Key_U), this, &MainWindow::showUrlBuilder);
    integrations->addSeparator();
    m_runCases = integrations->addAction(tr("&Run cases"), QKeySequence(Qt::Key_F5), this, [this] { runCases(false); });
    integrations->addAction(tr("Run &all cases"), QKeySequence(Qt::SHIFT | Qt::Key_F5), this, [this] { runCases(true); });
    integrations->addSeparator();
    const auto withFixture = [this](void (RequestExporter::*action)(const Capture &)) {
        QString error;
        if (const auto c = RequestExporter::fixtureCapture(m_workbench.registry(), *m_fixtures, &error))
            (m_captures->exporter()->*action)(*c);
        else
            statusBar()->showMessage(error, 6000);
    };
    integrations->addAction(tr("Copy fixture as c&url"), QKeySequence(Qt::CTRL | Qt::ALT | Qt::SHIFT | Qt::Key_C), this,
                            [withFixture] { withFixture(&RequestExporter::askCopyRequestAsCurl); });
    integrations->addAction(tr("Export fixture message as &HTML…"), this,
                            [withFixture] { withFixture(&RequestExporter::askExportRequestHtml); });
    auto *zulip = new ZulipExportActions(m_workbench, this);
    integrations->addSeparator();
    integrations->addAction(m_preview->approveAction());
    integrations->addAction(zulip->exportAction());
    integrations->addAction(zulip->screenshotAction());
    connect(zulip, &ZulipExportActions::screenshotMade, m_docs, &DocPane::refresh);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    for (QDockWidget *d : findChildren<QDockWidget *>())
        view->addAction(d->toggleViewAction());
    view->addSeparator();
    QMenu *theme = view->addMenu(tr("&Theme"));
    auto *themes = new QActionGroup(this);
    const int current = QSettings().value(u"window/theme"_s, 0).toInt();
    const std::pair<QString, Theme> choices[] = {{tr("System"), Theme::System}, {tr("Light"), Theme::Light}, {tr("Dark"), Theme::Dark}};
    for (const auto &[label, value] : choices) {
        QAction *a = theme->addAction(label, this, [value] {
            QSettings().setValue(u"window/theme"_s, int(value));
            applyTheme(value);
        });
        a->setCheckable(true);
        a->setChecked(int(value) == current);
        themes->addAction(a);
    }

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Hookbench"), this, &MainWindow::showAbout);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::createToolBar()
{
    QToolBar *bar = addToolBar(tr("Listener"));
    bar->setObjectName(u"listenerToolBar"_s);
    bar->setMovable(false);
    bar->addAction(m_startStop);
    bar->addSeparator();
    const ListenerConfig config = m_workbench.listenerConfig();
    m_bind = new QLineEdit(config.bindAddress.toString(), bar);
    m_bind->setToolTip(tr("Bind address (a non-loopback address needs an API key)"));
    m_bind->setMaximumWidth(140);
    m_port = new QSpinBox(bar);
    m_port->setRange(0, 65535);
    m_port->setValue(config.port);
    m_port->setToolTip(tr("Port (0 = any free port)"));
    m_apiKey = new QLineEdit(config.apiKey, bar);
    m_apiKey->setEchoMode(QLineEdit::PasswordEchoOnEdit);
    m_apiKey->setPlaceholderText(tr("any API key"));
    m_apiKey->setToolTip(tr("API key requests must carry; empty accepts any key"));
    m_apiKey->setMaximumWidth(180);
    bar->addWidget(new QLabel(tr(" Address "), bar));
    bar->addWidget(m_bind);
    bar->addWidget(new QLabel(tr(" Port "), bar));
    bar->addWidget(m_port);
    bar->addWidget(new QLabel(tr(" API key "), bar));
    bar->addWidget(m_apiKey);
    bar->addSeparator();
    bar->addAction(m_urlBuilder);
    bar->addAction(m_runCases);
}

void MainWindow::applyListenerFields()
{
    ListenerConfig c = m_workbench.listenerConfig();
    const QHostAddress address(m_bind->text().trimmed());
    if (!address.isNull())
        c.bindAddress = address;
    c.port = quint16(m_port->value());
    c.apiKey = m_apiKey->text();
    m_workbench.setListenerConfig(c);
}

void MainWindow::updateListenerState()
{
    const ListenerService &l = m_workbench.listener();
    const bool listening = l.state() == ListenerService::State::Listening;
    const bool busy = l.state() == ListenerService::State::Starting || l.state() == ListenerService::State::Stopping;
    m_startStop->setText(listening ? tr("&Stop listening") : tr("&Start listening"));
    m_startStop->setEnabled(!busy);
    for (QWidget *w : {static_cast<QWidget *>(m_bind), static_cast<QWidget *>(m_port), static_cast<QWidget *>(m_apiKey)})
        w->setEnabled(l.state() == ListenerService::State::Stopped);
    switch (l.state()) {
    case ListenerService::State::Listening: m_stateLabel->setText(tr("● Listening on %1").arg(l.url())); break;
    case ListenerService::State::Starting: m_stateLabel->setText(tr("Starting…")); break;
    case ListenerService::State::Stopping: m_stateLabel->setText(tr("Stopping…")); break;
    case ListenerService::State::Stopped: m_stateLabel->setText(tr("○ Not listening")); break;
    }
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Hookbench"),
                       tr("<h3>Hookbench %1</h3><p>A workbench for writing, testing and running Zulip-style "
                          "incoming webhook integrations.</p><p>%2 integrations · captures in <code>%3</code></p>")
                           .arg(QCoreApplication::applicationVersion())
                           .arg(m_workbench.registry().entries().size())
                           .arg(m_workbench.storePath().toHtmlEscaped()));
}

bool MainWindow::openFixture(const QString &integration, const QString &fixture)
{
    m_workbench.setCurrentIntegration(integration);
    if (!m_workbench.currentIntegration())
        return false;
    if (fixture.isEmpty())
        return true;
    if (auto *d = qobject_cast<QDockWidget *>(m_fixtures->parentWidget()))
        d->raise();
    return m_fixtures->openFixture(fixture);
}

void MainWindow::showUrlBuilder()
{
    const IntegrationEntry *entry = m_workbench.currentIntegration();
    if (!entry) {
        statusBar()->showMessage(tr("Select an integration first"), 4000);
        return;
    }
    UrlBuilderDialog dialog(m_workbench, *entry, this);
    dialog.exec();
}

void MainWindow::runCases(bool all)
{
    const IntegrationEntry *entry = m_workbench.currentIntegration();
    if (!all && !entry) {
        statusBar()->showMessage(tr("Select an integration first, or run all cases (Shift+F5)"), 4000);
        return;
    }
    if (!m_results)
        m_results = new CaseResultsDialog(m_workbench, this);
    m_results->show();
    m_results->raise();
    m_results->run(all ? QStringList{} : QStringList{entry->folder()});
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!m_fixtures->maybeSave()) { // the user chose to keep editing
        event->ignore();
        return;
    }
    QSettings s;
    s.setValue(u"window/geometry"_s, saveGeometry());
    s.setValue(u"window/state"_s, saveState());
    event->accept();
}

void MainWindow::applyTheme(Theme theme)
{
    QApplication::setStyle(QStyleFactory::create(u"Fusion"_s));
    if (theme != Theme::Dark) {
        QApplication::setPalette(QApplication::style()->standardPalette());
        return;
    }
    QPalette p;
    const QColor window(0x2b, 0x2d, 0x31), base(0x1f, 0x20, 0x23), text(0xe4, 0xe6, 0xeb), accent(0x4c, 0x8d, 0xf6);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::Highlight, accent);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, accent.lighter(120));
    p.setColor(QPalette::PlaceholderText, QColor(0x8a, 0x8d, 0x93));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x70, 0x73, 0x78));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x70, 0x73, 0x78));
    QApplication::setPalette(p);
}

} // namespace hb::gui
