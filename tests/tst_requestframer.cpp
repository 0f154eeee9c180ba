// SPDX-License-Identifier: MIT
// RequestFramer on its own, without sockets: heads, bodies (fixed and chunked), limits, malformed
// and ambiguous framing, pipelining.
#include "requestframer.h"

#include <QTest>

using namespace hb;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kHeadLimit = 4096;
constexpr qint64 kBodyLimit = 1024;

// What the framer reported, in order; heads are taken on MessageDone, as the listener does.
struct Event
{
    RequestFramer::Step::Kind kind;
    RequestHead head;        // HeadDone: the head so far; MessageDone: the taken head
    int status = 0;
    QString message;
};

struct Run
{
    RequestFramer framer;
    QByteArray body;         // the decoded body bytes of every request, in order
    QList<Event> events;
    qsizetype consumed = 0;

    explicit Run(qint64 maxHead = kHeadLimit, qint64 maxBody = kBodyLimit) : framer(maxHead, maxBody)
    {
        framer.setBodySink(&body);
    }

    // Feeds bytes the way the listener does: advance until NeedMore with nothing left, or Failed.
    void feed(const QByteArray &data)
    {
        if (!events.isEmpty() && events.last().kind == RequestFramer::Step::Failed)
            return;   // the listener stops reading after a refusal
        QByteArrayView rest = data;
        for (int guard = 0; guard < 100000; ++guard) {
            const RequestFramer::Step step = framer.advance(rest);
            consumed += step.consumed;
            rest = rest.sliced(step.consumed);
            switch (step.kind) {
            case RequestFramer::Step::NeedMore:
                if (rest.isEmpty())
                    return;
                break;
            case RequestFramer::Step::HeadDone:
                events.append({step.kind, *framer.head()});
                break;
            case RequestFramer::Step::MessageDone:
                events.append({step.kind, framer.takeHead()});
                break;
            case RequestFramer::Step::Failed:
                events.append({step.kind, {}, step.status, step.message});
                return;
            }
        }
        QFAIL("the framer does not progress");
    }

    void feedByteByByte(const QByteArray &data)
    {
        for (qsizetype i = 0; i < data.size(); ++i)
            feed(data.sliced(i, 1));
    }

    QList<RequestFramer::Step::Kind> kinds() const
    {
        QList<RequestFramer::Step::Kind> out;
        for (const Event &e : events)
            out.append(e.kind);
        return out;
    }

    const Event &failure() const { return events.last(); }
    // The heads of the completed requests.
    QList<RequestHead> requests() const
    {
        QList<RequestHead> out;
        for (const Event &e : events) {
            if (e.kind == RequestFramer::Step::MessageDone)
                out.append(e.head);
        }
        return out;
    }
};

using Kinds = QList<RequestFramer::Step::Kind>;
const Kinds kOneRequest{RequestFramer::Step::HeadDone, RequestFramer::Step::MessageDone};

const QByteArray kJsonBody = "{\"title\":\"deploy\",\"text\":\"all good\"}";

QByteArray jsonPost()
{
    return "POST /api/v1/external/echo?api_key=k&stream=ops HTTP/1.1\r\n"
           "Host: 127.0.0.1:9991\r\n"
           "content-type: application/json\r\n"
           "X-Echo-Event:   say  \r\n"
           "Content-Length: " + QByteArray::number(kJsonBody.size()) + "\r\n"
           "\r\n" + kJsonBody;
}

QByteArray getRequest(const QByteArray &target = "/")
{
    return "GET " + target + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
}

QByteArray chunkedPost(const QByteArray &chunks)
{
    return "POST /hook HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks;
}

// A request head (without its final empty line) the framer refuses with `status` and `message`.
void expectFailure(const QByteArray &head, int status, const QString &message)
{
    Run run;
    run.feed(head + "\r\n");
    QCOMPARE(run.kinds(), Kinds{RequestFramer::Step::Failed});
    QCOMPARE(run.failure().status, status);
    QCOMPARE(run.failure().message, message);
}

} // namespace

class TestRequestFramer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // ---- complete requests

    void completeRequestInOnePiece()
    {
        Run run;
        QVERIFY(run.framer.betweenRequests());
        const QByteArray bytes = jsonPost();
        run.feed(bytes);
        QCOMPARE(run.kinds(), kOneRequest);
        QCOMPARE(run.consumed, bytes.size());
        QCOMPARE(run.body, kJsonBody);
        QVERIFY(run.framer.betweenRequests());

        const RequestHead head = run.requests().first();
        QCOMPARE(head.method, "POST");
        QCOMPARE(head.target, "/api/v1/external/echo?api_key=k&stream=ops");
        QCOMPARE(head.minorVersion, 1);
        // As sent: names keep their case and order; values are trimmed.
        const HeaderList expected{{"Host", "127.0.0.1:9991"},
                                  {"content-type", "application/json"},
                                  {"X-Echo-Event", "say"},
                                  {"Content-Length", QByteArray::number(kJsonBody.size())}};
        QCOMPARE(head.headers, expected);
        QCOMPARE(head.contentLength, std::optional<qint64>(kJsonBody.size()));
        QVERIFY(!head.chunked);
        QVERIFY(!head.expectContinue);
        QVERIFY(head.keepAlive);
        QCOMPARE(head.bodyBytes, kJsonBody.size());
    }

    void completeRequestByteByByte()
    {
        Run run;
        const QByteArray bytes = jsonPost();
        run.feedByteByByte(bytes);
        QCOMPARE(run.kinds(), kOneRequest);
        QCOMPARE(run.consumed, bytes.size());
        QCOMPARE(run.body, kJsonBody);
        QCOMPARE(run.requests().first().target, "/api/v1/external/echo?api_key=k&stream=ops");
        QCOMPARE(run.requests().first().headers.size(), 4);
    }

    void headDoneBeforeTheBodyArrives()
    {
        Run run;
        const QByteArray bytes = jsonPost();
        const qsizetype headSize = bytes.indexOf("\r\n\r\n") + 4;
        run.feed(bytes.first(headSize));
        QCOMPARE(run.kinds(), Kinds{RequestFramer::Step::HeadDone});
        QVERIFY(run.framer.expectsBody());
        QVERIFY(!run.framer.betweenRequests());
        run.feed(bytes.sliced(headSize, 5));
        QCOMPARE(run.framer.bodyBytes(), 5);
        run.feed(bytes.sliced(headSize + 5));
        QCOMPARE(run.kinds(), kOneRequest);
        QCOMPARE(run.body, kJsonBody);
        QCOMPARE(run.framer.bodyBytes(), 0);   // reset by takeHead()
    }

    void requestWithoutBody()
    {
        Run run;
        run.feed(getRequest("/status?verbose=1"));
        QCOMPARE(run.kinds(), kOneRequest);
        const RequestHead head = run.requests().first();
        QCOMPARE(head.method, "GET");
        QCOMPARE(head.target, "/status?verbose=1");
        QCOMPARE(head.contentLength, std::nullopt);
        QCOMPARE(head.bodyBytes, 0);
        QVERIFY(run.body.isEmpty());
    }

    void zeroContentLengthExpectsNoBody()
    {
        Run run;
        run.feed("POST /hook HTTP/1.1\r\nContent-Length: 0\r\n\r\n");
        QCOMPARE(run.kinds(), kOneRequest);
        QCOMPARE(run.requests().first().contentLength, std::optional<qint64>(0));
    }

    void targetIsKeptAsSent()
    {
        Run run;
        run.feed(getRequest("/api/v1/external/echo?topic=a%20b&stream=%C3%A9t%C3%A9&x=1+2"));
        QCOMPARE(run.requests().first().target, "/api/v1/external/echo?topic=a%20b&stream=%C3%A9t%C3%A9&x=1+2");
    }

    void repeatedHeadersKeepTheirOrder()
    {
        Run run;
        run.feed("GET / HTTP/1.1\r\nX-Tag: one\r\nHost: h\r\nx-tag: two\r\nX-Empty:\r\n\r\n");
        const HeaderList expected{{"X-Tag", "one"}, {"Host", "h"}, {"x-tag", "two"}, {"X-Empty", ""}};
        QCOMPARE(run.requests().first().headers, expected);
    }

    void unknownMethodIsFramed()
    {
        // Any token is a method: the dispatcher, not the framer, decides what to answer.
        Run run;
        run.feed("BREW /pot HTTP/1.1\r\nContent-Length: 3\r\n\r\ntea");
        QCOMPARE(run.kinds(), kOneRequest);
        QCOMPARE(run.requests().first().method, "BREW");
        QCOMPARE(run.body, "tea");
        QVERIFY(!qtWouldDrop(run.requests().first()));
    }

    // ---- line endings

    void bareLineFeeds()
    {
        Run run;
        run.feed("POST /hook HTTP/1.1\nHost: h\nContent-Length: 2\n\nok");
        QCOMPARE(run.kinds(), kOneRequest);
        const HeaderList expected{{"Host", "h"}, {"Content-Length", "2"}};
        QCOMPARE(run.requests().first().headers, expected);
        QCOMPARE(run.body, "ok");
    }

    void bareLineFeedsByteByByte()
    {
        Run run;
        run.feedByteByByte("GET /a HTTP/1.1\nHost: h\n\nGET /b HTTP/1.1\n\n");
        QCOMPARE(run.requests().size(), 2);
        QCOMPARE(run.requests().at(1).target, "/b");
    }

    void mixedLineEndings()
    {
        Run run;
        run.feed("GET / HTTP/1.1\r\nHost: h\nAccept: */*\r\n\n");
        QCOMPARE(run.kinds(), kOneRequest);
        const HeaderList expected{{"Host", "h"}, {"Accept", "*/*"}};
        QCOMPARE(run.requests().first().headers, expected);
    }

    void strayLineBreaksBeforeARequest()
    {
        Run run;
        run.feed("\r\n\r\n\n");
        QVERIFY(run.events.isEmpty());
        QVERIFY(run.framer.betweenRequests());
        run.feed("\r\n" + getRequest());
        QCOMPARE(run.kinds(), kOneRequest);
    }

    // ---- Content-Length bodies

    void bodyAtTheLimit()
    {
        Run run(kHeadLimit, 16);
        run.feed("POST /hook HTTP/1.1\r\nContent-Length: 16\r\n\r\n0123456789abcdef");
        QCOMPARE(run.kinds(), kOneRequest);
        QCOMPARE(run.body, "0123456789abcdef");
    }

    void declaredBodyOverTheLimit()
    {
        Run run(kHeadLimit, 16);
        run.feed("POST /hook HTTP/1.1\r\nContent-Length: 17\r\n\r\n");
        QCOMPARE(run.kinds(), Kinds{RequestFramer::Step::Failed});
        QCOMPARE(run.failure().status, 413);
        QCOMPARE(run.failure().message, u"Request body too large: 17 bytes (the limit is 16 bytes)"_s);
        // Refused before any body byte is read; the parsed head is still there for the capture.
        QCOMPARE(run.framer.bodyBytes(), 0);
        QVERIFY(run.framer.head());
        QCOMPARE(run.framer.head()->contentLength, std::optional<qint64>(17));
        QCOMPARE(run.framer.bestEffortHead().target, "/hook");
    }

    void invalidContentLength_data()
    {
        QTest::addColumn<QByteArray>("headers");
        QTest::newRow("letters") << QByteArray("Content-Length: ten\r\n");
        QTest::newRow("negative") << QByteArray("Content-Length: -1\r\n");
        QTest::newRow("plus sign") << QByteArray("Content-Length: +5\r\n");
        QTest::newRow("hex") << QByteArray("Content-Length: 0x10\r\n");
        QTest::newRow("list") << QByteArray("Content-Length: 5, 5\r\n");
        QTest::newRow("empty") << QByteArray("Content-Length:\r\n");
        QTest::newRow("19 digits") << QByteArray("Content-Length: 1000000000000000000\r\n");
        QTest::newRow("two values") << QByteArray("Content-Length: 5\r\ncontent-length: 6\r\n");
    }

    void invalidContentLength()
    {
        QFETCH(QByteArray, headers);
        expectFailure("POST /hook HTTP/1.1\r\n" + headers, 400, u"Invalid Content-Length header"_s);
    }

    void repeatedEqualContentLength()
    {
        Run run;
        run.feed("POST /hook HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nok");
        QCOMPARE(run.kinds(), kOneRequest);
        QCOMPARE(run.body, "ok");
    }

    void leadingZerosInContentLength()
    {
        Run run;
        run.feed("POST /hook HTTP/1.1\r\nContent-Length: 0003\r\n\r\nabc");
        QCOMPARE(run.kinds(), kOneRequest);
        QCOMPARE(run.body, "abc");
    }

    // ---- chunked bodies

    void chunkedBody()
    {
        Run run;
        run.feed(chunkedPost("5\r\nhello\r\n7\r\n, world\r\n0\r\n\r\n"));
        QCOMPARE(run.kinds(), kOneRequest);
        QCOMPARE(run.body, "hello, world");
        const RequestHead head = run.requests().first();
        QVERIFY(head.chunked);
        QCOMPARE(head.contentLength, std::nullopt);
        QCOMPARE(head.bodyBytes, 12);
        QVERIFY(run.framer.betweenRequests());
    }

    void chunkedBodyWithExtensionsAndTrailers()
    {
        Run run;
        run.feed(chunkedPost("A;name=value\r\n0123456789\r\n1 ; quoted=\"x;y\"\r\n!\r\n0;last\r\n"
                             "X-Checksum: abc\r\nX-Other: 1\r\n\r\n"));
        QCOMPARE(run.kinds(), kOneRequest);
        QCOMPARE(run.body, "0123456789!");
        // Trailers are read and dropped: the head stays as sent.
        QCOMPARE(run.requests().first().headers.size(), 2);
    }

    void chunkedBodyByteByByte()
    {
        Run run;
        const QByteArray bytes = chunkedPost("3\r\nabc\r\n1a\r\nABCDEFGHIJKLMNOPQRSTUVWXYZ\r\n0\r\nX-T: 1\r\n\r\n");
        run.feedByteByByte(bytes);
        QCOMPARE(run.kinds(), kOneRequest);
        QCOMPARE(run.consumed, bytes.size());
        QCOMPARE(run.body, "abcABCDEFGHIJKLMNOPQRSTUVWXYZ");
    }

    void chunkedBodyWithBareLineFeeds()
    {
        Run run;
        run.feed(chunkedPost("2\nhi\n0\n\n"));
        QCOMPARE(run.kinds(), kOneRequest);
        QCOMPARE(run.body, "hi");
    }

    void transferEncodingIsCaseInsensitive()
    {
        Run run;
        run.feed("POST /hook HTTP/1.1\r\ntransfer-encoding: Chunked\r\n\r\n1\r\nx\r\n0\r\n\r\n");
        QCOMPARE(run.kinds(), kOneRequest);
        QCOMPARE(run.body, "x");
    }

    void malformedChunks_data()
    {
        QTest::addColumn<QByteArray>("chunks");
        QTest::addColumn<QString>("message");
        QTest::newRow("size not hex") << QByteArray("zz\r\n") << u"Malformed chunked body (bad chunk size)"_s;
        QTest::newRow("empty size") << QByteArray("\r\n") << u"Malformed chunked body (bad chunk size)"_s;
        QTest::newRow("size too long") << QByteArray("1000000000000000\r\n")
                                       << u"Malformed chunked body (bad chunk size)"_s;
        QTest::newRow("data longer than the size") << QByteArray("2\r\nabc\r\n")
                                                   << u"Malformed chunked body (missing CRLF after a chunk)"_s;
        QTest::newRow("line too long") << QByteArray(2000, '1') << u"Malformed chunked body (line too long)"_s;
    }

    void malformedChunks()
    {
        QFETCH(QByteArray, chunks);
        QFETCH(QString, message);
        Run run;
        run.feed(chunkedPost(chunks));
        QCOMPARE(run.kinds(), (Kinds{RequestFramer::Step::HeadDone, RequestFramer::Step::Failed}));
        QCOMPARE(run.failure().status, 400);
        QCOMPARE(run.failure().message, message);
    }

    void chunkedBodyOverTheLimit()
    {
        Run run(kHeadLimit, 10);
        run.feed(chunkedPost("6\r\nabcdef\r\n5\r\nghijk\r\n0\r\n\r\n"));
        QCOMPARE(run.kinds(), (Kinds{RequestFramer::Step::HeadDone, RequestFramer::Step::Failed}));
        QCOMPARE(run.failure().status, 413);
        QCOMPARE(run.failure().message, u"Request body too large: more than 10 bytes"_s);
        QCOMPARE(run.body, "abcdef");   // the chunk that was over the limit is never read
        QCOMPARE(run.framer.bodyBytes(), 6);
    }

    void chunkedBodyAtTheLimit()
    {
        Run run(kHeadLimit, 10);
        run.feed(chunkedPost("6\r\nabcdef\r\n4\r\nghij\r\n0\r\n\r\n"));
        QCOMPARE(run.kinds(), kOneRequest);
        QCOMPARE(run.body, "abcdefghij");
    }

    void trailersOverTheHeaderLimit()
    {
        Run run(128, kBodyLimit);
        run.feed(chunkedPost("0\r\nX-Trailer: " + QByteArray(200, 'x') + "\r\n\r\n"));
        QCOMPARE(run.kinds(), (Kinds{RequestFramer::Step::HeadDone, RequestFramer::Step::Failed}));
        QCOMPARE(run.failure().status, 431);
        QCOMPARE(run.failure().message, u"Request trailers too large (the limit is 128 bytes)"_s);
    }

    // ---- ambiguous framing

    void contentLengthAndTransferEncoding()
    {
        expectFailure("POST /hook HTTP/1.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n", 400,
                      u"Both Content-Length and Transfer-Encoding are set"_s);
        expectFailure("POST /hook HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n", 400,
                      u"Both Content-Length and Transfer-Encoding are set"_s);
    }

    void unsupportedTransferEncoding_data()
    {
        QTest::addColumn<QByteArray>("headers");
        QTest::newRow("gzip") << QByteArray("Transfer-Encoding: gzip\r\n");
        QTest::newRow("gzip, chunked") << QByteArray("Transfer-Encoding: gzip, chunked\r\n");
        QTest::newRow("chunked twice in one") << QByteArray("Transfer-Encoding: chunked, chunked\r\n");
        QTest::newRow("two headers") << QByteArray("Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n");
        QTest::newRow("identity") << QByteArray("Transfer-Encoding: identity\r\n");
    }

    void unsupportedTransferEncoding()
    {
        QFETCH(QByteArray, headers);
        expectFailure("POST /hook HTTP/1.1\r\n" + headers, 400,
                      u"Unsupported Transfer-Encoding (only chunked is accepted)"_s);
    }

    // ---- malformed heads

    void badRequestLine_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QString>("message");
        const QString malformed = u"Malformed HTTP request line"_s;
        QTest::newRow("one word") << QByteArray("GARBAGE") << malformed;
        QTest::newRow("no version") << QByteArray("GET /") << malformed;
        QTest::newRow("double space") << QByteArray("GET  / HTTP/1.1") << malformed;
        QTest::newRow("space in target") << QByteArray("GET /a b HTTP/1.1") << malformed;
        QTest::newRow("method not a token") << QByteArray("GE(T / HTTP/1.1") << malformed;
        QTest::newRow("leading space") << QByteArray(" GET / HTTP/1.1") << malformed;
        QTest::newRow("binary") << QByteArray("\x16\x03\x01\x02") << malformed;
        const QString version = u"Unsupported HTTP version (HTTP/1.0 and HTTP/1.1 are served)"_s;
        QTest::newRow("HTTP/2.0") << QByteArray("GET / HTTP/2.0") << version;
        QTest::newRow("HTTP/0.9") << QByteArray("GET / HTTP/0.9") << version;
        QTest::newRow("lower case") << QByteArray("GET / http/1.1") << version;
        const QString target = u"Malformed HTTP request target"_s;
        QTest::newRow("tab in target") << QByteArray("GET /a\tb HTTP/1.1") << target;
        QTest::newRow("DEL in target") << QByteArray("GET /a\x7f HTTP/1.1") << target;
    }

    void badRequestLine()
    {
        QFETCH(QByteArray, line);
        QFETCH(QString, message);
        expectFailure(line + "\r\nHost: h\r\n", 400, message);
    }

    void badHeaderLine_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QString>("message");
        const QString malformed = u"Malformed HTTP header line"_s;
        QTest::newRow("no colon") << QByteArray("Host localhost") << malformed;
        QTest::newRow("empty name") << QByteArray(": value") << malformed;
        QTest::newRow("space before colon") << QByteArray("Host : localhost") << malformed;
        QTest::newRow("space in name") << QByteArray("X Echo: say") << malformed;
        const QString folded = u"Folded header lines are not accepted"_s;
        QTest::newRow("folded with space") << QByteArray("X-A: one\r\n two") << folded;
        QTest::newRow("folded with tab") << QByteArray("X-A: one\r\n\ttwo") << folded;
    }

    void badHeaderLine()
    {
        QFETCH(QByteArray, header);
        QFETCH(QString, message);
        expectFailure("POST /api/v1/external/echo HTTP/1.1\r\n" + header + "\r\n", 400, message);
    }

    void bestEffortHeadAfterAFailure()
    {
        Run run;
        run.feed("POST /api/v1/external/echo?api_key=k HTTP/1.1\r\nHost localhost\r\n\r\n");
        QCOMPARE(run.kinds(), Kinds{RequestFramer::Step::Failed});
        QVERIFY(!run.framer.head());
        const RequestHead head = run.framer.bestEffortHead();
        QCOMPARE(head.method, "POST");
        QCOMPARE(head.target, "/api/v1/external/echo?api_key=k");
        QVERIFY(head.headers.isEmpty());

        Run garbage;
        garbage.feed("NOT HTTP AT ALL\r\n\r\n");
        QCOMPARE(garbage.kinds(), Kinds{RequestFramer::Step::Failed});
        QVERIFY(garbage.framer.bestEffortHead().method.isEmpty());
        QVERIFY(garbage.framer.bestEffortHead().target.isEmpty());
    }

    // ---- the header limit

    void headAtTheLimit()
    {
        const QByteArray head = "GET / HTTP/1.1\r\nX-Pad: " + QByteArray(40, 'p') + "\r\n\r\n";
        Run atLimit(head.size(), kBodyLimit);
        atLimit.feed(head);
        QCOMPARE(atLimit.kinds(), kOneRequest);

        Run overLimit(head.size() - 1, kBodyLimit);
        overLimit.feed(head);
        QCOMPARE(overLimit.kinds(), Kinds{RequestFramer::Step::Failed});
        QCOMPARE(overLimit.failure().status, 431);
        QCOMPARE(overLimit.failure().message,
                 u"Request header block too large (the limit is %1 bytes)"_s.arg(head.size() - 1));
    }

    void headOverTheLimitByteByByte()
    {
        // Refused as soon as the limit is passed, without waiting for the end of the head.
        Run run(64, kBodyLimit);
        const QByteArray bytes = "GET / HTTP/1.1\r\nX-Pad: " + QByteArray(1000, 'p');
        run.feedByteByByte(bytes);
        QCOMPARE(run.kinds(), Kinds{RequestFramer::Step::Failed});
        QCOMPARE(run.failure().status, 431);
        QCOMPARE(run.failure().message, u"Request header block too large (the limit is 64 bytes)"_s);
        QVERIFY(run.consumed <= 65);
    }

    void headOverTheLimitWithoutItsEnd()
    {
        Run run(64, kBodyLimit);
        run.feed("GET / HTTP/1.1\r\nX-Pad: " + QByteArray(1000, 'p'));
        QCOMPARE(run.kinds(), Kinds{RequestFramer::Step::Failed});
        QCOMPARE(run.failure().status, 431);
    }

    void manyHeaderLinesWithinTheByteLimit()
    {
        // Only the size of the head is limited, not the number of its lines.
        QByteArray bytes = "GET / HTTP/1.1\r\n";
        for (int i = 0; i < 2000; ++i)
            bytes += "X-" + QByteArray::number(i) + ": v\r\n";
        bytes += "\r\n";
        Run run(bytes.size(), kBodyLimit);
        run.feed(bytes);
        QCOMPARE(run.kinds(), kOneRequest);
        QCOMPARE(run.requests().first().headers.size(), 2000);
        QCOMPARE(run.requests().first().headers.last(), (std::pair<QByteArray, QByteArray>{"X-1999", "v"}));
    }

    // ---- Expect: 100-continue

    void expectContinue_data()
    {
        QTest::addColumn<QByteArray>("version");
        QTest::addColumn<QByteArray>("expect");
        QTest::addColumn<bool>("expected");
        QTest::newRow("HTTP/1.1") << QByteArray("HTTP/1.1") << QByteArray("100-continue") << true;
        QTest::newRow("any case") << QByteArray("HTTP/1.1") << QByteArray("100-Continue") << true;
        QTest::newRow("HTTP/1.0") << QByteArray("HTTP/1.0") << QByteArray("100-continue") << false;
        QTest::newRow("other value") << QByteArray("HTTP/1.1") << QByteArray("200-ok") << false;
    }

    void expectContinue()
    {
        QFETCH(QByteArray, version);
        QFETCH(QByteArray, expect);
        QFETCH(bool, expected);
        Run run;
        run.feed("POST /hook " + version + "\r\nExpect: " + expect + "\r\nContent-Length: 4\r\n\r\n");
        QCOMPARE(run.kinds(), Kinds{RequestFramer::Step::HeadDone});
        QCOMPARE(run.events.first().head.expectContinue, expected);
        QVERIFY(run.framer.expectsBody());
        run.feed("data");
        QCOMPARE(run.kinds(), kOneRequest);
        QCOMPARE(run.body, "data");
    }

    void expectContinueWithoutABody()
    {
        // The caller sends 100 Continue only when a body is still to come.
        RequestFramer framer(kHeadLimit, kBodyLimit);
        const RequestFramer::Step step =
            framer.advance("POST /hook HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 0\r\n\r\n");
        QCOMPARE(step.kind, RequestFramer::Step::HeadDone);
        QVERIFY(framer.head()->expectContinue);
        QVERIFY(!framer.expectsBody());

        RequestFramer chunked(kHeadLimit, kBodyLimit);
        chunked.advance("POST /hook HTTP/1.1\r\nExpect: 100-continue\r\nTransfer-Encoding: chunked\r\n\r\n");
        QVERIFY(chunked.expectsBody());
    }

    // ---- connections

    void keepAlive_data()
    {
        QTest::addColumn<QByteArray>("version");
        QTest::addColumn<QByteArray>("headers");
        QTest::addColumn<bool>("keepAlive");
        QTest::addColumn<int>("minorVersion");
        QTest::newRow("1.1 default") << QByteArray("HTTP/1.1") << QByteArray() << true << 1;
        QTest::newRow("1.1 close") << QByteArray("HTTP/1.1") << QByteArray("Connection: close\r\n") << false << 1;
        QTest::newRow("1.1 Close, TE") << QByteArray("HTTP/1.1") << QByteArray("connection: TE, Close\r\n") << false
                                       << 1;
        QTest::newRow("1.0 default") << QByteArray("HTTP/1.0") << QByteArray() << false << 0;
        QTest::newRow("1.0 keep-alive") << QByteArray("HTTP/1.0") << QByteArray("Connection: Keep-Alive\r\n") << true
                                        << 0;
        QTest::newRow("close wins") << QByteArray("HTTP/1.0") << QByteArray("Connection: keep-alive, close\r\n")
                                    << false << 0;
        QTest::newRow("other token") << QByteArray("HTTP/1.1") << QByteArray("Connection: Upgrade\r\n") << true << 1;
    }

    void keepAlive()
    {
        QFETCH(QByteArray, version);
        QFETCH(QByteArray, headers);
        QFETCH(bool, keepAlive);
        QFETCH(int, minorVersion);
        Run run;
        run.feed("GET / " + version + "\r\n" + headers + "\r\n");
        QCOMPARE(run.kinds(), kOneRequest);
        QCOMPARE(run.requests().first().keepAlive, keepAlive);
        QCOMPARE(run.requests().first().minorVersion, minorVersion);
    }

    void requestsQtWouldDrop()
    {
        Run run;
        run.feed("CONNECT example.org:443 HTTP/1.1\r\nHost: example.org:443\r\n\r\n"
                 "GET /chat HTTP/1.1\r\nconnection: upgrade\r\nUPGRADE: websocket\r\n\r\n"
                 "GET /plain HTTP/1.1\r\nConnection: Upgrade\r\n\r\n");
        const QList<RequestHead> requests = run.requests();
        QCOMPARE(requests.size(), 3);
        QVERIFY(qtWouldDrop(requests[0]));
        QVERIFY(qtWouldDrop(requests[1]));
        QVERIFY(!qtWouldDrop(requests[2]));
    }

    // ---- pipelining

    void pipelinedRequests()
    {
        Run run;
        const QByteArray bytes = jsonPost() + getRequest("/second") + "\r\n" + chunkedPost("2\r\nhi\r\n0\r\n\r\n");
        run.feed(bytes);
        QCOMPARE(run.kinds(), kOneRequest + kOneRequest + kOneRequest);
        QCOMPARE(run.consumed, bytes.size());
        const QList<RequestHead> requests = run.requests();
        QCOMPARE(requests[0].method, "POST");
        QCOMPARE(requests[0].bodyBytes, kJsonBody.size());
        QCOMPARE(requests[1].target, "/second");
        QCOMPARE(requests[1].bodyBytes, 0);
        QCOMPARE(requests[2].bodyBytes, 2);
        QCOMPARE(run.body, kJsonBody + "hi");
    }

    void pipelinedRequestsByteByByte()
    {
        Run run;
        run.feedByteByByte(getRequest("/one") + jsonPost() + getRequest("/three"));
        QCOMPARE(run.requests().size(), 3);
        QCOMPARE(run.requests().at(2).target, "/three");
        QCOMPARE(run.body, kJsonBody);
    }

    void restAfterARequest()
    {
        // What the listener checks once a request is complete: does another one follow?
        RequestFramer framer(kHeadLimit, kBodyLimit);
        const QByteArray bytes = getRequest() + "\r\n" + getRequest("/next");
        QByteArrayView rest = bytes;
        RequestFramer::Step step = framer.advance(rest);
        QCOMPARE(step.kind, RequestFramer::Step::HeadDone);
        rest = rest.sliced(step.consumed);
        step = framer.advance(rest);
        QCOMPARE(step.kind, RequestFramer::Step::MessageDone);
        QCOMPARE(step.consumed, 0);
        QVERIFY(startsAnotherRequest(rest));
        QCOMPARE(framer.takeHead().target, "/");

        QVERIFY(!startsAnotherRequest(""));
        QVERIFY(!startsAnotherRequest("\r\n"));
        QVERIFY(!startsAnotherRequest("\n\n\r\n"));
        QVERIFY(startsAnotherRequest("\r\nG"));
        QVERIFY(startsAnotherRequest(" "));
    }

    void failureStopsTheConnection()
    {
        // After a refusal nothing more is framed: the listener closes the connection.
        Run run(kHeadLimit, 4);
        run.feed(getRequest("/ok") + "POST /big HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello" + getRequest("/never"));
        QCOMPARE(run.kinds(), (Kinds{RequestFramer::Step::HeadDone, RequestFramer::Step::MessageDone,
                                     RequestFramer::Step::Failed}));
        QCOMPARE(run.requests().size(), 1);
        QCOMPARE(run.failure().status, 413);
        QCOMPARE(run.framer.bestEffortHead().target, "/big");
    }
};

QTEST_APPLESS_MAIN(TestRequestFramer)
#include "tst_requestframer.moc"
