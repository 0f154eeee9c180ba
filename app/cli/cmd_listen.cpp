// SPDX-License-Identifier: MIT
#include "cli.h"

#include "capturestore.h"
#include "json.h"
#include "listener.h"
#include "registry.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSocketNotifier>

#include <cerrno>
#include <csignal>
#include <functional>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace hb::cli {

namespace {

// Write end of the self-pipe. A signal handler can touch nothing else safely; the event loop
// reads the other end and stops the listener there.
int g_signalPipe = -1;

extern "C" void forwardSignal(int signo)
{
    const int saved = errno;
    const char byte = char(signo);
    [[maybe_unused]] const ssize_t n = ::write(g_signalPipe, &byte, 1);
    errno = saved;
}

// SIGINT/SIGTERM -> `onSignal` in the event loop, for as long as it lives.
class SignalWatcher final
{
public:
    explicit SignalWatcher(std::function<void(int)> onSignal) : m_onSignal(std::move(onSignal)) {}
    ~SignalWatcher()
    {
        for (int signo : {SIGINT, SIGTERM})
            ::signal(signo, SIG_DFL);
        g_signalPipe = -1;
        delete m_notifier;
        for (int fd : m_fds) {
            if (fd >= 0)
                ::close(fd);
        }
    }
    SignalWatcher(const SignalWatcher &) = delete;
    SignalWatcher &operator=(const SignalWatcher &) = delete;

    bool install()
    {
        if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, m_fds) != 0)
            return false;
        g_signalPipe = m_fds[0];
        m_notifier = new QSocketNotifier(m_fds[1], QSocketNotifier::Read);
        QObject::connect(m_notifier, &QSocketNotifier::activated, m_notifier, [this] {
            char byte = 0;
            while (::read(m_fds[1], &byte, 1) == 1)
                m_onSignal(int(byte));
        });
        struct sigaction action = {};
        action.sa_handler = forwardSignal;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_RESTART;
        return ::sigaction(SIGINT, &action, nullptr) == 0 && ::sigaction(SIGTERM, &action, nullptr) == 0;
    }

private:
    std::function<void(int)> m_onSignal;
    int m_fds[2] = {-1, -1};
    QSocketNotifier *m_notifier = nullptr;
};

QByteArray jsonText(const QString &s)
{
    return s.isEmpty() ? QByteArray("null") : jsonQuote(s);
}

void appendField(QByteArray &line, const char *key, const QByteArray &jsonValue)
{
    line += line.size() > 1 ? ",\"" : "\"";
    line += key;
    line += "\":";
    line += jsonValue;
}

QByteArray destinationObject(const Message &m)
{
    QByteArray object = "{";
    appendField(object, "stream", m.stream ? jsonQuote(*m.stream) : QByteArray("null"));
    appendField(object, "topic", jsonQuote(m.topic));
    object += '}';
    return object;
}

// One line per request: what scripts follow (the whole record is in the store under "id").
// Message outcomes carry the first message's stream and topic, and all of them in "messages".
QByteArray summaryLine(const CaptureSummary &s)
{
    QByteArray line = "{";
    appendField(line, "id", QByteArray::number(s.id));
    appendField(line, "time", jsonQuote(s.receivedAt.toUTC().toString(Qt::ISODateWithMs)));
    appendField(line, "method", jsonQuote(QString::fromLatin1(s.method)));
    appendField(line, "path", jsonQuote(s.path));
    appendField(line, "integration", jsonText(s.integration));
    appendField(line, "outcome", jsonQuote(Outcome::kindName(s.outcomeKind)));
    appendField(line, "status", QByteArray::number(s.httpStatus));
    if (s.outcomeKind == Outcome::Kind::Message && !s.messages.isEmpty()) {
        const Message &first = s.messages.first();
        appendField(line, "stream", first.stream ? jsonQuote(*first.stream) : QByteArray("null"));
        appendField(line, "topic", jsonQuote(first.topic));
        QByteArrayList objects;
        for (const Message &m : s.messages)
            objects.append(destinationObject(m));
        appendField(line, "messages", '[' + objects.join(',') + ']');
    } else if (s.outcomeKind == Outcome::Kind::NoOp) {
        appendField(line, "reason", jsonQuote(s.detail));
    } else if (s.outcomeKind == Outcome::Kind::Error) {
        appendField(line, "msg", jsonQuote(s.detail));
    }
    appendField(line, "duration_us", QByteArray::number(s.durationUs));
    line += "}\n";
    return line;
}

std::optional<QHostAddress> parseBindAddress(const QString &text)
{
    if (text.compare(u"localhost"_s, Qt::CaseInsensitive) == 0)
        return QHostAddress(QHostAddress::LocalHost);
    const QHostAddress address(text);
    if (address.isNull())
        return std::nullopt;
    return address;
}

} // namespace

int listenCommand(const QStringList &args)
{
    const QString cmd = u"listen"_s;
    QCommandLineParser p;
    p.setApplicationDescription(
        u"Run the webhook listener without the GUI. Every request is stored, then answered as Zulip would;"
        " one JSON line per request goes to stdout (id, time, method, path, integration, outcome, status,"
        " stream and topic of messages). SIGINT/SIGTERM stop it once the requests under way are stored."_s);
    p.addHelpOption();
    p.addOptions({
        {u"bind"_s, u"Address to listen on (default 127.0.0.1). Other than loopback needs --api-key."_s, u"A"_s,
         u"127.0.0.1"_s},
        {u"port"_s, u"TCP port (default 9991; 0 = any free port, printed on stderr)."_s, u"N"_s, u"9991"_s},
        {u"db"_s, u"Capture store (default %1)."_s.arg(CaptureStore::defaultPath()), u"FILE"_s},
        {u"api-key"_s, u"The api_key requests must carry (default: any key is accepted)."_s, u"K"_s},
        {u"now"_s, u"Fixed clock for time-dependent messages, Unix seconds."_s, u"UNIX_SECONDS"_s},
    });
    if (!p.parse(args))
        return usageError(p.errorText(), cmd);
    if (p.isSet(u"help"_s)) {
        printHelp(p, cmd);
        return 0;
    }
    if (!p.positionalArguments().isEmpty())
        return usageError(u"unexpected argument '%1'"_s.arg(p.positionalArguments().first()), cmd);

    ListenerConfig config;
    const auto address = parseBindAddress(p.value(u"bind"_s));
    if (!address)
        return usageError(u"--bind wants an IP address, got '%1'"_s.arg(p.value(u"bind"_s)), cmd);
    config.bindAddress = *address;
    bool ok = false;
    const uint port = p.value(u"port"_s).toUInt(&ok);
    if (!ok || port > 65535)
        return usageError(u"--port wants a number from 0 to 65535"_s, cmd);
    config.port = quint16(port);
    config.apiKey = p.value(u"api-key"_s);
    if (p.isSet(u"now"_s)) {
        const qint64 secs = p.value(u"now"_s).toLongLong(&ok);
        if (!ok)
            return usageError(u"--now wants Unix seconds"_s, cmd);
        config.now = QDateTime::fromSecsSinceEpoch(secs, Qt::UTC);
    }

    CaptureStore store;
    if (!store.open(p.value(u"db"_s))) {
        err(u"hookbench listen: %1\n"_s.arg(store.errorString()));
        return 1;
    }
    Listener listener(builtinRegistry(), store, config);
    if (!listener.start()) {
        err(u"hookbench listen: %1\n"_s.arg(listener.errorString()));
        return 1;
    }
    qint64 stored = 0;
    QObject::connect(&listener, &Listener::captureStored, &listener, [&stored](qint64, const CaptureSummary &s) {
        ++stored;
        out(QString::fromUtf8(summaryLine(s)));
    });
    QObject::connect(&listener, &Listener::captureFailed, &listener, [](const QString &error) {
        err(u"hookbench listen: a capture could not be stored (answered 500): %1\n"_s.arg(error));
    });
    QObject::connect(&listener, &Listener::stopped, QCoreApplication::instance(), &QCoreApplication::quit);

    bool stopping = false;
    SignalWatcher watcher([&](int) {
        if (stopping) {
            QCoreApplication::exit(0);   // a second signal: stop waiting (everything answered is stored)
            return;
        }
        stopping = true;
        err(u"hookbench listen: stopping\n"_s);
        listener.stop();
    });
    if (!watcher.install()) {
        err(u"hookbench listen: cannot install the signal handlers\n"_s);
        return 1;
    }
    err(u"hookbench listen: listening on %1 (captures in %2)\n"_s.arg(listener.url(), store.path()));
    QCoreApplication::exec();
    err(u"hookbench listen: stopped after %1 request(s)\n"_s.arg(stored));
    return 0;
}

} // namespace hb::cli
