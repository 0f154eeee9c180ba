// SPDX-License-Identifier: MIT
#include "httpwire.h"

#include <QSet>

using namespace Qt::StringLiterals;

namespace hb {

namespace {

bool sameName(QByteArrayView a, QByteArrayView b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

// The header names a Connection header lists ("close" and "keep-alive" are options, not names,
// but leaving out headers of those names is what a proxy does anyway).
QList<QByteArray> connectionOptions(const HeaderList &headers)
{
    QList<QByteArray> names;
    for (const auto &[name, value] : headers) {
        if (!sameName(name, "Connection"))
            continue;
        for (const QByteArray &part : value.split(','))
            names.append(part.trimmed().toLower());
    }
    return names;
}

bool isChunked(QByteArrayView value)
{
    return QByteArray(value.data(), value.size()).toLower().contains("chunked");
}

} // namespace

QByteArray hostHeader(const QUrl &url)
{
    QByteArray host = url.host(QUrl::FullyEncoded).toLatin1();
    if (host.contains(':'))
        host = '[' + host + ']';
    const int defaultPort = url.scheme() == u"https"_s ? 443 : 80;
    if (url.port() != -1 && url.port() != defaultPort)
        host += ':' + QByteArray::number(url.port());
    return host;
}

QByteArray requestTarget(const QUrl &url)
{
    QByteArray target = url.path(QUrl::FullyEncoded).toLatin1();
    if (target.isEmpty())
        target = "/";
    if (url.hasQuery())
        target += '?' + url.query(QUrl::FullyEncoded).toLatin1();
    return target;
}

bool isHopByHopHeader(QByteArrayView name)
{
    for (const char *hop : {"Connection", "Keep-Alive", "Proxy-Connection", "Proxy-Authenticate",
                            "Proxy-Authorization", "TE", "Trailer", "Upgrade"}) {
        if (sameName(name, hop))
            return true;
    }
    return false;
}

std::optional<OutgoingRequest> forwardRequest(const RecordedRequest &request, const QUrl &to, QString *error)
{
    if (!to.isValid() || (to.scheme() != u"http"_s && to.scheme() != u"https"_s) || to.host().isEmpty()) {
        if (error)
            *error = u"not an http(s) URL with a host: %1"_s.arg(to.toDisplayString());
        return std::nullopt;
    }
    if (request.method.isEmpty() || request.method.contains(' ') || request.method.contains('\n')) {
        if (error)
            *error = u"the recorded method is not a token"_s;
        return std::nullopt;
    }
    const QList<QByteArray> named = connectionOptions(request.headers);
    const QByteArray target = to.path().isEmpty() ? request.target : requestTarget(to);
    QByteArray head = request.method + ' ' + (target.isEmpty() ? QByteArray("/") : target) + " HTTP/1.1\r\n";
    bool hostWritten = false;
    bool lengthWritten = false;
    const auto writeLength = [&] {
        if (!lengthWritten)
            head += "Content-Length: " + QByteArray::number(request.body.size()) + "\r\n";
        lengthWritten = true;
    };
    for (const auto &[name, value] : request.headers) {
        if (sameName(name, "Host")) {
            if (!hostWritten)
                head += name + ": " + hostHeader(to) + "\r\n";
            hostWritten = true;
        } else if (sameName(name, "Transfer-Encoding")) {
            if (isChunked(value))
                writeLength();
            else
                head += name + ": " + value + "\r\n";
        } else if (sameName(name, "Content-Length")) {
            // The recorded value, when it is true; a stale one would cut the body or hang the target.
            if (!lengthWritten && value.trimmed() == QByteArray::number(request.body.size()))
                head += name + ": " + value + "\r\n";
            else
                writeLength();
            lengthWritten = true;
        } else if (isHopByHopHeader(name) || named.contains(name.toLower())) {
            continue;
        } else {
            head += name + ": " + value + "\r\n";
        }
    }
    if (!hostWritten)
        head.insert(head.indexOf("\r\n") + 2, "Host: " + hostHeader(to) + "\r\n");
    if (!lengthWritten && !request.body.isEmpty())
        writeLength();
    head += "Connection: close\r\n\r\n";
    return OutgoingRequest{.url = to, .bytes = head + request.body};
}

std::optional<QByteArray> HttpResponse::header(QByteArrayView name) const
{
    for (const auto &[k, v] : headers) {
        if (sameName(k, name))
            return v;
    }
    return std::nullopt;
}

void HttpResponseParser::feed(QByteArrayView bytes)
{
    if (m_state == State::Done || m_state == State::Failed)
        return;
    m_buffer.append(bytes);
    run();
}

void HttpResponseParser::finish()
{
    if (m_state == State::UntilClose) {
        m_response.body += m_buffer;
        m_buffer.clear();
        m_state = State::Done;
    } else if (m_state != State::Done && m_state != State::Failed) {
        fail(m_state == State::Head && m_buffer.isEmpty() ? u"the connection closed without an answer"_s
                                                          : u"the connection closed in the middle of the answer"_s);
    }
}

void HttpResponseParser::fail(const QString &error)
{
    m_state = State::Failed;
    m_error = error;
}

void HttpResponseParser::run()
{
    for (;;) {
        switch (m_state) {
        case State::Head: {
            const qsizetype end = m_buffer.indexOf("\r\n\r\n");
            if (end < 0) {
                if (m_buffer.size() > kMaxHead)
                    fail(u"the answer's head is over 64 KiB"_s);
                return;
            }
            const QByteArray head = m_buffer.left(end);
            m_buffer.remove(0, end + 4);
            if (!parseHead(head))
                return;
            break;
        }
        case State::Body: {
            const qint64 take = qMin<qint64>(m_remaining, m_buffer.size());
            m_response.body += m_buffer.left(take);
            m_buffer.remove(0, take);
            m_remaining -= take;
            if (m_remaining == 0)
                m_state = State::Done;
            return;
        }
        case State::Chunks:
            if (!readChunks())
                return;
            break;
        case State::UntilClose:
            if (m_response.body.size() + m_buffer.size() > kMaxBody)
                return fail(u"the answer's body is over 64 MiB"_s);
            m_response.body += m_buffer;
            m_buffer.clear();
            return;
        case State::Done:
        case State::Failed:
            return;
        }
    }
}

bool HttpResponseParser::parseHead(QByteArrayView head)
{
    const QList<QByteArray> lines = QByteArray(head.data(), head.size()).split('\n');
    const QByteArray statusLine = lines.value(0).trimmed();
    const QList<QByteArray> parts = statusLine.split(' ');
    bool ok = false;
    const int status = parts.value(1).toInt(&ok);
    if (!statusLine.startsWith("HTTP/1.") || !ok || status < 100 || status > 999) {
        fail(u"not an HTTP/1.x answer: %1"_s.arg(QString::fromLatin1(statusLine.left(80))));
        return false;
    }
    if (status < 200) { // 100 Continue and other interim answers: the real one follows
        return true;
    }
    m_response = {};
    m_response.status = status;
    m_response.reason = parts.size() > 2 ? statusLine.mid(statusLine.indexOf(' ', statusLine.indexOf(' ') + 1) + 1) : QByteArray();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            m_response.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    }
    const auto length = m_response.header("Content-Length");
    const auto encoding = m_response.header("Transfer-Encoding");
    if (m_head || status == 204 || status == 304) {
        m_state = State::Done;
    } else if (encoding && isChunked(*encoding)) {
        m_state = State::Chunks;
    } else if (length) {
        m_remaining = length->trimmed().toLongLong(&ok);
        if (!ok || m_remaining < 0 || m_remaining > kMaxBody) {
            fail(u"the answer's Content-Length is not usable: %1"_s.arg(QString::fromLatin1(*length)));
            return false;
        }
        m_state = m_remaining == 0 ? State::Done : State::Body;
    } else {
        m_state = State::UntilClose;
    }
    return true;
}

bool HttpResponseParser::readChunks()
{
    for (;;) {
        const qsizetype lineEnd = m_buffer.indexOf("\r\n");
        if (lineEnd < 0)
            return false;
        bool ok = false;
        const qint64 size = m_buffer.left(lineEnd).split(';').value(0).trimmed().toLongLong(&ok, 16);
        if (!ok || size < 0 || m_response.body.size() + size > kMaxBody) {
            fail(u"the answer's chunked body is malformed"_s);
            return false;
        }
        if (size == 0) {
            // The last chunk, optional trailers, then an empty line.
            if (m_buffer.indexOf("\r\n\r\n", lineEnd) < 0)
                return false;
            m_state = State::Done;
            return true;
        }
        if (m_buffer.size() < lineEnd + 2 + size + 2)
            return false;
        m_response.body += m_buffer.mid(lineEnd + 2, size);
        m_buffer.remove(0, lineEnd + 2 + size + 2);
    }
}

} // namespace hb
