// SPDX-License-Identifier: MIT
#pragma once

#include "integration.h"

#include <QString>
#include <QStringList>

// `hookbench screenshot <name> [<fixture>] [--out DIR] [--theme light|dark]`: the documentation
// screenshot of an integration's message, integrations/<folder>/001.png and 001.svg. It draws text,
// so it needs a QGuiApplication: main() routes here before the commands' QCoreApplication exists;
// without a display it runs on Qt's offscreen platform.
namespace hb::gui {

int runScreenshotCommand(int &argc, char **argv);

// The folder the screenshot goes to by default: integrations/<folder>/ beside fixturesDir.
QString defaultScreenshotDir(const IntegrationEntry &entry, const QString &fixturesDir);

// Renders the screenshot of `fixture` (empty = the registry's, else the first message case) and
// writes 001.png and 001.svg into outDir. *summary says which case it shows and the image size.
bool makeScreenshot(const Registry &registry, const IntegrationEntry &entry, const QString &fixturesDir,
                    const QString &fixture, const QString &outDir, QStringList *written, QString *summary,
                    QString *error);

} // namespace hb::gui
