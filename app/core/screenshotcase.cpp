// SPDX-License-Identifier: MIT
#include "screenshotcase.h"

#include "fixturefolder.h"

#include <QDir>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace hb {

namespace {

bool namesFixture(const QString &caseFixture, const QString &wanted)
{
    return caseFixture == wanted || QFileInfo(caseFixture).completeBaseName() == wanted;
}

} // namespace

QString defaultScreenshotFixture(const IntegrationEntry &entry, const std::optional<CaseSuite> &suite)
{
    if (!entry.screenshotFixture.isEmpty())
        return entry.screenshotFixture;
    if (!suite)
        return {};
    for (const TestCase &test : suite->cases) {
        if (test.expect == u"message" && !test.fixture.isEmpty() && test.bodyKind != TestCase::Body::Raw)
            return test.fixture;
    }
    return {};
}

std::optional<ScreenshotCase> findScreenshotCase(const Registry &registry, const IntegrationEntry &entry,
                                                 const QString &fixturesDir, const QString &fixture, QString *error)
{
    const QString casesPath = QDir(fixturesDir).filePath(entry.folder() + u"/cases.json"_s);
    QString loadError;
    std::optional<CaseSuite> suite = loadCaseSuite(casesPath, &loadError);
    if (!suite) {
        *error = loadError;
        return std::nullopt;
    }
    const QString wanted = fixture.isEmpty() ? defaultScreenshotFixture(entry, suite) : fixture;
    if (wanted.isEmpty()) {
        *error = u"%1 has no message case with a fixture to show"_s.arg(entry.name);
        return std::nullopt;
    }
    const QString withExtension = QFileInfo(wanted).suffix().isEmpty() ? wanted + u".json"_s : wanted;
    if (const QString bad = FixtureFolder::nameError(withExtension); !bad.isEmpty()) {
        *error = bad;
        return std::nullopt;
    }
    QString lastProblem;
    for (const TestCase &test : suite->cases) {
        if (test.expect != u"message" || test.bodyKind == TestCase::Body::Raw || !namesFixture(test.fixture, wanted))
            continue;
        // The case must address this endpoint (one folder may serve several).
        if (!test.path.isEmpty() && test.path != entry.urlPath())
            continue;
        const CaseResult result = runCase(registry, *suite, test);
        if (!result.actual || !result.actual->isMessage()) {
            lastProblem = u"case '%1' gives no message (%2)"_s.arg(test.name, result.detail);
            continue;
        }
        const auto clock = suite->clockFor(test);
        return ScreenshotCase{test.fixture, test.name, *result.actual,
                              clock ? QDateTime::fromSecsSinceEpoch(*clock, Qt::UTC) : QDateTime::currentDateTimeUtc()};
    }
    *error = lastProblem.isEmpty() ? u"no message case of %1 uses the fixture '%2'"_s.arg(entry.name, wanted) : lastProblem;
    return std::nullopt;
}

} // namespace hb
