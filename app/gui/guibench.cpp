// SPDX-License-Identifier: MIT
#include "guibench.h"

#include "capturespane.h"
#include "cli.h"
#include "guibenchdata.h"
#include "guibenchload.h"
#include "guibenchprobes.h"
#include "mainwindow.h"
#include "registry.h"
#include "workbench.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QEventLoop>
#include <QFileInfo>
#include <QTableView>
#include <QTemporaryDir>
#include <QUrl>

#include <algorithm>
#include <cmath>
#include <functional>

using namespace Qt::StringLiterals;

namespace hb::gui {

namespace {

using namespace bench;

constexpr int kBatch = 5000;            // captures per appendAll
constexpr int kPaintTimeoutMs = 60000;

struct Options
{
    int captures = 100000;
    int seconds = 10;
    int rate = 1000;
    int connections = 8;
    QString fixtures;
};

struct PaintTimes
{
    qint64 reloadedNs = -1;   // the model knows every id
    qint64 firstBlockNs = -1; // the first rows' data arrived
    qint64 paintedNs = -1;    // ... and the view has painted them
    qint64 scrolledNs = -1;   // scrollToBottom() -> the last rows painted
};

struct LoadOutcome
{
    LoadResult load;
    qint64 announced = 0;     // captureStored signals that reached the GUI thread
    qint64 stored = 0;        // new rows in the store
    int rowsInView = 0;       // the model's rows once it caught up
    double worstStallMs = 0;
    double p99StallMs = 0;
    qsizetype ticks = 0;
};

double ms(qint64 ns)
{
    return double(ns) / 1e6;
}

// Runs the event loop until done() or the timeout; whether done() came true.
bool waitFor(const std::function<bool()> &done, int timeoutMs)
{
    if (done())
        return true;
    QElapsedTimer elapsed;
    elapsed.start();
    QEventLoop loop;
    QTimer poll;
    poll.setInterval(10);
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (done() || elapsed.elapsed() > timeoutMs)
            loop.quit();
    });
    poll.start();
    loop.exec();
    return done();
}

std::optional<int> intOption(const QCommandLineParser &p, const QString &name, int min, int max, QString *error)
{
    bool ok = false;
    const int value = p.value(name).toInt(&ok);
    if (ok && value >= min && value <= max)
        return value;
    *error = u"--%1 wants a number from %2 to %3"_s.arg(name).arg(min).arg(max);
    return std::nullopt;
}

// Seconds it took, or nullopt with *error.
std::optional<double> fillStore(const QString &path, const QList<Capture> &samples, int count, QString *error)
{
    CaptureStore store;
    if (!store.open(path)) {
        *error = store.errorString();
        return std::nullopt;
    }
    const QDateTime newest = QDateTime::currentDateTimeUtc().addSecs(-60);
    QElapsedTimer timer;
    timer.start();
    QList<Capture> batch;
    batch.reserve(kBatch);
    for (qint64 first = 0; first < count; first += kBatch) {
        batch.clear();
        for (qint64 n = first; n < std::min<qint64>(count, first + kBatch); ++n)
            batch.append(nthCapture(samples, n, count, newest));
        if (!store.appendAll(batch)) {
            *error = store.errorString();
            return std::nullopt;
        }
    }
    return double(timer.nsecsElapsed()) / 1e9;
}

// From the start of `clock` (just before the workbench was built) until the captures view has
// painted its first rows with their data.
bool awaitFirstPaint(CaptureModel &model, QTableView *view, const QElapsedTimer &clock, PaintTimes *times)
{
    PaintProbe probe(view->viewport(), clock);
    QObject context;
    QObject::connect(&model, &CaptureModel::reloaded, &context, [&] { times->reloadedNs = clock.nsecsElapsed(); });
    QObject::connect(&model, &CaptureModel::rowsFetched, &context, [&](int firstRow) {
        if (firstRow == 0 && times->reloadedNs >= 0 && times->firstBlockNs < 0) {
            times->firstBlockNs = clock.nsecsElapsed();
            probe.arm();
        }
    });
    const bool painted = waitFor([&] { return probe.paintedNs().has_value(); }, kPaintTimeoutMs);
    times->paintedNs = probe.paintedNs().value_or(-1);
    return painted;
}

// scrollToBottom() until the view has painted the last rows with their data.
bool awaitScrollToEnd(CaptureModel &model, QTableView *view, PaintTimes *times)
{
    QElapsedTimer clock;
    PaintProbe probe(view->viewport(), clock);
    QObject context;
    const int lastRow = model.rowCount() - 1;
    if (lastRow < CaptureModel::kBlockSize)
        probe.arm(); // the last rows came with the first block
    QObject::connect(&model, &CaptureModel::rowsFetched, &context, [&](int, int last) {
        if (last == lastRow)
            probe.arm();
    });
    clock.start();
    view->scrollToBottom();
    view->viewport()->update(); // a paint even when everything fits
    const bool painted = waitFor([&] { return probe.paintedNs().has_value(); }, kPaintTimeoutMs);
    times->scrolledNs = probe.paintedNs().value_or(-1);
    return painted;
}

std::optional<quint16> startListener(Workbench &workbench, QString *error)
{
    QString failure;
    QObject context;
    QObject::connect(&workbench.listener(), &ListenerService::errorOccurred, &context, [&](const QString &e) { failure = e; });
    ListenerConfig config; // loopback, any free port, any api key
    config.port = 0;
    workbench.listener().start(config);
    waitFor([&] { return workbench.listener().state() != ListenerService::State::Starting; }, 10000);
    if (workbench.listener().state() != ListenerService::State::Listening) {
        *error = u"the listener did not start: %1"_s.arg(failure);
        return std::nullopt;
    }
    return quint16(QUrl(workbench.listener().url()).port());
}

// The window's listener under load from another thread; the GUI thread's stalls meanwhile.
std::optional<LoadOutcome> measureLoad(Workbench &workbench, QTableView *view, const Options &o, const QByteArray &request,
                                       QString *error)
{
    view->scrollToTop(); // watching the newest captures arrive, as one does
    const std::optional<quint16> port = startListener(workbench, error);
    if (!port)
        return std::nullopt;
    LoadOutcome r;
    QObject context;
    QObject::connect(&workbench.listener(), &ListenerService::captureStored, &context, [&r] { ++r.announced; });
    const int rowsBefore = workbench.captures().rowCount();
    CaptureStore counter;
    const qint64 countBefore = counter.open(workbench.storePath()) ? counter.count() : -1;

    StallMeter meter;
    LoadGenerator generator;
    meter.start();
    generator.start({.port = *port, .request = request, .rate = o.rate, .seconds = o.seconds, .connections = o.connections});
    waitFor([&] { return generator.result().has_value(); }, (o.seconds + 30) * 1000);
    meter.stop();
    if (!generator.result()) {
        *error = u"the load did not finish"_s;
        return std::nullopt;
    }
    r.load = *generator.result();
    r.worstStallMs = meter.worstMs();
    r.p99StallMs = meter.percentileMs(99);
    r.ticks = meter.ticks();

    // The model catches up (it refreshes every 40 ms); then the store is asked directly.
    waitFor([&] { return workbench.captures().rowCount() >= rowsBefore + r.announced; }, 10000);
    r.rowsInView = workbench.captures().rowCount();
    r.stored = countBefore >= 0 ? counter.count() - countBefore : -1;
    workbench.stopListener();
    waitFor([&] { return workbench.listener().state() == ListenerService::State::Stopped; }, 15000);
    return r;
}

qint64 percentile(const QList<qint64> &sorted, double percent)
{
    if (sorted.isEmpty())
        return 0;
    const auto rank = qsizetype(std::ceil(percent / 100 * double(sorted.size())));
    return sorted[std::clamp<qsizetype>(rank - 1, 0, sorted.size() - 1)];
}

QString row(const QString &label, const QString &value)
{
    return u"  %1 %2\n"_s.arg(label, -40).arg(value);
}

QString report(const Options &o, double fillSeconds, qint64 storeBytes, const PaintTimes &t, const LoadOutcome &l,
               const Capture &sample)
{
    const LoadResult &load = l.load;
    const double achieved = load.seconds > 0 ? double(load.sent) / load.seconds : 0;
    QString text = u"Hookbench window benchmark (Qt platform: %1)\n"_s.arg(QGuiApplication::platformName());
    text += row(u"store: captures"_s, u"%1 (%2 MB, appendAll in batches of %3)"_s.arg(o.captures).arg(double(storeBytes) / 1e6, 0, 'f', 1).arg(kBatch));
    text += row(u"store: time to write"_s, u"%1 s"_s.arg(fillSeconds, 0, 'f', 2));
    text += u"First paint (clock from building the workbench):\n"_s;
    text += row(u"model has every id"_s, u"%1 ms"_s.arg(ms(t.reloadedNs), 0, 'f', 1));
    text += row(u"first rows' data loaded"_s, u"%1 ms"_s.arg(ms(t.firstBlockNs), 0, 'f', 1));
    text += row(u"first paint with rows"_s, u"%1 ms"_s.arg(ms(t.paintedNs), 0, 'f', 1));
    text += row(u"scroll to end -> last rows painted"_s, u"%1 ms"_s.arg(ms(t.scrolledNs), 0, 'f', 1));
    text += u"Load: %1 req/s for %2 s, %3 keep-alive connections, %4 %5 (%6-byte body)\n"_s.arg(o.rate).arg(o.seconds)
                .arg(o.connections).arg(QString::fromLatin1(sample.method), sample.path).arg(sample.body.size());
    text += row(u"requests sent / answered 2xx"_s, u"%1 / %2"_s.arg(load.sent).arg(load.answered));
    text += row(u"answered otherwise / unanswered"_s, u"%1 / %2"_s.arg(load.refused).arg(load.lost));
    text += row(u"stored (store) / announced to GUI"_s, u"%1 / %2"_s.arg(l.stored).arg(l.announced));
    text += row(u"rows in the view afterwards"_s, QString::number(l.rowsInView));
    text += row(u"achieved rate"_s, u"%1 req/s (most overdue: %2)"_s.arg(achieved, 0, 'f', 1).arg(load.maxBacklog));
    text += row(u"answer latency p50 / p99 / max"_s, u"%1 / %2 / %3 ms"_s.arg(percentile(load.latencyUs, 50) / 1000.0, 0, 'f', 2)
                                                       .arg(percentile(load.latencyUs, 99) / 1000.0, 0, 'f', 2)
                                                       .arg(percentile(load.latencyUs, 100) / 1000.0, 0, 'f', 2));
    text += row(u"GUI stall p99 / worst (5 ms timer)"_s, u"%1 / %2 ms over %3 ticks"_s.arg(l.p99StallMs, 0, 'f', 2)
                                                            .arg(l.worstStallMs, 0, 'f', 2).arg(l.ticks));
    text += u"first paint %1 ms, worst stall %2 ms\n"_s.arg(qRound64(ms(t.paintedNs))).arg(qRound64(l.worstStallMs));
    return text;
}

std::optional<Options> parseOptions(const QStringList &arguments, int *exitCode)
{
    const QString cmd = u"bench gui"_s;
    QCommandLineParser p;
    p.setApplicationDescription(u"The window on a temporary store of realistic captures: time to first paint with rows, and "
                                "to the last rows after scrolling to the end; then the GUI thread's worst stall while "
                                "its listener takes requests from another thread. Without a display it uses Qt's "
                                "offscreen platform (or run it under xvfb-run)."_s);
    p.addHelpOption();
    p.addOptions({
        {u"captures"_s, u"Captures in the store (default 100000)."_s, u"N"_s, u"100000"_s},
        {u"seconds"_s, u"Seconds of load (default 10)."_s, u"S"_s, u"10"_s},
        {u"rate"_s, u"Requests per second (default 1000)."_s, u"R"_s, u"1000"_s},
        {u"connections"_s, u"Keep-alive connections the load uses (default 8)."_s, u"N"_s, u"8"_s},
        {u"fixtures"_s, u"The fixtures folder the captures come from (default: the project's)."_s, u"DIR"_s},
    });
    *exitCode = 2;
    if (!p.parse(arguments)) {
        cli::usageError(p.errorText(), cmd);
        return std::nullopt;
    }
    if (p.isSet(u"help"_s)) {
        cli::printHelp(p, cmd);
        *exitCode = 0;
        return std::nullopt;
    }
    if (p.positionalArguments() != QStringList{u"bench"_s, u"gui"_s}) {
        cli::usageError(u"unexpected argument '%1'"_s.arg(p.positionalArguments().mid(2).join(u' ')), cmd);
        return std::nullopt;
    }
    Options o;
    QString error;
    const auto captures = intOption(p, u"captures"_s, 1, 10'000'000, &error);
    const auto seconds = intOption(p, u"seconds"_s, 1, 600, &error);
    const auto rate = intOption(p, u"rate"_s, 1, 100'000, &error);
    const auto connections = intOption(p, u"connections"_s, 1, 256, &error);
    if (!captures || !seconds || !rate || !connections) {
        cli::usageError(error, cmd);
        return std::nullopt;
    }
    o.captures = *captures;
    o.seconds = *seconds;
    o.rate = *rate;
    o.connections = *connections;
    o.fixtures = p.isSet(u"fixtures"_s) ? p.value(u"fixtures"_s) : cli::fixturesDirectory();
    return o;
}

int fail(const QString &message)
{
    cli::err(u"hookbench bench gui: %1\n"_s.arg(message));
    return 1;
}

} // namespace

int runGuiBench(int &argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
        && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    // Settings of its own: the bench neither reads nor changes the user's window layout.
    QApplication::setApplicationName(u"hookbench-bench"_s);
    int exitCode = 0;
    const std::optional<Options> o = parseOptions(QApplication::arguments(), &exitCode);
    if (!o)
        return exitCode;

    QString error;
    const QList<Capture> samples = fixtureCaptures(builtinRegistry(), o->fixtures, &error);
    const Capture *sample = smallestJsonMessage(samples);
    if (!sample)
        return fail(error.isEmpty() ? u"no JSON fixture that makes a message in %1"_s.arg(o->fixtures) : error);
    QTemporaryDir dir;
    const QString storePath = dir.filePath(u"captures.sqlite"_s);
    const std::optional<double> fillSeconds = fillStore(storePath, samples, o->captures, &error);
    if (!fillSeconds)
        return fail(error);
    const qint64 storeBytes = QFileInfo(storePath).size() + QFileInfo(storePath + u"-wal"_s).size();

    PaintTimes times;
    QElapsedTimer clock;
    clock.start();
    Workbench workbench(builtinRegistry(), storePath, o->fixtures);
    MainWindow window(workbench);
    QTableView *view = window.findChild<CapturesPane *>()->view();
    window.show();
    if (!awaitFirstPaint(workbench.captures(), view, clock, &times))
        return fail(u"the captures view did not paint its rows within %1 s"_s.arg(kPaintTimeoutMs / 1000));
    if (!awaitScrollToEnd(workbench.captures(), view, &times))
        return fail(u"the last rows were not painted within %1 s"_s.arg(kPaintTimeoutMs / 1000));
    const std::optional<LoadOutcome> load = measureLoad(workbench, view, *o, httpRequest(*sample), &error);
    if (!load)
        return fail(error);
    cli::out(report(*o, *fillSeconds, storeBytes, times, *load, *sample));
    return 0;
}

} // namespace hb::gui
