// SPDX-License-Identifier: MIT
#pragma once

#include "capturestore.h"
#include "dispatcher.h"
#include "httpwire.h"

#include <QString>

#include <optional>

namespace hb {

// What `hookbench replay` and the inspector send again: a stored capture, or a fixture file with
// its case from the folder's cases.json.
struct ReplaySource
{
    QString description;           // "capture 12", "fixtures/github/push.json (case push_one)"
    qint64 captureId = 0;
    QString integration;           // the endpoint, empty for other paths
    WebhookRequest request;        // what the embedded pipeline dispatches
    DispatchOptions options;       // the fixture's clock; for captures the arrival time
    RecordedRequest recorded;      // what goes on the wire to another URL
    QString forwardProblem;        // why the request cannot be sent as it was (a body refused unread)
};

// The request exactly as it was received.
RecordedRequest recordedFromCapture(const Capture &capture);
// A request built from a fixture: its target (path and query), headers, body; Content-Length is
// added by forwardRequest().
RecordedRequest recordedFromRequest(const WebhookRequest &request);

ReplaySource captureSource(const Capture &capture);

// A fixture file: the first case of its folder's cases.json that uses it (or the case named
// `caseName`); without one, a POST of its bytes to /api/v1/external/<integration> (the integration
// given, else the one cases.json names, else the folder's name) with a Content-Type from the file's
// extension. nullopt (with *error) when the file or its case cannot be read.
std::optional<ReplaySource> fixtureSource(const QString &fixtureFile, const QString &integration,
                                          const QString &caseName, QString *error);

} // namespace hb
