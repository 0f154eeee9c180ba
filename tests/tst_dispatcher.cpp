// SPDX-License-Identifier: MIT
// Every rule the dispatcher applies, against a registry of test integrations.
#include "dispatcher.h"
#include "zuliprules.h"

#include <QTest>

using namespace hb;
using namespace Qt::StringLiterals;

namespace {

// "echo": topic = payload.title, content = payload.text, event from the X-Echo-Event header.
Outcome echoHandler(const WebhookContext &ctx)
{
    const Payload &p = ctx.payload();
    if (ctx.eventType() == u"ignored")
        return unsupportedEvent(ctx, ctx.eventType());
    if (ctx.eventType() == u"nothing")
        return QList<Message>{};
    if (ctx.eventType() == u"two")
        return QList<Message>{Message{.topic = u"first"_s, .content = u"one"_s, .eventType = u"two.a"_s},
                              Message{.topic = u"second"_s, .content = u"two"_s, .eventType = u"two.b"_s}};
    if (ctx.eventType() == u"clock")
        return Message{.topic = u"clock"_s, .content = ctx.now().toString(Qt::ISODate)};
    if (ctx.eventType() == u"crash")
        throw std::runtime_error("boom");
    return Message{.topic = p["title"].string(), .content = p["text"].string()};
}

Outcome formHandler(const WebhookContext &ctx)
{
    return Message{.topic = ctx.payload()["name"].string(), .content = ctx.payload()["value"].text()};
}

Outcome fieldsHandler(const WebhookContext &ctx)
{
    return Message{.topic = u"fields"_s, .content = ctx.payload()["message"].string()};
}

const Registry &testRegistry()
{
    static const Registry r(QList<IntegrationEntry>{
        {.name = u"basic"_s, .displayName = u"Basic"_s, .categories = {u"misc"_s}, .handler = fieldsHandler,
         .payloadSource = PayloadSource::FormFields, .auth = AuthMode::BasicAuth},
        {.name = u"echo"_s, .displayName = u"Echo"_s, .categories = {u"misc"_s}, .handler = echoHandler,
         .eventHeader = "X-Echo-Event", .eventTypes = {u"say"_s, u"ignored"_s}, .webhookName = u"EchoHook"_s},
        {.name = u"form"_s, .displayName = u"Form"_s, .categories = {u"misc"_s}, .handler = formHandler,
         .payloadSource = PayloadSource::JsonParam},
        {.name = u"unquote"_s, .displayName = u"Unquote"_s, .categories = {u"misc"_s}, .handler = echoHandler,
         .eventHeader = "X-Echo-Event", .unquoteUrlParameters = true},
    });
    return r;
}

WebhookRequest echo(const QByteArray &event, const QByteArray &body, const ParamList &query = {{u"api_key"_s, u"k"_s}, {u"stream"_s, u"s"_s}})
{
    WebhookRequest r;
    r.path = u"/api/v1/external/echo"_s;
    r.query = query;
    r.headers = {{"Content-Type", "application/json"}, {"X-Echo-Event", event}};
    r.body = body;
    r.receivedAt = QDateTime::fromSecsSinceEpoch(1700000000, Qt::UTC);
    return r;
}

const QByteArray kSay = "{\"title\":\"Deploy\",\"text\":\"It **worked**.\"}";

} // namespace

class TestDispatcher : public QObject
{
    Q_OBJECT

private slots:
    void registryValidates()
    {
        QVERIFY2(testRegistry().validate().isEmpty(), qPrintable(testRegistry().validate().join(u'\n')));
        const Registry bad(QList<IntegrationEntry>{{.name = u"b"_s, .displayName = u"B"_s, .categories = {u"nope"_s}, .handler = echoHandler},
                                                   {.name = u"a"_s, .displayName = u"A"_s, .categories = {u"misc"_s}}});
        const QStringList problems = bad.validate();
        QCOMPARE(problems.size(), 3); // unknown category, order, missing handler
    }

    // --- routing
    void message()
    {
        const Outcome o = Dispatcher(testRegistry()).dispatch(echo("say", kSay));
        QVERIFY(o.isMessage());
        QCOMPARE(o.messages().size(), 1);
        QCOMPARE(o.messages()[0].stream, std::optional<QString>(u"s"_s));
        QCOMPARE(o.messages()[0].topic, u"Deploy"_s);
        QCOMPARE(o.messages()[0].content, u"It **worked**."_s);
        QCOMPARE(o.httpStatus(), 200);
        QCOMPARE(o.httpBody(), QByteArray("{\"result\":\"success\",\"msg\":\"\"}"));
    }
    void unknownPath()
    {
        WebhookRequest r = echo("say", kSay);
        for (const QString &path : {u"/"_s, u"/api/v1/external/"_s, u"/api/v1/external/echo/"_s, u"/api/v1/messages"_s}) {
            r.path = path;
            const Outcome o = Dispatcher(testRegistry()).dispatch(r);
            QVERIFY2(o.isError(), qPrintable(path));
            QCOMPARE(o.error().status, 404);
            QVERIFY(o.httpBody().startsWith("{\"result\":\"error\",\"msg\":"));
        }
    }
    void unknownIntegration()
    {
        WebhookRequest r = echo("say", kSay);
        r.path = u"/api/v1/external/nosuch"_s;
        const Outcome o = Dispatcher(testRegistry()).dispatch(r);
        QCOMPARE(o.error().status, 404);
        QCOMPARE(o.error().msg, u"\"nosuch\" is not a valid webhook integration."_s);
    }
    void headProbe()
    {
        WebhookRequest r = echo("say", "");
        r.method = "HEAD";
        const Outcome o = Dispatcher(testRegistry(), {.apiKey = u"secret"_s}).dispatch(r);
        QVERIFY(o.isNoOp());
        QCOMPARE(o.httpStatus(), 200);
    }

    // --- authentication
    void apiKeyNotConfiguredAcceptsAnything()
    {
        const Outcome withKey = Dispatcher(testRegistry()).dispatch(echo("say", kSay));
        QVERIFY(withKey.isMessage());
        QVERIFY(withKey.notes().isEmpty());
        const Outcome without = Dispatcher(testRegistry()).dispatch(echo("say", kSay, {{u"stream"_s, u"s"_s}}));
        QVERIFY(without.isMessage());
        QCOMPARE(without.notes(), QStringList{u"Zulip would answer 400: Missing 'api_key' argument"_s});
    }
    void apiKeyConfigured()
    {
        const Dispatcher d(testRegistry(), {.apiKey = u"secret"_s});
        const Outcome missing = d.dispatch(echo("say", kSay, {{u"stream"_s, u"s"_s}}));
        QCOMPARE(missing.error().status, 400);
        QCOMPARE(missing.error().code, QByteArray("REQUEST_VARIABLE_MISSING"));
        QCOMPARE(missing.error().msg, u"Missing 'api_key' argument"_s);
        QVERIFY(missing.httpBody().contains("\"var_name\":\"api_key\""));
        const Outcome wrong = d.dispatch(echo("say", kSay, {{u"api_key"_s, u"nope"_s}}));
        QCOMPARE(wrong.error().status, 401);
        QCOMPARE(wrong.error().code, QByteArray("INVALID_API_KEY"));
        QCOMPARE(wrong.error().msg, u"Invalid API key"_s);
        QVERIFY(d.dispatch(echo("say", kSay, {{u"api_key"_s, u"secret"_s}})).isMessage());
    }
    void apiKeyInFormBody()
    {
        WebhookRequest r;
        r.path = u"/api/v1/external/form"_s;
        r.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
        r.body = "api_key=secret&payload=" + QUrl::toPercentEncoding(u"{\"name\":\"n\",\"value\":3}"_s);
        const Outcome o = Dispatcher(testRegistry(), {.apiKey = u"secret"_s}).dispatch(r);
        QVERIFY(o.isMessage());
        QCOMPARE(o.messages()[0].content, u"3"_s);
    }
    void basicAuthAsAlternative()
    {
        WebhookRequest r = echo("say", kSay, {{u"stream"_s, u"s"_s}});
        r.headers.append({"Authorization", "Basic " + QByteArray("bot@example.com:secret").toBase64()});
        QVERIFY(Dispatcher(testRegistry(), {.apiKey = u"secret"_s}).dispatch(r).isMessage());
        r.headers.last().second = "Basic " + QByteArray("bot@example.com:other").toBase64();
        QCOMPARE(Dispatcher(testRegistry(), {.apiKey = u"secret"_s}).dispatch(r).error().status, 401);
    }
    void basicAuthIntegration()
    {
        WebhookRequest r;
        r.path = u"/api/v1/external/basic"_s;
        r.query = {{u"stream"_s, u"s"_s}};
        r.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
        r.body = "message=hello+there";
        const Dispatcher d(testRegistry(), {.apiKey = u"secret"_s});
        const Outcome missing = d.dispatch(r);
        QCOMPARE(missing.error().status, 401);
        QCOMPARE(missing.error().msg, u"Missing authorization header for basic auth"_s);
        QVERIFY(missing.httpHeaders().contains(std::pair<QByteArray, QByteArray>("WWW-Authenticate", "Basic realm=\"zulip\"")));
        r.headers.append(std::pair<QByteArray, QByteArray>("Authorization", "Bearer abc"));
        QCOMPARE(d.dispatch(r).error().msg, u"This endpoint requires HTTP basic authentication."_s);
        r.headers.last().second = "Basic !!!notbase64";
        QCOMPARE(d.dispatch(r).error().msg, u"Invalid authorization header for basic auth"_s);
        r.headers.last().second = "basic " + QByteArray("bot%40example.com:secret").toBase64();
        const Outcome ok = d.dispatch(r);
        QVERIFY(ok.isMessage());
        QCOMPARE(ok.messages()[0].content, u"hello there"_s);
    }
    void secretsCompare()
    {
        QVERIFY(secretsEqual(u"abc", u"abc"));
        QVERIFY(!secretsEqual(u"abc", u"abd"));
        QVERIFY(!secretsEqual(u"abc", u"abcd"));
        QVERIFY(!secretsEqual(u"", u"a"));
    }

    // --- bodies
    void malformedJson()
    {
        for (const QByteArray &body : {QByteArray("{"), QByteArray(""), QByteArray("{\"a\":1}x"), QByteArray("\xff\xfe"), QByteArray("{\"a\":\"\xc3\"}")}) {
            const Outcome o = Dispatcher(testRegistry()).dispatch(echo("say", body));
            QCOMPARE(o.error().status, 400);
            QCOMPARE(o.error().code, QByteArray("INVALID_JSON"));
            QCOMPARE(o.error().msg, u"Malformed JSON"_s);
        }
    }
    void deepNestingIsAnErrorNotACrash()
    {
        const QByteArray deep = QByteArray(100000, '[') + QByteArray(100000, ']');
        QCOMPARE(Dispatcher(testRegistry()).dispatch(echo("say", deep)).error().code, QByteArray("INVALID_JSON"));
    }
    void jsonBodyIgnoresFormContentType()
    {
        WebhookRequest r = echo("say", kSay);
        r.headers[0].second = "application/x-www-form-urlencoded";
        QVERIFY(Dispatcher(testRegistry()).dispatch(r).isMessage());
    }
    void formPayloadParam()
    {
        WebhookRequest r;
        r.path = u"/api/v1/external/form"_s;
        r.query = {{u"stream"_s, u"s"_s}};
        r.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
        r.body = "payload=%7B%22name%22%3A%22build%22%2C%22value%22%3Atrue%7D";
        const Outcome o = Dispatcher(testRegistry()).dispatch(r);
        QVERIFY(o.isMessage());
        QCOMPARE(o.messages()[0].topic, u"build"_s);
        QCOMPARE(o.messages()[0].content, u"True"_s); // Python's str(True)
        r.body = "other=1";
        const Outcome missing = Dispatcher(testRegistry()).dispatch(r);
        QCOMPARE(missing.error().msg, u"Missing 'payload' argument"_s);
        QCOMPARE(missing.error().code, QByteArray("REQUEST_VARIABLE_MISSING"));
    }

    // --- event header and handler results
    void missingEventHeader()
    {
        WebhookRequest r = echo("say", kSay);
        r.headers.removeLast();
        const Outcome o = Dispatcher(testRegistry()).dispatch(r);
        QCOMPARE(o.error().status, 400);
        QCOMPARE(o.error().code, QByteArray("MISSING_HTTP_EVENT_HEADER"));
        QCOMPARE(o.error().msg, u"Missing the HTTP event header 'X-Echo-Event'"_s);
    }
    void unsupportedEventIs200()
    {
        const Outcome o = Dispatcher(testRegistry()).dispatch(echo("ignored", kSay));
        QVERIFY(o.isNoOp());
        QCOMPARE(o.noop().reason, u"The 'ignored' event isn't currently supported by the EchoHook webhook; ignoring"_s);
        QCOMPARE(o.httpStatus(), 200);
        QVERIFY(o.httpBody().startsWith("{\"result\":\"success\",\"msg\":\"The 'ignored' event"));
        QVERIFY(o.httpBody().contains("\"code\":\"UNSUPPORTED_WEBHOOK_EVENT_TYPE\""));
    }
    void payloadErrorNamesThePath()
    {
        const Outcome o = Dispatcher(testRegistry()).dispatch(echo("say", "{\"title\":\"t\"}"));
        QCOMPARE(o.error().status, 400);
        QCOMPARE(o.error().msg, u"text is missing"_s);
        const Outcome typed = Dispatcher(testRegistry()).dispatch(echo("say", "{\"title\":[\"x\"],\"text\":\"y\"}"));
        QCOMPARE(typed.error().msg, u"title is not a string (it is an array)"_s);
    }
    void handlerExceptionIs500()
    {
        const Outcome o = Dispatcher(testRegistry()).dispatch(echo("crash", kSay));
        QCOMPARE(o.error().status, 500);
    }
    void noMessagesIsNoOp()
    {
        QVERIFY(Dispatcher(testRegistry()).dispatch(echo("nothing", kSay)).isNoOp());
    }
    void fixedClock()
    {
        const QDateTime fixed = QDateTime::fromSecsSinceEpoch(1517739100, Qt::UTC);
        const Outcome o = Dispatcher(testRegistry(), {.now = fixed}).dispatch(echo("clock", kSay));
        QCOMPARE(o.messages()[0].content, u"2018-02-04T10:11:40Z"_s);
        const Outcome arrival = Dispatcher(testRegistry()).dispatch(echo("clock", kSay));
        QCOMPARE(arrival.messages()[0].content, u"2023-11-14T22:13:20Z"_s);
    }

    // --- URL options
    void noStreamIsDirectMessage()
    {
        const Outcome o = Dispatcher(testRegistry()).dispatch(echo("say", kSay, {{u"api_key"_s, u"k"_s}, {u"topic"_s, u"ignored"_s}}));
        QVERIFY(o.isMessage());
        QVERIFY(!o.messages()[0].stream.has_value());
        QVERIFY(o.toJson().contains("\"stream\":null"));
    }
    void topicOverride()
    {
        const Outcome o = Dispatcher(testRegistry()).dispatch(echo("say", kSay, {{u"stream"_s, u"s"_s}, {u"topic"_s, u"Mine"_s}}));
        QCOMPARE(o.messages()[0].topic, u"Mine"_s);
    }
    // unquote_url_parameters: a service that encodes the URL twice sends "%2520"; the query decodes
    // it to "%20" and the integration decodes stream and topic once more. Others keep it as sent.
    void unquoteUrlParameters()
    {
        const ParamList query{{u"stream"_s, u"team%20ops"_s}, {u"topic"_s, u"build%20%231"_s}};
        WebhookRequest twice = echo("say", kSay, query);
        twice.path = u"/api/v1/external/unquote"_s;
        const Outcome o = Dispatcher(testRegistry()).dispatch(twice);
        QVERIFY(o.isMessage());
        QCOMPARE(o.messages()[0].stream, std::optional<QString>(u"team ops"_s));
        QCOMPARE(o.messages()[0].topic, u"build #1"_s);
        const Outcome plain = Dispatcher(testRegistry()).dispatch(echo("say", kSay, query));
        QCOMPARE(plain.messages()[0].stream, std::optional<QString>(u"team%20ops"_s));
        QCOMPARE(plain.messages()[0].topic, u"build%20%231"_s);
    }
    void channelAlias()
    {
        const Outcome o = Dispatcher(testRegistry()).dispatch(echo("say", kSay, {{u"channel"_s, u"ops"_s}}));
        QCOMPARE(o.messages()[0].stream, std::optional<QString>(u"ops"_s));
    }
    void eventFilters_data()
    {
        QTest::addColumn<QString>("param");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QStringList>("topics");
        QTest::newRow("only json") << u"only_events"_s << u"[\"two.b\"]"_s << QStringList{u"second"_s};
        QTest::newRow("only wildcard") << u"only_events"_s << u"[\"two.*\"]"_s << QStringList{u"first"_s, u"second"_s};
        QTest::newRow("only none") << u"only_events"_s << u"[\"push\"]"_s << QStringList{};
        QTest::newRow("exclude comma") << u"exclude_events"_s << u"two.a,push"_s << QStringList{u"second"_s};
        QTest::newRow("exclude star") << u"exclude_events"_s << u"[\"*\"]"_s << QStringList{};
        QTest::newRow("exclude set") << u"exclude_events"_s << u"[\"two.[ab]\"]"_s << QStringList{};
        QTest::newRow("exclude question") << u"exclude_events"_s << u"[\"two.?\"]"_s << QStringList{};
        QTest::newRow("exclude negated set") << u"exclude_events"_s << u"[\"two.[!a]\"]"_s << QStringList{u"first"_s};
    }
    void eventFilters()
    {
        QFETCH(QString, param);
        QFETCH(QString, value);
        QFETCH(QStringList, topics);
        const Outcome o = Dispatcher(testRegistry()).dispatch(echo("two", kSay, {{u"stream"_s, u"s"_s}, {param, value}}));
        QStringList got;
        if (o.isMessage()) {
            for (const Message &m : o.messages())
                got.append(m.topic);
        } else {
            QVERIFY(o.isNoOp());
            QCOMPARE(o.httpBody(), QByteArray("{\"result\":\"success\",\"msg\":\"\"}"));
        }
        QCOMPARE(got, topics);
    }
    void filterUsesHeaderEvent()
    {
        const Outcome o = Dispatcher(testRegistry()).dispatch(echo("say", kSay, {{u"stream"_s, u"s"_s}, {u"exclude_events"_s, u"say"_s}}));
        QVERIFY(o.isNoOp());
    }
    void badFilterValue()
    {
        const Outcome o = Dispatcher(testRegistry()).dispatch(echo("say", kSay, {{u"stream"_s, u"s"_s}, {u"only_events"_s, u"[1,2]"_s}}));
        QCOMPARE(o.error().status, 400);
    }

    // --- limits and normalisation
    void topicTruncation()
    {
        const QString longTitle = QString(70, u'x');
        const QByteArray body = "{\"title\":\"" + longTitle.toUtf8() + "\",\"text\":\"t\"}";
        const Outcome o = Dispatcher(testRegistry()).dispatch(echo("say", body));
        QCOMPARE(o.messages()[0].topic, QString(57, u'x') + u"..."_s);
        QCOMPARE(zulip::truncateTopic(QString(60, u'y')), QString(60, u'y'));
        // Lengths are code points: 61 emoji (two UTF-16 units each) are cut to 57 + "...".
        QString emoji;
        for (int i = 0; i < 61; ++i)
            emoji += QString::fromUcs4(U"\U0001F600", 1);
        QCOMPARE(zulip::codePointLength(zulip::truncateTopic(emoji)), 60);
    }
    void topicIsStripped()
    {
        const Outcome o = Dispatcher(testRegistry()).dispatch(echo("say", "{\"title\":\"  padded \\n\",\"text\":\"t\"}"));
        QCOMPARE(o.messages()[0].topic, u"padded"_s);
        QCOMPARE(Dispatcher(testRegistry()).dispatch(echo("say", "{\"title\":\"  \",\"text\":\"t\"}")).error().msg, u"Topic can't be empty!"_s);
    }
    void contentNormalisation()
    {
        QString error;
        QCOMPARE(*zulip::normalizeContent(u"\n\n  body  \n\n"_s, &error), u"  body"_s);
        QVERIFY(!zulip::normalizeContent(u" \n "_s, &error));
        QCOMPARE(error, u"Message must not be empty"_s);
        QVERIFY(!zulip::normalizeContent(u"a\u0000b"_s, &error));
        QCOMPARE(error, u"Message must not contain null bytes"_s);
        const QString big(10001, u'z');
        const QString cut = *zulip::normalizeContent(big, &error);
        QCOMPARE(cut.size(), 10000);
        QVERIFY(cut.endsWith(u"z\n[message truncated]"_s));
        QCOMPARE(*zulip::normalizeContent(QString(10000, u'z'), &error), QString(10000, u'z'));
        const Outcome empty = Dispatcher(testRegistry()).dispatch(echo("say", "{\"title\":\"t\",\"text\":\"   \"}"));
        QCOMPARE(empty.error().msg, u"Message must not be empty"_s);
    }
    void eventListParsing()
    {
        QCOMPARE(*zulip::parseEventList(u"[\"a\",\"b*\"]"_s), (QStringList{u"a"_s, u"b*"_s}));
        QCOMPARE(*zulip::parseEventList(u"a, b"_s), (QStringList{u"a"_s, u"b"_s}));
        QVERIFY(!zulip::parseEventList(u"[\"a\""_s));
        QVERIFY(zulip::wildcardMatch(u"*", u""));
        QVERIFY(zulip::wildcardMatch(u"push*", u"push"));
        QVERIFY(!zulip::wildcardMatch(u"Push", u"push")); // case-sensitive, as fnmatchcase
        QVERIFY(zulip::wildcardMatch(u"a*b*c", u"axxbyyc"));
        QVERIFY(!zulip::wildcardMatch(u"a*b*c", u"axxbyy"));
    }
};

QTEST_APPLESS_MAIN(TestDispatcher)
#include "tst_dispatcher.moc"
