// SPDX-License-Identifier: MIT
// Replay and forward: requests repeated at another URL byte for byte, messages posted to Zulip's
// REST API, the outbox (target down, then up; reopened), zuliprc files, and `hookbench replay` /
// `hookbench listen --forward-to` as processes. Every request goes to a server this test runs on
// the loopback interface, which records the bytes it receives.
#include "capturestore.h"
#include "forwarder.h"
#include "httpwire.h"
#include "outbox.h"
#include "replaysource.h"
#include "webhookrequest.h"
#include "zulipclient.h"
#include "zuliprc.h"

#include "recordingserver.h"

#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace hb;
using namespace Qt::StringLiterals;

namespace {

using hb::testing::RecordingServer;
using hb::testing::Parsed;
using hb::testing::parse;

QString formValue(const QByteArray &body, const QString &name)
{
    for (const auto &[k, v] : parseUrlEncoded(body)) {
        if (k == name)
            return v;
    }
    return u"<absent>"_s;
}

QStringList formNames(const QByteArray &body)
{
    QStringList names;
    for (const auto &[k, v] : parseUrlEncoded(body))
        names.append(k);
    return names;
}

// A captured request with everything a forward must keep or change.
Capture sampleCapture()
{
    Capture c;
    c.receivedAt = QDateTime::fromMSecsSinceEpoch(1700000000000, Qt::UTC);
    c.method = "POST";
    c.target = "/api/v1/external/github?api_key=abc&stream=dev%20ops";
    c.path = u"/api/v1/external/github"_s;
    c.query = "api_key=abc&stream=dev%20ops";
    c.body = QByteArray("{\"zen\":\"caf\xc3\xa9 \\u00e9\",\n \"n\": 1}\r\n\x01", 30);
    c.bodySize = c.body.size();
    c.headers = {{"Host", "hooks.example.com:9991"},
                 {"user-agent", "GitHub-Hookshot/abc"},
                 {"Connection", "keep-alive, X-Hop"},
                 {"X-Hop", "dropped because Connection names it"},
                 {"Keep-Alive", "timeout=5"},
                 {"Content-Type", "application/json; charset=utf-8"},
                 {"X-GitHub-Event", "ping"},
                 {"Content-Length", QByteArray::number(c.body.size())},
                 {"x-lower-case", "  spaced value  "},
                 {"X-Dup", "one"},
                 {"X-Dup", "two"}};
    c.remoteAddress = u"127.0.0.1"_s;
    c.integration = u"github"_s;
    c.outcomeKind = Outcome::Kind::NoOp;
    c.httpStatus = 200;
    return c;
}

// Runs an event loop until `done` or ~10 s pass.
bool waitFor(const std::function<bool()> &done, int ms = 10000)
{
    return QTest::qWaitFor(done, ms);
}

QByteArray basic(const QString &email, const QString &key)
{
    return "Basic " + (email + u':' + key).toUtf8().toBase64();
}

} // namespace

class TestForward final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // ---- (b) the original request, at another URL
    void forwardKeepsTheRequestByteForByte();
    void forwardWithoutPathKeepsTheRecordedTarget();
    void forwardTurnsChunkedIntoContentLength();
    void forwardRefusesWhatCannotBeSent();
    void forwardOfAFixtureCase();
    void responseParser_data();
    void responseParser();

    // ---- (c) Zulip's REST API
    void zulipStreamMessageMatchesTheApi();
    void zulipDirectMessage();
    void zulipSiteNormalisedAsZulipsTools_data();
    void zulipSiteNormalisedAsZulipsTools();
    void zulipRoutingOfOutcomes();
    void zulip429HonoursRetryAfter();
    void zulipErrorIsFinalAndKept();
    void retryAfterForms();

    // ---- the outbox
    void outboxTargetDownThenUp();
    void outboxSurvivesReopen();
    void outboxPathBesideTheStore();

    // ---- zuliprc
    void zuliprcAsZulipReadsIt();
    void zuliprcErrors_data();
    void zuliprcErrors();

    // ---- the commands
    void replayCommandThroughThePipeline();
    void replayCommandOfAFixture();
    void replayCommandToUrlAndZulip();
    void replayCommandErrors();
    void listenForwardsEveryRequest();
    void listenPostsMessagesToZulip();
    void listenKeepsRefusedItemsForRetryFailed();
};

// ---------------------------------------------------------------------------------------------

void TestForward::forwardKeepsTheRequestByteForByte()
{
    RecordingServer server;
    QVERIFY(server.listen());
    const Capture capture = sampleCapture();
    QString error;
    const auto request = forwardRequest(recordedFromCapture(capture), QUrl(server.url(u"/relay/in?token=x%2By&b=1"_s)), &error);
    QVERIFY2(request, qPrintable(error));
    const HttpResult result = HttpExchange::sendAndWait(*request, 5000);
    QVERIFY2(result.response, qPrintable(result.error));
    QCOMPARE(result.response->status, 200);
    QCOMPARE(server.requests().size(), 1);

    // Written out by hand: the method, the target's path and query, every header in its order with
    // its name's case (Host rewritten, hop-by-hop ones left out), the body untouched.
    const QByteArray expected = "POST /relay/in?token=x%2By&b=1 HTTP/1.1\r\n"
                                "Host: 127.0.0.1:" + QByteArray::number(server.port()) + "\r\n"
                                "user-agent: GitHub-Hookshot/abc\r\n"
                                "Content-Type: application/json; charset=utf-8\r\n"
                                "X-GitHub-Event: ping\r\n"
                                "Content-Length: 30\r\n"
                                "x-lower-case:   spaced value  \r\n"
                                "X-Dup: one\r\n"
                                "X-Dup: two\r\n"
                                "Connection: close\r\n"
                                "\r\n"
                                + capture.body;
    QCOMPARE(server.requests().first(), expected);
}

void TestForward::forwardWithoutPathKeepsTheRecordedTarget()
{
    RecordingServer server;
    QVERIFY(server.listen());
    QString error;
    const auto request = forwardRequest(recordedFromCapture(sampleCapture()), QUrl(server.url()), &error);
    QVERIFY2(request, qPrintable(error));
    QVERIFY(HttpExchange::sendAndWait(*request, 5000).response);
    QCOMPARE(parse(server.requests().value(0)).requestLine,
             QByteArray("POST /api/v1/external/github?api_key=abc&stream=dev%20ops HTTP/1.1"));
    // A URL with "/" is a path: it is used.
    const auto root = forwardRequest(recordedFromCapture(sampleCapture()), QUrl(server.url(u"/"_s)), &error);
    QVERIFY(root->bytes.startsWith("POST / HTTP/1.1\r\n"));
}

void TestForward::forwardTurnsChunkedIntoContentLength()
{
    RecordedRequest r;
    r.method = "PUT";
    r.target = "/x";
    r.headers = {{"X-First", "1"}, {"Transfer-Encoding", "chunked"}, {"X-Last", "2"}};
    r.body = "hello world";
    QString error;
    const auto out = forwardRequest(r, QUrl(u"https://example.com/in"_s), &error);
    QVERIFY2(out, qPrintable(error));
    QCOMPARE(out->bytes, QByteArray("PUT /in HTTP/1.1\r\nHost: example.com\r\nX-First: 1\r\nContent-Length: 11\r\n"
                                    "X-Last: 2\r\nConnection: close\r\n\r\nhello world"));
    // A stale Content-Length is corrected in place; a missing one is added for a body.
    r.headers = {{"Content-Length", "99"}, {"Host", "a"}};
    QCOMPARE(forwardRequest(r, QUrl(u"http://h:8080/"_s), &error)->bytes,
             QByteArray("PUT / HTTP/1.1\r\nContent-Length: 11\r\nHost: h:8080\r\nConnection: close\r\n\r\nhello world"));
    r.headers = {};
    QCOMPARE(forwardRequest(r, QUrl(u"http://[::1]:80/p"_s), &error)->bytes,
             QByteArray("PUT /p HTTP/1.1\r\nHost: [::1]\r\nContent-Length: 11\r\nConnection: close\r\n\r\nhello world"));
}

void TestForward::forwardRefusesWhatCannotBeSent()
{
    QString error;
    QVERIFY(!forwardRequest(recordedFromCapture(sampleCapture()), QUrl(u"ftp://example.com/"_s), &error));
    QVERIFY(error.contains(u"http(s)"_s));
    QVERIFY(!forwardRequest(recordedFromCapture(sampleCapture()), QUrl(u"not a url"_s), &error));
    RecordedRequest bad;
    bad.method = "GET /evil";
    QVERIFY(!forwardRequest(bad, QUrl(u"http://example.com/"_s), &error));

    Capture refused = sampleCapture();
    refused.body.clear();
    refused.bodySize = 30 * 1024 * 1024;
    QVERIFY(captureSource(refused).forwardProblem.contains(u"refused unread"_s));
    QVERIFY(captureSource(sampleCapture()).forwardProblem.isEmpty());

    // Nobody listens: an error, no answer.
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const quint16 port = probe.serverPort();
    probe.close();
    const auto request = forwardRequest(recordedFromCapture(sampleCapture()), QUrl(u"http://127.0.0.1:%1/"_s.arg(port)), &error);
    const HttpResult result = HttpExchange::sendAndWait(*request, 5000);
    QVERIFY(!result.response);
    QVERIFY(!result.error.isEmpty());
    QCOMPARE(judgeForward(result).kind, DeliveryVerdict::Kind::Retry);
}

void TestForward::forwardOfAFixtureCase()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QByteArray fixture = "{\"title\": \"T\", \"text\": \"x\"}\n";
    QFile f(dir.filePath(u"say.json"_s));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(fixture);
    f.close();
    QFile cases(dir.filePath(u"cases.json"_s));
    QVERIFY(cases.open(QIODevice::WriteOnly));
    cases.write("{\"integration\": \"echo\", \"url_template\": \"/api/v1/external/echo?api_key={api_key}&stream={stream}\","
                " \"cases\": [{\"test\": \"say_it\", \"fixture\": \"say.json\", \"content_type\": \"application/json\","
                " \"headers\": {\"X-Echo-Event\": \"say\"}, \"query\": {\"stream\": \"s\"}, \"expect\": \"noop\"}]}");
    cases.close();

    QString error;
    const auto source = fixtureSource(f.fileName(), {}, {}, &error);
    QVERIFY2(source, qPrintable(error));
    QCOMPARE(source->integration, u"echo"_s);
    QVERIFY(source->description.contains(u"say_it"_s));
    RecordingServer server;
    QVERIFY(server.listen());
    const auto request = forwardRequest(source->recorded, QUrl(server.url(u"/hook?k=1"_s)), &error);
    QVERIFY(HttpExchange::sendAndWait(*request, 5000).response);
    const Parsed got = parse(server.requests().value(0));
    QCOMPARE(got.requestLine, QByteArray("POST /hook?k=1 HTTP/1.1"));
    QCOMPARE(got.header("X-Echo-Event"), QByteArray("say"));
    QCOMPARE(got.header("Content-Type"), QByteArray("application/json"));
    QCOMPARE(got.header("Content-Length"), QByteArray::number(fixture.size()));
    QCOMPARE(got.body, fixture);

    // Without a case: the folder's integration, the bytes as the body.
    QFile other(dir.filePath(u"other.txt"_s));
    QVERIFY(other.open(QIODevice::WriteOnly));
    other.write("a=1&b=2");
    other.close();
    const auto plain = fixtureSource(other.fileName(), u"named"_s, {}, &error);
    QVERIFY2(plain, qPrintable(error));
    QCOMPARE(plain->request.path, u"/api/v1/external/named"_s);
    QCOMPARE(plain->request.contentType(), QByteArray("application/x-www-form-urlencoded"));
    QVERIFY(!fixtureSource(f.fileName(), {}, u"no_such_case"_s, &error));
    QVERIFY(error.contains(u"no_such_case"_s));
    QVERIFY(!fixtureSource(dir.filePath(u"missing.json"_s), {}, {}, &error));
}

void TestForward::responseParser_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("needsClose");
    QTest::newRow("content-length") << QByteArray("HTTP/1.1 201 Created\r\nContent-Length: 3\r\n\r\nabcEXTRA") << 201
                                    << QByteArray("abc") << false;
    QTest::newRow("chunked") << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\n"
                                           "2\r\nde\r\n0\r\nTrailer: 1\r\n\r\n")
                             << 200 << QByteArray("abcde") << false;
    QTest::newRow("100 continue first") << QByteArray("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 429 Too Many\r\n"
                                                      "Retry-After: 2\r\nContent-Length: 2\r\n\r\n{}")
                                        << 429 << QByteArray("{}") << false;
    QTest::newRow("until close") << QByteArray("HTTP/1.0 200 OK\r\n\r\nall of it") << 200 << QByteArray("all of it") << true;
    QTest::newRow("no content") << QByteArray("HTTP/1.1 204 No Content\r\n\r\n") << 204 << QByteArray() << false;
}

void TestForward::responseParser()
{
    QFETCH(QByteArray, wire);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(bool, needsClose);
    HttpResponseParser parser;
    for (char c : wire) // a byte at a time: every split point
        parser.feed(QByteArrayView(&c, 1));
    QCOMPARE(parser.isDone(), !needsClose);
    parser.finish();
    QVERIFY(parser.isDone());
    QCOMPARE(parser.response().status, status);
    QCOMPARE(parser.response().body, body);

    HttpResponseParser broken;
    broken.feed("SSH-2.0-OpenSSH\r\n\r\n");
    QVERIFY(broken.hasFailed());
    HttpResponseParser cut;
    cut.feed("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
    cut.finish();
    QVERIFY(cut.hasFailed());
}

// ---------------------------------------------------------------------------------------------

void TestForward::zulipStreamMessageMatchesTheApi()
{
    RecordingServer server;
    QVERIFY(server.listen());
    server.script({RecordingServer::response(200, "OK", "{\"id\":42,\"msg\":\"\",\"result\":\"success\"}")});
    const ZulipAccount account{.site = server.url(), .email = u"hook-bot@example.com"_s, .apiKey = u"Abc123xyz"_s};
    QVERIFY(account.problem().isEmpty());
    ZulipMessage m;
    m.stream = u"dev ops"_s;
    m.topic = u"tide & pool = 100% ✓"_s;
    m.content = u"**bold** +plus\nsecond line"_s;
    const HttpResult result = HttpExchange::sendAndWait(zulipSendRequest(account, m.formBody()), 5000);
    const DeliveryVerdict verdict = judgeZulip(result);
    QVERIFY2(verdict.isDelivered(), qPrintable(verdict.detail));
    QCOMPARE(verdict.messageId, 42);

    QCOMPARE(server.requests().size(), 1);
    const Parsed got = parse(server.requests().first());
    QCOMPARE(got.requestLine, QByteArray("POST /api/v1/messages HTTP/1.1"));
    QCOMPARE(got.header("Host"), "127.0.0.1:" + QByteArray::number(server.port()));
    QCOMPARE(got.header("Authorization"), basic(u"hook-bot@example.com"_s, u"Abc123xyz"_s));
    QCOMPARE(got.header("Content-Type"), QByteArray("application/x-www-form-urlencoded"));
    QCOMPARE(got.header("Content-Length").toLongLong(), got.body.size());
    QCOMPARE(formNames(got.body), (QStringList{u"type"_s, u"to"_s, u"topic"_s, u"content"_s}));
    QCOMPARE(formValue(got.body, u"type"_s), u"stream"_s);
    QCOMPARE(formValue(got.body, u"to"_s), u"dev ops"_s);
    QCOMPARE(formValue(got.body, u"topic"_s), u"tide & pool = 100% ✓"_s);
    QCOMPARE(formValue(got.body, u"content"_s), u"**bold** +plus\nsecond line"_s);
    // Only unreserved characters travel unescaped: no raw '&', '=', '+' or newline in a value.
    QVERIFY(!got.body.contains('\n') && !got.body.contains(' '));
    QCOMPARE(got.body.count('&'), 3);
}

void TestForward::zulipDirectMessage()
{
    RecordingServer server;
    QVERIFY(server.listen());
    server.script({RecordingServer::response(200, "OK", "{\"result\":\"success\",\"msg\":\"\",\"id\":7}")});
    const ZulipAccount account{.site = server.url(u"/"_s), .email = u"b@x.org"_s, .apiKey = u"k"_s};
    ZulipMessage m;
    m.type = ZulipMessage::Type::Direct;
    m.recipients = {u"owner@x.org"_s, u"o'brien@x.org"_s};
    m.content = u"hi"_s;
    QVERIFY(judgeZulip(HttpExchange::sendAndWait(zulipSendRequest(account, m.formBody()), 5000)).isDelivered());
    const Parsed got = parse(server.requests().value(0));
    QCOMPARE(got.requestLine, QByteArray("POST /api/v1/messages HTTP/1.1"));
    QCOMPARE(formNames(got.body), (QStringList{u"type"_s, u"to"_s, u"content"_s}));
    QCOMPARE(formValue(got.body, u"type"_s), u"private"_s);
    QCOMPARE(formValue(got.body, u"to"_s), u"[\"owner@x.org\",\"o'brien@x.org\"]"_s);
}

void TestForward::zulipSiteNormalisedAsZulipsTools_data()
{
    QTest::addColumn<QString>("site");
    QTest::addColumn<QString>("endpoint");
    QTest::newRow("bare host") << u"chat.example.com"_s << u"https://chat.example.com/api/v1/messages"_s;
    QTest::newRow("localhost") << u"localhost:9991"_s << u"http://localhost:9991/api/v1/messages"_s;
    QTest::newRow("with /api/") << u"https://chat.example.com/api/"_s << u"https://chat.example.com/api/v1/messages"_s;
    QTest::newRow("sub-path") << u"http://10.0.0.1:8080/zulip//"_s << u"http://10.0.0.1:8080/zulip/api/v1/messages"_s;
}

void TestForward::zulipSiteNormalisedAsZulipsTools()
{
    QFETCH(QString, site);
    QFETCH(QString, endpoint);
    const ZulipAccount account{.site = site, .email = u"e@x"_s, .apiKey = u"k"_s};
    QCOMPARE(zulipSendRequest(account, "a=1").url.toString(), endpoint);
    const QUrl url(endpoint);
    const QByteArray head = "POST " + url.path().toLatin1() + " HTTP/1.1\r\nHost: " + hostHeader(url) + "\r\n";
    QVERIFY(zulipSendRequest(account, "a=1").bytes.startsWith(head));
    QCOMPARE(ZulipAccount{}.problem().isEmpty(), false);
    QVERIFY(!ZulipAccount({.site = u"ftp://x"_s, .email = u"e"_s, .apiKey = u"k"_s}).problem().isEmpty());
}

void TestForward::zulipRoutingOfOutcomes()
{
    const Outcome outcome(QList<Message>{{.topic = u"t1"_s, .content = u"c1"_s, .stream = u"s"_s},
                                         {.topic = u"t2"_s, .content = u"c2"_s, .stream = std::nullopt}});
    QString error;
    QVERIFY(!zulipMessagesFor(outcome, {}, &error));
    QVERIFY(error.contains(u"--direct-to"_s));
    const auto routed = zulipMessagesFor(outcome, {.directTo = {u"me@x"_s}}, &error);
    QVERIFY(routed);
    QCOMPARE(routed->size(), 2);
    QCOMPARE(routed->at(0).type, ZulipMessage::Type::Stream);
    QCOMPARE(routed->at(0).stream, u"s"_s);
    QCOMPARE(routed->at(1).type, ZulipMessage::Type::Direct);
    QCOMPARE(routed->at(1).recipients, QStringList{u"me@x"_s});
    const auto overridden = zulipMessagesFor(outcome, {.stream = u"all"_s, .topic = u"one"_s}, &error);
    QVERIFY(overridden);
    QCOMPARE(overridden->at(1).stream, u"all"_s);
    QCOMPARE(overridden->at(1).topic, u"one"_s);
    QCOMPARE(zulipMessagesFor(Outcome(NoOp{.reason = u"r"_s}), {}, &error)->size(), 0);
}

void TestForward::zulip429HonoursRetryAfter()
{
    RecordingServer server;
    QVERIFY(server.listen());
    server.script({RecordingServer::response(429, "Too Many Requests",
                                             "{\"result\":\"error\",\"msg\":\"API usage exceeded rate limit\","
                                             "\"code\":\"RATE_LIMIT_HIT\",\"retry-after\":0.25}",
                                             "Retry-After: 1\r\n"),
                   RecordingServer::response(200, "OK", "{\"result\":\"success\",\"msg\":\"\",\"id\":9}")});
    Outbox outbox;
    QVERIFY(outbox.open(u":memory:"_s));
    const ZulipAccount account{.site = server.url(), .email = u"bot@x"_s, .apiKey = u"key"_s};
    // Backoff alone would wait 5 ms: the 1 s comes from Retry-After.
    Forwarder forwarder(outbox, Destination::zulip(account), {.firstDelayMs = 5});
    QList<qint64> delays;
    QStringList details;
    int delivered = 0;
    QObject::connect(&forwarder, &Forwarder::retrying, &forwarder,
                     [&](const OutboxItem &, const DeliveryVerdict &v, qint64 delay) {
                         delays.append(delay);
                         details.append(v.detail);
                     });
    QObject::connect(&forwarder, &Forwarder::delivered, &forwarder, [&] { ++delivered; });
    ZulipMessage m;
    m.stream = u"s"_s;
    m.topic = u"t"_s;
    m.content = u"c"_s;
    forwarder.start();
    QVERIFY(forwarder.enqueue(m.formBody(), 3, u"capture 3"_s));
    QVERIFY(waitFor([&] { return delivered == 1; }));
    QCOMPARE(delays, QList<qint64>{1000});
    QVERIFY(details.value(0).contains(u"API usage exceeded rate limit"_s));
    QVERIFY(details.value(0).contains(u"RATE_LIMIT_HIT"_s));
    QCOMPARE(server.requests().size(), 2);
    QCOMPARE(server.requests().at(0), server.requests().at(1)); // the same request again, unchanged
    QCOMPARE(outbox.pendingCount(), 0);

    // Without the header, Zulip's JSON "retry-after" decides.
    HttpResult r;
    r.response = HttpResponse{.status = 429, .reason = "Too Many Requests", .headers = {},
                              .body = "{\"result\":\"error\",\"msg\":\"x\",\"retry-after\":2.5}"};
    QCOMPARE(judgeZulip(r).retryAfterMs, std::optional<qint64>(2500));
    QCOMPARE(judgeZulip(r).kind, DeliveryVerdict::Kind::Retry);
}

void TestForward::zulipErrorIsFinalAndKept()
{
    RecordingServer server;
    QVERIFY(server.listen());
    server.script({RecordingServer::response(400, "Bad Request",
                                             "{\"result\":\"error\",\"msg\":\"Channel 'nope' does not exist\","
                                             "\"code\":\"STREAM_DOES_NOT_EXIST\",\"stream\":\"nope\"}")});
    Outbox outbox;
    QVERIFY(outbox.open(u":memory:"_s));
    Forwarder forwarder(outbox, Destination::zulip({.site = server.url(), .email = u"b@x"_s, .apiKey = u"k"_s}),
                        {.firstDelayMs = 5});
    QString failure;
    QObject::connect(&forwarder, &Forwarder::failed, &forwarder,
                     [&](const OutboxItem &, const DeliveryVerdict &v) { failure = v.detail; });
    forwarder.start();
    forwarder.enqueue("type=stream&to=nope&topic=t&content=c");
    QVERIFY(waitFor([&] { return !failure.isEmpty(); }));
    QCOMPARE(failure, u"HTTP 400: Channel 'nope' does not exist (STREAM_DOES_NOT_EXIST)"_s);
    QTest::qWait(50);
    QCOMPARE(server.requests().size(), 1); // not retried
    QCOMPARE(outbox.pendingCount(), 0);
    QCOMPARE(outbox.failedCount(), 1);     // but not lost
    QCOMPARE(outbox.items().value(0).lastError, failure);

    // A 200 that is not Zulip's success is no delivery either.
    HttpResult html;
    html.response = HttpResponse{.status = 200, .reason = "OK", .headers = {}, .body = "<html>login</html>"};
    QCOMPARE(judgeZulip(html).kind, DeliveryVerdict::Kind::Failed);
    QCOMPARE(judgeForward(html).kind, DeliveryVerdict::Kind::Delivered);
}

void TestForward::retryAfterForms()
{
    HttpResponse r;
    r.headers = {{"retry-after", "3"}};
    QCOMPARE(retryAfterMs(r), std::optional<qint64>(3000));
    r.headers = {{"Retry-After", "0.5"}};
    QCOMPARE(retryAfterMs(r), std::optional<qint64>(500));
    r.headers = {{"Retry-After", "Sun, 06 Nov 1994 08:49:37 GMT"}}; // in the past: now
    QCOMPARE(retryAfterMs(r), std::optional<qint64>(0));
    const QDateTime later = QDateTime::currentDateTimeUtc().addSecs(120);
    r.headers = {{"Retry-After", QLocale::c().toString(later, u"ddd, dd MMM yyyy HH:mm:ss"_s).toLatin1() + " GMT"}};
    const auto ms = retryAfterMs(r);
    QVERIFY(ms && *ms > 100000 && *ms <= 120000);
    r.headers = {{"Retry-After", "soon"}};
    QCOMPARE(retryAfterMs(r), std::nullopt);
    QCOMPARE(RetryPolicy({.firstDelayMs = 100, .maxDelayMs = 1000}).backoffMs(1), 100);
    QCOMPARE(RetryPolicy({.firstDelayMs = 100, .maxDelayMs = 1000}).backoffMs(3), 400);
    QCOMPARE(RetryPolicy({.firstDelayMs = 100, .maxDelayMs = 1000}).backoffMs(30), 1000);
}

// ---------------------------------------------------------------------------------------------

void TestForward::outboxTargetDownThenUp()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const quint16 port = probe.serverPort();
    probe.close(); // the target is down

    QTemporaryDir dir;
    Outbox outbox;
    QVERIFY2(outbox.open(dir.filePath(u"captures.outbox.sqlite"_s)), qPrintable(outbox.errorString()));
    const QUrl target(u"http://127.0.0.1:%1/in"_s.arg(port));
    Forwarder forwarder(outbox, Destination::url(target), {.firstDelayMs = 10, .maxDelayMs = 40});
    int retries = 0;
    QList<qint64> delivered;
    QObject::connect(&forwarder, &Forwarder::retrying, &forwarder, [&] { ++retries; });
    QObject::connect(&forwarder, &Forwarder::delivered, &forwarder,
                     [&](const OutboxItem &item, const DeliveryVerdict &) { delivered.append(item.captureId); });
    forwarder.start();
    QString error;
    for (int i = 1; i <= 3; ++i) {
        RecordedRequest r{.method = "POST", .target = "/", .headers = {{"X-N", QByteArray::number(i)}},
                          .body = "body " + QByteArray::number(i)};
        QVERIFY(forwarder.enqueue(forwardRequest(r, target, &error)->bytes, i));
    }
    QVERIFY(waitFor([&] { return retries >= 4; }));
    QCOMPARE(delivered.size(), 0);
    QCOMPARE(outbox.pendingCount(), 3);
    QVERIFY(outbox.items().first().attempts >= 4);
    QVERIFY(!outbox.items().first().lastError.isEmpty());
    QCOMPARE(outbox.items().at(1).attempts, 0); // the queue keeps its order: nothing overtakes the first

    RecordingServer server; // the target comes up
    QVERIFY(server.listen(port));
    QVERIFY(waitFor([&] { return delivered.size() == 3; }));
    QTest::qWait(100); // time for a duplicate to show up, if one were sent
    QCOMPARE(delivered, (QList<qint64>{1, 2, 3}));
    QCOMPARE(server.requests().size(), 3);
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(parse(server.requests().at(i)).body, "body " + QByteArray::number(i + 1));
        QCOMPARE(parse(server.requests().at(i)).header("X-N"), QByteArray::number(i + 1));
    }
    QCOMPARE(outbox.pendingCount(), 0);
    QCOMPARE(outbox.failedCount(), 0);
}

void TestForward::outboxSurvivesReopen()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const quint16 port = probe.serverPort();
    probe.close();
    QTemporaryDir dir;
    const QString path = dir.filePath(u"outbox.sqlite"_s);
    const ZulipAccount account{.site = u"http://127.0.0.1:%1"_s.arg(port), .email = u"b@x"_s, .apiKey = u"k"_s};
    {
        Outbox outbox;
        QVERIFY(outbox.open(path));
        Forwarder forwarder(outbox, Destination::zulip(account), {.firstDelayMs = 10, .maxDelayMs = 20});
        int retries = 0;
        QObject::connect(&forwarder, &Forwarder::retrying, &forwarder, [&] { ++retries; });
        forwarder.start();
        forwarder.enqueue("type=stream&to=s&topic=a&content=first", 1);
        forwarder.enqueue("type=stream&to=s&topic=b&content=second", 2);
        QVERIFY(waitFor([&] { return retries >= 2; }));
        bool stopped = false;
        QObject::connect(&forwarder, &Forwarder::stopped, &forwarder, [&] { stopped = true; });
        forwarder.stop();
        QVERIFY(waitFor([&] { return stopped; }));
    } // the process "ends" with both messages undelivered

    Outbox reopened;
    QVERIFY(reopened.open(path));
    QCOMPARE(reopened.pendingCount(), 2);
    QCOMPARE(reopened.items().at(0).payload, QByteArray("type=stream&to=s&topic=a&content=first"));
    QVERIFY(reopened.items().at(0).attempts >= 2);
    // Another destination's queue is not this one's.
    QCOMPARE(reopened.pendingCount(Destination::url(QUrl(u"http://other/"_s)).key()), 0);
    QVERIFY(!Destination::zulip(account).key().contains(u"k"_s.repeated(1) + u"@"_s)); // no key in the name

    RecordingServer server;
    server.script({RecordingServer::response(200, "OK", "{\"result\":\"success\",\"msg\":\"\",\"id\":1}")});
    QVERIFY(server.listen(port));
    Forwarder forwarder(reopened, Destination::zulip(account), {.firstDelayMs = 10, .maxDelayMs = 20});
    bool idle = false;
    QObject::connect(&forwarder, &Forwarder::idle, &forwarder, [&] { idle = true; });
    forwarder.start();
    QVERIFY(waitFor([&] { return idle && server.requests().size() == 2; }));
    QCOMPARE(formValue(parse(server.requests().at(0)).body, u"content"_s), u"first"_s);
    QCOMPARE(formValue(parse(server.requests().at(1)).body, u"content"_s), u"second"_s);
    QCOMPARE(parse(server.requests().at(0)).header("Authorization"), basic(u"b@x"_s, u"k"_s));
    reopened.close();
    Outbox again;
    QVERIFY(again.open(path));
    QCOMPARE(again.pendingCount(), 0);
    QCOMPARE(again.failedCount(), 0);

    // A file that is not an outbox is refused with a reason.
    QFile junk(dir.filePath(u"junk.sqlite"_s));
    QVERIFY(junk.open(QIODevice::WriteOnly));
    junk.write(QByteArray(4096, 'x'));
    junk.close();
    Outbox bad;
    QVERIFY(!bad.open(junk.fileName()));
    QVERIFY(!bad.errorString().isEmpty());
}

void TestForward::outboxPathBesideTheStore()
{
    QCOMPARE(Outbox::pathBeside(u"/data/hookbench/captures.sqlite"_s), u"/data/hookbench/captures.outbox.sqlite"_s);
    QCOMPARE(Outbox::pathBeside(u"/tmp/x.db"_s), u"/tmp/x.outbox.sqlite"_s);
    QCOMPARE(Outbox::pathBeside(u"/tmp/store"_s), u"/tmp/store.outbox.sqlite"_s);
    QCOMPARE(Outbox::pathBeside(u":memory:"_s), u":memory:"_s);
}

// ---------------------------------------------------------------------------------------------

void TestForward::zuliprcAsZulipReadsIt()
{
    QTemporaryDir dir;
    QFile f(dir.filePath(u"zuliprc"_s));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("# downloaded from the bot settings\r\n"
            "[other]\r\nkey=not this one\r\n\r\n"
            "[api]\r\n"
            "EMAIL = hook-bot@chat.example.com\r\n"
            "key: 0123456789abcdef0123456789abcdef\r\n"
            "; a comment\r\n"
            "site=https://chat.example.com\r\n");
    f.close();
    QString error;
    const auto account = readZuliprc(f.fileName(), &error);
    QVERIFY2(account, qPrintable(error));
    QCOMPARE(account->email, u"hook-bot@chat.example.com"_s);
    QCOMPARE(account->apiKey, u"0123456789abcdef0123456789abcdef"_s);
    QCOMPARE(account->site, u"https://chat.example.com"_s);
    QVERIFY(account->problem().isEmpty());
    // No site: readable, and the account says what is missing.
    const auto noSite = parseZuliprc("[api]\nemail=a@b\nkey=k\n", &error);
    QVERIFY(noSite);
    QVERIFY(noSite->problem().contains(u"site"_s));
}

void TestForward::zuliprcErrors_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("error");
    QTest::newRow("no api") << QByteArray("[bot]\nemail=a\nkey=b\n") << u"no [api] section"_s;
    QTest::newRow("no key") << QByteArray("[api]\nemail=a@b\nsite=x\n") << u"[api] has no key"_s;
    QTest::newRow("no email") << QByteArray("[api]\nkey=k\n") << u"[api] has no email"_s;
    QTest::newRow("before section") << QByteArray("email=a\n[api]\n") << u"line 1: a setting before any [section]"_s;
    QTest::newRow("bad header") << QByteArray("[api\nemail=a\n") << u"line 1: a section header must end with ']'"_s;
    QTest::newRow("not a setting") << QByteArray("[api]\njust words\n") << u"line 2: expected 'name = value'"_s;
    QTest::newRow("binary") << QByteArray("\x00\x01\x02", 3) << u"line 1: a setting before any [section]"_s;
}

void TestForward::zuliprcErrors()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, error);
    QString why;
    QVERIFY(!parseZuliprc(text, &why));
    QCOMPARE(why, error);
    QVERIFY(!readZuliprc(u"/nonexistent/zuliprc"_s, &why));
    QVERIFY(why.contains(u"cannot read"_s));
}

// ---------------------------------------------------------------------------------------------

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// Runs hookbench while this process's event loop keeps serving the recording server.
Run hookbench(const QStringList &args)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::SeparateChannels);
    p.start(QStringLiteral(HOOKBENCH_BINARY), args);
    if (!p.waitForStarted(10000))
        return {};
    if (!QTest::qWaitFor([&] { return p.state() == QProcess::NotRunning; }, 30000)) {
        p.kill();
        p.waitForFinished();
    }
    return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
}

// A store with one capture of the github integration (a ping, as GitHub sends it).
QString storeWithCapture(const QTemporaryDir &dir, qint64 *id)
{
    const QString path = dir.filePath(u"captures.sqlite"_s);
    CaptureStore store;
    if (!store.open(path))
        return {};
    Capture c = sampleCapture();
    c.body = "{\"zen\": \"Keep it logically awesome.\", \"hook_id\": 1, \"hook\": {\"type\": \"Repository\"},"
             " \"repository\": {\"full_name\": \"o/r\", \"name\": \"r\", \"html_url\": \"https://github.com/o/r\"},"
             " \"sender\": {\"login\": \"o\"}}";
    c.bodySize = c.body.size();
    c.headers.replace(7, {"Content-Length", QByteArray::number(c.body.size())});
    *id = store.append(c).value_or(0);
    return path;
}

} // namespace

void TestForward::replayCommandThroughThePipeline()
{
    QTemporaryDir dir;
    qint64 id = 0;
    const QString db = storeWithCapture(dir, &id);
    QVERIFY(id > 0);
    const Run run = hookbench({u"replay"_s, QString::number(id), u"--db"_s, db});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    // GitHub's ping, in the stream the capture's URL named: exactly what `render` prints.
    QVERIFY2(run.out.startsWith("{\"outcome\":\"message\",\"messages\":[{\"stream\":\"dev ops\""), run.out.constData());
    QVERIFY(run.out.contains("GitHub webhook has been successfully configured by"));
    QCOMPARE(run.out.count('\n'), 1);
    const Run text = hookbench({u"replay"_s, QString::number(id), u"--db"_s, db, u"--format"_s, u"text"_s});
    QCOMPARE(text.exitCode, 0);
    QVERIFY2(text.out.startsWith("dev ops > "), text.out.constData());
}

void TestForward::replayCommandOfAFixture()
{
    // A fixture of ours: its case in cases.json gives the event header, the stream and the topic.
    const QString fixture = QStringLiteral(HOOKBENCH_SOURCE_DIR "/fixtures/gitea/push__3_commits.json");
    Run run = hookbench({u"replay"_s, fixture, u"--case"_s, u"push_three_commits_two_committers"_s});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY2(run.out.startsWith("{\"outcome\":\"message\",\"messages\":[{\"stream\":\"commits\",\"topic\":\"tidewater / feed-v2\""),
             run.out.constData());

    // Sent to a URL, it carries the case's header and the fixture's bytes.
    RecordingServer server;
    QVERIFY(server.listen());
    run = hookbench({u"replay"_s, fixture, u"--to"_s, server.url(u"/hook"_s)});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QFile f(fixture);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const Parsed got = parse(server.requests().value(0));
    QCOMPARE(got.requestLine, QByteArray("POST /hook HTTP/1.1"));
    QCOMPARE(got.header("X-Gitea-Event"), QByteArray("push"));
    QCOMPARE(got.body, f.readAll());
}

void TestForward::replayCommandToUrlAndZulip()
{
    QTemporaryDir dir;
    qint64 id = 0;
    const QString db = storeWithCapture(dir, &id);
    RecordingServer server;
    QVERIFY(server.listen());
    Run run = hookbench({u"replay"_s, QString::number(id), u"--db"_s, db, u"--to"_s, server.url(u"/copy?x=1"_s)});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QCOMPARE(server.requests().size(), 1);
    CaptureStore store;
    QVERIFY(store.open(db));
    const Capture stored = *store.byId(id);
    const Parsed got = parse(server.requests().first());
    QCOMPARE(got.requestLine, QByteArray("POST /copy?x=1 HTTP/1.1"));
    QCOMPARE(got.body, stored.body);
    QCOMPARE(got.header("X-GitHub-Event"), QByteArray("ping"));
    QVERIFY(run.out.contains("\"status\":200"));

    // To Zulip, through a zuliprc, into the stream and topic given.
    QFile rc(dir.filePath(u"zuliprc"_s));
    QVERIFY(rc.open(QIODevice::WriteOnly));
    rc.write("[api]\nemail=bot@x.org\nkey=secret\nsite=" + server.url().toUtf8() + "\n");
    rc.close();
    server.script({RecordingServer::response(200, "OK", "{\"result\":\"success\",\"msg\":\"\",\"id\":77}")});
    run = hookbench({u"replay"_s, QString::number(id), u"--db"_s, db, u"--zuliprc"_s, rc.fileName(), u"--stream"_s,
                     u"hooks"_s, u"--topic"_s, u"replayed"_s});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QCOMPARE(server.requests().size(), 2);
    const Parsed posted = parse(server.requests().at(1));
    QCOMPARE(posted.requestLine, QByteArray("POST /api/v1/messages HTTP/1.1"));
    QCOMPARE(posted.header("Authorization"), basic(u"bot@x.org"_s, u"secret"_s));
    QCOMPARE(formValue(posted.body, u"to"_s), u"hooks"_s);
    QCOMPARE(formValue(posted.body, u"topic"_s), u"replayed"_s);
    QVERIFY(run.out.contains("\"id\":77"));
}

void TestForward::replayCommandErrors()
{
    QTemporaryDir dir;
    qint64 id = 0;
    const QString db = storeWithCapture(dir, &id);
    Run run = hookbench({u"replay"_s});
    QCOMPARE(run.exitCode, 2);
    run = hookbench({u"replay"_s, u"999"_s, u"--db"_s, db});
    QCOMPARE(run.exitCode, 1);
    QVERIFY(run.err.contains("no capture 999"));
    run = hookbench({u"replay"_s, QString::number(id), u"--db"_s, db, u"--to"_s, u"ftp://x/"_s});
    QCOMPARE(run.exitCode, 2);
    run = hookbench({u"replay"_s, QString::number(id), u"--db"_s, db, u"--to"_s, u"http://x/"_s, u"--zulip-site"_s,
                     u"y"_s});
    QCOMPARE(run.exitCode, 2);
    run = hookbench({u"replay"_s, QString::number(id), u"--db"_s, db, u"--zulip-site"_s, u"http://127.0.0.1:1"_s});
    QCOMPARE(run.exitCode, 2); // no e-mail, no key
    QVERIFY(run.err.contains("e-mail"));
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const quint16 port = probe.serverPort();
    probe.close();
    run = hookbench({u"replay"_s, QString::number(id), u"--db"_s, db, u"--to"_s, u"http://127.0.0.1:%1/"_s.arg(port)});
    QCOMPARE(run.exitCode, 1);
    QVERIFY(!run.err.isEmpty());
}

namespace {

// Starts `hookbench listen` with `args` and returns its port (0 on failure).
quint16 startListen(QProcess &listen, const QStringList &args, QByteArray *err)
{
    listen.start(QStringLiteral(HOOKBENCH_BINARY), QStringList{u"listen"_s, u"--port"_s, u"0"_s} + args);
    if (!listen.waitForStarted() || !QTest::qWaitFor([&] {
            *err += listen.readAllStandardError();
            return err->contains("listening on");
        }, 10000))
        return 0;
    const QByteArray mark = "listening on http://127.0.0.1:";
    const qsizetype at = err->indexOf(mark);
    return quint16(err->mid(at + mark.size()).split(' ').first().split('\n').first().toUInt());
}

bool stopListen(QProcess &listen, QByteArray *err)
{
    listen.terminate();
    const bool stopped = QTest::qWaitFor([&] { return listen.state() == QProcess::NotRunning; }, 10000);
    *err += listen.readAllStandardError();
    return stopped && listen.exitCode() == 0;
}

} // namespace

void TestForward::listenForwardsEveryRequest()
{
    QTemporaryDir dir;
    RecordingServer server;
    QVERIFY(server.listen());
    QProcess listen;
    QByteArray err;
    const quint16 port = startListen(listen, {u"--db"_s, dir.filePath(u"c.sqlite"_s), u"--forward-to"_s, server.url(u"/mirror"_s)},
                                     &err);
    QVERIFY(port > 0);
    for (int i = 1; i <= 2; ++i) {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(socket.waitForConnected(5000));
        const QByteArray body = "{\"n\": " + QByteArray::number(i) + "}";
        socket.write("POST /api/v1/external/nothing?x=" + QByteArray::number(i) + " HTTP/1.1\r\nHost: here\r\n"
                     "X-Mark: m" + QByteArray::number(i) + "\r\nContent-Length: " + QByteArray::number(body.size())
                     + "\r\n\r\n" + body);
        QVERIFY(QTest::qWaitFor([&] { return socket.bytesAvailable() > 0; }, 5000));
    }
    QVERIFY(QTest::qWaitFor([&] { return server.requests().size() == 2; }, 10000));
    for (int i = 1; i <= 2; ++i) {
        const Parsed got = parse(server.requests().at(i - 1));
        QCOMPARE(got.requestLine, QByteArray("POST /mirror HTTP/1.1"));
        QCOMPARE(got.header("X-Mark"), "m" + QByteArray::number(i));
        QCOMPARE(got.body, "{\"n\": " + QByteArray::number(i) + "}");
    }
    QVERIFY2(stopListen(listen, &err), err.constData());
    Outbox outbox;
    QVERIFY(outbox.open(dir.filePath(u"c.outbox.sqlite"_s)));
    QCOMPARE(outbox.pendingCount(), 0);
}

void TestForward::listenPostsMessagesToZulip()
{
    QTemporaryDir dir;
    RecordingServer zulip;
    QVERIFY(zulip.listen());
    zulip.script({RecordingServer::response(200, "OK", "{\"result\":\"success\",\"msg\":\"\",\"id\":5}")});
    QProcess listen;
    QByteArray err;
    const quint16 port = startListen(listen, {u"--db"_s, dir.filePath(u"c.sqlite"_s), u"--zulip-site"_s, zulip.url(),
                                              u"--zulip-email"_s, u"bot@x.org"_s, u"--zulip-api-key"_s, u"kk"_s,
                                              u"--topic"_s, u"from listen"_s}, &err);
    QVERIFY(port > 0);
    QFile f(QStringLiteral(HOOKBENCH_SOURCE_DIR "/fixtures/gitea/push__3_commits.json"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray body = f.readAll();
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(socket.waitForConnected(5000));
    socket.write("POST /api/v1/external/gitea?api_key=x&stream=commits HTTP/1.1\r\nHost: here\r\nX-Gitea-Event: push\r\n"
                 "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    QVERIFY(QTest::qWaitFor([&] { return zulip.requests().size() == 1; }, 10000));
    const Parsed got = parse(zulip.requests().first());
    QCOMPARE(got.requestLine, QByteArray("POST /api/v1/messages HTTP/1.1"));
    QCOMPARE(got.header("Authorization"), basic(u"bot@x.org"_s, u"kk"_s));
    QCOMPARE(formValue(got.body, u"to"_s), u"commits"_s);
    QCOMPARE(formValue(got.body, u"topic"_s), u"from listen"_s);
    QVERIFY(formValue(got.body, u"content"_s).contains(u"3 commits"_s));
    QVERIFY(stopListen(listen, &err));
    QVERIFY2(err.contains("capture 1 delivered to Zulip at"), err.constData());
    QVERIFY(!err.contains("kk")); // the key is never printed
}


void TestForward::listenKeepsRefusedItemsForRetryFailed()
{
    QTemporaryDir dir;
    RecordingServer target;
    QVERIFY(target.listen());
    target.script({RecordingServer::response(403, "Forbidden", "{}")});
    const QStringList args{u"--db"_s, dir.filePath(u"c.sqlite"_s), u"--forward-to"_s, target.url(u"/in"_s)};
    QByteArray err;
    {
        QProcess listen;
        const quint16 port = startListen(listen, args, &err);
        QVERIFY(port > 0);
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(socket.waitForConnected(5000));
        socket.write("PUT /anything HTTP/1.1\r\nHost: h\r\nContent-Length: 4\r\n\r\nkeep");
        QVERIFY(QTest::qWaitFor([&] {
            err += listen.readAllStandardError();
            return err.contains("refused by");
        }, 10000));
        QVERIFY(stopListen(listen, &err));
    }
    QCOMPARE(target.requests().size(), 1);
    QVERIFY2(err.contains("capture 1 refused by") && err.contains("HTTP 403 Forbidden"), err.constData());
    {
        Outbox outbox;
        QVERIFY(outbox.open(dir.filePath(u"c.outbox.sqlite"_s)));
        QCOMPARE(outbox.failedCount(), 1);
    }

    // Started again without --retry-failed: said, not sent. With it: sent once, then gone.
    target.script({RecordingServer::response(201, "Created", "{}")});
    err.clear();
    {
        QProcess listen;
        QVERIFY(startListen(listen, args, &err) > 0);
        QVERIFY(err.contains("were refused before and stay in the outbox"));
        QVERIFY(stopListen(listen, &err));
    }
    QCOMPARE(target.requests().size(), 1);
    {
        QProcess listen;
        QVERIFY(startListen(listen, args + QStringList{u"--retry-failed"_s}, &err) > 0);
        QVERIFY(QTest::qWaitFor([&] { return target.requests().size() == 2; }, 10000));
        QVERIFY(QTest::qWaitFor([&] {
            err += listen.readAllStandardError();
            return err.contains("capture 1 delivered");
        }, 10000));
        QVERIFY(stopListen(listen, &err));
    }
    QCOMPARE(parse(target.requests().at(1)).requestLine, QByteArray("PUT /in HTTP/1.1"));
    QCOMPARE(parse(target.requests().at(1)).body, QByteArray("keep"));
    QCOMPARE(target.requests().at(0), target.requests().at(1));
    Outbox outbox;
    QVERIFY(outbox.open(dir.filePath(u"c.outbox.sqlite"_s)));
    QCOMPARE(outbox.failedCount(), 0);
    QCOMPARE(outbox.pendingCount(), 0);
}

QTEST_GUILESS_MAIN(TestForward)
#include "tst_forward.moc"
