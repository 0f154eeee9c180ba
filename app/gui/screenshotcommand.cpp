// SPDX-License-Identifier: MIT
#include "screenshotcommand.h"

#include "cli.h"
#include "messagescreenshot.h"
#include "registry.h"
#include "screenshotcase.h"
#include "zulipexport.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>

using namespace Qt::StringLiterals;

namespace hb::gui {

QString defaultScreenshotDir(const IntegrationEntry &entry, const QString &fixturesDir)
{
    return QDir::cleanPath(QDir(fixturesDir).filePath(u"../integrations/"_s + entry.folder()));
}

bool makeScreenshot(const Registry &registry, const IntegrationEntry &entry, const QString &fixturesDir,
                    const QString &fixture, const QString &outDir, QStringList *written, QString *summary,
                    QString *error)
{
    const auto shot = findScreenshotCase(registry, entry, fixturesDir, fixture, error);
    if (!shot)
        return false;
    const MessageScreenshot screenshot(entry, shot->outcome, shot->time);
    if (!screenshot.write(outDir, written, error))
        return false;
    *summary = u"%1 (case %2), %3×%4 px"_s.arg(shot->fixture, shot->caseName)
                   .arg(screenshot.size().width())
                   .arg(screenshot.size().height());
    return true;
}

int runScreenshotCommand(int &argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
        && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"hookbench"_s);
    QApplication::setApplicationVersion(QStringLiteral(HOOKBENCH_VERSION));

    const QString cmd = u"screenshot"_s;
    QCommandLineParser p;
    p.setApplicationDescription(u"Draw an integration's message as Zulip's documentation shows it and write\n"
                                "001.png and 001.svg (default folder: integrations/<name>/). The fixture\n"
                                "defaults to the registry's screenshot fixture, else the first message case."_s);
    p.addHelpOption();
    p.addPositionalArgument(u"name"_s, u"The integration."_s);
    p.addPositionalArgument(u"fixture"_s, u"The fixture to show (file name, with or without .json)."_s, u"[fixture]"_s);
    const QCommandLineOption outOption{u"out"_s, u"The folder to write 001.png and 001.svg into."_s, u"DIR"_s};
    p.addOption(outOption);
    QStringList args = QApplication::arguments();
    args.removeAt(1); // "screenshot"
    args[0] = u"hookbench screenshot"_s;
    if (!p.parse(args))
        return cli::usageError(p.errorText(), cmd);
    if (p.isSet(u"help"_s)) {
        cli::printHelp(p, cmd);
        return 0;
    }
    const QStringList positional = p.positionalArguments();
    if (positional.isEmpty() || positional.size() > 2)
        return cli::usageError(u"give an integration name and optionally a fixture"_s, cmd);
    if (const QString bad = ZulipExport::nameError(positional[0]); !bad.isEmpty())
        return cli::usageError(bad, cmd);
    const IntegrationEntry *entry = builtinRegistry().find(positional[0]);
    if (!entry)
        return cli::usageError(u"no integration named '%1' (see hookbench integrations)"_s.arg(positional[0]), cmd);
    const QString fixtures = cli::fixturesDirectory();
    const QString outDir = p.isSet(outOption) ? p.value(outOption) : defaultScreenshotDir(*entry, fixtures);
    QStringList written;
    QString summary, error;
    if (!makeScreenshot(builtinRegistry(), *entry, fixtures, positional.value(1), outDir, &written, &summary, &error)) {
        cli::err(u"hookbench screenshot: %1\n"_s.arg(error));
        return 1;
    }
    for (const QString &path : written)
        cli::out(u"wrote %1\n"_s.arg(QDir::toNativeSeparators(path)));
    cli::out(u"%1: %2\n"_s.arg(entry->name, summary));
    return 0;
}

} // namespace hb::gui
