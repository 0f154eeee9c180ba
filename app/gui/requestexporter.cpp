// SPDX-License-Identifier: MIT
#include "requestexporter.h"

#include "dispatcher.h"
#include "fixtureeditorpane.h"
#include "requestexport.h"
#include "workbench.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QProgressDialog>
#include <QSaveFile>
#include <QSettings>
#include <QThreadPool>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace hb::gui {

namespace {

QString writeBytes(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return file.errorString();
    file.write(bytes);
    return file.commit() ? QString() : file.errorString();
}

QString lastDirectory()
{
    return QSettings().value(u"export/directory"_s, QDir::homePath()).toString();
}

void rememberDirectory(const QString &file)
{
    QSettings().setValue(u"export/directory"_s, QFileInfo(file).absolutePath());
}

QString baseName(const Capture &c)
{
    return c.id > 0 ? u"capture-%1"_s.arg(c.id) : (c.integration.isEmpty() ? u"request"_s : c.integration);
}

} // namespace

RequestExporter::RequestExporter(Workbench &workbench, QWidget *dialogParent)
    : QObject(dialogParent), m_workbench(workbench), m_parent(dialogParent)
{
}

ViewTheme RequestExporter::currentTheme()
{
    return QSettings().value(u"window/theme"_s, 0).toInt() == 2 ? ViewTheme::Dark : ViewTheme::Light;
}

std::optional<Capture> RequestExporter::fixtureCapture(const Registry &registry, const FixtureEditorPane &editor, QString *error)
{
    if (editor.currentIntegration().isEmpty()) {
        *error = tr("Open a fixture in the fixture editor first");
        return std::nullopt;
    }
    const std::optional<WebhookRequest> request = editor.currentRequest(error);
    if (!request) {
        if (error->isEmpty())
            *error = tr("Open a fixture in the fixture editor first");
        return std::nullopt;
    }
    DispatchOptions options;
    if (const auto &suite = editor.caseSuite()) {
        const auto testCase = editor.currentCase();
        if (const auto clock = testCase ? suite->clockFor(*testCase) : suite->clock)
            options.now = QDateTime::fromSecsSinceEpoch(*clock, Qt::UTC);
    }
    return captureFromRequest(*request, Dispatcher(registry, options).dispatch(*request));
}

void RequestExporter::report(bool ok, const QString &message)
{
    emit m_workbench.statusMessage(message);
    emit finished(ok, message);
}

void RequestExporter::withCaptures(const QList<qint64> &ids,
                                   const std::function<void(const QList<Capture> &, const QString &)> &then)
{
    const QString storePath = m_workbench.storePath();
    QPointer<RequestExporter> self(this);
    QThreadPool::globalInstance()->start([self, ids, storePath, then] {
        QList<Capture> captures;
        QString error;
        CaptureStore store; // a connection of this thread's own
        if (!store.open(storePath)) {
            error = store.errorString();
        } else {
            for (qint64 id : ids) {
                if (auto c = store.byId(id)) {
                    captures.append(std::move(*c));
                } else {
                    error = store.errorString().isEmpty() ? tr("capture %1 is gone").arg(id) : store.errorString();
                    break;
                }
            }
        }
        if (self)
            QMetaObject::invokeMethod(self, [then, captures, error] { then(captures, error); }, Qt::QueuedConnection);
    });
}

// ---- curl

void RequestExporter::copyAsCurl(const Capture &request, const QString &bodyFile)
{
    CurlOptions options;
    options.bodyFile = bodyFile;
    const CurlCommand command = curlCommand(request, options);
    if (command.bodyFileBytes) {
        if (bodyFile.isEmpty()) {
            report(false, tr("Not copied: the body needs a file"));
            return;
        }
        if (const QString error = writeBytes(bodyFile, *command.bodyFileBytes); !error.isEmpty()) {
            report(false, tr("Could not write %1: %2").arg(bodyFile, error));
            return;
        }
    }
    QGuiApplication::clipboard()->setText(command.command);
    QString message = command.bodyFileBytes ? tr("Copied the curl command (body in %1)").arg(bodyFile)
                                            : tr("Copied the curl command");
    if (!command.warnings.isEmpty())
        message += u" — "_s + command.warnings.join(u"; "_s);
    report(true, message);
}

void RequestExporter::askCopyRequestAsCurl(const Capture &request)
{
    // Binary, long or '@' bodies cannot be inline: ask where the body file goes.
    if (!curlCommand(request, {.bodyFile = u"body"_s}).bodyFileBytes) {
        copyAsCurl(request, {});
        return;
    }
    const QString path = QFileDialog::getSaveFileName(m_parent, tr("Save the request body for curl"),
                                                      QDir(lastDirectory()).filePath(baseName(request) + u".body"_s));
    if (path.isEmpty())
        return;
    rememberDirectory(path);
    copyAsCurl(request, path);
}

void RequestExporter::askCopyCaptureAsCurl(qint64 id)
{
    if (id <= 0)
        return;
    withCaptures({id}, [this](const QList<Capture> &captures, const QString &error) {
        if (captures.isEmpty())
            report(false, tr("Not copied: %1").arg(error));
        else
            askCopyRequestAsCurl(captures.first());
    });
}

// ---- HAR

void RequestExporter::writeHar(const QList<qint64> &ids, const QString &path)
{
    auto *progress = m_parent ? new QProgressDialog(tr("Exporting %n capture(s)…", nullptr, int(ids.size())), QString(), 0, 0, m_parent)
                              : nullptr;
    if (progress) {
        progress->setWindowTitle(tr("Export as HAR"));
        progress->setMinimumDuration(300);
        progress->setWindowModality(Qt::WindowModal);
    }
    const QString storePath = m_workbench.storePath();
    QPointer<RequestExporter> self(this);
    QPointer<QProgressDialog> dialog(progress);
    QThreadPool::globalInstance()->start([self, dialog, ids, path, storePath] {
        QString error;
        qsizetype count = 0;
        CaptureStore store;
        if (!store.open(storePath)) {
            error = store.errorString();
        } else {
            QList<Capture> captures;
            for (qint64 id : ids) {
                if (auto c = store.byId(id))
                    captures.append(std::move(*c));
            }
            count = captures.size();
            error = writeBytes(path, exportHar(captures));
        }
        QMetaObject::invokeMethod(qApp, [self, dialog, path, error, count] {
            if (dialog)
                dialog->deleteLater();
            if (!self)
                return;
            if (error.isEmpty())
                self->report(true, tr("Exported %n capture(s) to %1", nullptr, int(count)).arg(QDir::toNativeSeparators(path)));
            else
                self->report(false, tr("Could not export to %1: %2").arg(QDir::toNativeSeparators(path), error));
        }, Qt::QueuedConnection);
    });
}

void RequestExporter::askExportHar(const QList<qint64> &ids)
{
    if (ids.isEmpty())
        return;
    const QString suggested = ids.size() == 1 ? u"capture-%1.har"_s.arg(ids.first()) : u"captures.har"_s;
    const QString path = QFileDialog::getSaveFileName(m_parent, tr("Export as HAR"), QDir(lastDirectory()).filePath(suggested),
                                                      tr("HTTP Archive (*.har);;All files (*)"));
    if (path.isEmpty())
        return;
    rememberDirectory(path);
    QList<qint64> sorted = ids;
    std::sort(sorted.begin(), sorted.end()); // oldest first
    writeHar(sorted, path);
}

// ---- HTML

void RequestExporter::writeRequestHtml(const Capture &request, const QString &path, ViewTheme theme)
{
    QString error;
    const std::optional<QString> html = messageHtml(m_workbench.registry(), request, theme, &error);
    if (html)
        error = writeBytes(path, html->toUtf8());
    if (error.isEmpty())
        report(true, tr("Exported the message to %1").arg(QDir::toNativeSeparators(path)));
    else
        report(false, tr("Could not export the message: %1").arg(error));
}

void RequestExporter::writeCaptureHtml(qint64 id, const QString &path, ViewTheme theme)
{
    withCaptures({id}, [this, path, theme](const QList<Capture> &captures, const QString &error) {
        if (captures.isEmpty())
            report(false, tr("Could not export the message: %1").arg(error));
        else
            writeRequestHtml(captures.first(), path, theme);
    });
}

void RequestExporter::askExportRequestHtml(const Capture &request)
{
    const QString path = QFileDialog::getSaveFileName(m_parent, tr("Export message as HTML"),
                                                      QDir(lastDirectory()).filePath(baseName(request) + u".html"_s),
                                                      tr("HTML page (*.html *.htm);;All files (*)"));
    if (path.isEmpty())
        return;
    rememberDirectory(path);
    writeRequestHtml(request, path, currentTheme());
}

void RequestExporter::askExportCaptureHtml(qint64 id)
{
    if (id <= 0)
        return;
    const QString path = QFileDialog::getSaveFileName(m_parent, tr("Export message as HTML"),
                                                      QDir(lastDirectory()).filePath(u"capture-%1.html"_s.arg(id)),
                                                      tr("HTML page (*.html *.htm);;All files (*)"));
    if (path.isEmpty())
        return;
    rememberDirectory(path);
    writeCaptureHtml(id, path, currentTheme());
}

} // namespace hb::gui
