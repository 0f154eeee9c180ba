// SPDX-License-Identifier: MIT
#pragma once

#include <QMainWindow>

class QAction;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace hb::gui {

class CaseResultsDialog;
class CapturesPane;
class DocPane;
class FixtureEditorPane;
class InspectorPane;
class IntegrationsPane;
class PreviewPane;
class Workbench;

// The workbench window: integrations on the left, captures in the middle, the inspector and the
// fixture editor below, the live preview and the documentation on the right. Docks and geometry
// are remembered with QSettings.
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(Workbench &workbench, QWidget *parent = nullptr);

    enum class Theme { System, Light, Dark };
    static void applyTheme(Theme theme);

    // Selects an integration and opens one of its fixtures in the editor (command line, screenshots).
    bool openFixture(const QString &integration, const QString &fixture);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createDocks();
    void createActions();
    void createToolBar();
    void updateListenerState();
    void applyListenerFields();
    void showAbout();
    void showUrlBuilder();
    void runCases(bool all);

    Workbench &m_workbench;
    CapturesPane *m_captures;
    IntegrationsPane *m_integrations = nullptr;
    InspectorPane *m_inspector = nullptr;
    FixtureEditorPane *m_fixtures = nullptr;
    PreviewPane *m_preview = nullptr;
    DocPane *m_docs = nullptr;
    CaseResultsDialog *m_results = nullptr;

    QAction *m_startStop = nullptr;
    QAction *m_urlBuilder = nullptr;
    QAction *m_runCases = nullptr;
    QLineEdit *m_bind = nullptr;
    QSpinBox *m_port = nullptr;
    QLineEdit *m_apiKey = nullptr;
    QLabel *m_stateLabel = nullptr;
    QLabel *m_countLabel = nullptr;
};

} // namespace hb::gui
