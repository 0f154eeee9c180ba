// SPDX-License-Identifier: MIT
#include "cli.h"

#include "json.h"
#include "markdown.h"
#include "markdowncases.h"

#include <QCommandLineParser>
#include <QFile>

using namespace Qt::StringLiterals;

// `hookbench markdown`: Markdown on stdin, Zulip's HTML on stdout.
// `hookbench conformance-markdown FILE`: Zulip's Markdown test cases (regular_tests and
// linkify_tests, see ../shared/conformance/README.md) against our renderer.
namespace hb::cli {

namespace {

QString visible(QStringView s)
{
    QString out;
    for (const QChar c : s) {
        if (c == u'\n')
            out += u"\\n"_s;
        else if (c == u'\t')
            out += u"\\t"_s;
        else
            out += c;
    }
    return out;
}

// Where the two texts part, with a little context.
QString shortDiff(const QString &expected, const QString &actual)
{
    qsizetype p = 0;
    while (p < expected.size() && p < actual.size() && expected[p] == actual[p])
        ++p;
    const qsizetype from = std::max<qsizetype>(0, p - 20);
    return u"at %1: expected \"%2\", got \"%3\""_s.arg(p).arg(visible(QStringView(expected).mid(from, 60)),
                                                          visible(QStringView(actual).mid(from, 60)));
}

} // namespace

int markdownCommand(const QStringList &args)
{
    const QString cmd = u"markdown"_s;
    QCommandLineParser p;
    p.setApplicationDescription(u"Render Zulip-flavoured Markdown from standard input as HTML."_s);
    p.addHelpOption();
    p.addOptions({
        {u"translate-emoticons"_s, u"Turn emoticons such as :) into emoji (a Zulip user setting)."_s},
    });
    if (!p.parse(args))
        return usageError(p.errorText(), cmd);
    if (p.isSet(u"help"_s)) {
        printHelp(p, cmd);
        return 0;
    }
    if (!p.positionalArguments().isEmpty())
        return usageError(u"the Markdown is read from standard input"_s, cmd);
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        return usageError(u"cannot read standard input"_s, cmd);
    markdown::Options options;
    options.translateEmoticons = p.isSet(u"translate-emoticons"_s);
    out(markdown::toHtml(QString::fromUtf8(in.readAll()), options) + u'\n');
    return 0;
}

int conformanceMarkdownCommand(const QStringList &args)
{
    const QString cmd = u"conformance-markdown"_s;
    QCommandLineParser p;
    p.setApplicationDescription(u"Run a Markdown case file in Zulip's format (regular_tests, linkify_tests)."_s);
    p.addHelpOption();
    p.addOptions({
        {u"report"_s, u"Write one JSON object per case to FILE."_s, u"FILE"_s},
        {u"verbose"_s, u"Print passing cases too."_s},
    });
    p.addPositionalArgument(u"file"_s, u"The case file."_s, u"FILE"_s);
    if (!p.parse(args))
        return usageError(p.errorText(), cmd);
    if (p.isSet(u"help"_s)) {
        printHelp(p, cmd);
        return 0;
    }
    if (p.positionalArguments().size() != 1)
        return usageError(u"give exactly one FILE"_s, cmd);
    QString error;
    const auto cases = markdown::loadTestCases(p.positionalArguments().first(), &error);
    if (!cases)
        return usageError(u"cannot read %1: %2"_s.arg(p.positionalArguments().first(), error), cmd);
    QFile report;
    if (p.isSet(u"report"_s)) {
        report.setFileName(p.value(u"report"_s));
        if (!report.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return usageError(u"cannot write %1: %2"_s.arg(report.fileName(), report.errorString()), cmd);
    }
    int passed = 0;
    int failed = 0;
    for (const markdown::TestCase &c : *cases) {
        markdown::Options options;
        options.translateEmoticons = c.translateEmoticons;
        const QString actual = markdown::toHtml(c.input, options);
        const bool ok = actual == c.expected;
        if (ok) {
            ++passed;
            if (p.isSet(u"verbose"_s))
                out(u"PASS %1\n"_s.arg(c.name));
        } else {
            ++failed;
            out(u"FAIL %1: %2\n"_s.arg(c.name, shortDiff(c.expected, actual)));
        }
        if (report.isOpen()) {
            report.write("{\"name\":" + jsonQuote(c.name) + ",\"passed\":" + (ok ? "true" : "false")
                         + ",\"expected\":" + jsonQuote(c.expected) + ",\"actual\":" + jsonQuote(actual) + "}\n");
        }
    }
    out(u"%1 passed, %2 failed\n"_s.arg(passed).arg(failed));
    return failed ? 1 : 0;
}

} // namespace hb::cli
