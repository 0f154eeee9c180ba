// SPDX-License-Identifier: MIT
#include "caseapproval.h"

#include "casefile.h"

#include <QFile>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace hb {

namespace {

bool isExpectationKey(const QString &key)
{
    return key == u"expect" || key == u"expected_messages" || key == u"expected_response" || key == u"expected_error";
}

JsonValue expectationObject(const JsonValue &testCase)
{
    std::vector<JsonValue::Member> members;
    for (const auto &member : testCase.members()) {
        if (isExpectationKey(member.first))
            members.push_back(member);
    }
    return JsonValue::makeObject(std::move(members));
}

// The raw cases of cases.json, in the order the suite lists them.
std::vector<JsonValue> rawCases(const FixtureFolder &folder)
{
    QFile file(folder.casesPath());
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const auto doc = parseJson(file.readAll());
    const JsonValue *cases = doc ? doc->find(u"cases") : nullptr;
    return cases && cases->isArray() ? cases->items() : std::vector<JsonValue>{};
}

QString stem(const QString &fixture)
{
    return fixture.left(fixture.lastIndexOf(u'.'));
}

} // namespace

CaseApproval::CaseApproval(QString caseName, std::optional<JsonValue> oldCase, JsonValue newCase, Outcome outcome)
    : m_caseName(std::move(caseName)), m_old(std::move(oldCase)), m_newCase(std::move(newCase)), m_outcome(std::move(outcome))
{
}

std::vector<JsonValue::Member> CaseApproval::expectation(const Outcome &outcome)
{
    std::vector<JsonValue::Member> members;
    members.emplace_back(u"expect"_s, JsonValue::fromString(Outcome::kindName(outcome.kind())));
    const auto object = [](std::vector<JsonValue::Member> m) { return JsonValue::makeObject(std::move(m)); };
    switch (outcome.kind()) {
    case Outcome::Kind::Message: {
        std::vector<JsonValue> messages;
        for (const Message &m : outcome.messages())
            messages.push_back(object({{u"topic"_s, JsonValue::fromString(m.topic)}, {u"content"_s, JsonValue::fromString(m.content)}}));
        members.emplace_back(u"expected_messages"_s, JsonValue::makeArray(std::move(messages)));
        break;
    }
    case Outcome::Kind::NoOp:
        if (!outcome.noop().code.isEmpty()) // an answer with a code (an unsupported event) says what to check
            members.emplace_back(u"expected_response"_s, object({{u"status"_s, JsonValue::fromInteger(outcome.httpStatus())},
                                                                 {u"msg_contains"_s, JsonValue::fromString(outcome.noop().reason)}}));
        break;
    case Outcome::Kind::Error:
        members.emplace_back(u"expected_error"_s, object({{u"status"_s, JsonValue::fromInteger(outcome.error().status)},
                                                          {u"msg"_s, JsonValue::fromString(outcome.error().msg)}}));
        break;
    }
    return members;
}

std::optional<CaseApproval> CaseApproval::prepare(const Registry &registry, const FixtureFolder &folder, const QString &fixture,
                                                  const QString &caseName, QString *error)
{
    *error = FixtureFolder::nameError(fixture);
    if (!error->isEmpty())
        return std::nullopt;
    QByteArray bytes;
    if (!folder.read(fixture, &bytes, error))
        return std::nullopt;
    if (!folder.suiteError().isEmpty()) {
        *error = tr("cases.json cannot be read: %1").arg(folder.suiteError());
        return std::nullopt;
    }
    CaseSuite suite = folder.suite().value_or(CaseSuite{});
    if (!folder.suite()) {
        suite.integration = folder.integration();
        suite.directory = folder.directory();
        suite.urlTemplate = u"/api/v1/external/%1?api_key={api_key}&stream={stream}"_s.arg(folder.integration());
    }
    const std::vector<JsonValue> raw = rawCases(folder);
    if (raw.size() != size_t(suite.cases.size())) {
        *error = tr("cases.json changed while it was read; try again.");
        return std::nullopt;
    }
    // Which case: the one named, else the one named after the fixture, else the only one using it.
    int index = -1;
    const QList<int> using_ = folder.casesUsing(fixture);
    const QString wanted = caseName.isEmpty() ? stem(fixture) : caseName;
    for (int i = 0; i < suite.cases.size() && index < 0; ++i) {
        if (suite.cases[i].name == wanted)
            index = i;
    }
    if (index >= 0 && suite.cases[index].fixture != fixture) {
        if (!caseName.isEmpty()) {
            *error = tr("The case %1 uses %2, not %3.").arg(caseName, suite.cases[index].fixture, fixture);
            return std::nullopt;
        }
        index = -1; // named like the fixture but about another one
        if (using_.isEmpty()) {
            for (const TestCase &c : suite.cases) {
                if (c.name == wanted)
                    *error = tr("A case named %1 exists and uses %2: name the new case with --case.").arg(wanted, c.fixture);
            }
            return std::nullopt;
        }
    }
    if (index < 0 && caseName.isEmpty() && using_.size() == 1)
        index = using_.first();
    if (index < 0 && caseName.isEmpty() && using_.size() > 1) {
        QStringList names;
        for (int i : using_)
            names.append(suite.cases[i].name);
        *error = tr("%1 cases use %2 (%3): say which with --case.").arg(using_.size()).arg(fixture, names.join(u", "_s));
        return std::nullopt;
    }

    TestCase test;
    std::optional<JsonValue> oldCase;
    if (index >= 0) {
        test = suite.cases[index];
        oldCase = raw[size_t(index)];
    } else {
        test.name = wanted;
        test.fixture = fixture;
        if (fixture.endsWith(u".json"_s))
            test.contentType = QByteArray("application/json");
        const IntegrationEntry *entry = registry.find(folder.integration());
        const QString event = fixture.section(u"__"_s, 0, 0);
        if (entry && !entry->eventHeader.isEmpty() && fixture.contains(u"__"_s) && entry->eventTypes.contains(event))
            test.headers.append({entry->eventHeader, event.toUtf8()});
    }
    const CaseResult result = runCase(registry, suite, test);
    if (!result.actual) {
        *error = result.detail;
        return std::nullopt;
    }
    const std::vector<JsonValue::Member> expected = expectation(*result.actual);
    std::vector<JsonValue::Member> members;
    if (oldCase) {
        bool placed = false;
        for (const auto &member : oldCase->members()) {
            if (member.first == u"expect" && !placed) {
                members.insert(members.end(), expected.begin(), expected.end());
                placed = true;
            } else if (!isExpectationKey(member.first)) {
                members.push_back(member);
            }
        }
        if (!placed)
            members.insert(members.end(), expected.begin(), expected.end());
    } else {
        std::vector<JsonValue::Member> headers;
        for (const auto &[name, value] : test.headers)
            headers.emplace_back(QString::fromUtf8(name), JsonValue::fromString(QString::fromUtf8(value)));
        members = {{u"test"_s, JsonValue::fromString(test.name)},
                   {u"method"_s, JsonValue::fromString(u"POST"_s)},
                   {u"fixture"_s, JsonValue::fromString(fixture)},
                   {u"body"_s, JsonValue()},
                   {u"content_type"_s, test.contentType ? JsonValue::fromString(QString::fromUtf8(*test.contentType)) : JsonValue()},
                   {u"headers"_s, JsonValue::makeObject(std::move(headers))},
                   {u"query"_s, JsonValue::makeObject()}};
        members.insert(members.end(), expected.begin(), expected.end());
    }
    return CaseApproval(test.name, std::move(oldCase), JsonValue::makeObject(std::move(members)), *result.actual);
}

QString CaseApproval::newExpectationText() const
{
    return QString::fromUtf8(expectationObject(m_newCase).toJson(true));
}

bool CaseApproval::changes() const
{
    return !m_old || expectationObject(*m_old).toJson() != expectationObject(m_newCase).toJson();
}

QString CaseApproval::diff() const
{
    if (!m_old || !changes())
        return {};
    return textLineDiff(QString::fromUtf8(expectationObject(*m_old).toJson(true)), newExpectationText());
}

bool CaseApproval::apply(FixtureFolder &folder, QString *error) const
{
    const bool done = folder.addCase(m_newCase, true, error);
    folder.reload();
    return done;
}

QString textLineDiff(const QString &a, const QString &b)
{
    const QStringList x = a.split(u'\n');
    const QStringList y = b.split(u'\n');
    if (x.size() * y.size() > 4'000'000)
        return u"- "_s + x.join(u"\n- "_s) + u"\n+ "_s + y.join(u"\n+ "_s);
    QList<QList<int>> lcs(x.size() + 1, QList<int>(y.size() + 1, 0));
    for (qsizetype i = x.size() - 1; i >= 0; --i) {
        for (qsizetype j = y.size() - 1; j >= 0; --j)
            lcs[i][j] = x[i] == y[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    }
    QStringList out;
    qsizetype i = 0, j = 0;
    while (i < x.size() || j < y.size()) {
        if (i < x.size() && j < y.size() && x[i] == y[j]) {
            out.append(u"  "_s + x[i++]);
            ++j;
        } else if (i < x.size() && (j == y.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
            out.append(u"- "_s + x[i++]);
        } else {
            out.append(u"+ "_s + y[j++]);
        }
    }
    return out.join(u'\n');
}

} // namespace hb
