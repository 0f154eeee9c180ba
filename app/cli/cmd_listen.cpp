// SPDX-License-Identifier: MIT
#include "cli.h"

#include "capturestore.h"
#include "forwarder.h"
#include "forwardoptions.h"
#include "json.h"
#include "listener.h"
#include "registry.h"
#include "replaysource.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSocketNotifier>

#include <cerrno>
#include <csignal>
#include <functional>
#include <memory>
#include <vector>
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

// Every request received goes to the forwarders' outbox: the request as it came to --forward-to,
// the outcome's messages to the Zulip server. What happens to them is told on stderr.
class ListenForwarding final
{
public:
    bool start(const ForwardTargets &targets, const QString &outboxPath, bool retryFailed, QString *error)
    {
        m_targets = targets;
        if (!m_outbox.open(outboxPath)) {
            *error = m_outbox.errorString();
            return false;
        }
        const RetryPolicy policy{.timeoutMs = targets.timeoutMs};
        if (targets.url)
            m_url = add(Destination::url(*targets.url), policy);
        if (targets.zulip)
            m_zulip = add(Destination::zulip(*targets.zulip), policy);
        for (const auto &f : m_forwarders) {
            const qint64 failed = m_outbox.failedCount(f->destination().key());
            if (failed > 0 && retryFailed && !m_outbox.retryFailed(f->destination().key())) {
                *error = m_outbox.errorString();
                return false;
            }
            if (failed > 0 && !retryFailed)
                err(u"hookbench listen: %1 item(s) for %2 were refused before and stay in the outbox (--retry-failed sends them again)\n"_s
                        .arg(failed).arg(f->destination().describe()));
            const qint64 waiting = m_outbox.pendingCount(f->destination().key());
            if (waiting > 0)
                err(u"hookbench listen: %1 item(s) from before wait in the outbox for %2\n"_s.arg(waiting).arg(f->destination().describe()));
            f->start();
        }
        err(u"hookbench listen: forwarding through the outbox %1\n"_s.arg(m_outbox.path()));
        return true;
    }

    void captured(CaptureStore &store, const CaptureSummary &summary)
    {
        const QString label = u"capture %1"_s.arg(summary.id);
        if (m_url) {
            const std::optional<Capture> capture = store.byId(summary.id);
            const ReplaySource source = capture ? captureSource(*capture) : ReplaySource{};
            QString error = capture ? source.forwardProblem : store.errorString();
            const auto request = error.isEmpty() ? forwardRequest(source.recorded, *m_targets.url, &error) : std::nullopt;
            if (request)
                m_url->enqueue(request->bytes, summary.id, label);
            else
                err(u"hookbench listen: %1 not forwarded: %2\n"_s.arg(label, error));
        }
        if (m_zulip && summary.outcomeKind == Outcome::Kind::Message) {
            QString error;
            const auto messages = zulipMessagesFor(Outcome(summary.messages), m_targets.routing, &error);
            if (!messages) {
                err(u"hookbench listen: %1 not sent to Zulip: %2\n"_s.arg(label, error));
                return;
            }
            for (qsizetype i = 0; i < messages->size(); ++i)
                m_zulip->enqueue(messages->at(i).formBody(), summary.id,
                                 messages->size() == 1 ? label : u"%1, message %2 of %3"_s.arg(label).arg(i + 1).arg(messages->size()));
        }
    }

    // Lets the attempts under way end (so nothing is sent twice next time), then calls `done`.
    void stop(const std::function<void()> &done)
    {
        auto left = std::make_shared<qsizetype>(qsizetype(m_forwarders.size()));
        if (*left == 0)
            return done();
        for (const auto &f : m_forwarders) {
            QObject::connect(f.get(), &Forwarder::stopped, f.get(), [left, done] {
                if (--*left == 0)
                    done();
            });
            f->stop();
        }
    }

private:
    Forwarder *add(const Destination &destination, const RetryPolicy &policy)
    {
        auto f = std::make_unique<Forwarder>(m_outbox, destination, policy);
        const QString where = destination.describe();
        QObject::connect(f.get(), &Forwarder::delivered, f.get(), [where](const OutboxItem &item, const DeliveryVerdict &v) {
            err(u"hookbench listen: %1 delivered to %2 (HTTP %3)\n"_s.arg(item.label, where).arg(v.status));
        });
        QObject::connect(f.get(), &Forwarder::retrying, f.get(),
                         [where](const OutboxItem &item, const DeliveryVerdict &v, qint64 delay) {
                             err(u"hookbench listen: %1 not delivered to %2 (%3); trying again in %4 s\n"_s
                                     .arg(item.label, where, v.detail).arg(double(delay) / 1000.0, 0, 'f', 1));
                         });
        QObject::connect(f.get(), &Forwarder::failed, f.get(), [where](const OutboxItem &item, const DeliveryVerdict &v) {
            err(u"hookbench listen: %1 refused by %2 (%3); kept in the outbox, not retried\n"_s.arg(item.label, where, v.detail));
        });
        QObject::connect(f.get(), &Forwarder::outboxError, f.get(), [](const QString &e) {
            err(u"hookbench listen: the outbox failed, forwarding stopped: %1\n"_s.arg(e));
        });
        m_forwarders.push_back(std::move(f));
        return m_forwarders.back().get();
    }

    ForwardTargets m_targets;
    Outbox m_outbox;
    std::vector<std::unique_ptr<Forwarder>> m_forwarders; // destroyed before the outbox
    Forwarder *m_url = nullptr;
    Forwarder *m_zulip = nullptr;
};

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
        {u"outbox"_s, u"Where requests wait to be forwarded (default: beside the store, <name>.outbox.sqlite)."_s,
         u"FILE"_s},
        {u"retry-failed"_s, u"Put the outbox items a target refused before back in the queue."_s},
    });
    addForwardOptions(p, u"forward-to"_s);
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
    QString targetError;
    const auto targets = forwardTargets(p, u"forward-to"_s, true, &targetError);
    if (!targets)
        return usageError(targetError, cmd);
    if ((p.isSet(u"outbox"_s) || p.isSet(u"retry-failed"_s)) && !targets->any())
        return usageError(u"--outbox and --retry-failed are for --forward-to or a Zulip server"_s, cmd);

    CaptureStore store;
    if (!store.open(p.value(u"db"_s))) {
        err(u"hookbench listen: %1\n"_s.arg(store.errorString()));
        return 1;
    }
    ListenForwarding forwarding;
    if (targets->any()
        && !forwarding.start(*targets, p.isSet(u"outbox"_s) ? p.value(u"outbox"_s) : Outbox::pathBeside(store.path()),
                             p.isSet(u"retry-failed"_s), &targetError)) {
        err(u"hookbench listen: %1\n"_s.arg(targetError));
        return 1;
    }
    Listener listener(builtinRegistry(), store, config);
    if (!listener.start()) {
        err(u"hookbench listen: %1\n"_s.arg(listener.errorString()));
        return 1;
    }
    qint64 stored = 0;
    QObject::connect(&listener, &Listener::captureStored, &listener, [&](qint64, const CaptureSummary &s) {
        ++stored;
        out(QString::fromUtf8(summaryLine(s)));
        if (targets->any())
            forwarding.captured(store, s);
    });
    QObject::connect(&listener, &Listener::captureFailed, &listener, [](const QString &error) {
        err(u"hookbench listen: a capture could not be stored (answered 500): %1\n"_s.arg(error));
    });
    QObject::connect(&listener, &Listener::stopped, QCoreApplication::instance(),
                     [&forwarding] { forwarding.stop([] { QCoreApplication::quit(); }); });

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
