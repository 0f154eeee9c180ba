// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringList>

class QCommandLineParser;

#include <cstdio>

// The headless commands (design brief §3). Each returns the process exit status:
// 0 success, 1 a failed outcome or case, 2 bad usage.
namespace hb::cli {

int run(const QStringList &arguments);

int renderCommand(const QStringList &args);
int testCommand(const QStringList &args);
int conformanceCommand(const QStringList &args);
int integrationsCommand(const QStringList &args);
int listenCommand(const QStringList &args);
int markdownCommand(const QStringList &args);
int conformanceMarkdownCommand(const QStringList &args);
int benchCommand(const QStringList &args);
// export curl|har|html (args[1] is the kind)
int exportRequestCommand(const QStringList &args);
// export zulip (args[1] is "zulip")
int exportZulipCommand(const QStringList &args);
// export fixture / export case (args[1] is the kind)
int exportFixtureCommand(const QStringList &args);
int exportCaseCommand(const QStringList &args);
int newCommand(const QStringList &args);
int replayCommand(const QStringList &args);

// Helpers shared by the commands.
void out(const QString &text);   // stdout, UTF-8, flushed
void err(const QString &text);   // stderr, UTF-8
int usageError(const QString &message, const QString &command);
// The parser's help with "Usage: hookbench <command>" (Qt would print the executable's path).
void printHelp(const QCommandLineParser &parser, const QString &command);
// The project's fixtures/ folder: $HOOKBENCH_FIXTURES, else the nearest fixtures/ above the
// working directory or the executable, else the source tree's.
QString fixturesDirectory();

} // namespace hb::cli
