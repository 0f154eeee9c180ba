// SPDX-License-Identifier: MIT
// hookbench export fixture: a capture becomes a fixture with its case, redacted first.
// hookbench export case: the outcome a fixture renders now becomes its case's expectation (approve).
// The work is in app/core (capturefixture.h, redaction.h, caseapproval.h); this file reads options.
#include "cli.h"

#include "caseapproval.h"
#include "capturefixture.h"
#include "fixturefolder.h"
#include "registry.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace hb::cli {

namespace {

const QCommandLineOption kFixturesDir{u"fixtures"_s, u"The fixtures folder (default: the project's)."_s, u"DIR"_s};

bool parse(QCommandLineParser &p, const QStringList &args, const QString &cmd, int *status)
{
    p.addOption(kFixturesDir);
    p.addHelpOption();
    if (!p.parse(QStringList{u"hookbench "_s + cmd} + args.mid(2))) {
        *status = usageError(p.errorText(), cmd);
        return false;
    }
    if (p.isSet(u"help"_s)) {
        printHelp(p, cmd);
        *status = 0;
        return false;
    }
    return true;
}

QString fixturesRoot(const QCommandLineParser &p)
{
    return p.isSet(kFixturesDir) ? p.value(kFixturesDir) : fixturesDirectory();
}

int fail(const QString &cmd, const QString &message)
{
    err(u"hookbench %1: %2\n"_s.arg(cmd, message));
    return 1;
}

std::optional<Capture> loadCapture(const QString &cmd, const QString &idText, const QString &db, int *status)
{
    bool ok = false;
    const qint64 id = idText.toLongLong(&ok);
    if (!ok || id <= 0) {
        *status = usageError(u"'%1' is not a capture id"_s.arg(idText), cmd);
        return std::nullopt;
    }
    const QString path = db.isEmpty() ? CaptureStore::defaultPath() : db;
    CaptureStore store;
    if (!QFileInfo::exists(path) || !store.open(path)) { // opening a missing file would create an empty store
        *status = fail(cmd, QFileInfo::exists(path) ? u"cannot open %1: %2"_s.arg(path, store.errorString())
                                                    : u"no capture store at %1"_s.arg(path));
        return std::nullopt;
    }
    std::optional<Capture> capture = store.byId(id);
    if (!capture)
        *status = fail(cmd, u"no capture %1 in %2"_s.arg(id).arg(path));
    return capture;
}

QString verdictText(const std::optional<CaseResult> &result)
{
    if (!result)
        return {};
    return result->passed ? u"The case passes.\n"_s : u"The case fails now: %1\n"_s.arg(result->detail);
}

} // namespace

int exportFixtureCommand(const QStringList &args)
{
    const QString cmd = u"export fixture"_s;
    QCommandLineParser p;
    p.setApplicationDescription(
        u"Save a capture's body as fixtures/<folder>/<name> and add a case for it to cases.json. Tokens, secrets, "
        "passwords, e-mail and IP addresses are replaced by stable fakes of the same shape first; the redactions "
        "made are printed."_s);
    const QCommandLineOption integration{u"integration"_s, u"The integration the fixture belongs to."_s, u"NAME"_s};
    const QCommandLineOption name{u"name"_s, u"The fixture's file name (default: from the event, e.g. push__captured.json)."_s, u"FILE"_s};
    const QCommandLineOption db{u"db"_s, u"Capture store (default: the workbench's)."_s, u"FILE"_s};
    const QCommandLineOption noRedact{u"no-redact"_s, u"Save the capture as it is, without redaction."_s};
    const QCommandLineOption redact{u"redact"_s, u"Also redact this JSON path (\"user.email\", \"items[*].id\", \"header:X-Name\", "
                                                 "\"query:name\") or this literal text. Repeatable."_s, u"PATH-or-TEXT"_s};
    const QCommandLineOption force{u"force"_s, u"Replace a fixture or case of that name."_s};
    p.addOptions({integration, name, db, noRedact, redact, force});
    p.addPositionalArgument(u"capture-id"_s, u"The capture to save."_s);
    int status = 0;
    if (!parse(p, args, cmd, &status))
        return status;
    if (p.positionalArguments().size() != 1)
        return usageError(u"give one capture id"_s, cmd);
    if (!p.isSet(integration))
        return usageError(u"--integration NAME is required"_s, cmd);
    if (p.isSet(noRedact) && p.isSet(redact))
        return usageError(u"--redact and --no-redact exclude each other"_s, cmd);
    const IntegrationEntry *entry = builtinRegistry().find(p.value(integration));
    if (!entry)
        return usageError(u"no integration named '%1' (see hookbench integrations)"_s.arg(p.value(integration)), cmd);
    if (p.isSet(name)) {
        if (const QString problem = FixtureFolder::nameError(p.value(name)); !problem.isEmpty())
            return usageError(u"%1: %2"_s.arg(p.value(name), problem), cmd);
    }
    const std::optional<Capture> capture = loadCapture(cmd, p.positionalArguments().first(), p.value(db), &status);
    if (!capture)
        return status;

    CaptureFixture fixture(*entry, *capture);
    if (const QString problem = fixture.problem(); !problem.isEmpty())
        return fail(cmd, problem);
    FixtureFolder folder(QDir(fixturesRoot(p)).filePath(entry->folder()), entry->name);
    const QString fileName = p.isSet(name) ? p.value(name) : fixture.suggestedName(folder);
    if (!p.isSet(force) && CaptureFixture::isTaken(folder, fileName))
        return fail(cmd, u"%1 or its case exists in %2 (use --force to replace both)"_s.arg(fileName, folder.directory()));
    if (!p.isSet(noRedact)) {
        const RequestRedaction redaction = fixture.redaction(p.values(redact));
        for (const QString &unused : redaction.unusedMarks())
            err(u"hookbench %1: warning: --redact %2 matched nothing\n"_s.arg(cmd, unused));
        fixture.setRedaction(redaction);
    }
    QString error;
    if (!fixture.save(folder, fileName, p.isSet(force), &error))
        return fail(cmd, error);
    QString report = u"Saved %1 with the case %2 in cases.json.\n"_s.arg(QDir::cleanPath(folder.filePath(fileName)),
                                                                           CaptureFixture::testName(fileName));
    if (const auto &r = fixture.currentRedaction()) {
        report += r->redactions().isEmpty() ? u"Nothing to redact.\n"_s
                                            : u"%1 redaction(s):\n"_s.arg(r->redactions().size()) + r->summary() + u'\n';
    } else {
        report += u"Not redacted (--no-redact).\n"_s;
    }
    report += verdictText(CaptureFixture::runSavedCase(builtinRegistry(), folder, fileName));
    out(report);
    return 0;
}

int exportCaseCommand(const QStringList &args)
{
    const QString cmd = u"export case"_s;
    QCommandLineParser p;
    p.setApplicationDescription(
        u"Approve: record the outcome a fixture renders now as the expectation of its case in cases.json (a new case "
        "when none uses the fixture). When that changes an existing expectation, the diff is printed and --yes is "
        "needed to write it."_s);
    const QCommandLineOption yes{u"yes"_s, u"Write a changed expectation without asking."_s};
    const QCommandLineOption caseName{u"case"_s, u"The case to approve (default: the one named after the fixture, or the only one using it)."_s, u"NAME"_s};
    p.addOptions({yes, caseName});
    p.addPositionalArgument(u"integration"_s, u"The integration."_s);
    p.addPositionalArgument(u"fixture"_s, u"The fixture file in fixtures/<integration>/."_s);
    int status = 0;
    if (!parse(p, args, cmd, &status))
        return status;
    const QStringList positional = p.positionalArguments();
    if (positional.size() != 2)
        return usageError(u"give an integration and a fixture"_s, cmd);
    const IntegrationEntry *entry = builtinRegistry().find(positional[0]);
    if (!entry)
        return usageError(u"no integration named '%1' (see hookbench integrations)"_s.arg(positional[0]), cmd);
    if (const QString problem = FixtureFolder::nameError(positional[1]); !problem.isEmpty())
        return usageError(u"%1: %2"_s.arg(positional[1], problem), cmd);
    FixtureFolder folder(QDir(fixturesRoot(p)).filePath(entry->folder()), entry->name);
    QString error;
    const std::optional<CaseApproval> approval = CaseApproval::prepare(builtinRegistry(), folder, positional[1], p.value(caseName), &error);
    if (!approval)
        return fail(cmd, error);
    if (!approval->changes()) {
        out(u"The case %1 already expects this outcome.\n"_s.arg(approval->caseName()));
        return 0;
    }
    if (!approval->isNew()) {
        out(u"The expectation of %1 changes:\n%2\n"_s.arg(approval->caseName(), approval->diff()));
        if (!p.isSet(yes)) {
            err(u"hookbench %1: not written; run again with --yes to approve the change\n"_s.arg(cmd));
            return 1;
        }
    }
    if (!approval->apply(folder, &error))
        return fail(cmd, error);
    out(approval->isNew() ? u"Added the case %1 to %2:\n%3\n"_s.arg(approval->caseName(), folder.casesPath(), approval->newExpectationText())
                          : u"Approved: %1 now expects this outcome.\n"_s.arg(approval->caseName()));
    return 0;
}

} // namespace hb::cli
