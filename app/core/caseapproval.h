// SPDX-License-Identifier: MIT
#pragma once

#include "fixturefolder.h"
#include "integration.h"
#include "json.h"
#include "outcome.h"

#include <QCoreApplication>
#include <QString>

#include <optional>

namespace hb {

// "Approve": the outcome a fixture renders now becomes what its case expects (snapshot testing). The
// case is the one named `caseName`, else the case named after the fixture that uses it, else the only
// case that uses it; when none does, a new case is made (test = the fixture name without extension,
// the event header from a "<event>__…" fixture name when the event is one the integration knows).
class CaseApproval final
{
    Q_DECLARE_TR_FUNCTIONS(CaseApproval)

public:
    static std::optional<CaseApproval> prepare(const Registry &registry, const FixtureFolder &folder, const QString &fixture,
                                               const QString &caseName, QString *error);

    QString caseName() const { return m_caseName; }
    bool isNew() const { return !m_old.has_value(); }
    // The expectation changes: a new case, or an existing one whose expect/expected_* differ.
    bool changes() const;
    // The old expectation against the new one, line by line ("- old", "+ new", "  same"); empty for a
    // new case or when nothing changes.
    QString diff() const;
    QString newExpectationText() const; // the expect/expected_* members as indented JSON
    const Outcome &outcome() const { return m_outcome; }
    const JsonValue &newCase() const { return m_newCase; }

    // Writes the case into cases.json (in place of the old one, or at the end).
    bool apply(FixtureFolder &folder, QString *error) const;

    // The expect/expected_* members that describe an outcome, as cases.json spells them.
    static std::vector<JsonValue::Member> expectation(const Outcome &outcome);

private:
    CaseApproval(QString caseName, std::optional<JsonValue> oldCase, JsonValue newCase, Outcome outcome);

    QString m_caseName;
    std::optional<JsonValue> m_old;
    JsonValue m_newCase;
    Outcome m_outcome;
};

// Line diff of two texts (longest common subsequence): "  same", "- only in a", "+ only in b".
QString textLineDiff(const QString &a, const QString &b);

} // namespace hb
