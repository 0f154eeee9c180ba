// SPDX-License-Identifier: MIT
#include "requestframer.h"

#include <QList>

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;

namespace hb {

namespace {

constexpr qsizetype kMaxChunkLine = 1024;

bool isTokenChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

bool isToken(QByteArrayView s)
{
    return !s.isEmpty() && std::all_of(s.begin(), s.end(), isTokenChar);
}

QList<QByteArray> headerTokens(QByteArrayView value)
{
    QList<QByteArray> out;
    for (const QByteArray &t : value.toByteArray().split(',')) {
        if (const QByteArray token = t.trimmed().toLower(); !token.isEmpty())
            out.append(token);
    }
    return out;
}

// Splits a head block into lines (CRLF or a bare LF), without the final empty line.
QList<QByteArrayView> headLines(QByteArrayView block)
{
    QList<QByteArrayView> lines;
    qsizetype start = 0;
    while (start < block.size()) {
        qsizetype end = block.indexOf('\n', start);
        if (end < 0)
            end = block.size();
        QByteArrayView line = block.sliced(start, end - start);
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.isEmpty())
            break;
        lines.append(line);
        start = end + 1;
    }
    return lines;
}

std::optional<RequestHead> parseRequestLine(QByteArrayView line, QString *error)
{
    const QList<QByteArray> parts = line.toByteArray().split(' ');
    if (parts.size() != 3 || !isToken(parts[0]) || parts[1].isEmpty()) {
        *error = u"Malformed HTTP request line"_s;
        return std::nullopt;
    }
    RequestHead head;
    head.method = parts[0];
    head.target = parts[1];
    if (parts[2] == "HTTP/1.1") {
        head.minorVersion = 1;
    } else if (parts[2] == "HTTP/1.0") {
        head.minorVersion = 0;
        head.keepAlive = false;
    } else {
        *error = u"Unsupported HTTP version (HTTP/1.0 and HTTP/1.1 are served)"_s;
        return std::nullopt;
    }
    for (char c : head.target) {
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) {
            *error = u"Malformed HTTP request target"_s;
            return std::nullopt;
        }
    }
    return head;
}

// The fields that frame the body and the connection; false with *error for an ambiguous request.
bool applyFramingHeaders(RequestHead &head, QString *error)
{
    bool sawTransferEncoding = false;
    for (const auto &[name, value] : head.headers) {
        if (name.compare("Content-Length", Qt::CaseInsensitive) == 0) {
            bool ok = value.size() <= 18 && !value.isEmpty()
                   && std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
            const qint64 length = ok ? value.toLongLong(&ok) : 0;
            if (!ok || (head.contentLength && *head.contentLength != length)) {
                *error = u"Invalid Content-Length header"_s;
                return false;
            }
            head.contentLength = length;
        } else if (name.compare("Transfer-Encoding", Qt::CaseInsensitive) == 0) {
            if (sawTransferEncoding || headerTokens(value) != QList<QByteArray>{"chunked"}) {
                *error = u"Unsupported Transfer-Encoding (only chunked is accepted)"_s;
                return false;
            }
            sawTransferEncoding = true;
            head.chunked = true;
        } else if (name.compare("Connection", Qt::CaseInsensitive) == 0) {
            const QList<QByteArray> tokens = headerTokens(value);
            if (tokens.contains("close"))
                head.keepAlive = false;
            else if (tokens.contains("keep-alive"))
                head.keepAlive = true;
        } else if (name.compare("Expect", Qt::CaseInsensitive) == 0) {
            head.expectContinue = head.minorVersion == 1 && value.trimmed().toLower() == "100-continue";
        }
    }
    if (head.chunked && head.contentLength) {
        *error = u"Both Content-Length and Transfer-Encoding are set"_s;
        return false;
    }
    return true;
}

std::optional<RequestHead> parseHead(QByteArrayView block, QString *error)
{
    const QList<QByteArrayView> lines = headLines(block);
    if (lines.isEmpty()) {
        *error = u"Malformed HTTP request line"_s;
        return std::nullopt;
    }
    auto head = parseRequestLine(lines.first(), error);
    if (!head)
        return std::nullopt;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArrayView line = lines[i];
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || !isToken(line.first(colon))) {
            *error = line.startsWith(' ') || line.startsWith('\t')
                         ? u"Folded header lines are not accepted"_s
                         : u"Malformed HTTP header line"_s;
            return std::nullopt;
        }
        head->headers.append({line.first(colon).toByteArray(), line.sliced(colon + 1).trimmed().toByteArray()});
    }
    if (!applyFramingHeaders(*head, error))
        return std::nullopt;
    return head;
}

} // namespace

bool qtWouldDrop(const RequestHead &head)
{
    if (head.method == "CONNECT")
        return true;
    return std::any_of(head.headers.cbegin(), head.headers.cend(), [](const auto &h) {
        return h.first.compare("Upgrade", Qt::CaseInsensitive) == 0;
    });
}

bool startsAnotherRequest(QByteArrayView rest)
{
    return std::any_of(rest.begin(), rest.end(), [](char c) { return c != '\r' && c != '\n'; });
}

// ---------------------------------------------------------------------------------------------
// RequestFramer

void RequestFramer::takeBody(QByteArrayView bytes)
{
    m_bodyBytes += bytes.size();
    if (m_sink)
        m_sink->append(bytes);
}

RequestHead RequestFramer::takeHead()
{
    RequestHead head = std::move(*m_head);
    head.bodyBytes = m_bodyBytes;
    m_head.reset();
    m_headBytes.clear();
    m_state = State::Head;
    m_remaining = m_bodyBytes = m_trailerBytes = 0;
    return head;
}

RequestHead RequestFramer::bestEffortHead() const
{
    if (m_head)
        return *m_head;
    QString ignored;
    const qsizetype eol = m_headBytes.indexOf('\n');
    QByteArrayView first = eol < 0 ? QByteArrayView() : QByteArrayView(m_headBytes).first(eol);
    if (first.endsWith('\r'))
        first.chop(1);
    return parseRequestLine(first, &ignored).value_or(RequestHead{});
}

RequestFramer::Step RequestFramer::advance(QByteArrayView data)
{
    switch (m_state) {
    case State::Head:
        return readHead(data);
    case State::FixedBody: {
        const qsizetype n = qsizetype(std::min<qint64>(m_remaining, data.size()));
        m_remaining -= n;
        takeBody(data.first(n));
        return {m_remaining == 0 ? Step::MessageDone : Step::NeedMore, n};
    }
    default:
        return readChunked(data);
    }
}

RequestFramer::Step RequestFramer::readHead(QByteArrayView data)
{
    qsizetype skipped = 0;
    if (m_headBytes.isEmpty()) {
        // Stray line breaks between requests are allowed (RFC 9112 §2.2).
        while (skipped < data.size() && (data[skipped] == '\r' || data[skipped] == '\n'))
            ++skipped;
        data = data.sliced(skipped);
    }
    if (data.isEmpty())
        return {Step::NeedMore, skipped};
    const qsizetype before = m_headBytes.size();
    m_headBytes.append(data.first(std::min<qsizetype>(data.size(), m_maxHead + 4 - before)));
    // The head ends with an empty line: "\n\r\n" or "\n\n".
    qsizetype end = -1;
    for (qsizetype i = std::max<qsizetype>(0, before - 3); i < m_headBytes.size(); ++i) {
        if (m_headBytes[i] != '\n')
            continue;
        if (i + 1 < m_headBytes.size() && m_headBytes[i + 1] == '\n') {
            end = i + 2;
            break;
        }
        if (i + 2 < m_headBytes.size() && m_headBytes[i + 1] == '\r' && m_headBytes[i + 2] == '\n') {
            end = i + 3;
            break;
        }
    }
    if (end < 0) {
        if (m_headBytes.size() > m_maxHead)
            return fail(431, u"Request header block too large (the limit is %1 bytes)"_s.arg(m_maxHead));
        return {Step::NeedMore, skipped + data.size()};
    }
    if (end > m_maxHead)
        return fail(431, u"Request header block too large (the limit is %1 bytes)"_s.arg(m_maxHead));
    m_headBytes.truncate(end);
    const qsizetype consumed = skipped + (end - before);
    QString error;
    m_head = parseHead(m_headBytes, &error);
    if (!m_head)
        return fail(400, error);
    if (m_head->contentLength && *m_head->contentLength > m_maxBody) {
        return fail(413, u"Request body too large: %1 bytes (the limit is %2 bytes)"_s
                             .arg(*m_head->contentLength).arg(m_maxBody));
    }
    m_state = m_head->chunked ? State::ChunkSize : State::FixedBody;
    m_remaining = m_head->contentLength.value_or(0);
    return {Step::HeadDone, consumed};
}

// Accumulates one line of the chunked framing; *complete once its '\n' has arrived.
RequestFramer::Step RequestFramer::readLine(QByteArrayView data, QByteArray *line, bool *complete)
{
    const qsizetype eol = data.indexOf('\n');
    const qsizetype take = eol < 0 ? data.size() : eol + 1;
    line->append(data.first(take));
    *complete = eol >= 0;
    if (line->size() > kMaxChunkLine)
        return fail(400, u"Malformed chunked body (line too long)"_s);
    if (*complete) {
        line->chop(1);
        if (line->endsWith('\r'))
            line->chop(1);
    }
    return {Step::NeedMore, take};
}

RequestFramer::Step RequestFramer::readChunked(QByteArrayView data)
{
    if (m_state == State::ChunkData) {
        const qsizetype n = qsizetype(std::min<qint64>(m_remaining, data.size()));
        m_remaining -= n;
        takeBody(data.first(n));
        if (m_remaining == 0)
            m_state = State::ChunkDataEnd;
        return {Step::NeedMore, n};
    }
    bool complete = false;
    Step step = readLine(data, &m_line, &complete);
    if (step.kind == Step::Failed || !complete)
        return step;
    const QByteArray line = std::exchange(m_line, {});
    if (m_state == State::ChunkDataEnd) {
        if (!line.isEmpty())
            return fail(400, u"Malformed chunked body (missing CRLF after a chunk)"_s);
        m_state = State::ChunkSize;
    } else if (m_state == State::ChunkSize) {
        const QByteArray hex = line.left(line.indexOf(';') < 0 ? line.size() : line.indexOf(';')).trimmed();
        bool ok = !hex.isEmpty() && hex.size() <= 15;
        const qint64 size = ok ? hex.toLongLong(&ok, 16) : 0;
        if (!ok)
            return fail(400, u"Malformed chunked body (bad chunk size)"_s);
        if (m_bodyBytes + size > m_maxBody)
            return fail(413, u"Request body too large: more than %1 bytes"_s.arg(m_maxBody));
        m_remaining = size;
        m_state = size == 0 ? State::Trailers : State::ChunkData;
    } else { // Trailers
        m_trailerBytes += line.size() + 2;
        if (m_trailerBytes > m_maxHead)
            return fail(431, u"Request trailers too large (the limit is %1 bytes)"_s.arg(m_maxHead));
        if (line.isEmpty())
            step.kind = Step::MessageDone;
    }
    return step;
}

} // namespace hb
