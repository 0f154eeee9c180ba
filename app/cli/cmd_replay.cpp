// SPDX-License-Identifier: MIT
// hookbench replay: a capture or a fixture again, through the embedded pipeline, to a URL as it
// was received, or as messages to a Zulip server.
#include "cli.h"

#include "capturereplay.h"
#include "deliveryrun.h"
#include "forwardoptions.h"
#include "json.h"
#include "registry.h"
#include "replaysource.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace hb::cli {

namespace {

QString outcomeText(const Outcome &o)
{
    switch (o.kind()) {
    case Outcome::Kind::Message: {
        QString text;
        for (const Message &m : o.messages()) {
            if (!text.isEmpty())
                text += u'\n';
            text += m.stream ? u"%1 > %2\n"_s.arg(*m.stream, m.topic) : u"(direct message to the bot owner)\n"_s;
            text += m.content + u'\n';
        }
        return text;
    }
    case Outcome::Kind::NoOp: return u"no message: %1\n"_s.arg(o.noop().reason);
    case Outcome::Kind::Error:
        return u"error %1 %2: %3\n"_s.arg(o.error().status).arg(QString::fromLatin1(o.error().code), o.error().msg);
    }
    return {};
}

std::optional<ReplaySource> loadSource(const QString &what, const QCommandLineParser &p, QString *error)
{
    static const QRegularExpression digits(u"^[0-9]+$"_s);
    if (!digits.match(what).hasMatch())
        return fixtureSource(what, p.value(u"integration"_s), p.value(u"case"_s), error);
    CaptureStore store;
    if (!store.open(p.value(u"db"_s))) {
        *error = store.errorString();
        return std::nullopt;
    }
    const auto capture = store.byId(what.toLongLong());
    if (!capture) {
        *error = store.errorString().isEmpty() ? u"no capture %1 in %2"_s.arg(what, store.path()) : store.errorString();
        return std::nullopt;
    }
    ReplaySource source = captureSource(*capture);
    if (p.isSet(u"integration"_s)) { // dispatch as that endpoint instead
        source.integration = p.value(u"integration"_s);
        source.request.path = u"/api/v1/external/"_s + source.integration;
    }
    return source;
}

void reportRetries(DeliveryRun &run)
{
    QObject::connect(&run, &DeliveryRun::retrying, &run, [](const QString &label, const QString &detail, qint64 delay) {
        err(u"hookbench replay: %1: %2; trying again in %3 s\n"_s.arg(label, detail).arg(double(delay) / 1000.0, 0, 'f', 1));
    });
}

// The request as it was received, to a URL: the answer as a JSON line.
int sendToUrl(const ReplaySource &source, const QUrl &url, int timeoutMs)
{
    if (!source.forwardProblem.isEmpty()) {
        err(u"hookbench replay: %1\n"_s.arg(source.forwardProblem));
        return 1;
    }
    QString error;
    const auto request = forwardRequest(source.recorded, url, &error);
    if (!request) {
        err(u"hookbench replay: %1\n"_s.arg(error));
        return 1;
    }
    DeliveryRun run(Destination::url(url), timeoutMs);
    reportRetries(run);
    const DeliveryReport report = run.runAndWait({{request->bytes, source.description}}).value(0);
    const DeliveryVerdict &v = report.verdict;
    if (v.status == 0) {
        err(u"hookbench replay: %1 not delivered to %2: %3\n"_s.arg(source.description, url.toDisplayString(), v.detail));
        return 1;
    }
    out(u"{\"to\":%1,\"status\":%2,\"response\":%3}\n"_s.arg(QString::fromUtf8(jsonQuote(url.toString())))
            .arg(v.status)
            .arg(QString::fromUtf8(jsonQuote(QString::fromUtf8(v.responseBody)))));
    if (!report.delivered)
        err(u"hookbench replay: %1 answered %2\n"_s.arg(url.toDisplayString(), v.detail));
    return report.delivered ? 0 : 1;
}

QString destinationJson(const ZulipMessage &m)
{
    if (m.type == ZulipMessage::Type::Stream)
        return u"\"stream\":%1,\"topic\":%2"_s.arg(QString::fromUtf8(jsonQuote(m.stream)), QString::fromUtf8(jsonQuote(m.topic)));
    QByteArrayList to;
    for (const QString &r : m.recipients)
        to.append(jsonQuote(r));
    return u"\"direct_to\":[%1]"_s.arg(QString::fromUtf8(to.join(',')));
}

// The outcome's messages, one after the other: one JSON line each.
int sendToZulip(const Outcome &outcome, const ForwardTargets &targets)
{
    if (!outcome.isMessage()) {
        out(QString::fromUtf8(outcome.toJson()) + u'\n');
        err(outcome.isError() ? u"hookbench replay: the outcome is an error: nothing sent\n"_s
                              : u"hookbench replay: the outcome is a no-op: nothing to send\n"_s);
        return outcome.isError() ? 1 : 0;
    }
    QString error;
    const auto messages = zulipMessagesFor(outcome, targets.routing, &error);
    if (!messages) {
        err(u"hookbench replay: %1\n"_s.arg(error));
        return 1;
    }
    QList<std::pair<QByteArray, QString>> payloads;
    for (qsizetype i = 0; i < messages->size(); ++i)
        payloads.append({messages->at(i).formBody(), u"message %1 of %2"_s.arg(i + 1).arg(messages->size())});
    DeliveryRun run(Destination::zulip(*targets.zulip), targets.timeoutMs);
    reportRetries(run);
    const QList<DeliveryReport> reports = run.runAndWait(payloads);
    for (qsizetype i = 0; i < reports.size(); ++i) {
        const DeliveryReport &r = reports[i];
        if (r.delivered)
            out(u"{%1,\"status\":%2,\"id\":%3}\n"_s.arg(destinationJson(messages->at(i))).arg(r.verdict.status).arg(r.verdict.messageId));
        else
            err(u"hookbench replay: %1 not sent: %2\n"_s.arg(r.label, r.verdict.detail));
    }
    return run.allDelivered() ? 0 : 1;
}

} // namespace

int replayCommand(const QStringList &args)
{
    const QString cmd = u"replay"_s;
    QCommandLineParser p;
    p.setApplicationDescription(
        u"Send a stored capture (by id) or a fixture file again: through the embedded pipeline (printing the"
        " outcome as `render` does), to a URL exactly as it was received, or as messages to a Zulip server."_s);
    p.addHelpOption();
    p.addPositionalArgument(u"source"_s, u"A capture id, or a fixture file (its case comes from cases.json beside it)."_s,
                            u"<capture-id|fixture-file>"_s);
    p.addOptions({
        {u"db"_s, u"Capture store (default %1)."_s.arg(CaptureStore::defaultPath()), u"FILE"_s},
        {u"integration"_s, u"Dispatch as this endpoint (default: the capture's, or the fixture folder's)."_s, u"NAME"_s},
        {u"case"_s, u"The case of cases.json to take a fixture's headers and query from (default: the first using it)."_s,
         u"NAME"_s},
        {u"format"_s, u"Without a target: json (default) or text."_s, u"FORMAT"_s, u"json"_s},
    });
    addForwardOptions(p, u"to"_s);
    if (!p.parse(args))
        return usageError(p.errorText(), cmd);
    if (p.isSet(u"help"_s)) {
        printHelp(p, cmd);
        return 0;
    }
    if (p.positionalArguments().size() != 1)
        return usageError(p.positionalArguments().isEmpty() ? u"give a capture id or a fixture file"_s
                                                            : u"unexpected argument '%1'"_s.arg(p.positionalArguments().at(1)),
                          cmd);
    const QString format = p.value(u"format"_s);
    if (format != u"json"_s && format != u"text"_s)
        return usageError(u"--format must be json or text"_s, cmd);
    QString error;
    const auto targets = forwardTargets(p, u"to"_s, false, &error);
    if (!targets)
        return usageError(error, cmd);

    const auto source = loadSource(p.positionalArguments().first(), p, &error);
    if (!source) {
        err(u"hookbench replay: %1\n"_s.arg(error));
        return 1;
    }
    if (targets->url)
        return sendToUrl(*source, *targets->url, targets->timeoutMs);
    const Outcome outcome = Dispatcher(builtinRegistry(), source->options).dispatch(source->request);
    if (targets->zulip)
        return sendToZulip(outcome, *targets);
    out(format == u"json"_s ? QString::fromUtf8(outcome.toJson()) + u'\n' : outcomeText(outcome));
    return outcome.isError() ? 1 : 0;
}

} // namespace hb::cli
