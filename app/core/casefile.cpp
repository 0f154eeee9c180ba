// SPDX-License-Identifier: MIT
#include "casefile.h"

#include "json.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace hb {

namespace {

// Not a real key: conformance runs accept any key, as the listener does without --api-key.
const QString kCaseApiKey = QStringLiteral("hookbench-case-key");

QString str(const JsonValue *v)
{
    return v && v->isString() ? v->toString() : QString();
}

ParamList stringPairs(const JsonValue *obj)
{
    ParamList out;
    if (obj && obj->isObject()) {
        for (const auto &[k, v] : obj->members())
            out.append({k, v.toPythonText()});
    }
    return out;
}

std::optional<TestCase> parseCase(const JsonValue &c, QString *error)
{
    if (!c.isObject()) {
        *error = QStringLiteral("a case is not an object");
        return std::nullopt;
    }
    TestCase t;
    t.name = str(c.find(u"test"));
    if (t.name.isEmpty())
        t.name = str(c.find(u"name"));
    t.path = str(c.find(u"path"));
    if (const QString m = str(c.find(u"method")); !m.isEmpty())
        t.method = m.toUpper().toLatin1();
    t.fixture = str(c.find(u"fixture"));
    if (const JsonValue *body = c.find(u"body"); body && body->isObject()) {
        if (const JsonValue *raw = body->find(u"raw")) {
            t.bodyKind = TestCase::Body::Raw;
            t.rawBody = raw->toString().toUtf8();
        } else if (const JsonValue *form = body->find(u"form")) {
            t.bodyKind = TestCase::Body::Form;
            t.form = stringPairs(form);
        }
    }
    if (const JsonValue *ct = c.find(u"content_type"); ct && ct->isString())
        t.contentType = ct->toString().toUtf8();
    for (const auto &[k, v] : stringPairs(c.find(u"headers")))
        t.headers.append({k.toUtf8(), v.toUtf8()});
    t.query = stringPairs(c.find(u"query"));
    t.expect = str(c.find(u"expect"));
    if (const JsonValue *msgs = c.find(u"expected_messages"); msgs && msgs->isArray()) {
        for (const JsonValue &m : msgs->items())
            t.expectedMessages.append({str(m.find(u"topic")), str(m.find(u"content"))});
    }
    if (const JsonValue *err = c.find(u"expected_error"); err && err->isObject()) {
        if (const JsonValue *s = err->find(u"status"); s && s->isNumber())
            t.expectedErrorStatus = int(s->toInteger());
        t.expectedErrorMsg = str(err->find(u"msg"));
    }
    if (const JsonValue *resp = c.find(u"expected_response"); resp && resp->isObject())
        t.expectedResponseContains = str(resp->find(u"msg_contains"));
    t.notes = str(c.find(u"notes"));
    if (t.expect != u"message" && t.expect != u"noop" && t.expect != u"error") {
        *error = QStringLiteral("case '%1': expect must be message, noop or error").arg(t.name);
        return std::nullopt;
    }
    return t;
}

} // namespace

QString CaseSuite::fixturePath(const QString &fixture) const
{
    const QString nested = QDir(directory).filePath(QStringLiteral("fixtures/") + fixture);
    if (QFileInfo::exists(nested))
        return nested;
    return QDir(directory).filePath(fixture);
}

std::optional<CaseSuite> loadCaseSuite(const QString &casesJsonPath, QString *error)
{
    QFile file(casesJsonPath);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: %2").arg(casesJsonPath, file.errorString());
        return std::nullopt;
    }
    JsonParseError parseError;
    const auto doc = parseJson(file.readAll(), &parseError);
    if (!doc || !doc->isObject()) {
        *error = QStringLiteral("%1: not a JSON object (%2 at byte %3)")
                     .arg(casesJsonPath, parseError.message).arg(parseError.offset);
        return std::nullopt;
    }
    CaseSuite suite;
    suite.directory = QFileInfo(casesJsonPath).absolutePath();
    suite.integration = str(doc->find(u"integration"));
    if (suite.integration.isEmpty())
        suite.integration = QFileInfo(suite.directory).fileName();
    suite.urlTemplate = str(doc->find(u"url_template"));
    if (const JsonValue *clock = doc->find(u"clock"); clock && clock->isNumber()) {
        suite.clock = clock->toInteger();
    } else if (clock && clock->isObject()) {
        if (const JsonValue *t = clock->find(u"mock_time_time"); t && t->isNumber())
            suite.clock = t->toInteger();
        if (const JsonValue *tests = clock->find(u"applies_to"); tests && tests->isArray()) {
            for (const JsonValue &name : tests->items())
                suite.clockAppliesTo.append(str(&name));
        }
    }
    const JsonValue *cases = doc->find(u"cases");
    if (!cases || !cases->isArray()) {
        *error = QStringLiteral("%1: no \"cases\" array").arg(casesJsonPath);
        return std::nullopt;
    }
    for (const JsonValue &c : cases->items()) {
        QString caseError;
        auto t = parseCase(c, &caseError);
        if (!t) {
            *error = QStringLiteral("%1: %2").arg(casesJsonPath, caseError);
            return std::nullopt;
        }
        suite.cases.append(std::move(*t));
    }
    return suite;
}

std::optional<qint64> CaseSuite::clockFor(const TestCase &test) const
{
    if (!clock || clockAppliesTo.isEmpty())
        return clock;
    const QString base = test.name.section(u'[', 0, 0);
    if (clockAppliesTo.contains(test.name) || clockAppliesTo.contains(base))
        return clock;
    return std::nullopt;
}

std::optional<WebhookRequest> buildCaseRequest(const CaseSuite &suite, const TestCase &test, QString *error)
{
    QByteArray fixtureText;
    if (!test.fixture.isEmpty()) {
        if (test.fixture.contains(u"..") || QDir::isAbsolutePath(test.fixture)) {
            *error = QStringLiteral("case '%1': fixture name '%2' leaves the fixture folder").arg(test.name, test.fixture);
            return std::nullopt;
        }
        QFile f(suite.fixturePath(test.fixture));
        if (!f.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("case '%1': cannot read fixture %2: %3").arg(test.name, f.fileName(), f.errorString());
            return std::nullopt;
        }
        fixtureText = f.readAll();
    }
    WebhookRequest r;
    r.method = test.method;
    r.path = test.path.isEmpty() ? QStringLiteral("/api/v1/external/") + suite.integration : test.path;
    if (suite.urlTemplate.isEmpty() || suite.urlTemplate.contains(u"{api_key}"))
        r.query.append({QStringLiteral("api_key"), kCaseApiKey});
    r.query += test.query;
    switch (test.bodyKind) {
    case TestCase::Body::Fixture: r.body = fixtureText; break;
    case TestCase::Body::Raw: r.body = test.rawBody; break;
    case TestCase::Body::Form: {
        ParamList fields;
        for (const auto &[k, v] : test.form)
            fields.append({k, v == u"@fixture" ? QString::fromUtf8(fixtureText) : v});
        r.body = toUrlEncoded(fields);
        break;
    }
    }
    if (test.contentType)
        r.headers.append({"Content-Type", *test.contentType});
    r.headers += test.headers;
    const auto clock = suite.clockFor(test);
    r.receivedAt = clock ? QDateTime::fromSecsSinceEpoch(*clock, Qt::UTC) : QDateTime::currentDateTimeUtc();
    r.remoteAddress = QStringLiteral("127.0.0.1");
    return r;
}

QString compareOutcome(const TestCase &test, const Outcome &actual)
{
    const QString kind = Outcome::kindName(actual.kind());
    if (kind != test.expect) {
        QString what;
        if (actual.isError())
            what = QStringLiteral(" (%1 %2)").arg(actual.error().status).arg(actual.error().msg);
        else if (actual.isNoOp())
            what = QStringLiteral(" (%1)").arg(actual.noop().reason);
        return QStringLiteral("expected %1, got %2%3").arg(test.expect, kind, what);
    }
    if (actual.isMessage()) {
        // Zulip's check_webhook asserts the most recent messages: compare the expected ones with
        // the last messages sent, in order.
        const auto &msgs = actual.messages();
        if (msgs.size() < test.expectedMessages.size())
            return QStringLiteral("expected %1 message(s), got %2").arg(test.expectedMessages.size()).arg(msgs.size());
        const qsizetype offset = msgs.size() - test.expectedMessages.size();
        for (qsizetype i = 0; i < test.expectedMessages.size(); ++i) {
            const auto &want = test.expectedMessages[i];
            const Message &got = msgs[offset + i];
            if (got.topic != want.topic)
                return QStringLiteral("message %1: topic\n  expected: %2\n  actual:   %3").arg(i + 1).arg(want.topic, got.topic);
            if (got.content != want.content)
                return QStringLiteral("message %1: content\n  expected: %2\n  actual:   %3").arg(i + 1).arg(want.content, got.content);
        }
    } else if (actual.isNoOp()) {
        if (!test.expectedResponseContains.isEmpty() && !actual.noop().reason.contains(test.expectedResponseContains))
            return QStringLiteral("no-op reason\n  expected to contain: %1\n  actual: %2").arg(test.expectedResponseContains, actual.noop().reason);
    } else {
        const WebhookError &e = actual.error();
        if (test.expectedErrorStatus && *test.expectedErrorStatus != e.status)
            return QStringLiteral("error status: expected %1, got %2 (%3)").arg(*test.expectedErrorStatus).arg(e.status).arg(e.msg);
        if (!e.msg.startsWith(test.expectedErrorMsg) && !e.msg.contains(test.expectedErrorMsg))
            return QStringLiteral("error message\n  expected: %1\n  actual:   %2").arg(test.expectedErrorMsg, e.msg);
    }
    return {};
}

namespace {

QByteArray expectedJson(const TestCase &t)
{
    QByteArray out = "{\"outcome\":" + jsonQuote(t.expect);
    if (t.expect == u"message") {
        out += ",\"messages\":[";
        for (qsizetype i = 0; i < t.expectedMessages.size(); ++i) {
            if (i)
                out += ',';
            out += "{\"topic\":" + jsonQuote(t.expectedMessages[i].topic) + ",\"content\":"
                   + jsonQuote(t.expectedMessages[i].content) + '}';
        }
        out += ']';
    } else if (t.expect == u"error") {
        out += ",\"status\":" + (t.expectedErrorStatus ? QByteArray::number(*t.expectedErrorStatus) : QByteArray("null"));
        out += ",\"msg\":" + jsonQuote(t.expectedErrorMsg);
    } else if (!t.expectedResponseContains.isEmpty()) {
        out += ",\"reason_contains\":" + jsonQuote(t.expectedResponseContains);
    }
    return out + '}';
}

} // namespace

CaseResult runCase(const Registry &registry, const CaseSuite &suite, const TestCase &test)
{
    CaseResult result;
    result.integration = suite.integration;
    result.name = test.name;
    result.expectedJson = expectedJson(test);
    QString error;
    const auto request = buildCaseRequest(suite, test, &error);
    if (!request) {
        result.detail = error;
        return result;
    }
    DispatchOptions options;
    if (const auto clock = suite.clockFor(test))
        options.now = QDateTime::fromSecsSinceEpoch(*clock, Qt::UTC);
    const Dispatcher dispatcher(registry, options);
    result.actual = dispatcher.dispatch(*request);
    result.detail = compareOutcome(test, *result.actual);
    result.passed = result.detail.isEmpty();
    return result;
}

QByteArray CaseResult::toJsonLine() const
{
    QByteArray out = "{\"integration\":" + jsonQuote(integration) + ",\"name\":" + jsonQuote(name)
                     + ",\"passed\":" + (passed ? "true" : "false");
    out += ",\"actual\":" + (actual ? actual->toJson() : QByteArray("null"));
    out += ",\"expected\":" + expectedJson;
    if (!passed)
        out += ",\"detail\":" + jsonQuote(detail);
    return out + '}';
}

} // namespace hb
