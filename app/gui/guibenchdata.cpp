// SPDX-License-Identifier: MIT
#include "guibenchdata.h"

#include "casefile.h"
#include "dispatcher.h"

#include <QDir>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace hb::gui::bench {

namespace {

bool isContentLength(const QByteArray &name)
{
    return name.compare("Content-Length", Qt::CaseInsensitive) == 0;
}

Capture captureOf(const QString &integration, const WebhookRequest &request, const Outcome &outcome)
{
    Capture c;
    c.receivedAt = request.receivedAt;
    c.method = request.method;
    c.target = request.target();
    c.path = request.path;
    const qsizetype question = c.target.indexOf('?');
    c.query = question < 0 ? QByteArray() : c.target.mid(question + 1);
    c.headers = {{"Host", "127.0.0.1:9991"}, {"User-Agent", integration.toLatin1() + "-Hookshot/2.4"}, {"Accept", "*/*"}};
    for (const auto &header : request.headers) {
        if (!isContentLength(header.first))
            c.headers.append(header);
    }
    c.headers.append({"Content-Length", QByteArray::number(request.body.size())});
    c.body = request.body;
    c.bodySize = request.body.size();
    c.remoteAddress = request.remoteAddress;
    c.outcomeKind = outcome.kind();
    c.integration = Dispatcher::integrationName(request.path).value_or(QString());
    c.httpStatus = outcome.httpStatus();
    c.outcomeJson = outcome.toJson();
    c.responseBody = outcome.httpBody();
    return c;
}

void appendSuite(const Registry &registry, const CaseSuite &suite, QList<Capture> *captures)
{
    for (const TestCase &test : suite.cases) {
        DispatchOptions options;
        if (const auto clock = suite.clockFor(test))
            options.now = QDateTime::fromSecsSinceEpoch(*clock, Qt::UTC);
        const Dispatcher dispatcher(registry, options);
        QString error;
        if (const auto request = buildCaseRequest(suite, test, &error))
            captures->append(captureOf(suite.integration, *request, dispatcher.dispatch(*request)));
    }
}

} // namespace

QList<Capture> fixtureCaptures(const Registry &registry, const QString &fixturesDir, QString *error)
{
    QList<Capture> captures;
    const QDir dir(fixturesDir);
    for (const QString &name : dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        const QString path = dir.filePath(name + u"/cases.json"_s);
        if (!QFileInfo::exists(path))
            continue;
        if (const std::optional<CaseSuite> suite = loadCaseSuite(path, error))
            appendSuite(registry, *suite, &captures);
    }
    if (captures.isEmpty() && error->isEmpty())
        *error = u"no cases with fixtures in %1"_s.arg(fixturesDir);
    return captures;
}

Capture nthCapture(const QList<Capture> &samples, qint64 n, qint64 total, const QDateTime &newest)
{
    // A multiplicative hash of n: varied but the same in every run.
    const quint64 mix = quint64(n + 1) * 0x9e3779b97f4a7c15ull;
    Capture c = samples[(n * 7 + qint64(mix >> 60)) % samples.size()];
    c.receivedAt = newest.addMSecs(-(total - n) * 2300 + qint64(mix >> 54) % 1500);
    c.remotePort = quint16(32768 + (mix >> 40) % 28000);
    c.durationUs = 40 + qint64(mix >> 50) % 900;
    c.pinned = n % 1999 == 0;
    return c;
}

const Capture *smallestJsonMessage(const QList<Capture> &samples)
{
    const Capture *best = nullptr;
    for (const Capture &c : samples) {
        const bool json = c.body.startsWith('{') || c.body.startsWith('[');
        if (c.outcomeKind == Outcome::Kind::Message && json && (!best || c.body.size() < best->body.size()))
            best = &c;
    }
    return best;
}

QByteArray httpRequest(const Capture &capture)
{
    QByteArray out = capture.method + ' ' + capture.target + " HTTP/1.1\r\n";
    for (const auto &[name, value] : capture.headers)
        out += name + ": " + value + "\r\n";
    return out + "\r\n" + capture.body;
}

} // namespace hb::gui::bench
