// SPDX-License-Identifier: MIT
#pragma once

#include "capturestore.h"
#include "messageview.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>
#include <optional>

class QWidget;

namespace hb::gui {

class FixtureEditorPane;
class Workbench;

// "Copy as curl", "Export as HAR…" and "Export message as HTML…" for captures (by id, read from the
// store on the thread pool: the GUI thread never waits for SQLite) and for a fixture's request (a
// Capture made by captureFromRequest). The ask… slots show the dialogs (file choosers confirm before
// replacing a file); the others do the work without questions, for tests and scripts. Each export
// ends with finished(ok, message), also shown in the status bar.
class RequestExporter final : public QObject
{
    Q_OBJECT

public:
    RequestExporter(Workbench &workbench, QWidget *dialogParent);

    // The theme of the window (View › Theme), for the HTML export.
    static ViewTheme currentTheme();
    // What the fixture editor shows (unsaved edits included), sent as its case sends it and
    // dispatched with the case's clock; nullopt with *error when nothing is open.
    static std::optional<Capture> fixtureCapture(const Registry &registry, const FixtureEditorPane &editor, QString *error);

public Q_SLOTS:
    void askCopyCaptureAsCurl(qint64 id);
    void askExportHar(const QList<qint64> &ids);
    void askExportCaptureHtml(qint64 id);
    void askCopyRequestAsCurl(const hb::Capture &request);
    void askExportRequestHtml(const hb::Capture &request);

    // Copies the command to the clipboard; a body that cannot be inline is written to bodyFile
    // (nothing is copied if it is needed and empty).
    void copyAsCurl(const hb::Capture &request, const QString &bodyFile);
    void writeHar(const QList<qint64> &ids, const QString &path);
    void writeCaptureHtml(qint64 id, const QString &path, hb::ViewTheme theme);
    void writeRequestHtml(const hb::Capture &request, const QString &path, hb::ViewTheme theme);

Q_SIGNALS:
    void finished(bool ok, const QString &message);

private:
    // Reads the captures on the thread pool, then calls `then` on this object's thread.
    void withCaptures(const QList<qint64> &ids, const std::function<void(const QList<Capture> &, const QString &error)> &then);
    void report(bool ok, const QString &message);

    Workbench &m_workbench;
    QPointer<QWidget> m_parent;
};

} // namespace hb::gui
