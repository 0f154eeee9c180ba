// SPDX-License-Identifier: MIT
#include "replaysource.h"

#include "casefile.h"
#include "capturereplay.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace hb {

RecordedRequest recordedFromCapture(const Capture &capture)
{
    RecordedRequest r;
    r.method = capture.method;
    r.target = capture.target.isEmpty() ? requestFromCapture(capture).target() : capture.target;
    r.headers = capture.headers;
    r.body = capture.body;
    return r;
}

RecordedRequest recordedFromRequest(const WebhookRequest &request)
{
    return {.method = request.method, .target = request.target(), .headers = request.headers, .body = request.body};
}

ReplaySource captureSource(const Capture &capture)
{
    ReplaySource s;
    s.description = u"capture %1"_s.arg(capture.id);
    s.captureId = capture.id;
    s.integration = capture.integration;
    s.request = requestFromCapture(capture);
    s.recorded = recordedFromCapture(capture);
    if (capture.body.isEmpty() && capture.bodySize > 0)
        s.forwardProblem = u"the body of capture %1 (%2 bytes) was refused unread, so it cannot be sent as it was"_s
                               .arg(capture.id).arg(capture.bodySize);
    return s;
}

std::optional<ReplaySource> fixtureSource(const QString &fixtureFile, const QString &integration,
                                          const QString &caseName, QString *error)
{
    const QFileInfo info(fixtureFile);
    if (!info.isFile()) {
        *error = u"%1 is not a file"_s.arg(fixtureFile);
        return std::nullopt;
    }
    ReplaySource s;
    const QString casesPath = info.dir().filePath(u"cases.json"_s);
    std::optional<CaseSuite> suite;
    if (QFileInfo::exists(casesPath)) {
        QString why;
        suite = loadCaseSuite(casesPath, &why);
        if (!suite) {
            *error = u"%1: %2"_s.arg(casesPath, why);
            return std::nullopt;
        }
    }
    if (suite) {
        for (const TestCase &test : suite->cases) {
            if (test.fixture != info.fileName() || (!caseName.isEmpty() && test.name != caseName))
                continue;
            if (!integration.isEmpty())
                suite->integration = integration;
            QString why;
            auto request = buildCaseRequest(*suite, test, &why);
            if (!request) {
                *error = why;
                return std::nullopt;
            }
            s.description = u"%1 (case %2)"_s.arg(info.fileName(), test.name);
            s.integration = suite->integration;
            s.request = *request;
            if (const auto clock = suite->clockFor(test))
                s.options.now = QDateTime::fromSecsSinceEpoch(*clock, Qt::UTC);
            s.recorded = recordedFromRequest(s.request);
            return s;
        }
    }
    if (!caseName.isEmpty()) {
        *error = u"no case named '%1' uses %2"_s.arg(caseName, info.fileName());
        return std::nullopt;
    }
    QFile f(fixtureFile);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = u"cannot read %1: %2"_s.arg(fixtureFile, f.errorString());
        return std::nullopt;
    }
    s.integration = !integration.isEmpty() ? integration : suite ? suite->integration : info.dir().dirName();
    s.description = info.fileName();
    s.request.path = u"/api/v1/external/"_s + s.integration;
    s.request.body = f.readAll();
    const QByteArray type = info.suffix() == u"txt"_s ? "application/x-www-form-urlencoded" : "application/json";
    s.request.headers.append({QByteArray("Content-Type"), type});
    s.request.receivedAt = QDateTime::currentDateTimeUtc();
    s.request.remoteAddress = u"127.0.0.1"_s;
    s.recorded = recordedFromRequest(s.request);
    return s;
}

} // namespace hb
