// SPDX-License-Identifier: MIT
#include "cli.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace hb::cli {

namespace {

const char kUsage[] = R"(Usage: hookbench [command] [options]

Commands:
  listen        headless listener: one JSON line per request on stdout
  render        run one payload through an integration and print the outcome
  test          run fixtures/<name>/cases.json for the given integrations (all by default)
  conformance   run a folder of cases in Zulip's conformance format
  integrations  list the registered integrations
  markdown      render Zulip-flavoured Markdown from stdin to HTML on stdout
  conformance-markdown
                run a Markdown case file (Zulip's format)
  bench         benchmarks: markdown, …
  export curl|har|html
                a capture or fixture as a curl command, captures as HAR 1.2, an outcome as an HTML page
  export zulip  an integration in Zulip's layout: tests.py, fixtures, doc.md, logo, screenshot
  export fixture
                a capture as a fixture with its case in cases.json, secrets redacted
  export case   approve: a fixture's current outcome becomes its case's expectation
  screenshot    the documentation screenshot of an integration's message (001.png, 001.svg)
  new           create a new integration: handler, registry entry, fixtures, cases, doc, logo
  replay        a capture or fixture again: through the pipeline, to a URL as received, or to Zulip

Run "hookbench <command> --help" for a command's options.
  --help        show this help
  --version     print the version
)";

} // namespace

void out(const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    std::fwrite(utf8.constData(), 1, size_t(utf8.size()), stdout);
    std::fflush(stdout);
}

void err(const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    std::fwrite(utf8.constData(), 1, size_t(utf8.size()), stderr);
}

int usageError(const QString &message, const QString &command)
{
    err(QStringLiteral("hookbench %1: %2\nRun \"hookbench %1 --help\" for usage.\n").arg(command, message));
    return 2;
}

void printHelp(const QCommandLineParser &parser, const QString &command)
{
    QString text = parser.helpText();
    const qsizetype end = text.indexOf(u'\n');
    const QString first = text.left(end);
    const qsizetype options = first.indexOf(u" [options]");
    text.replace(0, options < 0 ? end : options, QStringLiteral("Usage: hookbench ") + command);
    out(text);
}

QString fixturesDirectory()
{
    const QString env = qEnvironmentVariable("HOOKBENCH_FIXTURES");
    if (!env.isEmpty())
        return env;
    const auto searchUp = [](QString dir) -> QString {
        for (int i = 0; i < 8 && !dir.isEmpty(); ++i) {
            const QString candidate = QDir(dir).filePath(QStringLiteral("fixtures"));
            if (QFileInfo(candidate).isDir() && QFileInfo(QDir(dir).filePath(QStringLiteral("integrations"))).isDir())
                return candidate;
            const QString parent = QFileInfo(dir).absolutePath();
            if (parent == dir)
                break;
            dir = parent;
        }
        return {};
    };
    for (const QString &start : {QDir::currentPath(), QCoreApplication::applicationDirPath()}) {
        if (QString found = searchUp(start); !found.isEmpty())
            return found;
    }
    return QStringLiteral(HOOKBENCH_SOURCE_DIR "/fixtures");
}

int run(const QStringList &arguments)
{
    const QStringList args = arguments.mid(1);
    if (args.isEmpty() || args.first() == u"--help" || args.first() == u"-h" || args.first() == u"help") {
        out(QString::fromUtf8(kUsage));
        return args.isEmpty() ? 2 : 0;
    }
    const QString command = args.first();
    if (command == u"--version" || command == u"-v") {
        out(QStringLiteral("hookbench %1\n").arg(QCoreApplication::applicationVersion()));
        return 0;
    }
    const QStringList rest = QStringList{QStringLiteral("hookbench ") + command} + args.mid(1);
    if (command == u"render")
        return renderCommand(rest);
    if (command == u"test")
        return testCommand(rest);
    if (command == u"conformance")
        return conformanceCommand(rest);
    if (command == u"integrations")
        return integrationsCommand(rest);
    if (command == u"listen")
        return listenCommand(rest);
    if (command == u"markdown")
        return markdownCommand(rest);
    if (command == u"conformance-markdown")
        return conformanceMarkdownCommand(rest);
    if (command == u"bench")
        return benchCommand(rest);
    if (command == u"new")
        return newCommand(rest);
    if (command == u"replay")
        return replayCommand(rest);
    if (command == u"export" && QStringList{QStringLiteral("curl"), QStringLiteral("har"), QStringLiteral("html")}.contains(args.value(1)))
        return exportRequestCommand(args);
    if (command == u"export" && args.value(1) == u"zulip")
        return exportZulipCommand(args);
    if (command == u"export" && args.value(1) == u"fixture")
        return exportFixtureCommand(args);
    if (command == u"export" && args.value(1) == u"case")
        return exportCaseCommand(args);
    if (command == u"export") { // no kind, or one none of the lines above takes
        const QString kinds = QStringLiteral("Usage: hookbench export curl|har|html|zulip|fixture|case [options]\n"
                                             "Run \"hookbench export <kind> --help\" for a kind's options.\n");
        if (args.value(1) == u"--help" || args.value(1) == u"-h") {
            out(kinds);
            return 0;
        }
        err(QStringLiteral("hookbench export: unknown kind '%1'\n").arg(args.value(1)) + kinds);
        return 2;
    }
    err(QStringLiteral("hookbench: unknown command '%1'\n\n").arg(command) + QString::fromUtf8(kUsage));
    return 2;
}

} // namespace hb::cli
