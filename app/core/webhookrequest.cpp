// SPDX-License-Identifier: MIT
#include "webhookrequest.h"

#include <QStringDecoder>
#include <QUrl>

#include <cctype>

namespace hb {

namespace {

QString decodeComponent(QByteArrayView raw)
{
    QByteArray bytes;
    bytes.reserve(raw.size());
    for (qsizetype i = 0; i < raw.size(); ++i) {
        const char c = raw[i];
        if (c == '+') {
            bytes += ' ';
        } else if (c == '%' && i + 2 < raw.size()
                   && std::isxdigit(static_cast<unsigned char>(raw[i + 1]))
                   && std::isxdigit(static_cast<unsigned char>(raw[i + 2]))) {
            bytes += char(QByteArray::fromHex(QByteArray(raw.data() + i + 1, 2)).at(0));
            i += 2;
        } else {
            bytes += c;
        }
    }
    return QString::fromUtf8(bytes); // invalid sequences become U+FFFD, as Django's 'replace'
}

QByteArray encodeComponent(QStringView s)
{
    return QUrl::toPercentEncoding(s.toString(), "-._~*");
}

} // namespace

ParamList parseUrlEncoded(QByteArrayView text)
{
    ParamList out;
    qsizetype start = 0;
    while (start <= text.size()) {
        qsizetype end = text.indexOf('&', start);
        if (end < 0)
            end = text.size();
        const QByteArrayView pair = text.sliced(start, end - start);
        if (!pair.isEmpty()) {
            const qsizetype eq = pair.indexOf('=');
            if (eq < 0)
                out.append({decodeComponent(pair), QString()});
            else
                out.append({decodeComponent(pair.first(eq)), decodeComponent(pair.sliced(eq + 1))});
        }
        start = end + 1;
    }
    return out;
}

QByteArray toUrlEncoded(const ParamList &params)
{
    QByteArray out;
    for (const auto &[k, v] : params) {
        if (!out.isEmpty())
            out += '&';
        out += encodeComponent(k);
        out += '=';
        out += encodeComponent(v);
    }
    return out;
}

void WebhookRequest::setTarget(QByteArrayView target)
{
    const qsizetype q = target.indexOf('?');
    const QByteArrayView rawPath = q < 0 ? target : target.first(q);
    path = QUrl::fromPercentEncoding(rawPath.toByteArray());
    query = q < 0 ? ParamList{} : parseUrlEncoded(target.sliced(q + 1));
}

QByteArray WebhookRequest::target() const
{
    QByteArray out = QUrl::toPercentEncoding(path, "/");
    if (!query.isEmpty())
        out += '?' + toUrlEncoded(query);
    return out;
}

std::optional<QByteArray> WebhookRequest::header(QByteArrayView name) const
{
    for (const auto &[k, v] : headers) {
        if (k.compare(name, Qt::CaseInsensitive) == 0)
            return v;
    }
    return std::nullopt;
}

QByteArray WebhookRequest::contentType() const
{
    QByteArray ct = header("Content-Type").value_or(QByteArray());
    const qsizetype semi = ct.indexOf(';');
    if (semi >= 0)
        ct.truncate(semi);
    return ct.trimmed().toLower();
}

bool WebhookRequest::isFormEncoded() const
{
    return contentType() == "application/x-www-form-urlencoded";
}

std::optional<QString> WebhookRequest::queryValue(QStringView name) const
{
    std::optional<QString> found;
    for (const auto &[k, v] : query) {
        if (k == name)
            found = v;
    }
    return found;
}

ParamList WebhookRequest::formFields() const
{
    return isFormEncoded() ? parseUrlEncoded(body) : ParamList{};
}

std::optional<QString> WebhookRequest::param(QStringView name) const
{
    if (auto v = queryValue(name))
        return v;
    std::optional<QString> found;
    for (const auto &[k, v] : formFields()) {
        if (k == name)
            found = v;
    }
    return found;
}

BasicAuthStatus parseBasicAuth(const WebhookRequest &request, BasicCredentials *out)
{
    const auto value = request.header("Authorization");
    if (!value)
        return BasicAuthStatus::Missing;
    const QByteArray v = value->trimmed();
    const qsizetype space = v.indexOf(' ');
    if (space < 0 || v.first(space).toLower() != "basic")
        return BasicAuthStatus::NotBasic;
    const auto decoded = QByteArray::fromBase64Encoding(v.sliced(space + 1).trimmed(),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return BasicAuthStatus::Malformed;
    const QByteArray creds = *decoded;
    const qsizetype colon = creds.indexOf(':');
    if (colon < 0)
        return BasicAuthStatus::Malformed;
    if (out) {
        out->user = QString::fromUtf8(creds.first(colon)).replace(QStringLiteral("%40"), QStringLiteral("@"));
        out->password = QString::fromUtf8(creds.sliced(colon + 1));
    }
    return BasicAuthStatus::Ok;
}

} // namespace hb
