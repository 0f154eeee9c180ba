// SPDX-License-Identifier: MIT
#include "httpexchange.h"

#include <QEventLoop>
#include <QSslSocket>
#include <QTcpSocket>

using namespace Qt::StringLiterals;

namespace hb {

HttpExchange::HttpExchange(QObject *parent) : QObject(parent)
{
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this] { end(tr("no answer within the time limit")); });
}

HttpExchange::~HttpExchange()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        delete m_socket;
    }
}

void HttpExchange::start(const OutgoingRequest &request, int timeoutMs)
{
    const bool tls = request.url.scheme() == u"https"_s;
    const quint16 port = quint16(request.url.port(tls ? 443 : 80));
    m_parser = {};
    m_parser.setHeadRequest(request.bytes.startsWith("HEAD "));
    m_toWrite = request.bytes.size();
    m_finished = false;
    if (tls && !QSslSocket::supportsSsl()) {
        QMetaObject::invokeMethod(this, [this] { end(tr("TLS is not available (no SSL backend)")); }, Qt::QueuedConnection);
        return;
    }
    m_socket = tls ? new QSslSocket : new QTcpSocket;
    connect(m_socket, &QTcpSocket::bytesWritten, this, [this](qint64 n) { m_toWrite -= n; });
    connect(m_socket, &QTcpSocket::readyRead, this, [this] {
        m_parser.feed(m_socket->readAll());
        if (m_parser.isDone())
            end({});
        else if (m_parser.hasFailed())
            end(m_parser.errorString());
    });
    connect(m_socket, &QTcpSocket::disconnected, this, [this] {
        if (!m_socket)
            return;
        m_parser.feed(m_socket->readAll());
        m_parser.finish();
        end(m_parser.isDone() ? QString() : m_parser.errorString());
    });
    connect(m_socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError e) {
        if (e == QAbstractSocket::RemoteHostClosedError)
            return; // disconnected() settles it
        end(m_socket ? m_socket->errorString() : QString());
    });
    const QByteArray bytes = request.bytes;
    if (tls) {
        auto *ssl = static_cast<QSslSocket *>(m_socket);
        connect(ssl, &QSslSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
            end(tr("TLS: %1").arg(errors.value(0).errorString()));
        });
        connect(ssl, &QSslSocket::encrypted, this, [this, bytes] { m_socket->write(bytes); });
        ssl->connectToHostEncrypted(request.url.host(), port);
    } else {
        connect(m_socket, &QTcpSocket::connected, this, [this, bytes] { m_socket->write(bytes); });
        m_socket->connectToHost(request.url.host(), port);
    }
    m_timeout.start(timeoutMs);
}

void HttpExchange::abort()
{
    end(tr("aborted"));
}

void HttpExchange::end(const QString &error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_timeout.stop();
    HttpResult result;
    result.sent = m_toWrite <= 0;
    if (error.isEmpty() && m_parser.isDone())
        result.response = m_parser.response();
    else
        result.error = error.isEmpty() ? tr("no answer") : error;
    if (m_socket) {
        QTcpSocket *socket = m_socket;
        m_socket = nullptr;
        socket->disconnect(this);
        socket->abort();
        socket->deleteLater();
    }
    emit finished(result);
}

HttpResult HttpExchange::sendAndWait(const OutgoingRequest &request, int timeoutMs)
{
    HttpExchange exchange;
    std::optional<HttpResult> result;
    QEventLoop loop;
    connect(&exchange, &HttpExchange::finished, &loop, [&](const HttpResult &r) {
        result = r;
        loop.quit();
    });
    exchange.start(request, timeoutMs);
    if (!result)
        loop.exec();
    return *result;
}

} // namespace hb
