// SPDX-License-Identifier: MIT
#include "cli.h"
#include "guiapp.h"
#include "guibench.h"
#include "screenshotcommand.h"

#include <QCoreApplication>

#include <cstdio>
#include <cstring>

namespace {

// `hookbench` alone, or with only the window's options (--db, --fixtures, --no-listen), opens the
// workbench; any command word runs headless without a display.
bool wantsGui(int argc, char *argv[])
{
    if (argc < 2)
        return true;
    const char *first = argv[1];
    const bool isOption = first[0] == '-';
    const bool isGlobal = !std::strcmp(first, "--help") || !std::strcmp(first, "-h") || !std::strcmp(first, "--version")
                          || !std::strcmp(first, "-v");
    return isOption && !isGlobal;
}

} // namespace

int main(int argc, char *argv[])
{
    // `hookbench bench gui` measures the window, so it needs a QApplication rather than the
    // commands' QCoreApplication: it is routed before either exists.
    if (argc >= 3 && !std::strcmp(argv[1], "bench") && !std::strcmp(argv[2], "gui"))
        return hb::gui::runGuiBench(argc, argv);
    // `hookbench screenshot` draws text and images: it needs a QGuiApplication as well.
    if (argc >= 2 && !std::strcmp(argv[1], "screenshot"))
        return hb::gui::runScreenshotCommand(argc, argv);
    if (wantsGui(argc, argv)) {
        if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
            && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
            std::fputs("hookbench: no display for the window. Run a command instead (hookbench --help),\n"
                       "for example the headless listener: hookbench listen\n", stderr);
            return 2;
        }
        return hb::gui::run(argc, argv);
    }
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("hookbench"));
    QCoreApplication::setApplicationVersion(QStringLiteral(HOOKBENCH_VERSION));
    return hb::cli::run(QCoreApplication::arguments());
}
