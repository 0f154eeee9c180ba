// SPDX-License-Identifier: MIT
// hookbench export curl | har | html: one request (a capture or a fixture) as a curl command, HAR 1.2
// of captures, or the message view of an outcome as a standalone page. The work is in
// app/core/requestexport.h; this file reads the options and writes the files.
#include "cli.h"

#include "registry.h"
#include "requestexport.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <algorithm>
#include <functional>

using namespace Qt::StringLiterals;

namespace hb::cli {

namespace {

const QCommandLineOption kDb{u"db"_s, u"Capture store (default: the workbench's)."_s, u"FILE"_s};
const QCommandLineOption kOut{u"out"_s, u"Write to FILE ('-' = standard output)."_s, u"FILE"_s};
const QCommandLineOption kForce{u"force"_s, u"Overwrite existing files."_s};
const QCommandLineOption kFixture{u"fixture"_s, u"A fixture file instead of a capture."_s, u"FILE"_s};
const QCommandLineOption kIntegration{u"integration"_s, u"The fixture's endpoint (as in /api/v1/external/<name>)."_s, u"NAME"_s};
const QCommandLineOption kCase{u"case"_s, u"The case of cases.json that sends the fixture (default: the first that uses it)."_s, u"NAME"_s};
const QCommandLineOption kBaseUrl{u"base-url"_s, u"Where the request goes (default: the Host it was sent to, else http://127.0.0.1:9991)."_s, u"URL"_s};

// The failure of one step: a message for stderr and the exit status.
struct Failure
{
    QString message;
    int status = 1;
};

std::optional<Failure> openStore(const QCommandLineParser &p, CaptureStore &store)
{
    const QString path = p.isSet(kDb) ? p.value(kDb) : CaptureStore::defaultPath();
    if (!QFileInfo::exists(path)) // opening would create an empty store
        return Failure{u"no capture store at %1"_s.arg(path)};
    if (!store.open(path))
        return Failure{u"cannot open %1: %2"_s.arg(path, store.errorString())};
    return std::nullopt;
}

std::optional<Failure> loadCapture(const QCommandLineParser &p, const QString &idText, Capture *out)
{
    bool ok = false;
    const qint64 id = idText.toLongLong(&ok);
    if (!ok || id <= 0)
        return Failure{u"'%1' is not a capture id"_s.arg(idText), 2};
    CaptureStore store;
    if (auto failure = openStore(p, store))
        return failure;
    const std::optional<Capture> capture = store.byId(id);
    if (!capture)
        return Failure{store.errorString().isEmpty() ? u"no capture %1 in %2"_s.arg(id).arg(store.path())
                                                     : store.errorString()};
    *out = *capture;
    return std::nullopt;
}

// The one request of curl and html: a capture id, or --fixture with --integration.
std::optional<Failure> loadOne(const QCommandLineParser &p, Capture *out, QString *name)
{
    const QStringList ids = p.positionalArguments();
    if (p.isSet(kFixture)) {
        if (!ids.isEmpty())
            return Failure{u"give a capture id or --fixture, not both"_s, 2};
        if (!p.isSet(kIntegration))
            return Failure{u"--fixture needs --integration NAME"_s, 2};
        QString error;
        const auto capture = captureFromFixture(builtinRegistry(), p.value(kFixture), p.value(kIntegration),
                                                p.value(kCase), &error);
        if (!capture)
            return Failure{error};
        *out = *capture;
        *name = QFileInfo(p.value(kFixture)).completeBaseName();
        return std::nullopt;
    }
    if (p.isSet(kCase) || p.isSet(kIntegration))
        return Failure{u"--case and --integration go with --fixture"_s, 2};
    if (ids.size() != 1)
        return Failure{u"give one capture id, or --fixture FILE --integration NAME"_s, 2};
    *name = u"capture-"_s + ids.first();
    return loadCapture(p, ids.first(), out);
}

std::optional<Failure> writeFile(const QString &path, const QByteArray &bytes, bool force, bool executable = false)
{
    if (path == u"-") {
        std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
        std::fflush(stdout);
        return std::nullopt;
    }
    if (QFileInfo::exists(path) && !force)
        return Failure{u"%1 exists (use --force to overwrite it)"_s.arg(path)};
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Failure{u"cannot write %1: %2"_s.arg(path, file.errorString())};
    file.write(bytes);
    if (!file.commit())
        return Failure{u"cannot write %1: %2"_s.arg(path, file.errorString())};
    if (executable)
        QFile::setPermissions(path, QFile::permissions(path) | QFile::ExeOwner | QFile::ExeGroup | QFile::ExeOther);
    return std::nullopt;
}

// Parses, answers --help, and turns a Failure into the exit status.
int runParsed(QCommandLineParser &p, const QStringList &args, const QString &cmd,
              const std::function<std::optional<Failure>(const QCommandLineParser &)> &body)
{
    p.addHelpOption();
    if (!p.parse(args))
        return usageError(p.errorText(), cmd);
    if (p.isSet(u"help"_s)) {
        printHelp(p, cmd);
        return 0;
    }
    const std::optional<Failure> failure = body(p);
    if (!failure)
        return 0;
    if (failure->status == 2)
        return usageError(failure->message, cmd);
    err(u"hookbench %1: %2\n"_s.arg(cmd, failure->message));
    return failure->status;
}

std::optional<Failure> exportCurl(const QCommandLineParser &p)
{
    Capture capture;
    QString name;
    if (auto failure = loadOne(p, &capture, &name))
        return failure;
    const QString out = p.isSet(kOut) ? p.value(kOut) : u"-"_s;
    CurlOptions options;
    options.baseUrl = p.value(kBaseUrl);
    // The body file sits next to the output, named after it; the command names it as the output
    // path does (relative paths: run the command from the directory you exported in).
    if (p.isSet(u"body-file"_s))
        options.bodyFile = p.value(u"body-file"_s);
    else if (out == u"-")
        options.bodyFile = name + u".body"_s;
    else
        options.bodyFile = QDir(QFileInfo(out).path()).filePath(QFileInfo(out).completeBaseName() + u".body"_s);
    if (QDir::cleanPath(options.bodyFile) == QDir::cleanPath(out))
        return Failure{u"the body file cannot be the output file"_s, 2};
    const CurlCommand command = curlCommand(capture, options);
    if (command.bodyFileBytes) {
        if (auto failure = writeFile(options.bodyFile, *command.bodyFileBytes, p.isSet(kForce)))
            return failure;
        err(u"body written to %1\n"_s.arg(options.bodyFile));
    }
    for (const QString &warning : command.warnings)
        err(u"warning: %1\n"_s.arg(warning));
    const QByteArray text = out == u"-" ? command.command.toUtf8() : "#!/bin/sh\n" + command.command.toUtf8();
    return writeFile(out, text, p.isSet(kForce), true);
}

std::optional<Failure> exportHarFile(const QCommandLineParser &p)
{
    if (!p.isSet(kOut))
        return Failure{u"--out FILE is required ('-' for standard output)"_s, 2};
    const QStringList ids = p.positionalArguments();
    const bool all = p.isSet(u"all"_s);
    if (all == !ids.isEmpty())
        return Failure{u"give capture ids or --all"_s, 2};
    QList<Capture> captures;
    if (all) {
        CaptureStore store;
        if (auto failure = openStore(p, store))
            return failure;
        QList<qint64> every = store.ids();
        std::sort(every.begin(), every.end()); // oldest first, as a browser records them
        for (qint64 id : every) {
            if (const auto c = store.byId(id))
                captures.append(*c);
        }
    } else {
        for (const QString &id : ids) {
            Capture c;
            if (auto failure = loadCapture(p, id, &c))
                return failure;
            captures.append(c);
        }
    }
    HarOptions options;
    options.baseUrl = p.value(kBaseUrl);
    if (auto failure = writeFile(p.value(kOut), exportHar(captures, options), p.isSet(kForce)))
        return failure;
    if (p.value(kOut) != u"-")
        err(u"%1 capture(s) written to %2\n"_s.arg(captures.size()).arg(p.value(kOut)));
    return std::nullopt;
}

std::optional<Failure> exportHtml(const QCommandLineParser &p)
{
    if (!p.isSet(kOut))
        return Failure{u"--out FILE is required ('-' for standard output)"_s, 2};
    const std::optional<ViewTheme> theme = viewThemeFromName(p.value(u"theme"_s));
    if (!theme)
        return Failure{u"--theme must be light or dark"_s, 2};
    Capture capture;
    QString name;
    if (auto failure = loadOne(p, &capture, &name))
        return failure;
    QString error;
    const std::optional<QString> html = messageHtml(builtinRegistry(), capture, *theme, &error);
    if (!html)
        return Failure{error};
    return writeFile(p.value(kOut), html->toUtf8(), p.isSet(kForce));
}

} // namespace

int exportRequestCommand(const QStringList &args)
{
    const QString kind = args.value(1);
    const QStringList rest = QStringList{u"hookbench export "_s + kind} + args.mid(2);
    const QString cmd = u"export "_s + kind;
    QCommandLineParser p;
    if (kind == u"curl") {
        p.setApplicationDescription(u"Print (or write) a curl command that sends a capture or a fixture's request again, byte for byte."_s);
        p.addPositionalArgument(u"capture-id"_s, u"The capture to export."_s, u"[capture-id]"_s);
        p.addOptions({kFixture, kIntegration, kCase, kDb, kBaseUrl, kOut,
                      {u"body-file"_s, u"Where a body that cannot be inline goes (default: next to --out, named after it)."_s, u"FILE"_s},
                      kForce});
        return runParsed(p, rest, cmd, exportCurl);
    }
    if (kind == u"har") {
        p.setApplicationDescription(u"Write captures as a HAR 1.2 log (requests, our responses, timings)."_s);
        p.addPositionalArgument(u"capture-id"_s, u"Captures to export, in the order given."_s, u"[capture-id…]"_s);
        p.addOptions({{u"all"_s, u"Every capture of the store, oldest first."_s}, kDb, kBaseUrl, kOut, kForce});
        return runParsed(p, rest, cmd, exportHarFile);
    }
    if (kind == u"html") {
        p.setApplicationDescription(u"Write the message view of a capture's or a fixture's outcome as a standalone HTML page."_s);
        p.addPositionalArgument(u"capture-id"_s, u"The capture to export."_s, u"[capture-id]"_s);
        p.addOptions({kFixture, kIntegration, kCase, kDb,
                      {u"theme"_s, u"light (default) or dark."_s, u"THEME"_s, u"light"_s}, kOut, kForce});
        return runParsed(p, rest, cmd, exportHtml);
    }
    return usageError(u"unknown export '%1' (curl, har or html)"_s.arg(kind), u"export"_s);
}

} // namespace hb::cli
