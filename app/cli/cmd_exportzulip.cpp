// SPDX-License-Identifier: MIT
// hookbench export zulip NAME --to DIR [--force]: one integration in Zulip's layout (tests.py,
// fixtures, doc.md, logo, screenshot). The work is in app/core/zulipexport.h.
#include "cli.h"

#include "registry.h"
#include "zulipexport.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace hb::cli {

int exportZulipCommand(const QStringList &args)
{
    const QString cmd = u"export zulip"_s;
    QCommandLineParser p;
    p.setApplicationDescription(u"Write an integration in Zulip's layout into DIR (normally a Zulip checkout):\n"
                                "zerver/webhooks/<name>/{__init__.py,tests.py,doc.md,fixtures/},\n"
                                "static/images/integrations/logos/<name>.svg and <name>/001.png.\n"
                                "Existing files are never replaced without --force."_s);
    p.addHelpOption();
    p.addPositionalArgument(u"name"_s, u"The integration (as in /api/v1/external/<name>)."_s);
    const QCommandLineOption to{u"to"_s, u"The folder to write into (it must exist)."_s, u"DIR"_s};
    const QCommandLineOption force{u"force"_s, u"Replace existing files that differ."_s};
    p.addOptions({to, force});
    if (!p.parse(QStringList{u"hookbench "_s + cmd} + args.mid(2)))
        return usageError(p.errorText(), cmd);
    if (p.isSet(u"help"_s)) {
        printHelp(p, cmd);
        return 0;
    }
    const QStringList names = p.positionalArguments();
    if (names.size() != 1)
        return usageError(u"give exactly one integration name"_s, cmd);
    if (!p.isSet(to))
        return usageError(u"--to DIR is required"_s, cmd);
    const QString name = names.first();
    if (const QString bad = ZulipExport::nameError(name); !bad.isEmpty())
        return usageError(bad, cmd);
    const IntegrationEntry *entry = builtinRegistry().find(name);
    if (!entry)
        return usageError(u"no integration named '%1' (see hookbench integrations)"_s.arg(name), cmd);
    const QString target = p.value(to);
    if (!QFileInfo(target).isDir())
        return usageError(u"%1 is not a folder"_s.arg(target), cmd);

    QString error;
    const auto exported = ZulipExport::build(builtinRegistry(), *entry, fixturesDirectory(), {}, &error);
    if (!exported) {
        err(u"hookbench export zulip: %1\n"_s.arg(error));
        return 1;
    }
    const auto report = exported->write(target, p.isSet(force), &error);
    if (!report) {
        err(u"hookbench export zulip: %1\n"_s.arg(error));
        return 1;
    }
    const QDir dir(target);
    for (const QString &f : report->written)
        out(u"wrote     %1\n"_s.arg(QDir::toNativeSeparators(dir.filePath(f))));
    for (const QString &f : report->unchanged)
        out(u"unchanged %1\n"_s.arg(QDir::toNativeSeparators(dir.filePath(f))));
    for (const QString &f : report->skipped)
        out(u"skipped   %1 (exists with other content; --force replaces it)\n"_s.arg(QDir::toNativeSeparators(dir.filePath(f))));
    for (const QString &note : exported->notes())
        err(u"note: %1\n"_s.arg(note));
    out(u"%1 written, %2 unchanged, %3 skipped\n"_s.arg(report->written.size()).arg(report->unchanged.size()).arg(report->skipped.size()));
    return report->skipped.isEmpty() ? 0 : 1;
}

} // namespace hb::cli
