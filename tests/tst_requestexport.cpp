// SPDX-License-Identifier: MIT
// Exports of a request (app/core/requestexport.h): the curl command run by a real shell and curl
// against a real listener, HAR 1.2 out and back in, the message view as a page, fixtures as
// requests, and `hookbench export curl|har|html` as a process.
#include "capturereplay.h"
#include "capturestore.h"
#include "casefile.h"
#include "json.h"
#include "listener.h"
#include "registry.h"
#include "requestexport.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace hb;
using namespace Qt::StringLiterals;

namespace {

// "echo": a message whose topic is payload.title and whose content is payload.text.
Outcome echoHandler(const WebhookContext &ctx)
{
    return Message{.topic = ctx.payload()["title"].string(), .content = ctx.payload()["text"].string()};
}

const Registry &testRegistry()
{
    static const Registry r(QList<IntegrationEntry>{
        {.name = u"echo"_s, .displayName = u"Echo"_s, .categories = {u"misc"_s}, .handler = echoHandler},
    });
    return r;
}

Capture makeRequest(const QByteArray &method, const QByteArray &target, const HeaderList &headers, const QByteArray &body)
{
    Capture c;
    c.method = method;
    c.target = target;
    const qsizetype q = target.indexOf('?');
    c.path = QString::fromUtf8(q < 0 ? target : target.first(q));
    c.query = q < 0 ? QByteArray() : target.sliced(q + 1);
    c.headers = headers;
    c.body = body;
    c.bodySize = body.size();
    c.receivedAt = QDateTime::fromMSecsSinceEpoch(1795000000123, Qt::UTC);
    return c;
}

// The headers a resend must keep: all but those curl and the connection make.
HeaderList headersThatMatter(const HeaderList &headers)
{
    static const QByteArrayList transport{"host", "content-length", "transfer-encoding", "connection", "keep-alive",
                                          "te", "trailer", "upgrade", "proxy-connection", "expect"};
    HeaderList out;
    for (const auto &h : headers) {
        if (!transport.contains(h.first.toLower()))
            out.append(h);
    }
    return out;
}

QString headerText(const HeaderList &headers)
{
    QString text;
    for (const auto &[k, v] : headers)
        text += QString::fromLatin1(k + ": " + v.toPercentEncoding(" :;/,=*\"'{}[]()@!?&+") + '\n');
    return text;
}

bool haveCurl()
{
    return !QStandardPaths::findExecutable(u"curl"_s).isEmpty() && !QStandardPaths::findExecutable(u"sh"_s).isEmpty();
}

// A listener on a free loopback port with its own store, in this thread.
struct Bench
{
    explicit Bench(const Registry &registry, std::optional<QDateTime> now = std::nullopt)
    {
        storeOk = store.open(dir.filePath(u"captures.sqlite"_s));
        ListenerConfig config;
        config.port = 0;
        config.now = now;
        listener = std::make_unique<Listener>(registry, store, config);
        started = listener->start();
    }
    QTemporaryDir dir;
    CaptureStore store;
    bool storeOk = false;
    std::unique_ptr<Listener> listener;
    bool started = false;
};

// Runs `sh -c command` in `workDir` while this thread's event loop serves the listener.
struct ShellRun
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

ShellRun runShell(const QString &command, const QString &workDir)
{
    QProcess sh;
    sh.setWorkingDirectory(workDir);
    sh.start(u"sh"_s, {u"-c"_s, command});
    ShellRun r;
    if (!sh.waitForStarted(5000))
        return r;
    if (!QTest::qWaitFor([&] { return sh.state() == QProcess::NotRunning; }, 15000)) {
        sh.kill();
        sh.waitForFinished(2000);
        return r;
    }
    r.exitCode = sh.exitStatus() == QProcess::NormalExit ? sh.exitCode() : -1;
    r.out = sh.readAllStandardOutput();
    r.err = sh.readAllStandardError();
    return r;
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

const JsonValue *at(const JsonValue *v, QStringView key)
{
    return v ? v->find(key) : nullptr;
}

// Runs the hookbench executable; returns the exit code (-1 if it did not finish).
int runHookbench(const QString &workDir, const QStringList &args, QByteArray *out = nullptr, QByteArray *err = nullptr)
{
    QProcess p;
    p.setWorkingDirectory(workDir); // body files land there
    p.start(QString::fromUtf8(HOOKBENCH_BINARY), args);
    if (!p.waitForFinished(20000))
        return -1;
    if (out)
        *out = p.readAllStandardOutput();
    if (err)
        *err = p.readAllStandardError();
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

} // namespace

class TestRequestExport : public QObject
{
    Q_OBJECT

private:
    // Sends `original` with its curl command and checks what the listener captured.
    void curlRoundTrip(const Capture &original)
    {
        if (!haveCurl())
            QSKIP("curl or sh is not installed (Debian: apt-get install curl)");
        Bench b(testRegistry());
        QVERIFY(b.storeOk);
        QVERIFY2(b.started, qPrintable(b.listener->errorString()));
        QSignalSpy stored(b.listener.get(), &Listener::captureStored);

        CurlOptions options;
        options.baseUrl = b.listener->url();
        options.bodyFile = u"request.body"_s;
        const CurlCommand command = curlCommand(original, options);
        if (command.bodyFileBytes)
            QVERIFY(writeFile(b.dir.filePath(options.bodyFile), *command.bodyFileBytes));
        const ShellRun run = runShell(command.command, b.dir.path());
        QVERIFY2(run.exitCode == 0, qPrintable(command.command + u"\nstderr: "_s + QString::fromUtf8(run.err)));
        QTRY_COMPARE(stored.size(), 1);

        const auto got = b.store.byId(stored.first().at(0).toLongLong());
        QVERIFY(got);
        QCOMPARE(got->method, original.method);
        QCOMPARE(got->target, original.target);
        QCOMPARE(got->path, original.path);
        QCOMPARE(got->query, original.query);
        QCOMPARE(headerText(headersThatMatter(got->headers)), headerText(headersThatMatter(original.headers)));
        QCOMPARE(got->body, original.body);
        const Outcome expected = Dispatcher(testRegistry()).dispatch(requestFromCapture(original));
        QCOMPARE(got->outcomeJson, expected.toJson());
        QCOMPARE(got->httpStatus, expected.httpStatus());
        if (original.method != "HEAD")
            QCOMPARE(run.out, expected.httpBody()); // curl prints the answer
    }

private slots:
    // ---- curl: the command, read

    void curlLeavesOutWhatCurlAddsAndKeepsTheRest()
    {
        const Capture c = makeRequest("POST", "/api/v1/external/echo?stream=ops",
                                      {{"Host", "example.org:8080"}, {"Content-Type", "application/json"},
                                       {"Content-Length", "2"}, {"Connection", "keep-alive"}, {"X-Event", "push"}},
                                      "{}");
        const CurlCommand cmd = curlCommand(c);
        QVERIFY2(cmd.command.startsWith(u"curl 'http://example.org:8080/api/v1/external/echo?stream=ops'"_s), qPrintable(cmd.command));
        QVERIFY(!cmd.command.contains(u"-X"_s));              // curl posts a body by itself
        QVERIFY(!cmd.command.contains(u"Host"_s));
        QVERIFY(!cmd.command.contains(u"Content-Length"_s));
        QVERIFY(!cmd.command.contains(u"keep-alive"_s));
        QVERIFY(cmd.command.contains(u"-H 'Content-Type: application/json'"_s));
        QVERIFY(cmd.command.contains(u"-H 'X-Event: push'"_s));
        QVERIFY(cmd.command.contains(u"-H 'Accept:'"_s));       // curl's defaults switched off
        QVERIFY(cmd.command.contains(u"-H 'User-Agent:'"_s));
        QVERIFY(cmd.command.contains(u"-H 'Expect:'"_s));
        QVERIFY(cmd.command.contains(u"--data-binary '{}'"_s));
        QVERIFY(!cmd.bodyFileBytes);
        QVERIFY(cmd.command.endsWith(u"\n"_s));

        const CurlCommand rebased = curlCommand(c, {.baseUrl = u"http://127.0.0.1:1234/"_s});
        QVERIFY(rebased.command.startsWith(u"curl 'http://127.0.0.1:1234/api/v1/external/echo?stream=ops'"_s));
    }

    void curlMethods()
    {
        const auto cmd = [](const QByteArray &method, const QByteArray &body, const HeaderList &headers = {}) {
            return curlCommand(makeRequest(method, "/x", headers, body)).command;
        };
        QVERIFY(!cmd("GET", {}).contains(u"-X"_s));
        QVERIFY(cmd("HEAD", {}).contains(u"--head"_s));
        QVERIFY(!cmd("HEAD", {}).contains(u"-X"_s));
        QVERIFY(cmd("DELETE", {}).contains(u"-X DELETE"_s));
        QVERIFY(cmd("POST", {}).contains(u"-X POST"_s));                   // no body: curl would GET
        QVERIFY(!cmd("POST", {}).contains(u"--data-binary"_s));
        QVERIFY(!cmd("POST", {}, {{"Content-Length", "0"}}).contains(u"-X"_s)); // an empty body is still a body
        QVERIFY(cmd("POST", {}, {{"Content-Length", "0"}}).contains(u"--data-binary ''"_s));
        QVERIFY(cmd("PUT", "a").contains(u"-X PUT"_s));
        QVERIFY(cmd("GET", "a").contains(u"-X GET"_s));
    }

    void curlBodyInlineOrFromFile()
    {
        const auto body = [](const QByteArray &bytes, qsizetype maxInline = 4096) {
            return curlCommand(makeRequest("POST", "/x", {}, bytes), {.bodyFile = u"out/b.bin"_s, .maxInlineBody = maxInline});
        };
        QVERIFY(!body("{\"a\": \"it's\"}\n").bodyFileBytes);
        QVERIFY(body("{\"a\": \"it's\"}\n").command.contains(u"--data-binary '{\"a\": \"it'\\''s\"}\n'"_s));
        for (const QByteArray &bytes : {QByteArray("\xff\xfe", 2), QByteArray("a\0b", 3), QByteArray("@/etc/passwd"),
                                        QByteArray("\x1b[0m"), QByteArray(5000, 'x')}) {
            const CurlCommand c = body(bytes);
            QVERIFY2(c.bodyFileBytes, bytes.constData());
            QCOMPARE(*c.bodyFileBytes, bytes);
            QVERIFY(c.command.contains(u"--data-binary @out/b.bin"_s));
        }
        QVERIFY(body("abc", 2).bodyFileBytes);
    }

    // Every byte but NUL survives the shell: what sh hands printf is what we quoted.
    void shellQuoteSurvivesAnyByte_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QByteArray all;
        for (int c = 1; c < 256; ++c)
            all += char(c);
        QTest::newRow("every byte") << all;
        QTest::newRow("quotes") << QByteArray("it's \"quoted\" $HOME `id` \\n");
        QTest::newRow("utf-8") << QByteArray("caf\xc3\xa9 \xe2\x9c\x93");
        QTest::newRow("latin-1") << QByteArray("caf\xe9");
        QTest::newRow("newlines") << QByteArray("a\nb\r\nc");
        QTest::newRow("safe") << QByteArray("a-b_c.d/e:f=g");
        QTest::newRow("empty") << QByteArray();
    }
    void shellQuoteSurvivesAnyByte()
    {
        QFETCH(QByteArray, bytes);
        const QString quoted = shellQuote(bytes);
        const ShellRun r = runShell(u"printf '%s' "_s + quoted, QDir::tempPath());
        QCOMPARE(r.exitCode, 0);
        QByteArray expected = bytes;
        if (quoted.startsWith(u"\"$(printf"_s)) // command substitution drops trailing newlines
            while (expected.endsWith('\n'))
                expected.chop(1);
        QCOMPARE(r.out, expected);
    }

    // ---- curl: the command, run against a real listener

    void curlRoundTrip_data()
    {
        QTest::addColumn<Capture>("original");
        const QByteArray json = "{\"title\": \"it's \\\"quoted\\\"\", \"text\": \"line 1\\nline 2 caf\xc3\xa9 $HOME `id`\"}\n";
        QTest::newRow("json with quotes and newlines")
            << makeRequest("POST", "/api/v1/external/echo?api_key=k&stream=ops&topic=a%20b+c",
                           {{"Content-Type", "application/json"}, {"X-Quote", "it's \"x\""}, {"User-Agent", "Sender/1.0"}},
                           json);
        QTest::newRow("binary body") << makeRequest("POST", "/api/v1/external/echo",
                                                    {{"Content-Type", "application/octet-stream"}},
                                                    QByteArray("\x00\xff\xfe'\"\n\r\x01@", 10));
        QTest::newRow("body starting with @") << makeRequest("POST", "/api/v1/external/echo", {{"Content-Type", "text/plain"}},
                                                             "@/etc/hostname");
        QTest::newRow("empty body") << makeRequest("POST", "/api/v1/external/echo?stream=s",
                                                   {{"Content-Type", "application/json"}, {"Content-Length", "0"}}, {});
        QTest::newRow("no content type") << makeRequest("POST", "/api/v1/external/echo", {}, "{\"title\":\"t\",\"text\":\"x\"}");
        QTest::newRow("HEAD") << makeRequest("HEAD", "/api/v1/external/echo?stream=s", {{"Accept", "*/*"}}, {});
        QTest::newRow("GET with odd query") << makeRequest("GET", "/elsewhere/a?x=[1]&y={2}&z=%27%22&w='q'&e=",
                                                           {{"X-Empty", ""}, {"X-Dup", "1"}, {"X-Dup", "2"}}, {});
        QTest::newRow("non-UTF-8 header") << makeRequest("POST", "/api/v1/external/echo",
                                                         {{"Content-Type", "application/json"}, {"X-Latin", "caf\xe9"}},
                                                         "{\"title\":\"t\",\"text\":\"x\"}");
        QTest::newRow("PUT form") << makeRequest("PUT", "/api/v1/external/echo?stream=s",
                                                 {{"Content-Type", "application/x-www-form-urlencoded"}},
                                                 "payload=%7B%22a%22%3A1%7D&x=a+b");
        QTest::newRow("long text body") << makeRequest("POST", "/api/v1/external/echo", {{"Content-Type", "application/json"}},
                                                       "{\"title\":\"t\",\"text\":\"" + QByteArray(20000, 'y') + "\"}");
    }
    void curlRoundTrip()
    {
        QFETCH(Capture, original);
        curlRoundTrip(original);
    }

    // A fixture sent as its case sends it: the listener, with the case's clock, gives the case's outcome.
    void curlRoundTripOfAFixture()
    {
        if (!haveCurl())
            QSKIP("curl or sh is not installed (Debian: apt-get install curl)");
        const QString fixture = QStringLiteral(HOOKBENCH_SOURCE_DIR "/fixtures/gitea/push__3_commits.json");
        QString error;
        const auto c = captureFromFixture(builtinRegistry(), fixture, u"gitea"_s, {}, &error);
        QVERIFY2(c, qPrintable(error));
        QCOMPARE(c->outcomeKind, Outcome::Kind::Message);
        QVERIFY(headerText(c->headers).contains(u"X-Gitea-Event: push"_s));

        // The same outcome as the case runner's.
        const auto suite = loadCaseSuite(QStringLiteral(HOOKBENCH_SOURCE_DIR "/fixtures/gitea/cases.json"), &error);
        QVERIFY(suite);
        const auto it = std::find_if(suite->cases.begin(), suite->cases.end(),
                                     [](const TestCase &t) { return t.fixture == u"push__3_commits.json"; });
        QVERIFY(it != suite->cases.end());
        const CaseResult run = runCase(builtinRegistry(), *suite, *it);
        QVERIFY(run.actual);
        QCOMPARE(c->outcomeJson, run.actual->toJson());

        Bench b(builtinRegistry(), c->receivedAt);
        QVERIFY2(b.started, qPrintable(b.listener->errorString()));
        QSignalSpy stored(b.listener.get(), &Listener::captureStored);
        const CurlCommand command = curlCommand(*c, {.baseUrl = b.listener->url(), .bodyFile = u"b.json"_s});
        if (command.bodyFileBytes)
            QVERIFY(writeFile(b.dir.filePath(u"b.json"_s), *command.bodyFileBytes));
        const ShellRun r = runShell(command.command, b.dir.path());
        QCOMPARE(r.exitCode, 0);
        QTRY_COMPARE(stored.size(), 1);
        const auto got = b.store.byId(stored.first().at(0).toLongLong());
        QVERIFY(got);
        QCOMPARE(got->body, c->body);
        QCOMPARE(got->target, c->target);
        QCOMPARE(got->outcomeJson, c->outcomeJson);
    }

    void fixtureErrors()
    {
        QString error;
        const QString fixture = QStringLiteral(HOOKBENCH_SOURCE_DIR "/fixtures/gitea/push__3_commits.json");
        QVERIFY(!captureFromFixture(builtinRegistry(), fixture, u"no_such_integration"_s, {}, &error));
        QVERIFY(error.contains(u"no_such_integration"_s));
        QVERIFY(!captureFromFixture(builtinRegistry(), fixture, u"gitea"_s, u"no such case"_s, &error));
        QVERIFY(error.contains(u"no such case"_s));
        QVERIFY(!captureFromFixture(builtinRegistry(), fixture + u".missing"_s, u"gitea"_s, {}, &error));

        // A fixture without a case: POSTed as JSON to the endpoint.
        QTemporaryDir dir;
        const QString loose = dir.filePath(u"loose.json"_s);
        QVERIFY(writeFile(loose, "{\"title\":\"a\",\"text\":\"b\"}"));
        const auto c = captureFromFixture(testRegistry(), loose, u"echo"_s, {}, &error);
        QVERIFY2(c, qPrintable(error));
        QCOMPARE(c->method, "POST");
        QCOMPARE(c->path, u"/api/v1/external/echo"_s);
        QCOMPARE(c->outcomeKind, Outcome::Kind::Message);
        QVERIFY(c->outcomeJson.contains("\"topic\":\"a\""));
    }

    // ---- HAR

    void harStructureAndRoundTrip()
    {
        QList<Capture> captures;
        Capture json = makeRequest("POST", "/api/v1/external/echo?api_key=k&stream=ops&topic=a%20b",
                                   {{"Host", "hooks.example:9991"}, {"Content-Type", "application/json"},
                                    {"Cookie", "a=1; b=two"}, {"X-Latin", "caf\xe9"}},
                                   "{\"title\":\"t\",\"text\":\"caf\xc3\xa9\"}");
        json.id = 7;
        json.durationUs = 1500;
        json.remoteAddress = u"127.0.0.1"_s;
        json.remotePort = 40000;
        captures.append(json);
        captures.append(makeRequest("POST", "/api/v1/external/echo", {{"Content-Type", "application/octet-stream"}},
                                    QByteArray("\x00\xff\x10", 3)));
        captures.append(makeRequest("POST", "/api/v1/external/echo?x=1",
                                    {{"Content-Type", "application/x-www-form-urlencoded"}}, "payload=%7B%7D&a=b+c"));
        captures.append(makeRequest("HEAD", "/elsewhere", {}, {}));
        for (qsizetype i = 0; i < captures.size(); ++i) {
            Capture &c = captures[i];
            if (i > 0)
                c.id = 10 + i;
            c.integration = Dispatcher::integrationName(c.path).value_or(QString());
            const Outcome o = Dispatcher(testRegistry()).dispatch(requestFromCapture(c));
            c.outcomeKind = o.kind();
            c.outcomeJson = o.toJson();
            c.httpStatus = o.httpStatus();
            c.responseBody = c.method == "HEAD" ? QByteArray() : o.httpBody();
        }

        const QByteArray har = exportHar(captures, {.creatorVersion = u"9.9"_s});
        const auto root = parseJson(har);
        QVERIFY(root);
        const JsonValue *log = at(&*root, u"log");
        QVERIFY(log && log->isObject());
        QCOMPARE(at(log, u"version")->toString(), u"1.2"_s);
        QCOMPARE(at(at(log, u"creator"), u"name")->toString(), u"Hookbench"_s);
        QCOMPARE(at(at(log, u"creator"), u"version")->toString(), u"9.9"_s);
        const JsonValue *entries = at(log, u"entries");
        QVERIFY(entries && entries->isArray());
        QCOMPARE(qsizetype(entries->items().size()), captures.size());
        for (size_t i = 0; i < entries->items().size(); ++i) {
            const JsonValue &e = entries->items()[i];
            const Capture &c = captures[qsizetype(i)];
            QVERIFY(QDateTime::fromString(at(&e, u"startedDateTime")->toString(), Qt::ISODateWithMs).isValid());
            QCOMPARE(at(&e, u"startedDateTime")->toString(), u"2026-11-18T11:06:40.123Z"_s);
            QVERIFY(at(&e, u"time")->isNumber());
            const JsonValue *req = at(&e, u"request");
            QCOMPARE(at(req, u"method")->toString(), QString::fromLatin1(c.method));
            QVERIFY(at(req, u"url")->toString().startsWith(u"http://"_s));
            QVERIFY(at(req, u"url")->toString().endsWith(QString::fromUtf8(c.target)));
            QCOMPARE(at(req, u"httpVersion")->toString(), u"HTTP/1.1"_s);
            QVERIFY(at(req, u"cookies")->isArray());
            QCOMPARE(qsizetype(at(req, u"headers")->items().size()), c.headers.size());
            for (const JsonValue &h : at(req, u"headers")->items()) {
                QVERIFY(at(&h, u"name")->isString());
                QVERIFY(at(&h, u"value")->isString());
            }
            QVERIFY(at(req, u"queryString")->isArray());
            QVERIFY(at(req, u"headersSize")->isNumber());
            QCOMPARE(at(req, u"bodySize")->toInteger(), c.body.size());
            const JsonValue *post = at(req, u"postData");
            QCOMPARE(post != nullptr, c.method != "HEAD");
            if (post) {
                QVERIFY(at(post, u"mimeType")->isString());
                QVERIFY(at(post, u"text")->isString());
            }
            const JsonValue *resp = at(&e, u"response");
            QCOMPARE(at(resp, u"status")->toInteger(), c.httpStatus);
            QVERIFY(at(resp, u"statusText")->isString());
            QCOMPARE(at(resp, u"httpVersion")->toString(), u"HTTP/1.1"_s);
            QVERIFY(at(resp, u"cookies")->isArray());
            QVERIFY(at(resp, u"headers")->isArray());
            QCOMPARE(at(at(resp, u"content"), u"size")->toInteger(), c.responseBody.size());
            QVERIFY(at(at(resp, u"content"), u"mimeType")->isString());
            QCOMPARE(at(at(resp, u"content"), u"text")->toString(), QString::fromUtf8(c.responseBody));
            QVERIFY(at(resp, u"redirectURL")->isString());
            QVERIFY(at(resp, u"headersSize")->isNumber());
            QCOMPARE(at(resp, u"bodySize")->toInteger(), c.responseBody.size());
            QVERIFY(at(&e, u"cache")->isObject());
            const JsonValue *t = at(&e, u"timings");
            for (const auto key : {u"send", u"wait", u"receive"})
                QVERIFY(at(t, key)->toDouble() >= 0);
            QCOMPARE(at(t, u"send")->toDouble() + at(t, u"wait")->toDouble() + at(t, u"receive")->toDouble(),
                     at(&e, u"time")->toDouble());
        }
        // Details of the first entries.
        const JsonValue &first = entries->items()[0];
        QCOMPARE(at(at(&first, u"request"), u"url")->toString(),
                 u"http://hooks.example:9991/api/v1/external/echo?api_key=k&stream=ops&topic=a%20b"_s);
        const JsonValue *query = at(at(&first, u"request"), u"queryString");
        QCOMPARE(query->items().size(), size_t(3));
        QCOMPARE(at(&query->items()[2], u"value")->toString(), u"a b"_s);
        const JsonValue *cookies = at(at(&first, u"request"), u"cookies");
        QCOMPARE(cookies->items().size(), size_t(2));
        QCOMPARE(at(&cookies->items()[1], u"value")->toString(), u"two"_s);
        QCOMPARE(at(&first, u"time")->toDouble(), 1.5);
        const JsonValue *binaryPost = at(at(&entries->items()[1], u"request"), u"postData");
        QCOMPARE(at(binaryPost, u"encoding")->toString(), u"base64"_s);
        const JsonValue *formPost = at(at(&entries->items()[2], u"request"), u"postData");
        QCOMPARE(at(formPost, u"text")->toString(), u"payload=%7B%7D&a=b+c"_s);
        QCOMPARE(at(&at(formPost, u"params")->items()[1], u"value")->toString(), u"b c"_s);

        // And back.
        QString error;
        const auto back = importHar(har, &error);
        QVERIFY2(back, qPrintable(error));
        QVERIFY(error.isEmpty());
        QCOMPARE(back->size(), captures.size());
        for (qsizetype i = 0; i < captures.size(); ++i) {
            const Capture &a = captures[i], &b = back->at(i);
            QCOMPARE(b.id, a.id);
            QCOMPARE(b.method, a.method);
            QCOMPARE(b.target, a.target);
            QCOMPARE(b.path, a.path);
            QCOMPARE(b.query, a.query);
            QCOMPARE(headerText(b.headers), headerText(a.headers));
            QCOMPARE(b.body, a.body);
            QCOMPARE(b.receivedAt, a.receivedAt);
            QCOMPARE(b.durationUs, a.durationUs);
            QCOMPARE(b.integration, a.integration);
            QCOMPARE(b.httpStatus, a.httpStatus);
            QCOMPARE(b.responseBody, a.responseBody);
            QCOMPARE(b.outcomeKind, a.outcomeKind);
            const auto oa = outcomeFromJson(a.outcomeJson), ob = outcomeFromJson(b.outcomeJson);
            QVERIFY(oa && ob);
            QVERIFY(sameOutcome(*oa, *ob));
            // The imported request dispatches to the same outcome.
            QVERIFY(sameOutcome(Dispatcher(testRegistry()).dispatch(requestFromCapture(b)), *oa));
        }
        QCOMPARE(back->at(0).remotePort, quint16(40000));
    }

    void harImportOfOtherProducers()
    {
        const QByteArray foreign = "{\"log\":{\"version\":\"1.2\",\"creator\":{\"name\":\"x\",\"version\":\"1\"},\"entries\":["
                                   "{\"startedDateTime\":\"2026-01-02T03:04:05.678+01:00\",\"time\":2,"
                                   "\"request\":{\"method\":\"POST\",\"url\":\"https://h.example/api/v1/external/echo?a=1#frag\","
                                   "\"headers\":[{\"name\":\"Content-Type\",\"value\":\"application/x-www-form-urlencoded\"}],"
                                   "\"postData\":{\"mimeType\":\"application/x-www-form-urlencoded\","
                                   "\"params\":[{\"name\":\"k\",\"value\":\"a b&c\"}]}},"
                                   "\"response\":{\"status\":204,\"content\":{\"size\":0,\"text\":\"\"}}},"
                                   "{\"request\":{\"url\":\"http://x\"}},"
                                   "{\"startedDateTime\":\"2026-01-02T03:04:05Z\",\"request\":{\"method\":\"GET\",\"url\":\"http://h.example\"}}"
                                   "]}}";
        QString error;
        const auto captures = importHar(foreign, &error);
        QVERIFY(captures);
        QCOMPARE(captures->size(), 2);
        QVERIFY2(error.contains(u"entry 1"_s), qPrintable(error)); // no method: reported, left out
        const Capture &c = captures->at(0);
        QCOMPARE(c.target, "/api/v1/external/echo?a=1");
        QCOMPARE(c.integration, u"echo"_s);
        QCOMPARE(c.body, toUrlEncoded({{u"k"_s, u"a b&c"_s}}));
        QCOMPARE(c.receivedAt, QDateTime::fromString(u"2026-01-02T02:04:05.678Z"_s, Qt::ISODateWithMs));
        QCOMPARE(c.httpStatus, 204);
        QCOMPARE(c.durationUs, 2000);
        QCOMPARE(captures->at(1).target, "/");

        QVERIFY(!importHar("{\"log\":{}}", &error));
        QVERIFY(error.contains(u"entries"_s));
        QVERIFY(!importHar("not json", &error));
        QVERIFY(!error.isEmpty());
    }

    // ---- HTML

    void htmlIsEscapedAndSelfContained()
    {
        Capture c = makeRequest("POST", "/api/v1/external/echo?stream=ops", {{"Content-Type", "application/json"}},
                                "{\"title\":\"<b>topic</b>\",\"text\":\"**bold** <script>alert(1)</script> "
                                "![pic](http://remote.example/p.png) [link](https://example.org/)\"}");
        c.integration = u"echo"_s;
        const Outcome o = Dispatcher(testRegistry()).dispatch(requestFromCapture(c));
        QVERIFY(o.isMessage());
        c.outcomeJson = o.toJson();
        QString error;
        const auto html = messageHtml(testRegistry(), c, ViewTheme::Dark, &error);
        QVERIFY2(html, qPrintable(error));
        QVERIFY(html->startsWith(u"<!DOCTYPE html>"_s, Qt::CaseInsensitive));
        QVERIFY(html->contains(u"<strong>bold</strong>"_s));
        QVERIFY(html->contains(u"&lt;script&gt;"_s));
        QVERIFY(html->contains(u"&lt;b&gt;topic&lt;/b&gt;"_s));
        QVERIFY(!html->contains(u"<script"_s, Qt::CaseInsensitive));
        QVERIFY(html->contains(u"Echo Bot"_s));
        QVERIFY(html->contains(u"href=\"https://example.org/\""_s));
        // No remote load: nothing fetched from a server by src, CSS url() or a stylesheet link.
        QVERIFY(!html->contains(u"src=\"http"_s, Qt::CaseInsensitive));
        QVERIFY(!html->contains(u"url(http"_s, Qt::CaseInsensitive));
        QVERIFY(!html->contains(u"<link"_s, Qt::CaseInsensitive));
        QVERIFY(!html->contains(u"@import"_s, Qt::CaseInsensitive));
        QVERIFY(html->contains(u"Content-Security-Policy"_s));
        // The theme is the one asked for.
        QVERIFY(html->contains(MessageView::colors(ViewTheme::Dark).background));

        c.outcomeJson = "not json";
        QVERIFY(!messageHtml(testRegistry(), c, ViewTheme::Light, &error));
    }

    // ---- the command line

    void cliExports()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(u"c.sqlite"_s);
        QList<qint64> ids;
        {
            CaptureStore store;
            QVERIFY(store.open(db));
            QString error;
            const QString fixture = QStringLiteral(HOOKBENCH_SOURCE_DIR "/fixtures/gitea/push__3_commits.json");
            auto c = captureFromFixture(builtinRegistry(), fixture, u"gitea"_s, {}, &error);
            QVERIFY2(c, qPrintable(error));
            ids.append(*store.append(*c));
            Capture binary = makeRequest("POST", "/api/v1/external/gitea", {{"Content-Type", "application/json"}},
                                         QByteArray("\xff\x00", 2));
            binary.outcomeJson = Outcome(WebhookError{.msg = u"<bad>"_s}).toJson();
            ids.append(*store.append(binary));
        }
        const QString first = QString::number(ids[0]), second = QString::number(ids[1]);

        // curl to standard output; a binary body goes to a file named after the capture.
        QByteArray out, err;
        const int curlStatus = runHookbench(dir.path(), {u"export"_s, u"curl"_s, first, u"--db"_s, db, u"--base-url"_s, u"http://127.0.0.1:1"_s}, &out, &err);
        QVERIFY2(curlStatus == 0, err.constData());
        QVERIFY2(out.startsWith("curl 'http://127.0.0.1:1/api/v1/external/gitea?"), out.constData());
        QVERIFY(out.contains("-H 'X-Gitea-Event: push'"));
        QCOMPARE(runHookbench(dir.path(), {u"export"_s, u"curl"_s, second, u"--db"_s, db}, &out, &err), 0);
        QVERIFY(out.contains(QByteArray("--data-binary @capture-" + second.toLatin1() + ".body")));
        QCOMPARE(readFile(dir.filePath(u"capture-"_s + second + u".body"_s)), QByteArray("\xff\x00", 2));
        // … and not over an existing file without --force.
        QCOMPARE(runHookbench(dir.path(), {u"export"_s, u"curl"_s, second, u"--db"_s, db}, &out, &err), 1);
        QVERIFY(err.contains("--force"));
        QCOMPARE(runHookbench(dir.path(), {u"export"_s, u"curl"_s, second, u"--db"_s, db, u"--force"_s}, &out, &err), 0);

        // curl to a file: a script, with its body file beside it.
        const QString script = dir.filePath(u"send.sh"_s);
        QCOMPARE(runHookbench(dir.path(), {u"export"_s, u"curl"_s, second, u"--db"_s, db, u"--out"_s, script}), 0);
        QVERIFY(readFile(script).startsWith("#!/bin/sh\ncurl "));
        QCOMPARE(readFile(dir.filePath(u"send.body"_s)), QByteArray("\xff\x00", 2));

        // curl of a fixture.
        QCOMPARE(runHookbench(dir.path(), {u"export"_s, u"curl"_s, u"--fixture"_s,
                               QStringLiteral(HOOKBENCH_SOURCE_DIR "/fixtures/gitea/push__3_commits.json"),
                               u"--integration"_s, u"gitea"_s}, &out), 0);
        QVERIFY(out.contains("X-Gitea-Event: push"));

        // HAR of both, and of --all.
        const QString harFile = dir.filePath(u"two.har"_s);
        QCOMPARE(runHookbench(dir.path(), {u"export"_s, u"har"_s, second, first, u"--db"_s, db, u"--out"_s, harFile}), 0);
        QString error;
        auto har = importHar(readFile(harFile), &error);
        QVERIFY2(har, qPrintable(error));
        QCOMPARE(har->size(), 2);
        QCOMPARE(har->at(0).id, ids[1]);
        QCOMPARE(har->at(0).body, QByteArray("\xff\x00", 2));
        QCOMPARE(runHookbench(dir.path(), {u"export"_s, u"har"_s, u"--all"_s, u"--db"_s, db, u"--out"_s, u"-"_s}, &out), 0);
        har = importHar(out, &error);
        QVERIFY(har);
        QCOMPARE(har->size(), 2);
        QCOMPARE(har->at(0).id, ids[0]);

        // HTML of a capture and of a fixture.
        const QString page = dir.filePath(u"m.html"_s);
        QCOMPARE(runHookbench(dir.path(), {u"export"_s, u"html"_s, second, u"--db"_s, db, u"--theme"_s, u"dark"_s, u"--out"_s, page}), 0);
        QVERIFY(readFile(page).contains("&lt;bad&gt;"));
        QCOMPARE(runHookbench(dir.path(), {u"export"_s, u"html"_s, u"--fixture"_s,
                               QStringLiteral(HOOKBENCH_SOURCE_DIR "/fixtures/gitea/push__3_commits.json"),
                               u"--integration"_s, u"gitea"_s, u"--out"_s, u"-"_s}, &out), 0);
        QVERIFY(out.contains("Gitea"));

        // Mistakes.
        QCOMPARE(runHookbench(dir.path(), {u"export"_s, u"pdf"_s}, nullptr, &err), 2);
        QVERIFY(err.contains("unknown kind 'pdf'"));
        QCOMPARE(runHookbench(dir.path(), {u"export"_s, u"--help"_s}, &out), 0);
        QVERIFY(out.contains("curl|har|html"));
        QCOMPARE(runHookbench(dir.path(), {u"export"_s, u"curl"_s, u"--db"_s, db}, nullptr, &err), 2);
        QCOMPARE(runHookbench(dir.path(), {u"export"_s, u"curl"_s, u"abc"_s, u"--db"_s, db}), 2);
        QCOMPARE(runHookbench(dir.path(), {u"export"_s, u"curl"_s, u"999"_s, u"--db"_s, db}, nullptr, &err), 1);
        QVERIFY(err.contains("no capture 999"));
        QCOMPARE(runHookbench(dir.path(), {u"export"_s, u"har"_s, first, u"--db"_s, db}), 2);           // no --out
        QCOMPARE(runHookbench(dir.path(), {u"export"_s, u"har"_s, u"--db"_s, db, u"--out"_s, u"-"_s}), 2); // nothing to export
        QCOMPARE(runHookbench(dir.path(), {u"export"_s, u"html"_s, first, u"--db"_s, db, u"--theme"_s, u"pink"_s, u"--out"_s, u"-"_s}), 2);
        QCOMPARE(runHookbench(dir.path(), {u"export"_s, u"curl"_s, first, u"--db"_s, dir.filePath(u"none.sqlite"_s)}, nullptr, &err), 1);
        QVERIFY(!QFile::exists(dir.filePath(u"none.sqlite"_s))); // not created by looking
    }
};

QTEST_GUILESS_MAIN(TestRequestExport)
#include "tst_requestexport.moc"
