// SPDX-License-Identifier: MIT
#include "cli.h"

#include "casefile.h"
#include "registry.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace hb::cli {

namespace {

struct Tally
{
    int passed = 0;
    int failed = 0;
    int skipped = 0;
};

// Runs every case of one suite; prints failures (and passes when verbose).
void runSuite(const CaseSuite &suite, bool verbose, Tally &tally, QFile *report)
{
    for (const TestCase &test : suite.cases) {
        const CaseResult r = runCase(builtinRegistry(), suite, test);
        if (r.passed) {
            ++tally.passed;
            if (verbose)
                out(QStringLiteral("PASS %1 %2\n").arg(suite.integration, test.name));
        } else {
            ++tally.failed;
            out(QStringLiteral("FAIL %1 %2: %3\n").arg(suite.integration, test.name, r.detail));
        }
        if (report)
            report->write(r.toJsonLine() + '\n');
    }
}

bool openReport(QCommandLineParser &p, QFile &report)
{
    if (!p.isSet(QStringLiteral("report")))
        return true;
    report.setFileName(p.value(QStringLiteral("report")));
    return report.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text);
}

int finish(const Tally &t)
{
    QString line = QStringLiteral("%1 passed, %2 failed").arg(t.passed).arg(t.failed);
    if (t.skipped)
        line += QStringLiteral(", %1 skipped").arg(t.skipped);
    out(line + u'\n');
    return t.failed ? 1 : 0;
}

} // namespace

int testCommand(const QStringList &args)
{
    const QString cmd = QStringLiteral("test");
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Run fixtures/<name>/cases.json of the named integrations (all by default)."));
    p.addHelpOption();
    p.addOptions({
        {QStringLiteral("fixtures"), QStringLiteral("The fixtures folder (default: the project's)."), QStringLiteral("DIR")},
        {QStringLiteral("report"), QStringLiteral("Write one JSON object per case to FILE."), QStringLiteral("FILE")},
        {QStringLiteral("verbose"), QStringLiteral("Print passing cases too.")},
    });
    p.addPositionalArgument(QStringLiteral("name"), QStringLiteral("Integrations to test."), QStringLiteral("[NAME...]"));
    if (!p.parse(args))
        return usageError(p.errorText(), cmd);
    if (p.isSet(QStringLiteral("help"))) {
        printHelp(p, cmd);
        return 0;
    }
    const QString dir = p.isSet(QStringLiteral("fixtures")) ? p.value(QStringLiteral("fixtures")) : fixturesDirectory();
    QStringList names = p.positionalArguments();
    if (names.isEmpty()) {
        for (const IntegrationEntry &e : builtinRegistry().entries()) {
            if (!names.contains(e.folder()))
                names.append(e.folder());
        }
    }
    QFile report;
    if (!openReport(p, report))
        return usageError(QStringLiteral("cannot write %1: %2").arg(report.fileName(), report.errorString()), cmd);
    Tally tally;
    for (const QString &name : names) {
        const QString path = QDir(dir).filePath(name + QStringLiteral("/cases.json"));
        if (!QFileInfo::exists(path)) {
            out(QStringLiteral("FAIL %1: no %2\n").arg(name, path));
            ++tally.failed;
            continue;
        }
        QString error;
        const auto suite = loadCaseSuite(path, &error);
        if (!suite) {
            out(QStringLiteral("FAIL %1: %2\n").arg(name, error));
            ++tally.failed;
            continue;
        }
        runSuite(*suite, p.isSet(QStringLiteral("verbose")), tally, report.isOpen() ? &report : nullptr);
    }
    return finish(tally);
}

int conformanceCommand(const QStringList &args)
{
    const QString cmd = QStringLiteral("conformance");
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Run cases in Zulip's conformance format: DIR/<name>/cases.json (or DIR/cases.json).\n"
                                               "Integrations Hookbench does not ship are skipped."));
    p.addHelpOption();
    p.addOptions({
        {QStringLiteral("integration"), QStringLiteral("Only this integration."), QStringLiteral("NAME")},
        {QStringLiteral("report"), QStringLiteral("Write one JSON object per case to FILE."), QStringLiteral("FILE")},
        {QStringLiteral("verbose"), QStringLiteral("Print passing cases too.")},
    });
    p.addPositionalArgument(QStringLiteral("dir"), QStringLiteral("Folder of cases."), QStringLiteral("DIR"));
    if (!p.parse(args))
        return usageError(p.errorText(), cmd);
    if (p.isSet(QStringLiteral("help"))) {
        printHelp(p, cmd);
        return 0;
    }
    if (p.positionalArguments().size() != 1)
        return usageError(QStringLiteral("give exactly one DIR"), cmd);
    const QDir dir(p.positionalArguments().first());
    if (!dir.exists())
        return usageError(QStringLiteral("no such folder: %1").arg(dir.path()), cmd);
    QStringList files;
    if (QFileInfo::exists(dir.filePath(QStringLiteral("cases.json")))) {
        files.append(dir.filePath(QStringLiteral("cases.json")));
    } else {
        for (const QString &sub : dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
            const QString f = dir.filePath(sub + QStringLiteral("/cases.json"));
            if (QFileInfo::exists(f))
                files.append(f);
        }
    }
    const QString only = p.value(QStringLiteral("integration"));
    QFile report;
    if (!openReport(p, report))
        return usageError(QStringLiteral("cannot write %1: %2").arg(report.fileName(), report.errorString()), cmd);
    Tally tally;
    QStringList notShipped;
    bool matched = only.isEmpty();
    for (const QString &file : files) {
        QString error;
        const auto suite = loadCaseSuite(file, &error);
        if (!suite) {
            out(QStringLiteral("FAIL %1\n").arg(error));
            ++tally.failed;
            continue;
        }
        if (!only.isEmpty() && suite->integration != only)
            continue;
        matched = true;
        const bool shipped = std::all_of(suite->cases.cbegin(), suite->cases.cend(), [&](const TestCase &t) {
            const QString path = t.path.isEmpty() ? QStringLiteral("/api/v1/external/") + suite->integration : t.path;
            const auto name = Dispatcher::integrationName(path);
            return name && builtinRegistry().find(*name);
        });
        if (!shipped && only.isEmpty()) {
            notShipped.append(suite->integration);
            tally.skipped += int(suite->cases.size());
            continue;
        }
        runSuite(*suite, p.isSet(QStringLiteral("verbose")), tally, report.isOpen() ? &report : nullptr);
    }
    if (!matched)
        return usageError(QStringLiteral("no cases for integration '%1' in %2").arg(only, dir.path()), cmd);
    if (!notShipped.isEmpty())
        out(QStringLiteral("skipped (not shipped by Hookbench): %1\n").arg(notShipped.join(u", ")));
    return finish(tally);
}

} // namespace hb::cli
