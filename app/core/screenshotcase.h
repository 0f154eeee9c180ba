// SPDX-License-Identifier: MIT
#pragma once

#include "casefile.h"
#include "integration.h"
#include "outcome.h"

#include <QDateTime>
#include <QString>

#include <optional>

namespace hb {

// What an integration's documentation screenshot shows: one fixture, sent as the first message case
// of fixtures/<folder>/cases.json that uses it (its headers, query and clock), and the message that
// request produces. Zulip keeps the picture as static/images/integrations/<name>/001.png.
struct ScreenshotCase
{
    QString fixture;   // the fixture file name ("push__3_commits.json")
    QString caseName;  // the case whose request was sent
    Outcome outcome;   // always a message
    QDateTime time;    // the case's clock, else now: the time the message view shows
};

// The fixture the screenshot shows by default: the registry's screenshotFixture, else the fixture of
// the first message case. Empty when there is neither (no cases.json, or no message case with a fixture).
QString defaultScreenshotFixture(const IntegrationEntry &entry, const std::optional<CaseSuite> &suite);

// Loads `fixturesDir/<folder>/cases.json` and renders the screenshot's message. `fixture` may be empty
// (the default above) and may be given without its extension ("push__3_commits"). nullopt with *error
// when the fixture is unknown, no message case uses it, or the case does not give a message.
std::optional<ScreenshotCase> findScreenshotCase(const Registry &registry, const IntegrationEntry &entry,
                                                 const QString &fixturesDir, const QString &fixture, QString *error);

} // namespace hb
