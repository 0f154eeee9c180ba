// SPDX-License-Identifier: MIT
#include "cli.h"

#include "casefile.h"
#include "json.h"
#include "markdown.h"
#include "registry.h"

#include <md4c-html.h>

#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>

#include <algorithm>

using namespace Qt::StringLiterals;

// `hookbench bench <what>`: throughput of a part of Hookbench against a baseline measured on the
// same input in the same run. Today: `markdown` (our renderer against md4c's HTML renderer), and
// `gui` (the window; main() hands `hookbench bench gui` to hb::gui::runGuiBench before this runs).
namespace hb::cli {

namespace {

constexpr qint64 kSyntheticBytes = 1024 * 1024;

// One input set: what our renderer gets (QString) and what md4c gets (UTF-8), the same text.
struct Workload
{
    QString key;         // JSON name
    QString label;       // table row
    QStringList texts;
    QList<QByteArray> utf8;
    qint64 bytes = 0;    // UTF-8 bytes of one pass over all texts
};

Workload makeWorkload(QString key, QString label, QStringList texts)
{
    Workload w{std::move(key), std::move(label), std::move(texts), {}, 0};
    for (const QString &t : w.texts) {
        w.utf8.append(t.toUtf8());
        w.bytes += w.utf8.last().size();
    }
    return w;
}

// Every message content our fixtures produce, run through the dispatcher as `hookbench test` does
// (distinct contents, in the order the suites give them).
QStringList fixtureMessages(const QString &fixturesDir, QString *error)
{
    QStringList contents;
    const QDir dir(fixturesDir);
    for (const QString &name : dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        const QString path = dir.filePath(name + u"/cases.json"_s);
        if (!QFileInfo::exists(path))
            continue;
        const std::optional<CaseSuite> suite = loadCaseSuite(path, error);
        if (!suite)
            return {};
        for (const TestCase &test : suite->cases) {
            const CaseResult r = runCase(builtinRegistry(), *suite, test);
            if (!r.actual || !r.actual->isMessage())
                continue;
            for (const Message &m : r.actual->messages()) {
                if (!contents.contains(m.content))
                    contents.append(m.content);
            }
        }
    }
    return contents;
}

// A small deterministic generator (no global state): the same document in every run.
class Lcg
{
public:
    quint32 next()
    {
        m_state = m_state * 6364136223846793005ull + 1442695040888963407ull;
        return quint32(m_state >> 33);
    }
    qsizetype below(qsizetype n) { return qsizetype(next() % quint32(n)); }
    template<typename T, std::size_t N> const T &pick(const T (&items)[N]) { return items[below(N)]; }

private:
    quint64 m_state = 0x5eed;
};

QString sentence(Lcg &rng)
{
    static constexpr const char16_t *kWords[] = {
        u"deploy", u"pipeline", u"merged", u"branch", u"release", u"alert", u"latency", u"queue",
        u"the", u"a", u"with", u"after", u"before", u"and", u"of", u"on", u"service", u"node",
        u"café", u"Zürich", u"naïve", u"東京", u"retry", u"timeout", u"webhook", u"payload", u"disk",
        u"rollback", u"staging", u"production", u"commit", u"review", u"cluster", u"threshold",
    };
    static constexpr const char16_t *kEmoji[] = {u":tada:", u":warning:", u":check:", u":fire:", u":rocket:", u"🎉", u"👍"};
    QString s;
    const qsizetype words = 6 + rng.below(12);
    for (qsizetype i = 0; i < words; ++i) {
        QString w = QString::fromUtf16(rng.pick(kWords));
        switch (rng.below(24)) {
        case 0: w = u"**"_s + w + u"**"_s; break;
        case 1: w = u'*' + w + u'*'; break;
        case 2: w = u'`' + w + u"()`"_s; break;
        case 3: w = u"[%1](https://ci.example.org/builds/%2)"_s.arg(w).arg(rng.next() % 100000); break;
        case 4: w = u"https://git.example.org/tidewater/%1/commit/%2"_s.arg(w).arg(rng.next(), 8, 16, QChar(u'0')); break;
        case 5: w = QString::fromUtf16(rng.pick(kEmoji)); break;
        case 6: w = u"~~"_s + w + u"~~"_s; break;
        case 7: w = u"@**Ana Lima**"_s; break;
        default: break;
        }
        s += (i ? u" "_s : QString()) + w;
    }
    s[0] = s[0].toUpper();
    return s + u'.';
}

QString block(Lcg &rng)
{
    const qsizetype kind = rng.below(20);
    QString b;
    if (kind < 8) { // paragraph
        for (qsizetype i = 0, n = 1 + rng.below(5); i < n; ++i)
            b += (i ? (rng.below(3) ? u" "_s : u"\n"_s) : QString()) + sentence(rng);
    } else if (kind < 11) { // bulleted list, sometimes nested
        for (qsizetype i = 0, n = 2 + rng.below(5); i < n; ++i)
            b += (rng.below(4) == 0 && i ? u"  * "_s : u"* "_s) + sentence(rng) + u'\n';
        b.chop(1);
    } else if (kind < 13) { // numbered list
        for (qsizetype i = 0, n = 2 + rng.below(5); i < n; ++i)
            b += u"%1. "_s.arg(i + 1) + sentence(rng) + u'\n';
        b.chop(1);
    } else if (kind < 15) { // fenced code
        static constexpr const char16_t *kLang[] = {u"python", u"js", u"", u"bash", u"json"};
        b = u"```"_s + QString::fromUtf16(rng.pick(kLang)) + u'\n';
        for (qsizetype i = 0, n = 3 + rng.below(8); i < n; ++i)
            b += u"    value_%1 = compute(%2, \"<tag>\") & mask  # %3\n"_s.arg(i).arg(rng.next() % 1000).arg(rng.next() % 97);
        b += u"```"_s;
    } else if (kind < 17) { // quote
        if (rng.below(2)) {
            for (qsizetype i = 0, n = 1 + rng.below(3); i < n; ++i)
                b += u"> "_s + sentence(rng) + u'\n';
            b.chop(1);
        } else {
            b = u"~~~ quote\n"_s + sentence(rng) + u'\n' + sentence(rng) + u"\n~~~"_s;
        }
    } else if (kind < 18) { // heading
        b = u"### "_s + sentence(rng).chopped(1);
    } else if (kind < 19) { // table
        b = u"| Service | Status | Latency |\n|---|:---:|---:|\n"_s;
        for (qsizetype i = 0, n = 2 + rng.below(4); i < n; ++i)
            b += u"| node-%1 | **%2** | %3 ms |\n"_s.arg(rng.next() % 64).arg(rng.below(2) ? u"ok"_s : u"degraded"_s).arg(rng.next() % 900);
        b.chop(1);
    } else { // spoiler
        b = u"```spoiler Details\n"_s + sentence(rng) + u"\n```"_s;
    }
    return b;
}

// A realistic mix of the Markdown webhook messages use, UTF-8 size just under `bytes`.
QString syntheticDocument(qint64 bytes)
{
    Lcg rng;
    QString doc;
    qint64 size = 0;
    while (true) {
        const QString b = block(rng) + u"\n\n"_s;
        const qint64 n = b.toUtf8().size();
        if (size + n > bytes)
            break;
        doc += b;
        size += n;
    }
    return doc;
}

void appendOutput(const MD_CHAR *text, MD_SIZE size, void *userdata)
{
    static_cast<QByteArray *>(userdata)->append(text, qsizetype(size));
}

// One pass over the workload with each renderer; the output size, so nothing is optimised away.
qint64 renderOurs(const Workload &w)
{
    qint64 produced = 0;
    for (const QString &t : w.texts)
        produced += markdown::toHtml(t).size();
    return produced;
}

qint64 renderMd4c(const Workload &w)
{
    qint64 produced = 0;
    QByteArray html;
    for (const QByteArray &t : w.utf8) {
        html.clear();
        md_html(t.constData(), MD_SIZE(t.size()), appendOutput, &html, MD_DIALECT_GITHUB | MD_FLAG_NOHTML, 0);
        produced += html.size();
    }
    return produced;
}

// Passes over the workload until `minSeconds` have gone by; input MB (10^6 bytes) per second.
double measure(qint64 (*pass)(const Workload &), const Workload &w, double minSeconds, qint64 &sink)
{
    QElapsedTimer timer;
    timer.start();
    qint64 passes = 0;
    do {
        sink += pass(w);
        ++passes;
    } while (timer.nsecsElapsed() < qint64(minSeconds * 1e9));
    return double(w.bytes) * double(passes) / (double(timer.nsecsElapsed()) / 1e9) / 1e6;
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    const qsizetype n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

struct Result
{
    const Workload *workload;
    QList<double> ours;
    QList<double> md4c;
};

QByteArray numberList(const QList<double> &values)
{
    QByteArray out = "[";
    for (qsizetype i = 0; i < values.size(); ++i)
        out += (i ? "," : "") + QByteArray::number(values[i], 'f', 2);
    return out + ']';
}

QString resultsJson(const QList<Result> &results, int runs, double minSeconds)
{
    QByteArray json = "{\"benchmark\":\"markdown\",\"baseline\":\"md4c-html\",\"unit\":\"MB/s\",\"runs\":"
                      + QByteArray::number(runs) + ",\"min_seconds\":" + QByteArray::number(minSeconds) + ",\"results\":[";
    for (qsizetype i = 0; i < results.size(); ++i) {
        const Result &r = results[i];
        const double ours = median(r.ours), md4c = median(r.md4c);
        json += (i ? ",\n  " : "\n  ") + QByteArray("{\"input\":") + jsonQuote(r.workload->key)
                + ",\"documents\":" + QByteArray::number(r.workload->texts.size())
                + ",\"bytes\":" + QByteArray::number(r.workload->bytes)
                + ",\"ours\":" + QByteArray::number(ours, 'f', 2) + ",\"md4c\":" + QByteArray::number(md4c, 'f', 2)
                + ",\"ratio\":" + QByteArray::number(md4c > 0 ? ours / md4c : 0, 'f', 3)
                + ",\"ours_runs\":" + numberList(r.ours) + ",\"md4c_runs\":" + numberList(r.md4c) + '}';
    }
    return QString::fromUtf8(json + "\n]}\n");
}

QString resultsTable(const QList<Result> &results, int runs, double minSeconds)
{
    QString text = u"Markdown rendering, MB/s of UTF-8 input (median of %1 runs of >= %2 s each)\n"_s.arg(runs).arg(minSeconds);
    text += u"%1 %2 %3 %4 %5\n"_s.arg(u"input"_s, -34).arg(u"bytes"_s, 9).arg(u"ours"_s, 9).arg(u"md4c"_s, 9).arg(u"ours/md4c"_s, 10);
    for (const Result &r : results) {
        const double ours = median(r.ours), md4c = median(r.md4c);
        text += u"%1 %2 %3 %4 %5\n"_s.arg(r.workload->label, -34)
                    .arg(r.workload->bytes, 9)
                    .arg(ours, 9, 'f', 1)
                    .arg(md4c, 9, 'f', 1)
                    .arg(md4c > 0 ? ours / md4c : 0, 10, 'f', 2);
    }
    return text;
}

int benchMarkdown(const QCommandLineParser &p, const QString &cmd)
{
    bool ok = false;
    const int runs = p.value(u"runs"_s).toInt(&ok);
    if (!ok || runs < 1 || runs > 100)
        return usageError(u"--runs wants a number from 1 to 100"_s, cmd);
    const double minSeconds = p.value(u"min-time"_s).toDouble(&ok);
    if (!ok || minSeconds <= 0 || minSeconds > 60)
        return usageError(u"--min-time wants seconds, more than 0 and at most 60"_s, cmd);
    const QString format = p.value(u"format"_s);
    if (format != u"text" && format != u"json")
        return usageError(u"--format must be text or json"_s, cmd);

    QString error;
    const QString fixtures = p.isSet(u"fixtures"_s) ? p.value(u"fixtures"_s) : fixturesDirectory();
    const QStringList messages = fixtureMessages(fixtures, &error);
    if (!error.isEmpty()) {
        err(u"hookbench bench: %1\n"_s.arg(error));
        return 1;
    }
    if (messages.isEmpty()) {
        err(u"hookbench bench: no messages from the fixtures in %1\n"_s.arg(fixtures));
        return 1;
    }
    const QList<Workload> workloads = {
        makeWorkload(u"fixtures"_s, u"fixture messages (%1)"_s.arg(messages.size()), messages),
        makeWorkload(u"synthetic"_s, u"synthetic document (1 MiB)"_s, {syntheticDocument(kSyntheticBytes)}),
    };

    if (p.isSet(u"save-synthetic"_s)) {
        QFile file(p.value(u"save-synthetic"_s));
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(workloads[1].utf8.first()) < 0) {
            err(u"hookbench bench: cannot write %1: %2\n"_s.arg(file.fileName(), file.errorString()));
            return 1;
        }
    }

    QList<Result> results;
    qint64 sink = 0;
    for (const Workload &w : workloads) {
        Result r{&w, {}, {}};
        sink += renderOurs(w) + renderMd4c(w); // warm-up: caches, lazily built tables
        for (int run = 0; run < runs; ++run) { // alternate, so that drift hits both alike
            r.ours.append(measure(renderOurs, w, minSeconds, sink));
            r.md4c.append(measure(renderMd4c, w, minSeconds, sink));
        }
        results.append(r);
    }
    if (sink == 0)
        err(u"hookbench bench: the renderers produced no output\n"_s);
    out(format == u"json" ? resultsJson(results, runs, minSeconds) : resultsTable(results, runs, minSeconds));
    return 0;
}

} // namespace

int benchCommand(const QStringList &args)
{
    const QString cmd = u"bench"_s;
    QCommandLineParser p;
    p.setApplicationDescription(u"Benchmarks, with a baseline measured on the same input in the same run.\n"
                                "  markdown   our Markdown renderer against md4c's HTML renderer, on the\n"
                                "             messages our fixtures produce and on a 1 MiB synthetic document\n"
                                "  gui        the window on 100,000 stored captures: time to first paint, and\n"
                                "             the worst event-loop stall while 1,000 requests a second arrive\n"
                                "             (hookbench bench gui --help for its options)"_s);
    p.addHelpOption();
    p.addOptions({
        {u"format"_s, u"text (default) or json."_s, u"FORMAT"_s, u"text"_s},
        {u"runs"_s, u"Measurements per renderer and input; the median is reported (default 5)."_s, u"N"_s, u"5"_s},
        {u"min-time"_s, u"Seconds each measurement repeats the work for (default 0.5)."_s, u"SECONDS"_s, u"0.5"_s},
        {u"fixtures"_s, u"The fixtures folder (default: the project's)."_s, u"DIR"_s},
        {u"save-synthetic"_s, u"Also write the synthetic document to FILE (to try other renderers on it)."_s, u"FILE"_s},
    });
    p.addPositionalArgument(u"what"_s, u"What to benchmark: markdown or gui."_s, u"<what>"_s);
    if (!p.parse(args))
        return usageError(p.errorText(), cmd);
    if (p.isSet(u"help"_s)) {
        printHelp(p, cmd);
        return 0;
    }
    const QStringList what = p.positionalArguments();
    if (what.size() != 1)
        return usageError(u"name one benchmark: markdown or gui"_s, cmd);
    if (what.first() == u"markdown")
        return benchMarkdown(p, cmd);
    if (what.first() == u"gui") // reached only when options come before it
        return usageError(u"write gui right after bench: hookbench bench gui [options]"_s, cmd);
    return usageError(u"unknown benchmark '%1' (available: markdown, gui)"_s.arg(what.first()), cmd);
}

} // namespace hb::cli
