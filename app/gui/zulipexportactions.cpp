// SPDX-License-Identifier: MIT
#include "zulipexportactions.h"

#include "screenshotcommand.h"
#include "workbench.h"
#include "zulipexport.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>

using namespace Qt::StringLiterals;

namespace hb::gui {

namespace {

const QString kLastExportDir = u"zulipExport/lastDir"_s;

QString listing(const QStringList &paths, int limit = 12)
{
    QStringList shown = paths.mid(0, limit);
    if (paths.size() > limit)
        shown.append(QObject::tr("… and %1 more").arg(paths.size() - limit));
    return u"• "_s + shown.join(u"\n• "_s);
}

} // namespace

ZulipExportActions::ZulipExportActions(Workbench &workbench, QWidget *parent)
    : QObject(parent), m_workbench(workbench), m_parent(parent)
{
    m_export = new QAction(tr("Export to &Zulip…"), this);
    m_export->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_Z));
    m_export->setToolTip(tr("Write the integration's tests.py, fixtures, doc.md, logo and screenshot into a Zulip checkout"));
    m_screenshot = new QAction(tr("Make &screenshot"), this);
    m_screenshot->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_S));
    m_screenshot->setToolTip(tr("Draw the integration's message as integrations/<name>/001.png and 001.svg"));
    connect(m_export, &QAction::triggered, this, &ZulipExportActions::askExport);
    connect(m_screenshot, &QAction::triggered, this, &ZulipExportActions::askScreenshot);
    const auto update = [this](const IntegrationEntry *entry) {
        m_export->setEnabled(entry);
        m_screenshot->setEnabled(entry);
    };
    connect(&workbench, &Workbench::currentIntegrationChanged, this, update);
    update(workbench.currentIntegration());
}

bool ZulipExportActions::exportTo(const QString &dir, bool force, QString *report, QStringList *conflicts)
{
    const IntegrationEntry *entry = m_workbench.currentIntegration();
    if (!entry) {
        *report = tr("Select an integration first.");
        return false;
    }
    QString error;
    const auto exported = ZulipExport::build(m_workbench.registry(), *entry, m_workbench.fixturesDir(), {}, &error);
    if (!exported) {
        *report = error;
        return false;
    }
    if (conflicts)
        *conflicts = exported->conflicts(dir);
    const auto result = exported->write(dir, force, &error);
    if (!result) {
        *report = error;
        return false;
    }
    QStringList lines{tr("%1 in %2: %3 written, %4 unchanged, %5 kept as they were.")
                          .arg(entry->displayName, QDir::toNativeSeparators(dir))
                          .arg(result->written.size())
                          .arg(result->unchanged.size())
                          .arg(result->skipped.size())};
    if (!result->written.isEmpty())
        lines << tr("Written:") << listing(result->written);
    if (!result->skipped.isEmpty())
        lines << tr("Kept (they differ from the export):") << listing(result->skipped);
    if (!exported->notes().isEmpty())
        lines << tr("Notes:") << listing(exported->notes());
    *report = lines.join(u'\n');
    return true;
}

void ZulipExportActions::askExport()
{
    const IntegrationEntry *entry = m_workbench.currentIntegration();
    if (!entry)
        return;
    QSettings settings;
    const QString dir = QFileDialog::getExistingDirectory(m_parent, tr("Export %1 to a Zulip checkout").arg(entry->displayName),
                                                          settings.value(kLastExportDir, QDir::homePath()).toString());
    if (dir.isEmpty())
        return;
    settings.setValue(kLastExportDir, dir);
    QString error;
    const auto exported = ZulipExport::build(m_workbench.registry(), *entry, m_workbench.fixturesDir(), {}, &error);
    if (!exported) {
        QMessageBox::warning(m_parent, tr("Export to Zulip"), error);
        return;
    }
    bool force = false;
    if (const QStringList conflicts = exported->conflicts(dir); !conflicts.isEmpty()) {
        QMessageBox box(QMessageBox::Question, tr("Export to Zulip"),
                        tr("%n file(s) in %1 differ from the export:", nullptr, int(conflicts.size())).arg(QDir::toNativeSeparators(dir)),
                        QMessageBox::NoButton, m_parent);
        box.setInformativeText(listing(conflicts));
        box.setDetailedText(conflicts.join(u'\n'));
        QPushButton *replace = box.addButton(tr("Replace them"), QMessageBox::DestructiveRole);
        QPushButton *keep = box.addButton(tr("Keep them, write the rest"), QMessageBox::AcceptRole);
        box.addButton(QMessageBox::Cancel);
        box.setDefaultButton(keep);
        box.exec();
        if (box.clickedButton() != replace && box.clickedButton() != keep)
            return;
        force = box.clickedButton() == replace;
    }
    QString report;
    if (exportTo(dir, force, &report))
        QMessageBox::information(m_parent, tr("Export to Zulip"), report);
    else
        QMessageBox::warning(m_parent, tr("Export to Zulip"), report);
}

bool ZulipExportActions::makeScreenshot(QString *report)
{
    const IntegrationEntry *entry = m_workbench.currentIntegration();
    if (!entry) {
        *report = tr("Select an integration first.");
        return false;
    }
    const QString dir = defaultScreenshotDir(*entry, m_workbench.fixturesDir());
    QStringList written;
    QString summary, error;
    if (!gui::makeScreenshot(m_workbench.registry(), *entry, m_workbench.fixturesDir(), {}, dir, &written, &summary, &error)) {
        *report = error;
        return false;
    }
    *report = tr("Screenshot of %1 written: %2").arg(summary, written.join(u", "_s));
    emit screenshotMade(QDir(dir).filePath(u"001.png"_s));
    return true;
}

void ZulipExportActions::askScreenshot()
{
    const IntegrationEntry *entry = m_workbench.currentIntegration();
    if (!entry)
        return;
    const QString png = QDir(defaultScreenshotDir(*entry, m_workbench.fixturesDir())).filePath(u"001.png"_s);
    if (QFileInfo::exists(png)
        && QMessageBox::question(m_parent, tr("Make screenshot"),
                                 tr("%1 already exists. Replace it (and 001.svg)?").arg(QDir::toNativeSeparators(png)))
               != QMessageBox::Yes)
        return;
    QString report;
    if (makeScreenshot(&report))
        QMessageBox::information(m_parent, tr("Make screenshot"), report);
    else
        QMessageBox::warning(m_parent, tr("Make screenshot"), report);
}

} // namespace hb::gui
