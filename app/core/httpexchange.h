// SPDX-License-Identifier: MIT
#pragma once

#include "httpwire.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

class QTcpSocket;

namespace hb {

// What came of sending one request: an answer, or why there is none.
struct HttpResult
{
    std::optional<HttpResponse> response;
    QString error;                 // set when there is no response (connection refused, timeout, TLS…)
    bool sent = false;             // every byte was written before it ended (a duplicate is possible on retry)
};

// Sends one request's bytes over a QTcpSocket (QSslSocket for https) and reads the answer. The
// bytes are written exactly as given; QNetworkAccessManager is not used because it adds and
// rewrites headers. One exchange per object; finished() is emitted once, from the event loop.
class HttpExchange final : public QObject
{
    Q_OBJECT

public:
    explicit HttpExchange(QObject *parent = nullptr);
    ~HttpExchange() override;

    // Connects, writes, reads; gives up after timeoutMs in all (connect + send + answer).
    void start(const OutgoingRequest &request, int timeoutMs = 15000);
    void abort();                  // ends with an error now (finished() is emitted)
    bool isRunning() const { return m_socket != nullptr; }

    // Runs an exchange in a local event loop: for the command line only.
    static HttpResult sendAndWait(const OutgoingRequest &request, int timeoutMs = 15000);

Q_SIGNALS:
    void finished(const hb::HttpResult &result);

private:
    void end(const QString &error);

    QTcpSocket *m_socket = nullptr;
    QTimer m_timeout;
    HttpResponseParser m_parser;
    qint64 m_toWrite = 0;
    bool m_finished = false;
};

} // namespace hb

Q_DECLARE_METATYPE(hb::HttpResult)
