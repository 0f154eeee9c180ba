// SPDX-License-Identifier: MIT
// For the tests of forwarding (tst_forward, tst_gui_forward): a loopback HTTP server that records
// every request byte for byte.
#pragma once

#include <QByteArray>
#include <QList>
#include <QTcpServer>
#include <QTcpSocket>

#include <memory>

using namespace Qt::StringLiterals;

namespace hb::testing {

// A loopback HTTP server that keeps every request's bytes (head and body, as received) and answers
// each with the next scripted response (the last one repeats).
class RecordingServer
{
public:
    RecordingServer() { QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this] { accept(); }); }

    bool listen(quint16 port = 0) { return m_server.listen(QHostAddress::LocalHost, port); }
    void close() { m_server.close(); }
    quint16 port() const { return m_server.serverPort(); }
    QString url(const QString &pathAndQuery = {}) const
    {
        return u"http://127.0.0.1:%1%2"_s.arg(port()).arg(pathAndQuery);
    }
    void script(QList<QByteArray> responses) { m_responses = std::move(responses); }
    const QList<QByteArray> &requests() const { return m_requests; }

    static QByteArray response(int status, const QByteArray &reason, const QByteArray &body,
                               const QByteArray &extraHeaders = {})
    {
        return "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason + "\r\nContent-Type: application/json\r\n"
               + extraHeaders + "Content-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n"
               + body;
    }

private:
    void accept()
    {
        while (QTcpSocket *socket = m_server.nextPendingConnection()) {
            auto buffer = std::make_shared<QByteArray>();
            QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer] {
                *buffer += socket->readAll();
                const qsizetype end = buffer->indexOf("\r\n\r\n");
                if (end < 0)
                    return;
                qsizetype length = 0;
                for (const QByteArray &line : buffer->left(end).split('\n')) {
                    if (line.toLower().startsWith("content-length:"))
                        length = line.mid(15).trimmed().toLongLong();
                }
                if (buffer->size() < end + 4 + length)
                    return;
                m_requests.append(*buffer);
                const QByteArray answer = m_responses.isEmpty()
                                              ? response(200, "OK", "{\"result\":\"success\",\"msg\":\"\"}")
                                              : m_responses.size() > 1 ? m_responses.takeFirst() : m_responses.first();
                socket->write(answer);
                socket->disconnectFromHost();
            });
        }
    }

    QTcpServer m_server;
    QList<QByteArray> m_requests;
    QList<QByteArray> m_responses;
};

// The head's lines after the request line, and the body, of a recorded request.
struct Parsed
{
    QByteArray requestLine;
    QList<QByteArray> headerLines;
    QByteArray body;
    QByteArray header(QByteArrayView name) const
    {
        for (const QByteArray &line : headerLines) {
            const qsizetype colon = line.indexOf(':');
            if (line.left(colon).compare(name, Qt::CaseInsensitive) == 0)
                return line.mid(colon + 1).trimmed();
        }
        return {};
    }
};

inline Parsed parse(const QByteArray &request)
{
    Parsed p;
    const qsizetype end = request.indexOf("\r\n\r\n");
    QList<QByteArray> lines = request.left(end).split('\n');
    for (QByteArray &line : lines)
        line.chop(line.endsWith('\r') ? 1 : 0);
    p.requestLine = lines.takeFirst();
    p.headerLines = lines;
    p.body = request.mid(end + 4);
    return p;
}

} // namespace hb::testing
