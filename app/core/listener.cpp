// SPDX-License-Identifier: MIT
#include "listener.h"

#include "capturestore.h"
#include "dispatcher.h"
#include "requestframer.h"

#include <QAbstractHttpServer>
#include <QElapsedTimer>
#include <QHash>
#include <QHttpServerRequest>
#include <QPointer>
#include <QSignalBlocker>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <functional>

using namespace Qt::StringLiterals;

// How the pieces fit (Qt 6.4's HttpServer, see design brief "QHttpServer 6.4"):
//  - GuardedTcpServer creates each socket and connects our readyRead slot before QAbstractHttpServer
//    connects its own, so on every read we see the new bytes first (peek(): Qt still gets them all).
//  - RequestFramer (requestframer.h) follows the byte stream request by request: it enforces the
//    header and body limits, spots Expect: 100-continue (answered here), and keeps each request
//    head exactly as sent (Qt 6.4 keeps headers in a hash and re-encodes the URL).
//  - When Qt has a complete request, HttpAdapter::handleRequest() runs the pipeline. The capture
//    joins the next commit (group commit: all requests completed in one pass of the event loop share
//    one transaction); the responses are written by us once it is committed.
//  - Qt 6.4 drops what it cannot serve: pipelined requests (it merges them) and protocol upgrades
//    (Upgrade: h2c/websocket, CONNECT: closed unanswered). For those the connection is taken over:
//    Qt's read transaction is rolled back and the framer, now also collecting bodies, serves the
//    requests itself through the same pipeline. Every request is answered and captured either way.

namespace hb {

namespace {

const QByteArray kContinue = "HTTP/1.1 100 Continue\r\n\r\n";

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 100: return "Continue";
    case 200: return "OK";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 413: return "Content Too Large";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    }
    return status < 300 ? "OK" : status < 500 ? "Client Error" : "Server Error";
}

enum class ConnectionHeader { None, KeepAlive, Close };

QByteArray httpResponse(int status, const HeaderList &headers, const QByteArray &body, bool withBody,
                        ConnectionHeader connection)
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    for (const auto &[name, value] : headers)
        out += name + ": " + value + "\r\n";
    out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    if (connection == ConnectionHeader::Close)
        out += "Connection: close\r\n";
    else if (connection == ConnectionHeader::KeepAlive)
        out += "Connection: keep-alive\r\n";
    out += "\r\n";
    if (withBody)
        out += body;
    return out;
}

WebhookError listenerError(int status, const QString &msg)
{
    WebhookError e;
    e.status = status;
    e.msg = msg;
    if (status >= 500)
        e.code = "INTERNAL_SERVER_ERROR";
    return e;
}

QString peerAddressText(const QHostAddress &address)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    return isV4 ? QHostAddress(v4).toString() : address.toString();
}

// ---------------------------------------------------------------------------------------------
// Qt adapters

class GuardedTcpServer final : public QTcpServer
{
public:
    // Returns false when it refused the socket (and took care of it).
    using Admit = std::function<bool(QTcpSocket *)>;
    GuardedTcpServer(Admit admit, QObject *parent) : QTcpServer(parent), m_admit(std::move(admit)) {}

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new QTcpSocket(this);
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            return;
        }
        if (m_admit(socket))
            addPendingConnection(socket);
    }

private:
    Admit m_admit;
};

class HttpAdapter final : public QAbstractHttpServer
{
public:
    using Handler = std::function<void(const QHttpServerRequest &, QTcpSocket *)>;
    explicit HttpAdapter(Handler handler) : m_handler(std::move(handler)) {}

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override
    {
        m_handler(request, socket);
        return true;
    }
    void missingHandler(const QHttpServerRequest &, QTcpSocket *) override {}

private:
    Handler m_handler;
};

} // namespace

// ---------------------------------------------------------------------------------------------
// Listener

class Listener::Private
{
public:
    // Our view of one socket; a child of it, so it goes when the socket goes.
    class Connection final : public QObject
    {
    public:
        Connection(QTcpSocket *socket, Private *owner)
            : QObject(socket), socket(socket), owner(owner),
              framer(owner->config.maxHeaderBytes, owner->config.maxBodyBytes)
        {
            owner->connections.insert(socket, this);
        }
        ~Connection() override { owner->forget(socket); }

        QTcpSocket *const socket;
        Private *const owner;
        RequestFramer framer;
        QList<RequestHead> complete;   // the whole request Qt is about to hand us
        QTimer idle;
        bool done = false;             // no more requests are read (refused, or closing)
        bool selfServed = false;       // taken over from Qt (see the top of this file)
        QByteArray body;               // the body so far, when self-served
        int awaiting = 0;              // requests whose answer waits for the next commit
    };

    // A request whose capture is in the next commit; answered right after it.
    struct Reply
    {
        QPointer<QTcpSocket> socket;
        QPointer<Connection> connection;
        Outcome outcome;
        bool withBody = true;
        bool close = false;
        bool http10 = false;
    };

    Private(Listener *q, const Registry &registry, CaptureStore &store, ListenerConfig config)
        : q(q), store(store), config(std::move(config)),
          dispatcher(registry, DispatchOptions{.apiKey = this->config.apiKey, .now = this->config.now})
    {
        graceTimer.setSingleShot(true);
        QObject::connect(&graceTimer, &QTimer::timeout, q, [this] { abortAll(); });
    }

    bool admit(QTcpSocket *socket);
    void onReadyRead(Connection &c);
    void takeOver(Connection &c);
    void handleRequest(const QHttpServerRequest &request, QTcpSocket *socket);
    void serve(Connection *c, QTcpSocket *socket, const RequestHead &head, const QByteArray &body);
    void refuse(Connection &c, const RequestHead &head, qint64 bodySize, int status, const QString &message);
    void enqueue(Capture capture, Reply reply);
    void commitAndAnswer();
    void answer(const Reply &reply, const std::optional<qint64> &id, const Capture &capture);
    void forget(QTcpSocket *socket);
    void abortAll();
    void finishStop();

    Listener *q;
    CaptureStore &store;
    ListenerConfig config;
    Dispatcher dispatcher;
    std::unique_ptr<HttpAdapter> http;
    QPointer<GuardedTcpServer> tcp;
    QHash<QTcpSocket *, Connection *> connections;
    QList<Capture> pendingCaptures;    // the next commit...
    QList<Reply> pendingReplies;       // ...and the answers that wait for it, in arrival order
    QTimer graceTimer;
    QString error;
    bool stopping = false;
    bool stopEmitted = false;
};

bool Listener::Private::admit(QTcpSocket *socket)
{
    QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    if (stopping || connections.size() >= config.maxConnections) {
        // Answered before the request is read: nothing to capture.
        const Outcome refusal(listenerError(503, u"Too many open connections (the limit is %1); try again later"_s
                                                     .arg(config.maxConnections)));
        socket->write(httpResponse(503, refusal.httpHeaders(), refusal.httpBody(), true, ConnectionHeader::Close));
        socket->disconnectFromHost();
        return false;
    }
    auto *c = new Connection(socket, this);
    c->idle.setSingleShot(true);
    c->idle.setInterval(config.idleTimeout);
    QObject::connect(&c->idle, &QTimer::timeout, socket, [socket] {
        socket->abort();
        socket->deleteLater();
    });
    // Connected before QAbstractHttpServer connects its own slot: we see every byte first.
    QObject::connect(socket, &QTcpSocket::readyRead, c, [this, c] { onReadyRead(*c); });
    QObject::connect(socket, &QTcpSocket::bytesWritten, c, [c] { c->idle.start(); });
    c->idle.start();
    return true;
}

void Listener::Private::forget(QTcpSocket *socket)
{
    connections.remove(socket);
    if (stopping && connections.isEmpty())
        finishStop();
}

void Listener::Private::onReadyRead(Connection &c)
{
    if (c.done)
        return;
    c.idle.start();
    QTcpSocket *socket = c.socket;
    // Peeked, Qt reads the same bytes right after us; self-served, they are ours to consume.
    const QByteArray data = c.selfServed ? socket->read(socket->bytesAvailable())
                                         : socket->peek(socket->bytesAvailable());
    QByteArrayView rest = data;
    for (;;) {
        const RequestFramer::Step step = c.framer.advance(rest);
        rest = rest.sliced(step.consumed);
        switch (step.kind) {
        case RequestFramer::Step::NeedMore:
            if (rest.isEmpty())
                return;
            break;
        case RequestFramer::Step::HeadDone:
            if (!c.selfServed && qtWouldDrop(*c.framer.head()))
                return takeOver(c);
            if (c.framer.head()->expectContinue && rest.isEmpty() && c.framer.expectsBody())
                socket->write(kContinue);
            break;
        case RequestFramer::Step::MessageDone:
            if (!c.selfServed) {
                if (startsAnotherRequest(rest))
                    return takeOver(c);
                c.complete.append(c.framer.takeHead());   // Qt's slot, next in line, hands it over
                break;
            }
            serve(&c, socket, c.framer.takeHead(), std::exchange(c.body, {}));
            if (c.done)
                return;
            break;
        case RequestFramer::Step::Failed:
            refuse(c, c.framer.bestEffortHead(),
                   c.framer.head() ? c.framer.head()->contentLength.value_or(c.framer.bodyBytes())
                                   : c.framer.bodyBytes(),
                   step.status, step.message);
            return;
        }
    }
}

void Listener::Private::takeOver(Connection &c)
{
    QTcpSocket *socket = c.socket;
    QObject::disconnect(socket, &QTcpSocket::readyRead, http.get(), nullptr);
    // Qt reads each request inside a transaction it commits when the request is complete: rolled
    // back, everything since the start of the current request is unread again.
    if (socket->isTransactionStarted())
        socket->rollbackTransaction();
    c.selfServed = true;
    c.complete.clear();
    c.body.clear();
    c.framer = RequestFramer(config.maxHeaderBytes, config.maxBodyBytes);
    c.framer.setBodySink(&c.body);
    onReadyRead(c);
}

namespace {

Capture captureOf(const WebhookRequest &request, const RequestHead &head, QTcpSocket *socket)
{
    Capture c;
    c.receivedAt = request.receivedAt;
    c.method = request.method;
    c.target = head.target;
    c.path = request.path;
    const qsizetype q = head.target.indexOf('?');
    c.query = q < 0 ? QByteArray() : head.target.sliced(q + 1);
    c.headers = request.headers;
    c.body = request.body;
    c.bodySize = request.body.size();
    c.remoteAddress = request.remoteAddress;
    c.remotePort = socket->peerPort();
    c.integration = Dispatcher::integrationName(request.path).value_or(QString());
    return c;
}

WebhookRequest requestOf(const RequestHead &head, QTcpSocket *socket)
{
    WebhookRequest r;
    r.method = head.method;
    r.setTarget(head.target);
    r.headers = head.headers;
    r.receivedAt = QDateTime::currentDateTimeUtc();
    r.remoteAddress = peerAddressText(socket->peerAddress());
    return r;
}

// Only if Qt hands over a request our framer did not see complete (it should not happen).
RequestHead headFromQt(const QHttpServerRequest &request)
{
    RequestHead head;
    const QByteArray methods[] = {"GET", "PUT", "DELETE", "POST", "HEAD", "OPTIONS", "PATCH", "CONNECT", "TRACE"};
    const int bit = qCountTrailingZeroBits(quint32(request.method()));
    head.method = request.method() == QHttpServerRequest::Method::Unknown || bit >= 9 ? QByteArray("UNKNOWN")
                                                                                       : methods[bit];
    head.target = request.url().toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority);
    for (const auto &[name, value] : request.headers())
        head.headers.append({name, value});
    return head;
}

} // namespace

void Listener::Private::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    Connection *c = connections.value(socket);
    if (c && (c->done || c->selfServed))
        return;
    const RequestHead head = c && !c->complete.isEmpty() ? c->complete.takeFirst() : headFromQt(request);
    serve(c, socket, head, request.body());
}

void Listener::Private::serve(Connection *c, QTcpSocket *socket, const RequestHead &head, const QByteArray &body)
{
    QElapsedTimer timer;
    timer.start();
    WebhookRequest webhook = requestOf(head, socket);
    webhook.body = body;
    Reply reply{.socket = socket, .connection = c, .outcome = dispatcher.dispatch(webhook),
                .withBody = head.method != "HEAD",
                // An upgrade is never granted: the client may not expect the connection to go on.
                .close = !head.keepAlive || qtWouldDrop(head), .http10 = head.minorVersion == 0};
    Capture capture = captureOf(webhook, head, socket);
    capture.durationUs = timer.nsecsElapsed() / 1000;
    if (c && reply.close)
        c->done = true;
    enqueue(std::move(capture), std::move(reply));
}

void Listener::Private::refuse(Connection &c, const RequestHead &head, qint64 bodySize, int status,
                               const QString &message)
{
    c.done = true;
    c.complete.clear();
    QTcpSocket *socket = c.socket;
    // Qt must not go on parsing (or answer) what we refused.
    QObject::disconnect(socket, &QTcpSocket::readyRead, http.get(), nullptr);
    Capture capture = captureOf(requestOf(head, socket), head, socket);
    capture.bodySize = bodySize;
    // Closed after the answer without reading the rest: a refused body is never read.
    enqueue(std::move(capture), Reply{.socket = socket, .connection = &c,
                                      .outcome = listenerError(status, message), .close = true});
}

// Group commit: every request completed in this pass of the event loop goes into one transaction,
// committed before any of them is answered.
void Listener::Private::enqueue(Capture capture, Reply reply)
{
    const Outcome &outcome = reply.outcome;
    capture.outcomeKind = outcome.kind();
    capture.httpStatus = outcome.httpStatus();
    capture.outcomeJson = outcome.toJson();
    capture.responseBody = reply.withBody ? outcome.httpBody() : QByteArray();
    if (reply.connection)
        ++reply.connection->awaiting;
    pendingCaptures.append(std::move(capture));
    pendingReplies.append(std::move(reply));
    if (pendingReplies.size() == 1)
        QMetaObject::invokeMethod(q, [this] { commitAndAnswer(); }, Qt::QueuedConnection);
}

void Listener::Private::commitAndAnswer()
{
    const QList<Capture> captures = std::exchange(pendingCaptures, {});
    const QList<Reply> replies = std::exchange(pendingReplies, {});
    if (replies.isEmpty())
        return;
    const auto ids = store.appendAll(captures);
    for (qsizetype i = 0; i < replies.size(); ++i)
        answer(replies[i], ids ? std::optional(ids->at(i)) : std::nullopt, captures[i]);
}

void Listener::Private::answer(const Reply &reply, const std::optional<qint64> &id, const Capture &capture)
{
    const Outcome failure = listenerError(
        500, u"Internal server error: the capture could not be stored (%1)"_s.arg(store.errorString()));
    const Outcome &sent = id ? reply.outcome : failure;
    const bool close = reply.close || stopping;
    if (reply.socket && reply.socket->state() == QAbstractSocket::ConnectedState) {
        const ConnectionHeader connection = close ? ConnectionHeader::Close
                                          : reply.http10 ? ConnectionHeader::KeepAlive
                                                         : ConnectionHeader::None;
        reply.socket->write(httpResponse(sent.httpStatus(), sent.httpHeaders(), sent.httpBody(), reply.withBody,
                                         connection));
        if (close)
            reply.socket->disconnectFromHost();
    }
    if (reply.connection) {
        --reply.connection->awaiting;
        reply.connection->idle.start();
    }
    if (!id) {
        Q_EMIT q->captureFailed(store.errorString());
        return;
    }
    const Outcome &outcome = reply.outcome;
    CaptureSummary summary{.id = *id, .receivedAt = capture.receivedAt, .method = capture.method,
                           .path = capture.path, .integration = capture.integration,
                           .outcomeKind = outcome.kind(), .httpStatus = outcome.httpStatus(),
                           .messages = outcome.messages(), .durationUs = capture.durationUs};
    if (outcome.isNoOp())
        summary.detail = outcome.noop().reason;
    else if (outcome.isError())
        summary.detail = outcome.error().msg;
    Q_EMIT q->captureStored(*id, summary);
}

void Listener::Private::abortAll()
{
    const QList<QTcpSocket *> sockets = connections.keys();
    for (QTcpSocket *socket : sockets) {
        socket->abort();
        socket->deleteLater();
    }
    finishStop();
}

void Listener::Private::finishStop()
{
    if (stopEmitted)
        return;
    stopEmitted = true;
    graceTimer.stop();
    QMetaObject::invokeMethod(q, &Listener::stopped, Qt::QueuedConnection);
}

// ---------------------------------------------------------------------------------------------

Listener::Listener(const Registry &registry, CaptureStore &store, ListenerConfig config, QObject *parent)
    : QObject(parent), d(std::make_unique<Private>(this, registry, store, std::move(config)))
{
    qRegisterMetaType<hb::CaptureSummary>();
}

Listener::~Listener()
{
    d->stopping = true;
    d->stopEmitted = true;   // no signal from a dying object
    QSignalBlocker blocker(this);
    d->commitAndAnswer();    // nothing received is left unstored
    d->http.reset();         // closes the server; every socket (and its Connection) goes with it
}

bool Listener::start()
{
    d->error.clear();
    if (d->http && !d->stopping) {
        d->error = u"the listener is already running"_s;
        return false;
    }
    d->http.reset();
    const QHostAddress &address = d->config.bindAddress;
    if (address.isNull()) {
        d->error = u"invalid bind address"_s;
        return false;
    }
    if (!address.isLoopback() && d->config.apiKey.isEmpty()) {
        d->error = u"refusing to listen on %1 without an API key: anyone who can reach it could post webhooks;"
                   " set an API key or bind to 127.0.0.1"_s.arg(address.toString());
        return false;
    }
    auto http = std::make_unique<HttpAdapter>(
        [this](const QHttpServerRequest &request, QTcpSocket *socket) { d->handleRequest(request, socket); });
    auto *tcp = new GuardedTcpServer([this](QTcpSocket *socket) { return d->admit(socket); }, http.get());
    tcp->setMaxPendingConnections(std::max(d->config.maxConnections, 1));
    if (!tcp->listen(address, d->config.port)) {
        d->error = u"cannot listen on %1:%2: %3"_s.arg(address.toString()).arg(d->config.port).arg(tcp->errorString());
        return false;
    }
    http->bind(tcp);
    d->tcp = tcp;
    d->http = std::move(http);
    d->stopping = false;
    d->stopEmitted = false;
    return true;
}

void Listener::stop(std::chrono::milliseconds grace)
{
    if (!d->http || d->stopping) {
        if (!d->http)
            d->finishStop();
        return;
    }
    d->stopping = true;
    d->stopEmitted = false;
    if (d->tcp)
        d->tcp->close();
    for (auto it = d->connections.cbegin(); it != d->connections.cend(); ++it) {
        const Private::Connection *c = it.value();
        if (c->framer.betweenRequests() && c->complete.isEmpty() && c->awaiting == 0)
            it.key()->disconnectFromHost();   // flushes a response still being sent
    }
    if (d->connections.isEmpty())
        d->finishStop();
    else
        d->graceTimer.start(grace);
}

bool Listener::isListening() const
{
    return d->tcp && d->tcp->isListening();
}

QHostAddress Listener::address() const
{
    return d->tcp ? d->tcp->serverAddress() : d->config.bindAddress;
}

quint16 Listener::port() const
{
    return d->tcp ? d->tcp->serverPort() : d->config.port;
}

QString Listener::url() const
{
    const QHostAddress a = address();
    const QString host = a.protocol() == QAbstractSocket::IPv6Protocol ? u'[' + a.toString() + u']' : a.toString();
    return u"http://%1:%2"_s.arg(host).arg(port());
}

QString Listener::errorString() const
{
    return d->error;
}

int Listener::openConnections() const
{
    return int(d->connections.size());
}

const ListenerConfig &Listener::config() const
{
    return d->config;
}

} // namespace hb
