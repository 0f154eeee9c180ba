// SPDX-License-Identifier: MIT
#pragma once

#include "webhookrequest.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <optional>

namespace hb {

// The head of one HTTP/1.x request, exactly as sent (header names keep their case and order), with
// the fields that frame its body and its connection already worked out.
struct RequestHead
{
    QByteArray method;
    QByteArray target;
    int minorVersion = 1;          // HTTP/1.x
    HeaderList headers;
    std::optional<qint64> contentLength;
    bool chunked = false;
    bool expectContinue = false;
    bool keepAlive = true;
    qint64 bodyBytes = 0;          // filled in as the body arrives
};

// Requests Qt 6.4's HttpServer would close unanswered: CONNECT, and any request with an Upgrade header.
bool qtWouldDrop(const RequestHead &head);

// Bytes left after a complete request that are more than stray line breaks: a pipelined request.
bool startsAnotherRequest(QByteArrayView rest);

// Where each request of a connection starts and ends, and whether it is acceptable: follows the
// byte stream request by request, enforces the header and body limits (431, 413), refuses
// malformed or ambiguous framing (400), and decodes chunked bodies. It never writes to the socket:
// its caller answers Expect: 100-continue and the failures.
class RequestFramer final
{
public:
    struct Step
    {
        enum Kind { NeedMore, HeadDone, MessageDone, Failed } kind = NeedMore;
        qsizetype consumed = 0;
        int status = 0;            // Failed
        QString message;           // Failed
    };

    RequestFramer(qint64 maxHeadBytes, qint64 maxBodyBytes) : m_maxHead(maxHeadBytes), m_maxBody(maxBodyBytes) {}

    // Consumes bytes up to the next event; call again with the rest until NeedMore.
    Step advance(QByteArrayView data);

    bool betweenRequests() const { return m_state == State::Head && m_headBytes.isEmpty(); }
    bool expectsBody() const { return m_state != State::Head && !(m_state == State::FixedBody && m_remaining == 0); }
    const std::optional<RequestHead> &head() const { return m_head; }
    // Hands over the head of the request just completed and gets ready for the next one.
    RequestHead takeHead();
    // Method and target from the first line, when the whole head could not be parsed.
    RequestHead bestEffortHead() const;
    qint64 bodyBytes() const { return m_bodyBytes; }
    // Where decoded body bytes go, when the framer serves the connection itself.
    void setBodySink(QByteArray *sink) { m_sink = sink; }

private:
    void takeBody(QByteArrayView bytes);
    enum class State { Head, FixedBody, ChunkSize, ChunkData, ChunkDataEnd, Trailers };

    Step readHead(QByteArrayView data);
    Step readLine(QByteArrayView data, QByteArray *line, bool *complete);
    Step readChunked(QByteArrayView data);
    static Step fail(int status, const QString &message) { return {Step::Failed, 0, status, message}; }

    qint64 m_maxHead;
    qint64 m_maxBody;
    State m_state = State::Head;
    QByteArray m_headBytes;
    std::optional<RequestHead> m_head;
    qint64 m_remaining = 0;
    qint64 m_bodyBytes = 0;
    QByteArray m_line;
    qint64 m_trailerBytes = 0;
    QByteArray *m_sink = nullptr;
};

} // namespace hb
