// SPDX-License-Identifier: MIT
#pragma once

#include "dispatcher.h"
#include "outcome.h"
#include "webhookrequest.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace hb {

// One case of a cases.json file (our fixtures/<name>/cases.json and Zulip's conformance cases share
// the format: see docs/writing-an-integration.md).
struct TestCase
{
    enum class Body { Fixture, Raw, Form };
    struct ExpectedMessage { QString topic; QString content; };

    QString name;
    QString path;                     // empty: /api/v1/external/<integration>
    QByteArray method = "POST";
    QString fixture;                  // file name, may be empty
    Body bodyKind = Body::Fixture;
    QByteArray rawBody;               // Body::Raw
    ParamList form;                   // Body::Form ("@fixture" = the fixture text)
    std::optional<QByteArray> contentType;
    HeaderList headers;
    ParamList query;
    QString expect;                   // message | noop | error
    QList<ExpectedMessage> expectedMessages;
    std::optional<int> expectedErrorStatus;
    QString expectedErrorMsg;         // may be only the start of the message
    QString expectedResponseContains; // for no-ops answered with a text (unsupported events)
    QString notes;
};

struct CaseSuite
{
    QString integration;
    QString directory;                // where cases.json lives; fixtures in it or in fixtures/
    QString urlTemplate;
    std::optional<qint64> clock;      // "now" in Unix seconds
    QStringList clockAppliesTo;       // tests the clock is for (empty: every test)
    QList<TestCase> cases;

    QString fixturePath(const QString &fixture) const;
    // The fixed "now" of one case: "clock" is either a number (every case) or
    // {"mock_time_time": seconds, "applies_to": [test names]} (only those; "test[n]" matches "test").
    std::optional<qint64> clockFor(const TestCase &test) const;
};

std::optional<CaseSuite> loadCaseSuite(const QString &casesJsonPath, QString *error);

// The HTTP request a case describes. nullopt (with *error) when its fixture cannot be read.
std::optional<WebhookRequest> buildCaseRequest(const CaseSuite &suite, const TestCase &test, QString *error);

struct CaseResult
{
    QString integration;
    QString name;
    bool passed = false;
    QString detail;                   // why it failed
    std::optional<Outcome> actual;
    QByteArray expectedJson;
    QByteArray toJsonLine() const;    // the --report line
};

// Runs one case through the dispatcher (with the suite's clock) and compares the outcome.
CaseResult runCase(const Registry &registry, const CaseSuite &suite, const TestCase &test);
// Compares an outcome with what the case expects; empty string when it matches.
QString compareOutcome(const TestCase &test, const Outcome &actual);

} // namespace hb
