// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class QLabel;
class QTextBrowser;

namespace hb {
struct IntegrationEntry;
}

namespace hb::gui {

class Workbench;

// The selected integration's doc.md, rendered with its macros filled in for this listener, and its
// logo at 16, 32, 64 and 128 px on light and dark; a missing doc or logo is flagged.
class DocPane final : public QWidget
{
    Q_OBJECT

public:
    explicit DocPane(Workbench &workbench, QWidget *parent = nullptr);

    QString documentHtml() const; // what the browser shows (for tests)
    QString problems() const;     // the missing-doc / missing-logo flags, empty when all is there
    // integrations/<folder>/001.png of the shown integration when it exists (shown under the doc).
    QString screenshotPath() const { return m_screenshot; }
    // Shows the current integration again (after its screenshot was made, for example).
    void refresh();

private:
    void show(const IntegrationEntry *entry);

    Workbench &m_workbench;
    QWidget *m_logos;
    QLabel *m_title;
    QLabel *m_flags;
    QTextBrowser *m_browser;
    QString m_html;
    QString m_screenshot;
};

} // namespace hb::gui
