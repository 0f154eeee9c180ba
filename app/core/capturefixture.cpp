// SPDX-License-Identifier: MIT
#include "capturefixture.h"

#include "capturereplay.h"
#include "fixturefolder.h"
#include "jsontext.h"

#include <QFileInfo>
#include <QStringDecoder>

#include <algorithm>
#include <iterator>

using namespace Qt::StringLiterals;

namespace hb {

namespace {

// Headers that describe the connection or the client, not the webhook (compared in lower case).
constexpr QByteArrayView kTransportHeaders[] = {
    "host", "content-length", "content-type", "connection", "keep-alive", "transfer-encoding", "te", "trailer",
    "upgrade", "proxy-connection", "expect", "accept-encoding", "user-agent", "via", "forwarded",
    "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "x-real-ip",
};
// Words in a header name that say it carries a credential or something derived from one.
constexpr QByteArrayView kSecretWords[] = {"auth", "token", "secret", "signature", "password", "passwd", "key",
                                          "cookie", "session", "credential"};

constexpr QStringView kApiKey = u"api_key";

// The text of a body when it is one JSON document in valid UTF-8.
std::optional<QString> jsonText(const QByteArray &body)
{
    if (body.isEmpty())
        return std::nullopt;
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decoder.decode(body);
    if (decoder.hasError() || findJsonError(text))
        return std::nullopt;
    return text;
}

// A form body without its api_key fields; the other fields keep their bytes.
QByteArray withoutApiKey(const QByteArray &form)
{
    QByteArrayList kept;
    for (const QByteArray &field : form.split('&')) {
        const ParamList decoded = parseUrlEncoded(field);
        if (decoded.isEmpty() || decoded.first().first != kApiKey)
            kept.append(field);
    }
    return kept.join('&');
}

// "Push Hook" -> "push_hook": an event name as the start of a fixture name.
QString namePart(const QString &event)
{
    QString out;
    for (const QChar c : event.toLower()) {
        const bool plain = (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'-';
        if (plain)
            out += c;
        else if (!out.endsWith(u'_'))
            out += u'_';
    }
    while (out.startsWith(u'_'))
        out.remove(0, 1);
    while (out.endsWith(u'_'))
        out.chop(1);
    return out;
}

JsonValue object(std::initializer_list<JsonValue::Member> members)
{
    return JsonValue::makeObject(std::vector<JsonValue::Member>(members));
}

QString responseCode(const QByteArray &responseBody)
{
    const std::optional<JsonValue> answer = parseJson(responseBody);
    const JsonValue *code = answer ? answer->find(u"code") : nullptr;
    return code && code->isString() ? code->toString() : QString();
}

} // namespace

CaptureFixture::CaptureFixture(const IntegrationEntry &entry, Capture capture)
    : m_entry(entry), m_capture(std::move(capture)), m_request(requestFromCapture(m_capture))
{
}

QString CaptureFixture::problem() const
{
    if (m_capture.body.isEmpty() && m_capture.bodySize > 0)
        return tr("The body of this capture was refused unread: there is no body to save.");
    if (!outcomeFromJson(m_capture.outcomeJson))
        return tr("This capture has no stored outcome for the case to expect.");
    return {};
}

bool CaptureFixture::isJsonBody() const
{
    return !m_request.isFormEncoded() && jsonText(m_capture.body).has_value();
}

QString CaptureFixture::suggestedName(const FixtureFolder &folder) const
{
    QString stem;
    if (!m_entry.eventHeader.isEmpty()) {
        if (const auto event = m_request.header(m_entry.eventHeader))
            stem = namePart(QString::fromUtf8(*event));
    }
    stem = stem.isEmpty() ? m_entry.name + u"_captured"_s : stem + u"__captured"_s;
    const QString extension = isJsonBody() ? u".json"_s : u".txt"_s;
    QString name = stem + extension;
    for (int n = 2; isTaken(folder, name); ++n)
        name = stem + u'_' + QString::number(n) + extension;
    return name;
}

QByteArray CaptureFixture::fileBytes() const
{
    return m_redaction ? m_redaction->body() : plainFileBytes();
}

QString CaptureFixture::redacted(const QString &text) const
{
    return m_redaction ? m_redaction->substitute(text) : text;
}

RequestRedaction CaptureFixture::redaction(const QStringList &marks) const
{
    HeaderList headers;
    for (const auto &[name, value] : m_capture.headers) {
        if (!isLeftOutHeader(name, m_entry.eventHeader))
            headers.append({name, value});
    }
    ParamList query;
    for (const auto &[name, value] : m_request.query) {
        if (name != kApiKey)
            query.append({name, value});
    }
    const auto format = m_request.isFormEncoded() ? RequestRedaction::BodyFormat::Form
                        : isJsonBody()            ? RequestRedaction::BodyFormat::Json
                                                  : RequestRedaction::BodyFormat::Text;
    return RequestRedaction(plainFileBytes(), format, headers, query, marks);
}

QByteArray CaptureFixture::plainFileBytes() const
{
    if (m_request.isFormEncoded())
        return withoutApiKey(m_capture.body);
    if (const std::optional<QString> text = jsonText(m_capture.body))
        return stableJson(*text).toUtf8();
    return m_capture.body;
}

JsonValue CaptureFixture::headersObject() const
{
    std::vector<JsonValue::Member> members;
    if (m_redaction) {
        for (const auto &[name, value] : m_redaction->headers())
            members.emplace_back(QString::fromUtf8(name), JsonValue::fromString(QString::fromUtf8(value)));
        return JsonValue::makeObject(std::move(members));
    }
    for (const auto &[name, value] : m_capture.headers) {
        if (!isLeftOutHeader(name, m_entry.eventHeader))
            members.emplace_back(QString::fromUtf8(name), JsonValue::fromString(QString::fromUtf8(value)));
    }
    return JsonValue::makeObject(std::move(members));
}

JsonValue CaptureFixture::queryObject() const
{
    std::vector<JsonValue::Member> members;
    if (m_redaction) {
        for (const auto &[name, value] : m_redaction->query())
            members.emplace_back(name, JsonValue::fromString(value));
        return JsonValue::makeObject(std::move(members));
    }
    for (const auto &[name, value] : m_request.query) {
        if (name != kApiKey)
            members.emplace_back(name, JsonValue::fromString(value));
    }
    return JsonValue::makeObject(std::move(members));
}

bool CaptureFixture::addExpectation(std::vector<JsonValue::Member> &members, QString *error) const
{
    const std::optional<Outcome> outcome = outcomeFromJson(m_capture.outcomeJson);
    if (!outcome) {
        *error = tr("This capture has no stored outcome for the case to expect.");
        return false;
    }
    members.emplace_back(u"expect"_s, JsonValue::fromString(Outcome::kindName(outcome->kind())));
    switch (outcome->kind()) {
    case Outcome::Kind::Message: {
        std::vector<JsonValue> messages;
        for (const Message &m : outcome->messages())
            messages.push_back(object({{u"topic"_s, JsonValue::fromString(redacted(m.topic))},
                                      {u"content"_s, JsonValue::fromString(redacted(m.content))}}));
        members.emplace_back(u"expected_messages"_s, JsonValue::makeArray(std::move(messages)));
        break;
    }
    case Outcome::Kind::NoOp:
        // Only answers with a code (an unsupported event) say something the case can check.
        if (!responseCode(m_capture.responseBody).isEmpty()) {
            const int status = m_capture.httpStatus > 0 ? m_capture.httpStatus : 200;
            members.emplace_back(u"expected_response"_s, object({{u"status"_s, JsonValue::fromInteger(status)},
                                                                 {u"msg_contains"_s, JsonValue::fromString(redacted(outcome->noop().reason))}}));
        }
        break;
    case Outcome::Kind::Error:
        members.emplace_back(u"expected_error"_s, object({{u"status"_s, JsonValue::fromInteger(outcome->error().status)},
                                                          {u"msg"_s, JsonValue::fromString(redacted(outcome->error().msg))}}));
        break;
    }
    return true;
}

std::optional<JsonValue> CaptureFixture::testCase(const QString &name, QString *error) const
{
    std::vector<JsonValue::Member> members;
    members.emplace_back(u"test"_s, JsonValue::fromString(testName(name)));
    if (m_capture.path != m_entry.urlPath())
        members.emplace_back(u"path"_s, JsonValue::fromString(m_capture.path));
    members.emplace_back(u"method"_s, JsonValue::fromString(QString::fromLatin1(m_capture.method)));
    members.emplace_back(u"fixture"_s, JsonValue::fromString(name));
    members.emplace_back(u"body"_s, JsonValue());
    const std::optional<QByteArray> contentType = m_request.header("Content-Type");
    members.emplace_back(u"content_type"_s, contentType ? JsonValue::fromString(QString::fromUtf8(*contentType)) : JsonValue());
    members.emplace_back(u"headers"_s, headersObject());
    members.emplace_back(u"query"_s, queryObject());
    if (!addExpectation(members, error))
        return std::nullopt;
    return JsonValue::makeObject(std::move(members));
}

bool CaptureFixture::save(FixtureFolder &folder, const QString &name, bool replace, QString *error) const
{
    *error = FixtureFolder::nameError(name);
    if (error->isEmpty())
        *error = problem();
    if (!error->isEmpty())
        return false;
    folder.reload(); // the disk as it is now
    if (!replace && isTaken(folder, name)) {
        *error = tr("%1 is taken: a fixture or a case of that name exists.").arg(name);
        return false;
    }
    const std::optional<JsonValue> test = testCase(name, error);
    if (!test)
        return false;
    QByteArray previous;
    const bool existed = QFileInfo::exists(folder.filePath(name));
    if ((existed && !folder.read(name, &previous, error)) || !folder.write(name, fileBytes(), error))
        return false;
    const bool added = folder.addCase(*test, replace, error);
    if (!added) { // no fixture without its case: put the folder back as it was
        QString ignored;
        existed ? folder.write(name, previous, &ignored) : folder.remove(name, &ignored);
    }
    folder.reload();
    return added;
}

QString CaptureFixture::testName(const QString &fixtureName)
{
    return fixtureName.left(fixtureName.lastIndexOf(u'.'));
}

std::optional<CaseResult> CaptureFixture::runSavedCase(const Registry &registry, const FixtureFolder &folder,
                                                       const QString &name)
{
    const auto &suite = folder.suite();
    if (!suite)
        return std::nullopt;
    const QString test = testName(name);
    for (const TestCase &c : suite->cases) {
        if (c.name == test && c.fixture == name)
            return runCase(registry, *suite, c);
    }
    return std::nullopt;
}

bool CaptureFixture::isTaken(const FixtureFolder &folder, const QString &name)
{
    if (QFileInfo::exists(folder.filePath(name)))
        return true;
    const QString test = testName(name);
    const auto &suite = folder.suite();
    return suite && std::any_of(suite->cases.begin(), suite->cases.end(), [&](const TestCase &c) { return c.name == test; });
}

bool CaptureFixture::isLeftOutHeader(QByteArrayView name, QByteArrayView eventHeader)
{
    const QByteArray lower = name.toByteArray().toLower();
    if (!eventHeader.isEmpty() && lower == eventHeader.toByteArray().toLower())
        return false;
    const auto is = [&](QByteArrayView known) { return lower == known; };
    const auto mentions = [&](QByteArrayView word) { return lower.contains(word); };
    return std::any_of(std::begin(kTransportHeaders), std::end(kTransportHeaders), is)
           || std::any_of(std::begin(kSecretWords), std::end(kSecretWords), mentions);
}

QString CaptureFixture::leftOutDescription()
{
    return tr("Left out of the case: the api_key parameter; Host, Content-Length, Connection, Accept-Encoding, "
              "User-Agent and other transport headers; Content-Type (kept as content_type); Authorization, Cookie "
              "and every header whose name contains auth, token, secret, signature, password or key.");
}

} // namespace hb
