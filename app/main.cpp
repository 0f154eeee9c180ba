// SPDX-License-Identifier: MIT
#include "cli.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("hookbench"));
    QCoreApplication::setApplicationVersion(QStringLiteral(HOOKBENCH_VERSION));
    return hb::cli::run(QCoreApplication::arguments());
}
