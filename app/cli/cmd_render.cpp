// SPDX-License-Identifier: MIT
#include "cli.h"

#include "dispatcher.h"
#include "messageview.h"
#include "registry.h"

#include <QCommandLineParser>
#include <QFile>

namespace hb::cli {

namespace {

QString asText(const Outcome &o)
{
    switch (o.kind()) {
    case Outcome::Kind::Message: {
        QString text;
        for (const Message &m : o.messages()) {
            if (!text.isEmpty())
                text += u'\n';
            text += m.stream ? QStringLiteral("%1 > %2\n").arg(*m.stream, m.topic)
                             : QStringLiteral("(direct message to the bot owner)\n");
            text += m.content + u'\n';
        }
        return text;
    }
    case Outcome::Kind::NoOp: return QStringLiteral("no message: %1\n").arg(o.noop().reason);
    case Outcome::Kind::Error:
        return QStringLiteral("error %1 %2: %3\n").arg(o.error().status).arg(QString::fromLatin1(o.error().code), o.error().msg);
    }
    return {};
}

// The message view's complete, self-contained page (app/core/messageview.h).
QString asHtml(const Outcome &o, const IntegrationEntry *entry, const QDateTime &time, ViewTheme theme)
{
    MessageViewOptions options;
    options.theme = theme;
    options.time = time.toLocalTime();
    return MessageView(entry, options).page(o);
}

} // namespace

int renderCommand(const QStringList &args)
{
    const QString cmd = QStringLiteral("render");
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Run one payload through an integration and print the outcome."));
    p.addHelpOption();
    p.addOptions({
        {QStringLiteral("integration"), QStringLiteral("Endpoint name (as in /api/v1/external/<name>)."), QStringLiteral("NAME")},
        {QStringLiteral("fixture"), QStringLiteral("File whose bytes are the request body."), QStringLiteral("FILE")},
        {QStringLiteral("stdin"), QStringLiteral("Read the request body from standard input.")},
        {QStringLiteral("header"), QStringLiteral("An HTTP header, 'Name: value' (repeatable)."), QStringLiteral("HEADER")},
        {QStringLiteral("query"), QStringLiteral("A URL parameter, key=value (repeatable)."), QStringLiteral("KV")},
        {QStringLiteral("content-type"), QStringLiteral("Content-Type of the body (default application/json)."), QStringLiteral("TYPE")},
        {QStringLiteral("format"), QStringLiteral("json (default), text or html."), QStringLiteral("FORMAT"), QStringLiteral("json")},
        {QStringLiteral("method"), QStringLiteral("HTTP method (default POST)."), QStringLiteral("M"), QStringLiteral("POST")},
        {QStringLiteral("now"), QStringLiteral("Fixed clock, Unix seconds."), QStringLiteral("UNIX_SECONDS")},
        {QStringLiteral("theme"), QStringLiteral("light (default) or dark, for --format html."), QStringLiteral("THEME"), QStringLiteral("light")},
    });
    if (!p.parse(args))
        return usageError(p.errorText(), cmd);
    if (p.isSet(QStringLiteral("help"))) {
        printHelp(p, cmd);
        return 0;
    }
    if (!p.positionalArguments().isEmpty())
        return usageError(QStringLiteral("unexpected argument '%1'").arg(p.positionalArguments().first()), cmd);
    const QString name = p.value(QStringLiteral("integration"));
    if (name.isEmpty())
        return usageError(QStringLiteral("--integration is required"), cmd);
    if (p.isSet(QStringLiteral("fixture")) == p.isSet(QStringLiteral("stdin")))
        return usageError(QStringLiteral("give exactly one of --fixture FILE or --stdin"), cmd);
    const QString format = p.value(QStringLiteral("format"));
    if (format != u"json" && format != u"text" && format != u"html")
        return usageError(QStringLiteral("--format must be json, text or html"), cmd);
    const std::optional<ViewTheme> theme = viewThemeFromName(p.value(QStringLiteral("theme")));
    if (!theme)
        return usageError(QStringLiteral("--theme must be light or dark"), cmd);

    WebhookRequest request;
    request.method = p.value(QStringLiteral("method")).toUpper().toLatin1();
    request.path = QStringLiteral("/api/v1/external/") + name;
    request.receivedAt = QDateTime::currentDateTimeUtc();
    request.remoteAddress = QStringLiteral("127.0.0.1");
    if (p.isSet(QStringLiteral("stdin"))) {
        QFile in;
        if (!in.open(stdin, QIODevice::ReadOnly))
            return usageError(QStringLiteral("cannot read standard input"), cmd);
        request.body = in.readAll();
    } else {
        QFile f(p.value(QStringLiteral("fixture")));
        if (!f.open(QIODevice::ReadOnly))
            return usageError(QStringLiteral("cannot read %1: %2").arg(f.fileName(), f.errorString()), cmd);
        request.body = f.readAll();
    }
    request.headers.append({"Content-Type", p.isSet(QStringLiteral("content-type"))
                                                ? p.value(QStringLiteral("content-type")).toUtf8()
                                                : QByteArray("application/json")});
    for (const QString &h : p.values(QStringLiteral("header"))) {
        const qsizetype colon = h.indexOf(u':');
        if (colon <= 0)
            return usageError(QStringLiteral("--header wants 'Name: value', got '%1'").arg(h), cmd);
        const QByteArray key = h.left(colon).trimmed().toUtf8();
        if (key.compare("content-type", Qt::CaseInsensitive) == 0)
            request.headers.removeFirst();
        request.headers.append({key, h.mid(colon + 1).trimmed().toUtf8()});
    }
    for (const QString &q : p.values(QStringLiteral("query"))) {
        const qsizetype eq = q.indexOf(u'=');
        if (eq <= 0)
            return usageError(QStringLiteral("--query wants key=value, got '%1'").arg(q), cmd);
        request.query.append({q.left(eq), q.mid(eq + 1)});
    }
    DispatchOptions options;
    if (p.isSet(QStringLiteral("now"))) {
        bool ok = false;
        const qint64 secs = p.value(QStringLiteral("now")).toLongLong(&ok);
        if (!ok)
            return usageError(QStringLiteral("--now wants Unix seconds"), cmd);
        options.now = QDateTime::fromSecsSinceEpoch(secs, Qt::UTC);
    }
    const Dispatcher dispatcher(builtinRegistry(), options);
    const Outcome outcome = dispatcher.dispatch(request);
    if (format == u"json")
        out(QString::fromUtf8(outcome.toJson()) + u'\n');
    else if (format == u"text")
        out(asText(outcome));
    else
        out(asHtml(outcome, builtinRegistry().find(name), options.now.value_or(request.receivedAt), *theme));
    return outcome.isError() ? 1 : 0;
}

} // namespace hb::cli
