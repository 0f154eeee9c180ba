// SPDX-License-Identifier: MIT
#pragma once

#include "capturestore.h"
#include "integration.h"
#include "messageview.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// Exports of one request (a capture, or a fixture sent as its case sends it): a curl command that
// sends it again byte for byte, HAR 1.2 of one or many captures (and the way back), and the message
// view of its outcome as a standalone HTML page. Everything works on a Capture: a fixture's request
// and the outcome it renders to are wrapped in one by captureFromFixture().
namespace hb {

// ---- curl

struct CurlOptions
{
    // Scheme and authority the command sends to, e.g. "http://127.0.0.1:9991". Empty: from the
    // request's Host header, else Hookbench's default listener.
    QString baseUrl;
    // How the command names the body file when the body cannot be inline (see CurlCommand).
    QString bodyFile = QStringLiteral("request.body");
    // Longest body written inline (UTF-8 text only); longer ones go to the body file.
    qsizetype maxInlineBody = 4096;
};

struct CurlCommand
{
    QString command;          // POSIX sh text, one option per line joined with " \\\n  "
    // When the body goes to a file: the bytes to write to CurlOptions::bodyFile (the command reads
    // it with --data-binary @file). nullopt when the body is inline or there is none.
    std::optional<QByteArray> bodyFileBytes;
    QStringList warnings;     // what curl cannot reproduce exactly
};

// What the command sends, and why:
//  - the URL is the base URL + the request target exactly as received (--globoff and --path-as-is
//    where curl would otherwise expand [] {} or squash /../); bytes curl would refuse in a URL
//    (controls, spaces, '#', non-ASCII) are percent-encoded and reported in warnings;
//  - every header as received, in order, except the ones curl derives from the URL and the body
//    (Host, Content-Length, Transfer-Encoding) and hop-by-hop ones (Connection, Keep-Alive, TE,
//    Trailer, Upgrade, Proxy-Connection, Expect); a header sent empty is written "Name;";
//  - curl's own defaults are switched off when the original did not send them: "Accept:",
//    "User-Agent:", "Content-Type:" (for a body) and always "Expect:" (no 100-continue pause);
//  - the body with --data-binary: inline when it is short UTF-8 text without control characters
//    other than tab and newlines (and does not start with '@'), else from the body file. A request
//    that declared an empty body (Content-Length: 0) sends --data-binary '' so the length is kept;
//  - the method with -X only when curl would use another one (GET without a body, POST with one);
//    HEAD without a body is --head.
// Arguments are single-quoted ('\'' for a quote); a header or URL with bytes that are not UTF-8
// text is written as "$(printf '\ooo…')" so the command stays plain text and any byte survives.
CurlCommand curlCommand(const Capture &request, const CurlOptions &options = {});

// A POSIX sh word for arbitrary bytes (quoted unless it is only safe characters).
QString shellQuote(const QByteArray &bytes);

// The URL a capture was sent to: the base URL (or http://<Host header>) + its target.
QString requestUrl(const Capture &request, const QString &baseUrl = {});

// ---- HAR 1.2

struct HarOptions
{
    QString baseUrl;          // as CurlOptions::baseUrl, for request.url
    QString creatorVersion;   // log.creator.version; empty = the application's version
};

// A HAR 1.2 log with one entry per capture, in the order given: the request as received (headers,
// cookies, decoded queryString, postData with the exact text, or base64 with "encoding": "base64"
// for bytes that are not UTF-8, plus params for form bodies), our stored response (status, the JSON
// headers Hookbench sends, content) and timings (the time spent as "wait"). Each entry keeps the
// capture's id, integration and outcome in a "_hookbench" object, so importHar() gets them back.
QByteArray exportHar(const QList<Capture> &captures, const HarOptions &options = {});

// The captures a HAR log describes (any HAR 1.2 producer; "_hookbench" fields are optional):
// method, target (path and query exactly as in the URL), headers, body (text, base64 or rebuilt
// from params), time, and the response and outcome when present. nullopt with *error when the
// text is not a HAR log; entries that are not requests are reported in *error and left out.
std::optional<QList<Capture>> importHar(QByteArrayView har, QString *error);

// ---- message view

// The message view of the outcome the capture stored, as a self-contained HTML page (MessageView::page).
// nullopt with *error when the stored outcome cannot be read.
std::optional<QString> messageHtml(const Registry &registry, const Capture &capture, ViewTheme theme, QString *error);

// ---- fixtures

// A fixture sent as a case of its folder's cases.json sends it (the case `caseName`, else the
// first case that uses the fixture), or, with no such case, POSTed as JSON (text for .txt) to
// /api/v1/external/<integration>; dispatched with the case's clock, its outcome stored in the
// capture as the listener would. nullopt with *error for an unknown integration or case, or an
// unreadable file.
std::optional<Capture> captureFromFixture(const Registry &registry, const QString &fixtureFile,
                                          const QString &integration, const QString &caseName, QString *error);

// The capture the listener would have stored for this request and outcome (no id, no peer port).
Capture captureFromRequest(const WebhookRequest &request, const Outcome &outcome);

} // namespace hb
