// SPDX-License-Identifier: MIT
#include "guiapp.h"

#include "capturestore.h"
#include "cli.h"
#include "mainwindow.h"
#include "registry.h"
#include "workbench.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QSettings>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace hb::gui {

int run(int &argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"hookbench"_s);
    QApplication::setApplicationDisplayName(u"Hookbench"_s);
    QApplication::setApplicationVersion(QStringLiteral(HOOKBENCH_VERSION));
    QApplication::setDesktopFileName(u"hookbench"_s);

    QCommandLineParser p;
    p.setApplicationDescription(u"The Hookbench desktop workbench."_s);
    p.addHelpOption();
    p.addOptions({
        {u"db"_s, u"Capture store (default: the user's data folder)."_s, u"FILE"_s},
        {u"fixtures"_s, u"The fixtures folder (default: the project's)."_s, u"DIR"_s},
        {u"port"_s, u"Listen on this port (remembered)."_s, u"N"_s},
        {u"no-listen"_s, u"Do not start the listener on launch."_s},
        {u"theme"_s, u"system, light or dark (remembered)."_s, u"THEME"_s},
        {u"integration"_s, u"Select this integration on launch."_s, u"NAME"_s},
        {u"fixture"_s, u"Open this fixture of the selected integration in the editor."_s, u"FILE"_s},
        {u"screenshot"_s, u"Save a picture of the window to FILE after --screenshot-delay ms, then quit."_s, u"FILE"_s},
        {u"screenshot-delay"_s, u"Milliseconds to wait before --screenshot (default 1500)."_s, u"MS"_s, u"1500"_s},
    });
    p.process(app);

    if (p.isSet(u"theme"_s)) {
        const QStringList names{u"system"_s, u"light"_s, u"dark"_s};
        const qsizetype index = names.indexOf(p.value(u"theme"_s));
        if (index < 0) {
            qWarning("hookbench: --theme wants system, light or dark");
            return 2;
        }
        QSettings().setValue(u"window/theme"_s, int(index));
    }
    MainWindow::applyTheme(MainWindow::Theme(QSettings().value(u"window/theme"_s, 0).toInt()));
    const QString store = p.isSet(u"db"_s) ? p.value(u"db"_s) : CaptureStore::defaultPath();
    const QString fixtures = p.isSet(u"fixtures"_s) ? p.value(u"fixtures"_s) : cli::fixturesDirectory();
    Workbench workbench(builtinRegistry(), store, fixtures);
    if (p.isSet(u"port"_s)) {
        bool ok = false;
        const uint port = p.value(u"port"_s).toUInt(&ok);
        if (!ok || port > 65535) {
            qWarning("hookbench: --port wants a number from 0 to 65535");
            return 2;
        }
        ListenerConfig config = workbench.listenerConfig();
        config.port = quint16(port);
        workbench.setListenerConfig(config);
    }
    MainWindow window(workbench);
    window.show();
    if (!p.isSet(u"no-listen"_s))
        workbench.startListener();
    if (p.isSet(u"integration"_s) && !window.openFixture(p.value(u"integration"_s), p.value(u"fixture"_s)))
        qWarning("hookbench: cannot open %s %s", qPrintable(p.value(u"integration"_s)), qPrintable(p.value(u"fixture"_s)));
    if (p.isSet(u"screenshot"_s)) {
        const QString file = p.value(u"screenshot"_s);
        QTimer::singleShot(p.value(u"screenshot-delay"_s).toInt(), &window, [&window, file] {
            const bool saved = window.grab().save(file);
            QApplication::exit(saved ? 0 : 1);
        });
    }
    return QApplication::exec();
}

} // namespace hb::gui
