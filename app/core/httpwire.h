// SPDX-License-Identifier: MIT
#pragma once

#include "webhookrequest.h"

#include <QByteArray>
#include <QString>
#include <QUrl>

#include <optional>

namespace hb {

// One HTTP/1.1 request as bytes, and where they go (scheme, host and port of `url`). The bytes
// are written to the socket as they are: nothing is added or re-encoded on the way.
struct OutgoingRequest
{
    QUrl url;
    QByteArray bytes;
};

// A request to repeat somewhere else, exactly as it was received: method, target (path and query
// as sent), headers in order with their names' case, body bytes.
struct RecordedRequest
{
    QByteArray method = "POST";
    QByteArray target = "/";
    HeaderList headers;
    QByteArray body;
};

// The request bytes that repeat `request` at `to`. The request line carries `to`'s path and query
// (a URL without a path keeps the recorded target); Host is rewritten in place to `to`'s host and
// port; the hop-by-hop headers (Connection and the headers it names, Keep-Alive, Proxy-*, TE,
// Trailer, Upgrade) are left out and "Connection: close" ends the head; a chunked
// Transfer-Encoding (the body is stored decoded) becomes a Content-Length in the same place. Every
// other header, and the body, are sent unchanged. nullopt (with *error) for a URL that is not
// http(s) or has no host.
std::optional<OutgoingRequest> forwardRequest(const RecordedRequest &request, const QUrl &to, QString *error);

// "host" or "host:port" (the port only when it is not the scheme's default), IPv6 in brackets.
QByteArray hostHeader(const QUrl &url);
// The path and query of `url` as they go on the request line ("/" when the path is empty).
QByteArray requestTarget(const QUrl &url);
// Whether `name` is hop-by-hop (RFC 9110 §7.6.1), compared case-insensitively.
bool isHopByHopHeader(QByteArrayView name);

// The answer to one request.
struct HttpResponse
{
    int status = 0;
    QByteArray reason;
    HeaderList headers;
    QByteArray body;               // decoded from chunked when it came chunked

    std::optional<QByteArray> header(QByteArrayView name) const;
    bool isSuccess() const { return status >= 200 && status < 300; }
};

// Reads a response from the bytes a socket delivers: interim 1xx answers are skipped; the body
// ends at its Content-Length, at the last chunk, or when the connection closes.
class HttpResponseParser final
{
public:
    enum class State { Head, Body, Chunks, UntilClose, Done, Failed };

    void feed(QByteArrayView bytes);
    // The peer closed the connection: completes a body that runs until the close.
    void finish();
    // A response to a HEAD request has no body whatever its headers say.
    void setHeadRequest(bool head) { m_head = head; }

    State state() const { return m_state; }
    bool isDone() const { return m_state == State::Done; }
    bool hasFailed() const { return m_state == State::Failed; }
    QString errorString() const { return m_error; }
    const HttpResponse &response() const { return m_response; }

    static constexpr qsizetype kMaxHead = 64 * 1024;
    static constexpr qsizetype kMaxBody = 64 * 1024 * 1024;

private:
    void run();
    bool parseHead(QByteArrayView head);
    bool readChunks();
    void fail(const QString &error);

    State m_state = State::Head;
    QByteArray m_buffer;
    qint64 m_remaining = 0;
    bool m_head = false;
    HttpResponse m_response;
    QString m_error;
};

} // namespace hb
