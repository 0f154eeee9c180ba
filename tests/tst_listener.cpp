// SPDX-License-Identifier: MIT
// The listener over real loopback sockets (a test registry of its own), and `hookbench listen` as a
// process: JSON lines, SIGTERM, and SIGKILL under load.
#include "capturestore.h"
#include "json.h"
#include "listener.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QScopeGuard>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <csignal>
#include <map>

using namespace hb;
using namespace Qt::StringLiterals;

namespace {

// ---- a registry of one fake integration

// "echo": topic = payload.title, content = payload.text; event type in X-Echo-Event.
Outcome echoHandler(const WebhookContext &ctx)
{
    if (ctx.eventType() != u"say")
        return unsupportedEvent(ctx, ctx.eventType());
    return Message{.topic = ctx.payload()["title"].string(), .content = ctx.payload()["text"].string()};
}

const Registry &testRegistry()
{
    static const Registry r(QList<IntegrationEntry>{
        {.name = u"echo"_s, .displayName = u"Echo"_s, .categories = {u"misc"_s}, .handler = echoHandler,
         .eventHeader = "X-Echo-Event", .eventTypes = {u"say"_s}, .webhookName = u"Echo"_s},
    });
    return r;
}

const QByteArray kEchoBody = R"({"title":"deploy","text":"all good"})";

QByteArray request(const QByteArray &method, const QByteArray &target, const QByteArray &body,
                   const QByteArrayList &extraHeaders = {"X-Echo-Event: say"})
{
    QByteArray out = method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    if (!body.isEmpty() || method == "POST")
        out += "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
    for (const QByteArray &h : extraHeaders)
        out += h + "\r\n";
    return out + "\r\n" + body;
}

QByteArray post(const QByteArray &target, const QByteArray &body = kEchoBody,
                const QByteArrayList &extraHeaders = {"X-Echo-Event: say"})
{
    return request("POST", target, body, extraHeaders);
}

// ---- a raw HTTP client driven by the test's event loop (the listener runs in the same thread)

struct Response
{
    int status = 0;
    std::map<QByteArray, QByteArray> headers;   // lower-case names
    QByteArray body;
    QByteArray header(const QByteArray &lowerCaseName) const
    {
        const auto it = headers.find(lowerCaseName);
        return it == headers.end() ? QByteArray() : it->second;
    }
    std::optional<JsonValue> json() const { return parseJson(body); }
    QString msg() const
    {
        const auto j = json();
        const JsonValue *m = j ? j->find(u"msg") : nullptr;
        return m ? m->toString() : QString();
    }
    QString code() const
    {
        const auto j = json();
        const JsonValue *m = j ? j->find(u"code") : nullptr;
        return m ? m->toString() : QString();
    }
};

// Takes one response off the front of `buffer`, if it is all there.
std::optional<Response> takeResponse(QByteArray &buffer, bool headOnly = false)
{
    const qsizetype end = buffer.indexOf("\r\n\r\n");
    if (end < 0)
        return std::nullopt;
    Response r;
    const QList<QByteArray> lines = buffer.first(end).split('\n');
    r.status = lines.first().split(' ').value(1).toInt();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        const qsizetype colon = line.indexOf(':');
        r.headers[line.first(colon).toLower()] = line.sliced(colon + 1).trimmed();
    }
    const qsizetype length = headOnly || r.status == 100 ? 0 : r.headers["content-length"].toLongLong();
    if (buffer.size() < end + 4 + length)
        return std::nullopt;
    r.body = buffer.sliced(end + 4, length);
    buffer.remove(0, end + 4 + length);
    return r;
}

class Client
{
public:
    explicit Client(quint16 port)
    {
        QObject::connect(&m_socket, &QTcpSocket::readyRead, &m_socket, [this] { m_buffer += m_socket.readAll(); });
        m_socket.connectToHost(QHostAddress::LocalHost, port);
    }
    bool connected() { return QTest::qWaitFor([this] { return m_socket.state() == QAbstractSocket::ConnectedState; }, 5000); }
    void send(const QByteArray &bytes) { m_socket.write(bytes); }
    std::optional<Response> response(bool headOnly = false, int timeoutMs = 10000)
    {
        std::optional<Response> r;
        if (!QTest::qWaitFor([&] { return (r = takeResponse(m_buffer, headOnly)).has_value(); }, timeoutMs))
            return std::nullopt;
        return r;
    }
    bool closedByPeer(int timeoutMs = 5000)
    {
        return QTest::qWaitFor([this] { return m_socket.state() == QAbstractSocket::UnconnectedState; }, timeoutMs);
    }
    QByteArray &buffer() { return m_buffer; }
    QTcpSocket &socket() { return m_socket; }

private:
    QTcpSocket m_socket;
    QByteArray m_buffer;
};

// A store and a listener on a free loopback port.
struct Bench
{
    explicit Bench(ListenerConfig config = {}, bool openStore = true)
    {
        if (openStore && !store.open(dir.filePath(u"captures.sqlite"_s)))
            qFatal("cannot open the store: %s", qPrintable(store.errorString()));
        config.port = 0;
        listener = std::make_unique<Listener>(testRegistry(), store, config);
        started = listener->start();
    }
    quint16 port() const { return listener->port(); }
    Response roundTrip(const QByteArray &bytes, bool headOnly = false)
    {
        Client c(port());
        c.send(bytes);
        const auto r = c.response(headOnly);
        if (!r)
            qWarning("no response; received so far: %s", c.buffer().constData());
        return r.value_or(Response{});
    }

    QTemporaryDir dir;
    CaptureStore store;
    std::unique_ptr<Listener> listener;
    bool started = false;
};

// ---- the `hookbench listen` process

struct ListenProcess
{
    explicit ListenProcess(const QString &dbPath, const QStringList &extra = {}, bool discardStdout = false)
    {
        // Unread, the JSON lines would fill the pipe and block the listener.
        if (discardStdout)
            process.setStandardOutputFile(QProcess::nullDevice());
        process.start(QStringLiteral(HOOKBENCH_BINARY),
                      QStringList{u"listen"_s, u"--port"_s, u"0"_s, u"--db"_s, dbPath} + extra);
    }
    ~ListenProcess()
    {
        if (process.state() != QProcess::NotRunning) {
            process.kill();
            process.waitForFinished(5000);
        }
    }
    // Reads stderr until the "listening on" line; the port it reports.
    quint16 waitForPort()
    {
        process.setReadChannel(QProcess::StandardError);
        const auto restore = qScopeGuard([this] { process.setReadChannel(QProcess::StandardOutput); });
        const QRegularExpression re(u"listening on http://127\\.0\\.0\\.1:(\\d+)"_s);
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < 20000) {
            stderrText += process.readAllStandardError();
            if (const auto m = re.match(QString::fromUtf8(stderrText)); m.hasMatch())
                return quint16(m.captured(1).toUInt());
            if (!process.waitForReadyRead(500) && process.state() == QProcess::NotRunning)
                break;
        }
        return 0;
    }
    QByteArray nextLine(int timeoutMs = 10000)
    {
        QElapsedTimer t;
        t.start();
        while (!process.canReadLine() && t.elapsed() < timeoutMs)
            process.waitForReadyRead(100);
        return process.readLine();
    }

    QProcess process;
    QByteArray stderrText;
};

// A blocking client for a server in another process.
std::optional<Response> blockingExchange(QTcpSocket &socket, const QByteArray &bytes, QByteArray &buffer,
                                         bool headOnly = false)
{
    socket.write(bytes);
    for (;;) {
        if (auto r = takeResponse(buffer, headOnly))
            return r;
        if (!socket.waitForReadyRead(10000))
            return std::nullopt;
        buffer += socket.readAll();
    }
}

} // namespace

class TestListener : public QObject
{
    Q_OBJECT

private slots:
    // ---- outcomes, each stored before it is answered

    void messageIsStoredAndAnswered()
    {
        Bench b;
        QVERIFY2(b.started, qPrintable(b.listener->errorString()));
        QSignalSpy stored(b.listener.get(), &Listener::captureStored);
        Client client(b.port());
        QVERIFY(client.connected());
        client.send(post("/api/v1/external/echo?api_key=k&stream=ops"));
        const auto r = client.response();
        QVERIFY(r);
        QCOMPARE(r->status, 200);
        QCOMPARE(r->body, R"({"result":"success","msg":""})");
        QCOMPARE(r->header("content-type"), "application/json");
        QCOMPARE(stored.size(), 1);

        const qint64 id = stored.first().at(0).toLongLong();
        const auto summary = stored.first().at(1).value<CaptureSummary>();
        QCOMPARE(summary.id, id);
        QCOMPARE(summary.outcomeKind, Outcome::Kind::Message);
        QCOMPARE(summary.messages.size(), 1);
        QCOMPARE(summary.messages.first().stream.value_or(QString()), u"ops"_s);
        QCOMPARE(summary.messages.first().topic, u"deploy"_s);

        const auto c = b.store.byId(id);
        QVERIFY(c);
        QCOMPARE(c->method, "POST");
        QCOMPARE(c->target, "/api/v1/external/echo?api_key=k&stream=ops");
        QCOMPARE(c->path, u"/api/v1/external/echo"_s);
        QCOMPARE(c->query, "api_key=k&stream=ops");
        QCOMPARE(c->integration, u"echo"_s);
        QCOMPARE(c->outcomeKind, Outcome::Kind::Message);
        QCOMPARE(c->httpStatus, 200);
        QCOMPARE(c->body, kEchoBody);
        QCOMPARE(c->bodySize, qint64(kEchoBody.size()));
        QVERIFY(c->headers.contains(std::pair<QByteArray, QByteArray>("X-Echo-Event", "say")));
        QCOMPARE(c->headers.first().first, "Host");
        QCOMPARE(c->remoteAddress, u"127.0.0.1"_s);
        QCOMPARE(c->remotePort, client.socket().localPort());
        QVERIFY(c->outcomeJson.contains(R"("topic":"deploy")"));
        QCOMPARE(c->responseBody, r->body);
        QVERIFY(c->receivedAt.isValid());
        QVERIFY(c->durationUs >= 0);
    }

    void unknownPathIsCaptured()
    {
        Bench b;
        const Response r = b.roundTrip(request("GET", "/favicon.ico?x=1", {}));
        QCOMPARE(r.status, 404);
        QVERIFY2(r.msg().contains(u"/favicon.ico is not a webhook URL"_s), qPrintable(r.msg()));
        QCOMPARE(r.json()->find(u"result")->toString(), u"error"_s);
        const QList<Capture> all = b.store.newest(10);
        QCOMPARE(all.size(), 1);
        QCOMPARE(all.first().path, u"/favicon.ico"_s);
        QCOMPARE(all.first().method, "GET");
        QCOMPARE(all.first().integration, QString());
        QCOMPARE(all.first().httpStatus, 404);
    }

    void anyMethodIsCaptured()
    {
        Bench b;
        QCOMPARE(b.roundTrip(request("DELETE", "/api/v1/external/echo", {})).status, 400);
        QCOMPARE(b.roundTrip(request("OPTIONS", "/", {})).status, 404);
        QCOMPARE(b.store.count(), 2);
        QCOMPARE(b.store.newest(1).first().method, "OPTIONS");
    }

    void unknownIntegration()
    {
        Bench b;
        const Response r = b.roundTrip(post("/api/v1/external/nope?api_key=k"));
        QCOMPARE(r.status, 404);
        QCOMPARE(r.msg(), u"\"nope\" is not a valid webhook integration."_s);
        QCOMPARE(b.store.newest(1).first().integration, u"nope"_s);
    }

    void malformedJson()
    {
        Bench b;
        const Response r = b.roundTrip(post("/api/v1/external/echo?api_key=k", "{not json"));
        QCOMPARE(r.status, 400);
        QCOMPARE(r.msg(), u"Malformed JSON"_s);
        QCOMPARE(r.code(), u"INVALID_JSON"_s);
        QCOMPARE(b.store.newest(1).first().body, "{not json");
    }

    void unsupportedEvent()
    {
        Bench b;
        const Response r = b.roundTrip(post("/api/v1/external/echo?api_key=k", kEchoBody, {"X-Echo-Event: shout"}));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json()->find(u"result")->toString(), u"success"_s);
        QCOMPARE(r.code(), u"UNSUPPORTED_WEBHOOK_EVENT_TYPE"_s);
        QVERIFY(r.msg().contains(u"isn't currently supported"_s));
        QCOMPARE(b.store.newest(1).first().outcomeKind, Outcome::Kind::NoOp);
    }

    void missingEventHeader()
    {
        Bench b;
        const Response r = b.roundTrip(post("/api/v1/external/echo?api_key=k", kEchoBody, {}));
        QCOMPARE(r.status, 400);
        QCOMPARE(r.code(), u"MISSING_HTTP_EVENT_HEADER"_s);
        QCOMPARE(r.msg(), u"Missing the HTTP event header 'X-Echo-Event'"_s);
    }

    void headGetsNoBody()
    {
        Bench b;
        Client client(b.port());
        client.send(request("HEAD", "/api/v1/external/echo", {}));
        const auto head = client.response(true);
        QVERIFY(head);
        QCOMPARE(head->status, 200);
        QVERIFY(head->header("content-length").toInt() > 0);
        // Nothing follows the head: the next response on the connection parses cleanly.
        client.send(post("/api/v1/external/echo?api_key=k"));
        const auto next = client.response();
        QVERIFY(next);
        QCOMPARE(next->status, 200);
        QCOMPARE(b.store.count(), 2);
        QVERIFY(b.store.newest(2).last().responseBody.isEmpty());
    }

    // ---- authentication

    void apiKeyEnforced()
    {
        Bench b({.apiKey = u"s3cret"_s});
        QVERIFY(b.started);
        const Response missing = b.roundTrip(post("/api/v1/external/echo"));
        QCOMPARE(missing.status, 400);
        QCOMPARE(missing.msg(), u"Missing 'api_key' argument"_s);
        const Response wrong = b.roundTrip(post("/api/v1/external/echo?api_key=nope"));
        QCOMPARE(wrong.status, 401);
        QCOMPARE(wrong.msg(), u"Invalid API key"_s);
        const Response right = b.roundTrip(post("/api/v1/external/echo?api_key=s3cret"));
        QCOMPARE(right.status, 200);
        QCOMPARE(b.store.count(), 3);
    }

    void nonLoopbackNeedsApiKey()
    {
        Bench open({.bindAddress = QHostAddress(QHostAddress::AnyIPv4)});
        QVERIFY(!open.started);
        QVERIFY2(open.listener->errorString().contains(u"API key"_s), qPrintable(open.listener->errorString()));
        QVERIFY(!open.listener->isListening());
        Bench keyed({.bindAddress = QHostAddress(QHostAddress::AnyIPv4), .apiKey = u"k"_s});
        QVERIFY2(keyed.started, qPrintable(keyed.listener->errorString()));
        QVERIFY(keyed.port() != 0);
    }

    void busyPortIsReported()
    {
        Bench first;
        QVERIFY(first.started);
        CaptureStore store;
        QVERIFY(store.open(first.dir.filePath(u"other.sqlite"_s)));
        Listener second(testRegistry(), store, {.port = first.port()});
        QVERIFY(!second.start());
        QVERIFY(second.errorString().contains(QString::number(first.port())));
    }

    // ---- limits enforced before Qt buffers anything

    void tooLargeBodyRefusedUnread()
    {
        Bench b;
        Client client(b.port());
        client.send("POST /api/v1/external/echo?api_key=k HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    "X-Echo-Event: say\r\nContent-Length: 31457280\r\n\r\n");
        const auto r = client.response();
        QVERIFY(r);
        QCOMPARE(r->status, 413);
        QCOMPARE(r->header("connection"), "close");
        QVERIFY2(r->msg().contains(u"too large"_s), qPrintable(r->msg()));
        QCOMPARE(r->json()->find(u"result")->toString(), u"error"_s);
        QVERIFY(client.closedByPeer());
        const Capture c = b.store.newest(1).first();
        QCOMPARE(c.httpStatus, 413);
        QCOMPARE(c.bodySize, qint64(31457280));
        QVERIFY(c.body.isEmpty());
        QCOMPARE(c.integration, u"echo"_s);
    }

    void expectContinue()
    {
        Bench b;
        Client client(b.port());
        const QByteArray body = QByteArray(R"({"title":"big","text":")") + QByteArray(4000, 'x') + "\"}";
        client.send("POST /api/v1/external/echo?api_key=k HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    "X-Echo-Event: say\r\nExpect: 100-continue\r\nContent-Length: "
                    + QByteArray::number(body.size()) + "\r\n\r\n");
        const auto interim = client.response();
        QVERIFY(interim);
        QCOMPARE(interim->status, 100);
        QVERIFY(client.buffer().isEmpty());
        QCOMPARE(b.store.count(), 0);
        client.send(body);
        const auto r = client.response();
        QVERIFY(r);
        QCOMPARE(r->status, 200);
        QCOMPARE(b.store.newest(1).first().body, body);
    }

    void expectContinueTooLarge()
    {
        Bench b;
        Client client(b.port());
        client.send("POST /api/v1/external/echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                    "Content-Length: 31457280\r\n\r\n");
        const auto r = client.response();
        QVERIFY(r);
        QCOMPARE(r->status, 413);                  // instead of 100: the body is never sent
        QVERIFY(client.closedByPeer());
    }

    void headerBlockLimit()
    {
        Bench b({.maxHeaderBytes = 4096});
        Client client(b.port());
        client.send("POST /api/v1/external/echo HTTP/1.1\r\nX-Filler: " + QByteArray(8000, 'a') + "\r\n\r\n");
        const auto r = client.response();
        QVERIFY(r);
        QCOMPARE(r->status, 431);
        QVERIFY(client.closedByPeer());
        const Capture c = b.store.newest(1).first();
        QCOMPARE(c.httpStatus, 431);
        QCOMPARE(c.path, u"/api/v1/external/echo"_s);   // from the request line
    }

    void chunkedBody()
    {
        Bench b;
        Client client(b.port());
        client.send("POST /api/v1/external/echo?api_key=k HTTP/1.1\r\nHost: x\r\nX-Echo-Event: say\r\n"
                    "Transfer-Encoding: chunked\r\n\r\n");
        QTest::qWait(20);
        client.send("10\r\n" + kEchoBody.first(16) + "\r\n");
        QTest::qWait(20);
        client.send(QByteArray::number(kEchoBody.size() - 16, 16) + ";ext=1\r\n" + kEchoBody.sliced(16) + "\r\n0\r\n\r\n");
        const auto r = client.response();
        QVERIFY(r);
        QCOMPARE(r->status, 200);
        QCOMPARE(b.store.newest(1).first().body, kEchoBody);
    }

    void chunkedBodyTooLarge()
    {
        Bench b({.maxBodyBytes = 1000});
        Client client(b.port());
        client.send("POST /api/v1/external/echo HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n200\r\n"
                    + QByteArray(512, 'a') + "\r\n200\r\n");
        const auto r = client.response();
        QVERIFY(r);
        QCOMPARE(r->status, 413);
        QVERIFY(client.closedByPeer());
        QCOMPARE(b.store.newest(1).first().bodySize, qint64(512));
    }

    void malformedRequests()
    {
        Bench b;
        QCOMPARE(b.roundTrip("GARBAGE\r\n\r\n").status, 400);
        QCOMPARE(b.roundTrip("POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd").status, 400);
        QCOMPARE(b.roundTrip("POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n").status, 400);
        QCOMPARE(b.roundTrip("POST / HTTP/1.1\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n").status, 400);
        QCOMPARE(b.store.count(), 4);
    }

    // ---- connections

    void keepAliveAndClose()
    {
        Bench b;
        QSignalSpy stored(b.listener.get(), &Listener::captureStored);
        Client client(b.port());
        for (int i = 0; i < 3; ++i) {
            client.send(post("/api/v1/external/echo?api_key=k&n=" + QByteArray::number(i)));
            const auto r = client.response();
            QVERIFY(r);
            QCOMPARE(r->status, 200);
            QVERIFY(!r->headers.count("connection"));
        }
        client.send(post("/api/v1/external/echo?api_key=k", kEchoBody, {"X-Echo-Event: say", "Connection: close"}));
        const auto last = client.response();
        QVERIFY(last);
        QCOMPARE(last->header("connection"), "close");
        QVERIFY(client.closedByPeer());
        QCOMPARE(stored.size(), 4);
        QCOMPARE(b.store.count(), 4);
    }

    void http10ClosesByDefault()
    {
        Bench b;
        Client client(b.port());
        client.send("GET / HTTP/1.0\r\n\r\n");
        const auto r = client.response();
        QVERIFY(r);
        QCOMPARE(r->status, 404);
        QVERIFY(client.closedByPeer());
    }

    // Qt 6.4 merges pipelined requests: the listener takes the connection over and serves each.
    void pipelinedRequestsServedInOrder()
    {
        Bench b;
        Client client(b.port());
        client.send(post("/api/v1/external/echo?api_key=k&n=1") + "\r\n"
                    + post("/api/v1/external/echo?api_key=k&n=2", "[") + request("GET", "/three", {}));
        QList<int> statuses;
        for (int i = 0; i < 3; ++i) {
            const auto r = client.response();
            QVERIFY2(r, client.buffer().constData());
            statuses.append(r->status);
        }
        QCOMPARE(statuses, (QList<int>{200, 400, 404}));
        const QList<Capture> stored = b.store.newest(10);
        QCOMPARE(stored.size(), 3);
        QCOMPARE(stored[2].query, "api_key=k&n=1");
        QCOMPARE(stored[2].body, kEchoBody);
        QCOMPARE(stored[1].body, "[");
        QCOMPARE(stored[0].path, u"/three"_s);
        // Still usable afterwards, in several pieces.
        const QByteArray next = post("/api/v1/external/echo?api_key=k&n=4");
        client.send(next.first(20));
        QTest::qWait(20);
        client.send(next.sliced(20));
        QCOMPARE(client.response().value_or(Response{}).status, 200);
        QCOMPARE(b.store.count(), 4);
    }

    void pipelinedAfterPartialHead()
    {
        Bench b;
        Client client(b.port());
        const QByteArray first = post("/api/v1/external/echo?api_key=k&n=1");
        client.send(first.first(30));            // Qt starts its transaction on this
        QTest::qWait(20);
        client.send(first.sliced(30) + post("/api/v1/external/echo?api_key=k&n=2"));
        QCOMPARE(client.response().value_or(Response{}).status, 200);
        QCOMPARE(client.response().value_or(Response{}).status, 200);
        QCOMPARE(b.store.count(), 2);
        QCOMPARE(b.store.newest(2).last().body, kEchoBody);
    }

    // Qt 6.4 closes upgrade requests unanswered; ours are answered (without upgrading) and stored.
    void upgradeRequestsAnswered()
    {
        Bench b;
        Client client(b.port());
        client.send(post("/api/v1/external/echo?api_key=k", kEchoBody,
                         {"X-Echo-Event: say", "Connection: Upgrade, HTTP2-Settings", "Upgrade: h2c",
                          "HTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA"}));
        const auto r = client.response();
        QVERIFY2(r, client.buffer().constData());
        QCOMPARE(r->status, 200);
        QCOMPARE(r->header("connection"), "close");
        QVERIFY(client.closedByPeer());
        QCOMPARE(b.store.newest(1).first().body, kEchoBody);

        Client tunnel(b.port());
        tunnel.send("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n");
        const auto t = tunnel.response();
        QVERIFY(t);
        QCOMPARE(t->status, 404);
        QCOMPARE(b.store.count(), 2);
    }

    void garbageAfterBody()
    {
        Bench b;
        Client client(b.port());
        client.send(post("/api/v1/external/echo?api_key=k") + "NONSENSE\r\n\r\n");
        QCOMPARE(client.response().value_or(Response{}).status, 200);
        QCOMPARE(client.response().value_or(Response{}).status, 400);
        QVERIFY(client.closedByPeer());
        QCOMPARE(b.store.count(), 2);
    }

    void idleConnectionsClosed()
    {
        Bench b({.idleTimeout = std::chrono::milliseconds(200)});
        Client silent(b.port());
        QVERIFY(silent.connected());
        QElapsedTimer t;
        t.start();
        QVERIFY(silent.closedByPeer(5000));
        QVERIFY(t.elapsed() >= 150);
        QTRY_COMPARE(b.listener->openConnections(), 0);
        // A client that stops in the middle of its request is dropped too, unanswered.
        Client stalled(b.port());
        stalled.send("POST /api/v1/external/echo HTTP/1.1\r\nContent-Length: 100\r\n\r\n{");
        QVERIFY(stalled.closedByPeer(5000));
        QVERIFY(stalled.buffer().isEmpty());
        QCOMPARE(b.store.count(), 0);
    }

    void connectionCap()
    {
        Bench b({.maxConnections = 2});
        Client one(b.port()), two(b.port());
        QVERIFY(one.connected());
        QVERIFY(two.connected());
        QTRY_COMPARE(b.listener->openConnections(), 2);
        Client three(b.port());
        const auto r = three.response();
        QVERIFY(r);
        QCOMPARE(r->status, 503);
        QVERIFY(three.closedByPeer());
        // The admitted ones still work.
        one.send(post("/api/v1/external/echo?api_key=k"));
        QCOMPARE(one.response().value_or(Response{}).status, 200);
    }

    // ---- the store comes first

    void storeFailureAnswers500()
    {
        Bench b({}, false);                         // the store is not open: every append fails
        QVERIFY(b.started);
        QSignalSpy failed(b.listener.get(), &Listener::captureFailed);
        QSignalSpy stored(b.listener.get(), &Listener::captureStored);
        const Response r = b.roundTrip(post("/api/v1/external/echo?api_key=k"));
        QCOMPARE(r.status, 500);
        QVERIFY2(r.msg().contains(u"capture could not be stored"_s), qPrintable(r.msg()));
        QCOMPARE(r.json()->find(u"result")->toString(), u"error"_s);
        QCOMPARE(failed.size(), 1);
        QCOMPARE(stored.size(), 0);
    }

    void concurrentClientsShareCommits()
    {
        Bench b;
        QSignalSpy stored(b.listener.get(), &Listener::captureStored);
        std::vector<std::unique_ptr<Client>> clients;
        for (int i = 0; i < 10; ++i) {
            clients.push_back(std::make_unique<Client>(b.port()));
            QVERIFY(clients.back()->connected());
        }
        for (int i = 0; i < 10; ++i)
            clients[i]->send(post("/api/v1/external/echo?api_key=k&n=" + QByteArray::number(i)));
        for (auto &c : clients)
            QCOMPARE(c->response().value_or(Response{}).status, 200);
        QCOMPARE(stored.size(), 10);
        QSet<qint64> ids;
        for (const QList<QVariant> &args : std::as_const(stored))
            ids.insert(args.at(0).toLongLong());
        QCOMPARE(ids.size(), 10);
        QCOMPARE(b.store.count(), 10);
    }

    void everyAnsweredRequestIsStored()
    {
        Bench b({.maxBodyBytes = 100000});
        QSignalSpy stored(b.listener.get(), &Listener::captureStored);
        const QList<QByteArray> requests{
            post("/api/v1/external/echo?api_key=k&stream=a"),
            post("/api/v1/external/echo?api_key=k", "[", {"X-Echo-Event: say"}),
            post("/api/v1/external/echo", kEchoBody, {"X-Echo-Event: other"}),
            post("/api/v1/external/missing"),
            request("GET", "/", {}),
            request("HEAD", "/api/v1/external/echo", {}),
            "POST /x HTTP/1.1\r\nContent-Length: 200000\r\n\r\n",
            "BROKEN\r\n\r\n",
        };
        QMap<int, int> statuses;
        for (const QByteArray &bytes : requests) {
            Client c(b.port());
            c.send(bytes);
            const auto r = c.response(bytes.startsWith("HEAD"));
            QVERIFY(r);
            ++statuses[r->status];
        }
        QCOMPARE(b.store.count(), requests.size());
        QCOMPARE(stored.size(), requests.size());
        QCOMPARE(statuses.value(200), 3);
        QCOMPARE(b.store.count({.outcomeKind = Outcome::Kind::Error}), 5);
    }

    // ---- stopping

    void stopFinishesRequestsUnderWay()
    {
        Bench b;
        QSignalSpy stopped(b.listener.get(), &Listener::stopped);
        Client idle(b.port()), busy(b.port());
        QVERIFY(idle.connected());
        QVERIFY(busy.connected());
        const QByteArray full = post("/api/v1/external/echo?api_key=k");
        busy.send(full.first(full.size() - 5));
        QTRY_COMPARE(b.listener->openConnections(), 2);
        QTest::qWait(50);
        b.listener->stop(std::chrono::seconds(5));
        QVERIFY(!b.listener->isListening());
        QVERIFY(idle.closedByPeer());
        QCOMPARE(stopped.size(), 0);
        busy.send(full.last(5));
        const auto r = busy.response();
        QVERIFY(r);
        QCOMPARE(r->status, 200);
        QCOMPARE(r->header("connection"), "close");
        QTRY_COMPARE_WITH_TIMEOUT(stopped.size(), 1, 5000);
        QCOMPARE(b.store.count(), 1);
    }

    void stopGivesUpAfterGrace()
    {
        Bench b;
        QSignalSpy stopped(b.listener.get(), &Listener::stopped);
        Client stalled(b.port());
        stalled.send("POST /api/v1/external/echo HTTP/1.1\r\nContent-Length: 10\r\n\r\n");
        QTRY_COMPARE(b.listener->openConnections(), 1);
        QTest::qWait(50);
        QElapsedTimer t;
        t.start();
        b.listener->stop(std::chrono::milliseconds(300));
        QTRY_COMPARE_WITH_TIMEOUT(stopped.size(), 1, 5000);
        QVERIFY(t.elapsed() >= 250);
        QVERIFY(stalled.closedByPeer());
    }

    // ---- `hookbench listen`, the process

    void cliPrintsJsonLinesAndStopsOnSigterm()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(u"cli.sqlite"_s);
        ListenProcess listen(db, {u"--now"_s, u"1700000000"_s});
        const quint16 port = listen.waitForPort();
        QVERIFY2(port != 0, listen.stderrText.constData());

        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(socket.waitForConnected(5000));
        QByteArray buffer;
        const auto r = blockingExchange(socket, post("/api/v1/external/no-such-thing?stream=s"), buffer);
        QVERIFY(r);
        QCOMPARE(r->status, 404);
        const auto head = blockingExchange(socket, request("HEAD", "/api/v1/external/no-such-thing", {}), buffer, true);
        QVERIFY(head);

        const QByteArray line = listen.nextLine();
        const auto json = parseJson(line);
        QVERIFY2(json && json->isObject(), line.constData());
        QCOMPARE(json->find(u"id")->toInteger(), 1);
        QCOMPARE(json->find(u"method")->toString(), u"POST"_s);
        QCOMPARE(json->find(u"path")->toString(), u"/api/v1/external/no-such-thing"_s);
        QCOMPARE(json->find(u"integration")->toString(), u"no-such-thing"_s);
        QCOMPARE(json->find(u"outcome")->toString(), u"error"_s);
        QCOMPARE(json->find(u"status")->toInteger(), 404);
        QVERIFY(json->find(u"time")->toString().endsWith(u'Z'));
        QVERIFY(listen.nextLine().contains("\"method\":\"HEAD\""));

        listen.process.terminate();                // SIGTERM
        QVERIFY(listen.process.waitForFinished(10000));
        QCOMPARE(listen.process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(listen.process.exitCode(), 0);
        listen.stderrText += listen.process.readAllStandardError();
        QVERIFY2(listen.stderrText.contains("stopped after 2 request(s)"), listen.stderrText.constData());

        CaptureStore store;
        QVERIFY(store.open(db));
        QCOMPARE(store.count(), 2);
    }

    void cliRefusesOpenBindWithoutKey()
    {
        QTemporaryDir dir;
        QProcess p;
        p.start(QStringLiteral(HOOKBENCH_BINARY),
                {u"listen"_s, u"--bind"_s, u"0.0.0.0"_s, u"--port"_s, u"0"_s, u"--db"_s, dir.filePath(u"x.sqlite"_s)});
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitCode(), 1);
        QVERIFY(p.readAllStandardError().contains("API key"));
        p.start(QStringLiteral(HOOKBENCH_BINARY), {u"listen"_s, u"--port"_s, u"99999"_s});
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitCode(), 2);
    }

    // SIGKILL under load: every request that got an answer is in the file, exactly once.
    void cliSigkillLosesNoAnsweredCapture()
    {
        QElapsedTimer total;
        total.start();
        QTemporaryDir dir;
        const QString db = dir.filePath(u"killed.sqlite"_s);
        ListenProcess listen(db, {}, true);
        const quint16 port = listen.waitForPort();
        QVERIFY2(port != 0, listen.stderrText.constData());

        constexpr int kConnections = 8;
        constexpr int kRounds = 250;
        std::vector<std::unique_ptr<QTcpSocket>> sockets;
        std::vector<QByteArray> buffers(kConnections);
        for (int i = 0; i < kConnections; ++i) {
            sockets.push_back(std::make_unique<QTcpSocket>());
            sockets.back()->connectToHost(QHostAddress::LocalHost, port);
            QVERIFY(sockets.back()->waitForConnected(5000));
        }
        const auto requestFor = [](int n) {
            return post("/api/v1/external/no-such-thing?n=" + QByteArray::number(n),
                        R"({"n":)" + QByteArray::number(n) + "}");
        };
        QSet<int> answered;
        int sent = 0;
        QElapsedTimer load;
        load.start();
        for (int round = 0; round < kRounds; ++round) {
            QList<int> inFlight;
            for (int i = 0; i < kConnections; ++i) {
                sockets[i]->write(requestFor(sent));
                sockets[i]->flush();               // all of them on the wire at once
                inFlight.append(sent++);
            }
            // In the last round, kill while half the requests are still unanswered.
            const int awaited = round == kRounds - 1 ? kConnections / 2 : kConnections;
            for (int i = 0; i < awaited; ++i) {
                std::optional<Response> r;
                while (!(r = takeResponse(buffers[i]))) {
                    QVERIFY2(sockets[i]->waitForReadyRead(10000),
                             qPrintable(u"round %1 socket %2: %3 / %4"_s.arg(round).arg(i).arg(QString::fromUtf8(buffers[i]), QString::fromUtf8(listen.process.readAllStandardError()))));
                    buffers[i] += sockets[i]->readAll();
                }
                QCOMPARE(r->status, 404);
                answered.insert(inFlight[i]);
            }
        }
        const qint64 loadMs = load.elapsed();
        listen.process.kill();                     // SIGKILL
        QVERIFY(listen.process.waitForFinished(10000));
        QCOMPARE(listen.process.exitStatus(), QProcess::CrashExit);

        const QString connection = QUuid::createUuid().toString();
        {
            QSqlDatabase raw = QSqlDatabase::addDatabase(u"QSQLITE"_s, connection);
            raw.setDatabaseName(db);
            QVERIFY(raw.open());
            QSqlQuery q(raw);
            QVERIFY(q.exec(u"PRAGMA integrity_check"_s) && q.next());
            QCOMPARE(q.value(0).toString(), u"ok"_s);
            QMap<int, int> seen;
            QVERIFY(q.exec(u"SELECT query FROM captures"_s));
            while (q.next())
                ++seen[q.value(0).toByteArray().sliced(2).toInt()];
            for (int n : std::as_const(answered))
                QVERIFY2(seen.value(n) == 1, qPrintable(u"request %1 stored %2 times"_s.arg(n).arg(seen.value(n))));
            for (auto it = seen.cbegin(); it != seen.cend(); ++it)
                QVERIFY2(it.value() == 1 && it.key() < sent, qPrintable(u"request %1 stored %2 times"_s.arg(it.key()).arg(it.value())));
            QVERIFY(seen.size() >= answered.size());
        }
        QSqlDatabase::removeDatabase(connection);
        CaptureStore store;
        QVERIFY2(store.open(db), qPrintable(store.errorString()));
        qInfo("SIGKILL test: %lld answered requests over %d connections in %lld ms (%.0f requests/s), "
              "%lld stored, whole test %lld ms",
              qint64(answered.size()), kConnections, loadMs, answered.size() * 1000.0 / std::max<qint64>(loadMs, 1),
              store.count(), total.elapsed());
    }
};

QTEST_GUILESS_MAIN(TestListener)
#include "tst_listener.moc"
