// SPDX-License-Identifier: MIT
#pragma once

#include "scaffold.h"

#include <QWizard>

class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;

namespace hb::gui {

// File ▸ New integration…: name (checked as it is typed), display name and event header; Zulip
// categories; captures to turn into fixtures; a summary of the files to create. Finishing creates
// them through hb::Scaffold (everything or nothing); the window then tells the user to rebuild.
class NewIntegrationWizard final : public QWizard
{
    Q_OBJECT

public:
    NewIntegrationWizard(QString projectRoot, QString storePath, QWidget *parent = nullptr);

    // What the pages say now (captures loaded from the store with their bodies).
    ScaffoldSpec spec() const;
    QString projectRoot() const;
    // After a successful finish: the files written, and the text telling what to do next.
    QStringList createdFiles() const { return m_created; }
    QString resultText() const { return m_resultText; }

    // The name page's verdict on a name, empty when it can be used.
    QString nameProblem() const;

protected:
    void accept() override;

private:
    void createNamePage();
    void createCategoriesPage();
    void createCapturesPage();
    void createSummaryPage();
    void loadCaptures();
    void updateNameStatus();
    void updateSummary();

    QString m_storePath;
    QLineEdit *m_name = nullptr;
    QLabel *m_nameStatus = nullptr;
    QLineEdit *m_displayName = nullptr;
    bool m_displayNameEdited = false;
    QLineEdit *m_eventHeader = nullptr;
    QLabel *m_eventHeaderStatus = nullptr;
    QListWidget *m_categories = nullptr;
    QListWidget *m_captures = nullptr;
    QLabel *m_capturesStatus = nullptr;
    QLineEdit *m_root = nullptr;
    QPlainTextEdit *m_summary = nullptr;
    QLabel *m_summaryStatus = nullptr;
    bool m_summaryOk = false;
    QStringList m_created;
    QString m_resultText;
};

} // namespace hb::gui
