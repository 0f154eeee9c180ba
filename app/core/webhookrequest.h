// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>
#include <utility>

namespace hb {

using HeaderList = QList<std::pair<QByteArray, QByteArray>>;
using ParamList = QList<std::pair<QString, QString>>;

// Decodes application/x-www-form-urlencoded text ('+' is a space, %XX escapes; invalid UTF-8 is
// replaced), the way Django fills request.GET and request.POST.
ParamList parseUrlEncoded(QByteArrayView text);
QByteArray toUrlEncoded(const ParamList &params);

// One HTTP request as the pipeline sees it: from the listener, from a fixture + case, or from the
// command line. Nothing here knows about sockets.
struct WebhookRequest
{
    QByteArray method = "POST";
    QString path;                 // decoded path, without the query
    ParamList query;              // decoded query parameters, in order
    HeaderList headers;           // as received (names keep their case)
    QByteArray body;
    QDateTime receivedAt;         // UTC
    QString remoteAddress;

    // Builds path + query from a target such as "/api/v1/external/x?api_key=k&stream=s".
    void setTarget(QByteArrayView target);
    QByteArray target() const;    // re-encodes path + query

    std::optional<QByteArray> header(QByteArrayView name) const; // case-insensitive, first match
    QByteArray contentType() const;                              // lower case, without parameters
    bool isFormEncoded() const;
    std::optional<QString> queryValue(QStringView name) const;   // last value wins, as Django

    // Parameters as Django's REQ() sees them: the query, then the form body for form POSTs.
    std::optional<QString> param(QStringView name) const;
    ParamList formFields() const; // empty unless the body is form-encoded
};

struct BasicCredentials
{
    QString user;
    QString password;
};

enum class BasicAuthStatus { Missing, NotBasic, Malformed, Ok };
BasicAuthStatus parseBasicAuth(const WebhookRequest &request, BasicCredentials *out);

} // namespace hb
