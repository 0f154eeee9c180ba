// SPDX-License-Identifier: MIT
// The ordered JSON parser, the payload accessor and request decoding.
#include "json.h"
#include "payload.h"
#include "webhookrequest.h"

#include <QTest>

using namespace hb;
using namespace Qt::StringLiterals;

namespace {

Payload parse(const QByteArray &text)
{
    auto v = parseJson(text);
    if (!v)
        qFatal("test JSON does not parse: %s", text.constData());
    return Payload(std::move(*v));
}

QString errorOf(const std::function<void()> &f)
{
    try {
        f();
    } catch (const PayloadError &e) {
        return e.message();
    }
    return u"(no error)"_s;
}

} // namespace

class TestPayload : public QObject
{
    Q_OBJECT

private slots:
    void keepsKeyOrder()
    {
        const Payload p = parse("{\"zeta\":1,\"alpha\":2,\"mid\":{\"b\":1,\"a\":2}}");
        QCOMPARE(p.keys(), (QStringList{u"zeta"_s, u"alpha"_s, u"mid"_s}));
        QCOMPARE(p["mid"].keys(), (QStringList{u"b"_s, u"a"_s}));
    }
    void duplicateKeysLastWins()
    {
        QCOMPARE(parse("{\"a\":1,\"a\":2}")["a"].integer(), 2);
    }
    void numbersAsPython()
    {
        const Payload p = parse("{\"i\":42,\"big\":9007199254740993,\"f\":1.5,\"whole\":2.0,\"tiny\":0.00001,\"huge\":1e16,\"neg\":-0.5,\"t\":true,\"n\":null}");
        QCOMPARE(p["i"].text(), u"42"_s);
        QCOMPARE(p["big"].text(), u"9007199254740993"_s); // exact, as Python's int
        QCOMPARE(p["f"].text(), u"1.5"_s);
        QCOMPARE(p["whole"].text(), u"2.0"_s);
        QCOMPARE(p["tiny"].text(), u"1e-05"_s);
        QCOMPARE(p["huge"].text(), u"1e+16"_s);
        QCOMPARE(p["neg"].text(), u"-0.5"_s);
        QCOMPARE(p["t"].text(), u"True"_s);
        QCOMPARE(p["n"].text(), u"None"_s);
        QCOMPARE(p["whole"].integer(), 2);
    }
    void strings()
    {
        const Payload p = parse("{\"s\":\"caf\\u00e9 \\ud83d\\ude00 \xe2\x9c\x93 \\\"q\\\" \\n\"}");
        QCOMPARE(p["s"].string(), u"café 😀 ✓ \"q\" \n"_s);
    }
    void rejectsBadJson_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("empty") << QByteArray("");
        QTest::newRow("truncated") << QByteArray("{\"a\":");
        QTest::newRow("trailing") << QByteArray("{} {}");
        QTest::newRow("single quotes") << QByteArray("{'a':1}");
        QTest::newRow("trailing comma") << QByteArray("[1,]");
        QTest::newRow("leading zero") << QByteArray("01");
        QTest::newRow("bad utf8") << QByteArray("\"\xc3\x28\"");
        QTest::newRow("overlong utf8") << QByteArray("\"\xc0\xaf\"");
        QTest::newRow("surrogate utf8") << QByteArray("\"\xed\xa0\x80\"");
        QTest::newRow("control char") << QByteArray("\"a\x01\"");
        QTest::newRow("bad escape") << QByteArray("\"\\x\"");
        QTest::newRow("nan") << QByteArray("NaN");
        QTest::newRow("deep") << (QByteArray(600, '[') + QByteArray(600, ']'));
    }
    void rejectsBadJson()
    {
        QFETCH(QByteArray, text);
        JsonParseError error;
        QVERIFY(!parseJson(text, &error));
        QVERIFY(!error.message.isEmpty());
    }
    void acceptsBomAndWhitespace()
    {
        QVERIFY(parseJson("\xef\xbb\xbf  {\"a\": [1, 2.5e3, -0, true, false, null]}\n"));
    }
    void roundTrip()
    {
        const QByteArray text = "{\"b\":[1,2.5,2.0,1e+20,\"x\\n\",null,true],\"a\":{}}";
        QCOMPARE(parseJson(text)->toJson(), text);
    }
    void errorsNameThePath()
    {
        const Payload p = parse("{\"pull_request\":{\"user\":{\"id\":7},\"labels\":[{\"name\":null}]},\"s\":\"x\"}");
        QCOMPARE(errorOf([&] { p["pull_request"]["user"]["login"].string(); }), u"pull_request.user.login is missing"_s);
        QCOMPARE(errorOf([&] { p["pull_request"]["user"]["id"].string(); }), u"pull_request.user.id is not a string (it is an integer)"_s);
        QCOMPARE(errorOf([&] { p["pull_request"]["labels"][0]["name"].string(); }), u"pull_request.labels[0].name is not a string (it is null)"_s);
        QCOMPARE(errorOf([&] { p["pull_request"]["labels"][3]["name"].string(); }), u"pull_request.labels[3].name is missing"_s);
        QCOMPARE(errorOf([&] { p["s"]["deeper"]; }), u"s is not an object (it is a string)"_s);
        QCOMPARE(errorOf([&] { p["s"][0]; }), u"s is not an array (it is a string)"_s);
        QCOMPARE(errorOf([&] { p["missing"].array(); }), u"missing is missing"_s);
        QCOMPARE(errorOf([&] { Payload(JsonValue::makeArray()).keys(); }), u"payload is not an object (it is an array)"_s);
    }
    void optionalAccess()
    {
        const Payload p = parse("{\"a\":null,\"b\":\"x\",\"list\":[{\"n\":1},{\"n\":2}]}");
        QCOMPARE(p["a"].stringOr(u"dflt"_s), u"dflt"_s);
        QCOMPARE(p["zz"]["yy"].stringOr(u"dflt"_s), u"dflt"_s); // missing parents are fine
        QCOMPARE(p["b"].stringOr(u"dflt"_s), u"x"_s);
        QVERIFY(p["a"].exists());
        QVERIFY(p["a"].isNull());
        QVERIFY(!p["zz"].exists());
        QCOMPARE(p["zz"].arrayOr().size(), 0);
        const QList<Payload> items = p["list"].array();
        QCOMPARE(items.size(), 2);
        QCOMPARE(items[1]["n"].integer(), 2);
        QCOMPARE(items[1].path(), u"list[1]"_s);
        QCOMPARE(errorOf([&] { p["b"].integer(); }), u"b is not an integer (it is a string)"_s);
    }
    void truthiness()
    {
        const Payload p = parse("{\"n\":null,\"o\":{},\"a\":[],\"s\":\"\",\"z\":0,\"zf\":0.0,\"f\":false,"
                                "\"O\":{\"k\":1},\"A\":[0],\"S\":\"x\",\"one\":1,\"half\":0.5,\"t\":true}");
        for (const char *key : {"n", "o", "a", "s", "z", "zf", "f", "missing"})
            QVERIFY2(!p[key].isTruthy(), key);
        for (const char *key : {"O", "A", "S", "one", "half", "t"})
            QVERIFY2(p[key].isTruthy(), key);
    }

    // --- request decoding
    void urlEncoded()
    {
        const ParamList p = parseUrlEncoded("a=1&b=hello+world&c=%7B%22x%22%3A1%7D&flag&e=&caf%C3%A9=%E2%9C%93&bad=%zz");
        QCOMPARE(p.size(), 7);
        QCOMPARE(p[1].second, u"hello world"_s);
        QCOMPARE(p[2].second, u"{\"x\":1}"_s);
        QCOMPARE(p[3], (std::pair{u"flag"_s, QString()}));
        QCOMPARE(p[5], (std::pair{u"café"_s, u"✓"_s}));
        QCOMPARE(p[6].second, u"%zz"_s);
        QCOMPARE(parseUrlEncoded(toUrlEncoded(p)), p);
    }
    void target()
    {
        WebhookRequest r;
        r.setTarget("/api/v1/external/gitea?api_key=k&stream=my%20stream&topic=a+b&stream=last");
        QCOMPARE(r.path, u"/api/v1/external/gitea"_s);
        QCOMPARE(r.queryValue(u"stream"), std::optional<QString>(u"last"_s));
        QCOMPARE(r.queryValue(u"topic"), std::optional<QString>(u"a b"_s));
        QVERIFY(!r.queryValue(u"nope"));
    }
    void headersAndParams()
    {
        WebhookRequest r;
        r.headers = {{"content-TYPE", "Application/X-WWW-Form-Urlencoded; charset=utf-8"}, {"X-A", "1"}};
        r.body = "payload=%7B%7D&api_key=fromform";
        r.query = {{u"api_key"_s, u"fromquery"_s}};
        QCOMPARE(r.contentType(), QByteArray("application/x-www-form-urlencoded"));
        QVERIFY(r.isFormEncoded());
        QCOMPARE(r.header("x-a"), std::optional<QByteArray>("1"));
        QCOMPARE(r.param(u"api_key"), std::optional<QString>(u"fromquery"_s));
        QCOMPARE(r.param(u"payload"), std::optional<QString>(u"{}"_s));
    }
    void basicAuth()
    {
        WebhookRequest r;
        BasicCredentials c;
        QCOMPARE(parseBasicAuth(r, &c), BasicAuthStatus::Missing);
        r.headers = {{"Authorization", "Token abc"}};
        QCOMPARE(parseBasicAuth(r, &c), BasicAuthStatus::NotBasic);
        r.headers = {{"Authorization", "Basic " + QByteArray("nocolon").toBase64()}};
        QCOMPARE(parseBasicAuth(r, &c), BasicAuthStatus::Malformed);
        r.headers = {{"Authorization", "BASIC " + QByteArray("bot%40example.com:k:ey").toBase64()}};
        QCOMPARE(parseBasicAuth(r, &c), BasicAuthStatus::Ok);
        QCOMPARE(c.user, u"bot@example.com"_s);
        QCOMPARE(c.password, u"k:ey"_s);
    }
};

QTEST_APPLESS_MAIN(TestPayload)
#include "tst_payload.moc"
