// SPDX-License-Identifier: MIT
#include "requestexport.h"

#include "capturereplay.h"
#include "casefile.h"
#include "dispatcher.h"
#include "json.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QUrl>
#include <QUtf8StringView>

using namespace Qt::StringLiterals;

namespace hb {

namespace {

const QString kDefaultBaseUrl = u"http://127.0.0.1:9991"_s;

bool isValidUtf8(QByteArrayView bytes)
{
    return QUtf8StringView(bytes).isValidUtf8();
}

bool equalsName(QByteArrayView a, QByteArrayView b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

std::optional<QByteArray> headerValue(const HeaderList &headers, QByteArrayView name)
{
    for (const auto &[k, v] : headers) {
        if (equalsName(k, name))
            return v;
    }
    return std::nullopt;
}

// ---- shell quoting

bool isShellSafe(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
           || QByteArrayView("_@%+=:,./-").contains(c);
}

// Text that can sit between single quotes and still reads as text: UTF-8 without control
// characters other than tab (and newlines when allowed).
bool isPlainText(QByteArrayView bytes, bool newlinesAllowed)
{
    for (char ch : bytes) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == '\t' || (newlinesAllowed && (c == '\n' || c == '\r')))
            continue;
        if (c < 0x20 || c == 0x7f)
            return false;
    }
    return isValidUtf8(bytes);
}

QString singleQuoted(const QByteArray &bytes)
{
    QString text = QString::fromUtf8(bytes);
    text.replace(u"'"_s, u"'\\''"_s);
    return u'\'' + text + u'\'';
}

// "$(printf '…')": any bytes but trailing newlines, as plain ASCII text.
QString printfWord(const QByteArray &bytes)
{
    QString format;
    for (char ch : bytes) {
        const auto c = static_cast<unsigned char>(ch);
        if (c >= 0x20 && c < 0x7f && c != '\'' && c != '\\' && c != '%')
            format += QChar(c);
        else
            format += u'\\' + QString::number(uint(c), 8).rightJustified(3, u'0');
    }
    return u"\"$(printf '"_s + format + u"')\""_s;
}

// Always in quotes (headers read better that way), or the printf form.
QString quotedWord(const QByteArray &bytes)
{
    return isPlainText(bytes, true) ? singleQuoted(bytes) : printfWord(bytes);
}

QString word(const QByteArray &bytes)
{
    if (!bytes.isEmpty() && std::all_of(bytes.begin(), bytes.end(), isShellSafe))
        return QString::fromLatin1(bytes);
    return isPlainText(bytes, true) ? singleQuoted(bytes) : printfWord(bytes);
}

// ---- URLs

QByteArray captureTarget(const Capture &c)
{
    if (!c.target.isEmpty())
        return c.target;
    QByteArray target = QUrl::toPercentEncoding(c.path, "/");
    if (!c.query.isEmpty())
        target += '?' + c.query;
    return target;
}

// Bytes no URL may carry as they are (curl stops at '#', spaces and controls).
QByteArray urlSafeTarget(const QByteArray &target, bool *changed)
{
    QByteArray out;
    for (char ch : target) {
        const auto c = static_cast<unsigned char>(ch);
        if (c <= 0x20 || c == 0x7f || c == '#') {
            out += '%' + QByteArray::number(c, 16).toUpper().rightJustified(2, '0');
            *changed = true;
        } else {
            out += ch;
        }
    }
    return out;
}

// The scheme and authority: the one given, else http://<Host>, else the default listener's.
QString baseOf(const Capture &c, const QString &baseUrl)
{
    QString base = baseUrl;
    if (base.isEmpty()) {
        const auto host = headerValue(c.headers, "Host");
        base = host && !host->isEmpty() ? u"http://"_s + QString::fromUtf8(*host) : kDefaultBaseUrl;
    }
    while (base.endsWith(u'/'))
        base.chop(1);
    return base;
}

bool hasDotSegment(QByteArrayView target)
{
    const qsizetype q = target.indexOf('?');
    const QByteArrayView path = q < 0 ? target : target.first(q);
    for (const QByteArray &segment : path.toByteArray().split('/')) {
        if (segment == "." || segment == "..")
            return true;
    }
    return false;
}

// ---- headers curl makes itself or that belong to one connection

bool isCurlManagedHeader(QByteArrayView name)
{
    for (const char *n : {"host", "content-length", "transfer-encoding", "connection", "keep-alive", "te", "trailer",
                          "upgrade", "proxy-connection", "expect"}) {
        if (equalsName(name, n))
            return true;
    }
    return false;
}

bool declaresBody(const Capture &c)
{
    return !c.body.isEmpty() || c.bodySize > 0 || headerValue(c.headers, "Content-Length")
           || headerValue(c.headers, "Transfer-Encoding");
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 413: return "Payload Too Large";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    }
    return {};
}

// ---- HAR building blocks

JsonValue str(const QString &s)
{
    return JsonValue::fromString(s);
}

JsonValue bytesText(const QByteArray &bytes)
{
    return str(isValidUtf8(bytes) ? QString::fromUtf8(bytes) : QString::fromLatin1(bytes));
}

JsonValue nameValue(const QString &name, const QString &value)
{
    return JsonValue::makeObject({{u"name"_s, str(name)}, {u"value"_s, str(value)}});
}

JsonValue harHeaders(const HeaderList &headers)
{
    std::vector<JsonValue> items;
    for (const auto &[name, value] : headers) {
        std::vector<JsonValue::Member> m{{u"name"_s, bytesText(name)}, {u"value"_s, bytesText(value)}};
        if (!isValidUtf8(value)) // HAR has no bytes: keep them exactly beside the readable value
            m.push_back({u"_valueBase64"_s, str(QString::fromLatin1(value.toBase64()))});
        items.push_back(JsonValue::makeObject(std::move(m)));
    }
    return JsonValue::makeArray(std::move(items));
}

JsonValue harCookies(const HeaderList &headers)
{
    std::vector<JsonValue> items;
    for (const auto &[name, value] : headers) {
        if (!equalsName(name, "Cookie"))
            continue;
        for (const QByteArray &pair : value.split(';')) {
            const QByteArray p = pair.trimmed();
            if (p.isEmpty())
                continue;
            const qsizetype eq = p.indexOf('=');
            items.push_back(nameValue(QString::fromUtf8(eq < 0 ? p : p.first(eq)),
                                      eq < 0 ? QString() : QString::fromUtf8(p.sliced(eq + 1))));
        }
    }
    return JsonValue::makeArray(std::move(items));
}

qint64 headersSize(const QByteArray &firstLine, const HeaderList &headers)
{
    qint64 size = firstLine.size() + 2 + 2;
    for (const auto &[name, value] : headers)
        size += name.size() + 2 + value.size() + 2;
    return size;
}

// text, or base64 with "encoding": "base64" when the bytes are not UTF-8.
void addBodyText(std::vector<JsonValue::Member> &m, const QByteArray &bytes)
{
    if (isValidUtf8(bytes)) {
        m.push_back({u"text"_s, str(QString::fromUtf8(bytes))});
    } else {
        m.push_back({u"text"_s, str(QString::fromLatin1(bytes.toBase64()))});
        m.push_back({u"encoding"_s, str(u"base64"_s)});
    }
}

JsonValue harRequest(const Capture &c, const QString &baseUrl)
{
    const QByteArray target = captureTarget(c);
    std::vector<JsonValue> query;
    const qsizetype q = target.indexOf('?');
    if (q >= 0) {
        for (const auto &[k, v] : parseUrlEncoded(QByteArrayView(target).sliced(q + 1)))
            query.push_back(nameValue(k, v));
    }
    std::vector<JsonValue::Member> m{
        {u"method"_s, bytesText(c.method)},
        {u"url"_s, str(requestUrl(c, baseUrl))},
        {u"httpVersion"_s, str(u"HTTP/1.1"_s)},
        {u"cookies"_s, harCookies(c.headers)},
        {u"headers"_s, harHeaders(c.headers)},
        {u"queryString"_s, JsonValue::makeArray(std::move(query))},
    };
    if (declaresBody(c)) {
        const QByteArray type = headerValue(c.headers, "Content-Type").value_or(QByteArray());
        std::vector<JsonValue::Member> post{{u"mimeType"_s, bytesText(type)}};
        addBodyText(post, c.body);
        WebhookRequest r;
        r.headers = c.headers;
        r.body = c.body;
        if (r.isFormEncoded()) {
            std::vector<JsonValue> params;
            for (const auto &[k, v] : r.formFields())
                params.push_back(nameValue(k, v));
            post.push_back({u"params"_s, JsonValue::makeArray(std::move(params))});
        }
        if (c.body.isEmpty() && c.bodySize > 0)
            post.push_back({u"comment"_s, str(u"body of %1 bytes refused unread"_s.arg(c.bodySize))});
        m.push_back({u"postData"_s, JsonValue::makeObject(std::move(post))});
    }
    m.push_back({u"headersSize"_s, JsonValue::fromInteger(headersSize(c.method + ' ' + target + " HTTP/1.1", c.headers))});
    m.push_back({u"bodySize"_s, JsonValue::fromInteger(c.body.isEmpty() ? c.bodySize : c.body.size())});
    return JsonValue::makeObject(std::move(m));
}

JsonValue harResponse(const Capture &c)
{
    // What the listener sends: the outcome's JSON with its length (the capture keeps the bytes).
    HeaderList headers;
    if (!c.responseBody.isEmpty() || c.httpStatus != 0)
        headers.append({QByteArray("Content-Type"), QByteArray("application/json")});
    headers.append({"Content-Length", QByteArray::number(c.responseBody.size())});
    std::vector<JsonValue::Member> content{{u"size"_s, JsonValue::fromInteger(c.responseBody.size())},
                                           {u"mimeType"_s, str(u"application/json"_s)}};
    addBodyText(content, c.responseBody);
    const QByteArray reason = reasonPhrase(c.httpStatus);
    return JsonValue::makeObject({
        {u"status"_s, JsonValue::fromInteger(c.httpStatus)},
        {u"statusText"_s, str(QString::fromLatin1(reason))},
        {u"httpVersion"_s, str(u"HTTP/1.1"_s)},
        {u"cookies"_s, JsonValue::makeArray()},
        {u"headers"_s, harHeaders(headers)},
        {u"content"_s, JsonValue::makeObject(std::move(content))},
        {u"redirectURL"_s, str(QString())},
        {u"headersSize"_s, JsonValue::fromInteger(headersSize("HTTP/1.1 " + QByteArray::number(c.httpStatus) + ' ' + reason, headers))},
        {u"bodySize"_s, JsonValue::fromInteger(c.responseBody.size())},
    });
}

JsonValue harEntry(const Capture &c, const QString &baseUrl)
{
    const double ms = double(c.durationUs) / 1000.0;
    std::vector<JsonValue::Member> extra{{u"id"_s, JsonValue::fromInteger(c.id)},
                                         {u"integration"_s, str(c.integration)},
                                         {u"remoteAddress"_s, str(c.remoteAddress)},
                                         {u"remotePort"_s, JsonValue::fromInteger(c.remotePort)},
                                         {u"pinned"_s, JsonValue::fromBool(c.pinned)}};
    if (auto outcome = parseJson(c.outcomeJson))
        extra.push_back({u"outcome"_s, std::move(*outcome)});
    return JsonValue::makeObject({
        {u"startedDateTime"_s, str(c.receivedAt.toUTC().toString(Qt::ISODateWithMs))},
        {u"time"_s, JsonValue::fromDouble(ms)},
        {u"request"_s, harRequest(c, baseUrl)},
        {u"response"_s, harResponse(c)},
        {u"cache"_s, JsonValue::makeObject()},
        {u"timings"_s, JsonValue::makeObject({{u"blocked"_s, JsonValue::fromInteger(-1)},
                                              {u"dns"_s, JsonValue::fromInteger(-1)},
                                              {u"connect"_s, JsonValue::fromInteger(-1)},
                                              {u"send"_s, JsonValue::fromInteger(0)},
                                              {u"wait"_s, JsonValue::fromDouble(ms)},
                                              {u"receive"_s, JsonValue::fromInteger(0)},
                                              {u"ssl"_s, JsonValue::fromInteger(-1)}})},
        {u"_hookbench"_s, JsonValue::makeObject(std::move(extra))},
    });
}

// ---- HAR reading

QString stringField(const JsonValue *object, QStringView key)
{
    const JsonValue *v = object ? object->find(key) : nullptr;
    return v && v->isString() ? v->toString() : QString();
}

// Undoes bytesText(): UTF-8 text back to bytes, or the exact bytes kept in base64.
QByteArray fieldBytes(const JsonValue &object, QStringView key, QStringView base64Key = {})
{
    if (!base64Key.isEmpty()) {
        if (const JsonValue *b = object.find(base64Key); b && b->isString())
            return QByteArray::fromBase64(b->toString().toLatin1());
    }
    return stringField(&object, key).toUtf8();
}

QByteArray bodyFromHar(const JsonValue &holder)
{
    const QString encoding = stringField(&holder, u"encoding").isEmpty() ? stringField(&holder, u"_encoding")
                                                                         : stringField(&holder, u"encoding");
    if (const JsonValue *text = holder.find(u"text"); text && text->isString()) {
        if (encoding == u"base64")
            return QByteArray::fromBase64(text->toString().toLatin1());
        return text->toString().toUtf8();
    }
    ParamList params;
    if (const JsonValue *list = holder.find(u"params"); list && list->isArray()) {
        for (const JsonValue &p : list->items())
            params.append({stringField(&p, u"name"), stringField(&p, u"value")});
    }
    return toUrlEncoded(params);
}

HeaderList headersFromHar(const JsonValue *list)
{
    HeaderList headers;
    if (!list || !list->isArray())
        return headers;
    for (const JsonValue &h : list->items()) {
        if (h.isObject())
            headers.append({fieldBytes(h, u"name"), fieldBytes(h, u"value", u"_valueBase64")});
    }
    return headers;
}

// "scheme://authority/path?query#fragment" -> "/path?query"
QByteArray targetOfUrl(const QString &url)
{
    QByteArray bytes = url.toUtf8();
    if (const qsizetype hash = bytes.indexOf('#'); hash >= 0)
        bytes.truncate(hash);
    qsizetype start = 0;
    if (const qsizetype scheme = bytes.indexOf("://"); scheme >= 0) {
        start = scheme + 3;
        while (start < bytes.size() && bytes[start] != '/' && bytes[start] != '?')
            ++start;
    }
    QByteArray target = bytes.sliced(start);
    if (!target.startsWith('/'))
        target.prepend('/');
    return target;
}

std::optional<Capture> captureFromEntry(const JsonValue &entry, QString *problem)
{
    const JsonValue *request = entry.find(u"request");
    if (!request || !request->isObject()) {
        *problem = u"no request object"_s;
        return std::nullopt;
    }
    const QString method = stringField(request, u"method");
    const QString url = stringField(request, u"url");
    if (method.isEmpty() || url.isEmpty()) {
        *problem = u"request without method or url"_s;
        return std::nullopt;
    }
    Capture c;
    c.method = method.toUtf8();
    c.target = targetOfUrl(url);
    const qsizetype q = c.target.indexOf('?');
    c.path = QUrl::fromPercentEncoding(q < 0 ? c.target : c.target.first(q));
    c.query = q < 0 ? QByteArray() : c.target.sliced(q + 1);
    c.headers = headersFromHar(request->find(u"headers"));
    if (const JsonValue *post = request->find(u"postData"); post && post->isObject())
        c.body = bodyFromHar(*post);
    c.bodySize = c.body.size();
    if (const JsonValue *size = request->find(u"bodySize"); size && size->isNumber() && c.body.isEmpty())
        c.bodySize = std::max<qint64>(0, size->toInteger());
    c.receivedAt = QDateTime::fromString(stringField(&entry, u"startedDateTime"), Qt::ISODateWithMs).toUTC();
    if (const JsonValue *time = entry.find(u"time"); time && time->isNumber())
        c.durationUs = qint64(time->toDouble() * 1000.0 + 0.5);
    if (const JsonValue *response = entry.find(u"response"); response && response->isObject()) {
        if (const JsonValue *status = response->find(u"status"); status && status->isNumber())
            c.httpStatus = int(status->toInteger());
        if (const JsonValue *content = response->find(u"content"); content && content->isObject())
            c.responseBody = bodyFromHar(*content);
    }
    c.integration = Dispatcher::integrationName(c.path).value_or(QString());
    if (const JsonValue *ours = entry.find(u"_hookbench"); ours && ours->isObject()) {
        if (const JsonValue *id = ours->find(u"id"); id && id->isNumber())
            c.id = id->toInteger();
        if (const JsonValue *name = ours->find(u"integration"); name && name->isString())
            c.integration = name->toString();
        c.remoteAddress = stringField(ours, u"remoteAddress");
        if (const JsonValue *port = ours->find(u"remotePort"); port && port->isNumber())
            c.remotePort = quint16(port->toInteger());
        if (const JsonValue *pinned = ours->find(u"pinned"); pinned && pinned->isBool())
            c.pinned = pinned->toBool();
        if (const JsonValue *outcome = ours->find(u"outcome"); outcome && outcome->isObject()) {
            c.outcomeJson = outcome->toJson();
            if (const auto parsed = outcomeFromJson(c.outcomeJson))
                c.outcomeKind = parsed->kind();
        }
    }
    return c;
}

} // namespace

QString shellQuote(const QByteArray &bytes)
{
    return bytes.isEmpty() ? u"''"_s : word(bytes);
}

QString requestUrl(const Capture &request, const QString &baseUrl)
{
    const QString base = baseOf(request, baseUrl);
    bool changed = false;
    const QByteArray target = urlSafeTarget(captureTarget(request), &changed);
    // Bytes that are not UTF-8 cannot be text: percent-encode them.
    QString text;
    if (isValidUtf8(target)) {
        text = QString::fromUtf8(target);
    } else {
        for (char ch : target) {
            const auto c = static_cast<unsigned char>(ch);
            text += c < 0x80 ? QString(QChar(c)) : u"%"_s + QString::number(c, 16).toUpper();
        }
    }
    return base + text;
}

CurlCommand curlCommand(const Capture &request, const CurlOptions &options)
{
    CurlCommand result;
    QStringList args{u"curl"_s};

    const QString base = baseOf(request, options.baseUrl);
    bool changed = false;
    const QByteArray target = urlSafeTarget(captureTarget(request), &changed);
    if (changed)
        result.warnings.append(u"the request target had spaces, control characters or '#': they are percent-encoded"_s);

    const bool withBody = declaresBody(request);
    const QByteArray method = request.method.isEmpty() ? QByteArray("GET") : request.method;
    if (method == "HEAD" && !withBody) {
        args << u"--head"_s;
    } else if (method != (withBody ? "POST" : "GET")) {
        args << u"-X"_s << word(method);
        if (method == "HEAD")
            result.warnings.append(u"curl waits for a response body after -X HEAD with a body: add --max-time"_s);
    }
    if (target.contains('[') || target.contains(']') || target.contains('{') || target.contains('}'))
        args << u"--globoff"_s;
    if (hasDotSegment(target))
        args << u"--path-as-is"_s;
    args << word(base.toUtf8() + target);

    bool sawAccept = false, sawUserAgent = false, sawContentType = false;
    for (const auto &[name, value] : request.headers) {
        if (isCurlManagedHeader(name))
            continue;
        sawAccept |= equalsName(name, "Accept");
        sawUserAgent |= equalsName(name, "User-Agent");
        sawContentType |= equalsName(name, "Content-Type");
        // "-H 'Name:'" would remove the header: curl sends an empty one for "Name;".
        args << u"-H"_s << quotedWord(value.isEmpty() ? QByteArray(name + ';') : QByteArray(name + ": " + value));
    }
    if (!sawAccept)
        args << u"-H"_s << quotedWord("Accept:");
    if (!sawUserAgent)
        args << u"-H"_s << quotedWord("User-Agent:");
    if (withBody) {
        if (!sawContentType)
            args << u"-H"_s << quotedWord("Content-Type:");
        args << u"-H"_s << quotedWord("Expect:");
        const QByteArray &body = request.body;
        if (request.body.isEmpty() && request.bodySize > 0)
            result.warnings.append(u"the body (%1 bytes) was refused unread: the command sends none"_s.arg(request.bodySize));
        const bool inlineBody = body.size() <= options.maxInlineBody && !body.startsWith('@') && isPlainText(body, true);
        if (inlineBody) {
            args << u"--data-binary"_s << (body.isEmpty() ? u"''"_s : singleQuoted(body));
        } else {
            args << u"--data-binary"_s << word('@' + options.bodyFile.toUtf8());
            result.bodyFileBytes = body;
        }
    }
    // One option (with its value) per line; "curl" and the first option share the first line.
    QStringList lines;
    for (qsizetype i = 1; i < args.size(); ++i) {
        const bool takesValue = args[i] == u"-X" || args[i] == u"-H" || args[i] == u"--data-binary";
        if (takesValue && i + 1 < args.size()) {
            lines << args[i] + u' ' + args[i + 1];
            ++i;
        } else {
            lines << args[i];
        }
    }
    if (!lines.isEmpty())
        lines[0].prepend(u"curl "_s);
    result.command = lines.join(u" \\\n  "_s) + u'\n';
    return result;
}

QByteArray exportHar(const QList<Capture> &captures, const HarOptions &options)
{
    std::vector<JsonValue> entries;
    entries.reserve(size_t(captures.size()));
    for (const Capture &c : captures)
        entries.push_back(harEntry(c, options.baseUrl));
    const QString version = options.creatorVersion.isEmpty() ? QCoreApplication::applicationVersion() : options.creatorVersion;
    const JsonValue log = JsonValue::makeObject({
        {u"log"_s, JsonValue::makeObject({
                       {u"version"_s, str(u"1.2"_s)},
                       {u"creator"_s, JsonValue::makeObject({{u"name"_s, str(u"Hookbench"_s)},
                                                             {u"version"_s, str(version.isEmpty() ? u"0"_s : version)}})},
                       {u"entries"_s, JsonValue::makeArray(std::move(entries))},
                   })},
    });
    return log.toJson(true) + '\n';
}

std::optional<QList<Capture>> importHar(QByteArrayView har, QString *error)
{
    JsonParseError parseError;
    const std::optional<JsonValue> root = parseJson(har, &parseError);
    if (!root) {
        *error = u"not JSON (at byte %1: %2)"_s.arg(parseError.offset).arg(parseError.message);
        return std::nullopt;
    }
    const JsonValue *log = root->isObject() ? root->find(u"log") : nullptr;
    const JsonValue *entries = log && log->isObject() ? log->find(u"entries") : nullptr;
    if (!entries || !entries->isArray()) {
        *error = u"not a HAR log: no log.entries list"_s;
        return std::nullopt;
    }
    QList<Capture> captures;
    QStringList problems;
    int index = 0;
    for (const JsonValue &entry : entries->items()) {
        QString problem;
        if (auto c = entry.isObject() ? captureFromEntry(entry, &problem) : std::nullopt)
            captures.append(std::move(*c));
        else
            problems.append(u"entry %1: %2"_s.arg(index).arg(problem.isEmpty() ? u"not an object"_s : problem));
        ++index;
    }
    error->clear();
    if (!problems.isEmpty())
        *error = problems.join(u"; "_s);
    return captures;
}

std::optional<QString> messageHtml(const Registry &registry, const Capture &capture, ViewTheme theme, QString *error)
{
    const std::optional<Outcome> outcome = outcomeFromJson(capture.outcomeJson);
    if (!outcome) {
        *error = u"capture %1 has no readable outcome"_s.arg(capture.id);
        return std::nullopt;
    }
    MessageViewOptions options;
    options.theme = theme;
    options.time = capture.receivedAt.toLocalTime();
    return MessageView(registry.find(capture.integration), options).page(*outcome);
}

Capture captureFromRequest(const WebhookRequest &request, const Outcome &outcome)
{
    Capture c;
    c.receivedAt = request.receivedAt.toUTC();
    c.method = request.method;
    c.target = request.target();
    c.path = request.path;
    const qsizetype q = c.target.indexOf('?');
    c.query = q < 0 ? QByteArray() : c.target.sliced(q + 1);
    c.headers = request.headers;
    c.body = request.body;
    c.bodySize = request.body.size();
    c.remoteAddress = request.remoteAddress;
    c.outcomeKind = outcome.kind();
    c.integration = Dispatcher::integrationName(request.path).value_or(QString());
    c.httpStatus = outcome.httpStatus();
    c.outcomeJson = outcome.toJson();
    if (request.method != "HEAD")
        c.responseBody = outcome.httpBody();
    return c;
}

std::optional<Capture> captureFromFixture(const Registry &registry, const QString &fixtureFile,
                                          const QString &integration, const QString &caseName, QString *error)
{
    if (!registry.find(integration)) {
        *error = u"unknown integration '%1'"_s.arg(integration);
        return std::nullopt;
    }
    const QFileInfo file(fixtureFile);
    if (!file.isFile()) {
        *error = u"no fixture file %1"_s.arg(fixtureFile);
        return std::nullopt;
    }
    // cases.json beside the fixture, or above a fixtures/ subfolder.
    QString casesPath = QDir(file.absolutePath()).filePath(u"cases.json"_s);
    if (!QFileInfo::exists(casesPath) && file.absoluteDir().dirName() == u"fixtures")
        casesPath = QDir(file.absolutePath() + u"/.."_s).filePath(u"cases.json"_s);

    std::optional<CaseSuite> suite;
    const TestCase *chosen = nullptr;
    if (QFileInfo::exists(casesPath)) {
        suite = loadCaseSuite(casesPath, error);
        if (!suite)
            return std::nullopt;
        for (const TestCase &t : suite->cases) {
            const bool usesFile = !t.fixture.isEmpty()
                                  && QFileInfo(suite->fixturePath(t.fixture)).canonicalFilePath() == file.canonicalFilePath();
            if (caseName.isEmpty() ? usesFile : t.name == caseName) {
                if (!caseName.isEmpty() && !usesFile) {
                    *error = u"case '%1' does not send %2"_s.arg(caseName, file.fileName());
                    return std::nullopt;
                }
                chosen = &t;
                break;
            }
        }
    }
    if (!caseName.isEmpty() && !chosen) {
        *error = u"no case '%1' in %2"_s.arg(caseName, casesPath);
        return std::nullopt;
    }

    WebhookRequest request;
    DispatchOptions options;
    if (chosen) {
        const auto built = buildCaseRequest(*suite, *chosen, error);
        if (!built)
            return std::nullopt;
        request = *built;
        if (const auto clock = suite->clockFor(*chosen))
            options.now = QDateTime::fromSecsSinceEpoch(*clock, Qt::UTC);
    } else {
        QFile f(fixtureFile);
        if (!f.open(QIODevice::ReadOnly)) {
            *error = u"cannot read %1: %2"_s.arg(fixtureFile, f.errorString());
            return std::nullopt;
        }
        request.body = f.readAll();
        request.path = u"/api/v1/external/"_s + integration;
        request.headers.append({QByteArray("Content-Type"), QByteArray(file.suffix() == u"json" ? "application/json" : "text/plain")});
        request.receivedAt = QDateTime::currentDateTimeUtc();
        request.remoteAddress = u"127.0.0.1"_s;
        if (suite && suite->clock && suite->clockAppliesTo.isEmpty())
            options.now = QDateTime::fromSecsSinceEpoch(*suite->clock, Qt::UTC);
    }
    const Outcome outcome = Dispatcher(registry, options).dispatch(request);
    return captureFromRequest(request, outcome);
}

} // namespace hb
