// SPDX-License-Identifier: MIT
#include "fixturefolder.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace hb {

namespace {

const QString kCasesFile = u"cases.json"_s;

JsonValue withMember(const JsonValue &object, const QString &key, JsonValue value)
{
    std::vector<JsonValue::Member> members = object.members();
    // Readers see the last of duplicate keys, so that is the one to change.
    for (auto it = members.rbegin(); it != members.rend(); ++it) {
        if (it->first == key) {
            it->second = std::move(value);
            return JsonValue::makeObject(std::move(members));
        }
    }
    members.emplace_back(key, std::move(value));
    return JsonValue::makeObject(std::move(members));
}

// A headers/query object from table rows; values that were not strings in the file (a number, say)
// keep their type while their text is unchanged.
JsonValue pairsObject(const ParamList &pairs, const JsonValue *original)
{
    std::vector<JsonValue::Member> members;
    for (const auto &[key, value] : pairs) {
        const JsonValue *old = original && original->isObject() ? original->find(key) : nullptr;
        const bool keepOld = old && !old->isString() && old->toPythonText() == value;
        members.emplace_back(key, keepOld ? *old : JsonValue::fromString(value));
    }
    return JsonValue::makeObject(std::move(members));
}

QString caseName(const JsonValue &c)
{
    for (const auto key : {u"test", u"name"}) {
        if (const JsonValue *v = c.find(key); v && v->isString() && !v->toString().isEmpty())
            return v->toString();
    }
    return {};
}

bool writeFile(const QString &path, const QByteArray &bytes, QString *error)
{
    QSaveFile file(path);
    if (file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size() && file.commit())
        return true;
    *error = FixtureFolder::tr("Cannot write %1: %2").arg(path, file.errorString());
    return false;
}

} // namespace

FixtureFolder::FixtureFolder(QString directory, QString integration)
    : m_directory(std::move(directory)), m_integration(std::move(integration))
{
    reload();
}

QString FixtureFolder::filePath(const QString &name) const
{
    return QDir(m_directory).filePath(name);
}

QString FixtureFolder::casesPath() const
{
    return filePath(kCasesFile);
}

void FixtureFolder::reload()
{
    m_fixtures = QDir(m_directory).entryList(QDir::Files, QDir::Name | QDir::IgnoreCase);
    m_fixtures.removeAll(kCasesFile);
    m_suite.reset();
    m_suiteError.clear();
    if (QFileInfo::exists(casesPath()))
        m_suite = loadCaseSuite(casesPath(), &m_suiteError);
}

QList<int> FixtureFolder::casesUsing(const QString &fixture) const
{
    QList<int> out;
    if (m_suite) {
        for (int i = 0; i < m_suite->cases.size(); ++i) {
            if (m_suite->cases[i].fixture == fixture)
                out.append(i);
        }
    }
    return out;
}

std::optional<WebhookRequest> FixtureFolder::requestFor(TestCase test, const QString &text, QString *error) const
{
    switch (test.bodyKind) {
    case TestCase::Body::Fixture:
        test.bodyKind = TestCase::Body::Raw;
        test.rawBody = text.toUtf8();
        break;
    case TestCase::Body::Form:
        for (auto &field : test.form) {
            if (field.second == u"@fixture")
                field.second = text;
        }
        break;
    case TestCase::Body::Raw: break;
    }
    test.fixture.clear(); // the text replaces the file
    CaseSuite suite = m_suite.value_or(CaseSuite{});
    if (suite.integration.isEmpty())
        suite.integration = m_integration;
    return buildCaseRequest(suite, test, error);
}

QString FixtureFolder::nameError(const QString &name)
{
    static const QRegularExpression allowed(u"^[A-Za-z0-9_.-]+$"_s);
    if (name.isEmpty())
        return tr("The name is empty.");
    if (name.contains(u'/') || name.contains(u'\\'))
        return tr("A fixture name cannot contain a path separator.");
    if (name.contains(u".."_s))
        return tr("A fixture name cannot contain \"..\".");
    if (!allowed.match(name).hasMatch())
        return tr("A fixture name may only contain letters, digits, '_', '.' and '-'.");
    if (name.startsWith(u'.'))
        return tr("A fixture name cannot start with '.'.");
    if (!name.endsWith(u".json"_s) && !name.endsWith(u".txt"_s))
        return tr("A fixture name must end in .json or .txt.");
    if (name == kCasesFile)
        return tr("cases.json holds the cases, not a fixture.");
    return {};
}

bool FixtureFolder::checkNewName(const QString &name, QString *error) const
{
    *error = nameError(name);
    if (error->isEmpty() && QFileInfo::exists(filePath(name)))
        *error = tr("%1 already exists.").arg(name);
    return error->isEmpty();
}

bool FixtureFolder::checkExisting(const QString &name, QString *error) const
{
    *error = nameError(name);
    if (error->isEmpty() && !QFileInfo(filePath(name)).isFile())
        *error = tr("%1 does not exist.").arg(name);
    return error->isEmpty();
}

bool FixtureFolder::read(const QString &name, QByteArray *out, QString *error) const
{
    if (!checkExisting(name, error))
        return false;
    QFile file(filePath(name));
    if (!file.open(QIODevice::ReadOnly)) {
        *error = tr("Cannot read %1: %2").arg(name, file.errorString());
        return false;
    }
    *out = file.readAll();
    return true;
}

bool FixtureFolder::write(const QString &name, const QByteArray &bytes, QString *error)
{
    *error = nameError(name);
    if (!error->isEmpty())
        return false;
    if (!QDir().mkpath(m_directory)) {
        *error = tr("Cannot create %1").arg(m_directory);
        return false;
    }
    return writeFile(filePath(name), bytes, error);
}

bool FixtureFolder::create(const QString &name, const QByteArray &bytes, QString *error)
{
    return checkNewName(name, error) && write(name, bytes, error);
}

bool FixtureFolder::duplicate(const QString &from, const QString &to, QString *error)
{
    QByteArray bytes;
    return checkNewName(to, error) && read(from, &bytes, error) && write(to, bytes, error);
}

bool FixtureFolder::rename(const QString &from, const QString &to, QString *error)
{
    if (!checkExisting(from, error) || !checkNewName(to, error))
        return false;
    if (!QFile::rename(filePath(from), filePath(to))) {
        *error = tr("Cannot rename %1 to %2.").arg(from, to);
        return false;
    }
    if (!QFileInfo::exists(casesPath()))
        return true;
    const bool updated = rewriteCases([&](const JsonValue &doc, QString *) -> std::optional<JsonValue> {
        const JsonValue *cases = doc.find(u"cases");
        if (!cases || !cases->isArray())
            return doc;
        std::vector<JsonValue> items = cases->items();
        for (JsonValue &c : items) {
            const JsonValue *fixture = c.find(u"fixture");
            if (c.isObject() && fixture && fixture->isString() && fixture->toString() == from)
                c = withMember(c, u"fixture"_s, JsonValue::fromString(to));
        }
        return withMember(doc, u"cases"_s, JsonValue::makeArray(std::move(items)));
    }, error);
    if (!updated)
        QFile::rename(filePath(to), filePath(from)); // keep the file and its cases in step
    return updated;
}

bool FixtureFolder::remove(const QString &name, QString *error)
{
    if (!checkExisting(name, error))
        return false;
    if (!QFile::remove(filePath(name))) {
        *error = tr("Cannot delete %1.").arg(name);
        return false;
    }
    return true;
}

bool FixtureFolder::updateCase(int caseIndex, const QString &name, const HeaderList &headers, const ParamList &query,
                               QString *error)
{
    ParamList headerPairs;
    for (const auto &[k, v] : headers)
        headerPairs.append({QString::fromUtf8(k), QString::fromUtf8(v)});
    return rewriteCases([&](const JsonValue &doc, QString *editError) -> std::optional<JsonValue> {
        const JsonValue *cases = doc.find(u"cases");
        if (!cases || !cases->isArray()) {
            *editError = tr("cases.json has no \"cases\" array.");
            return std::nullopt;
        }
        std::vector<JsonValue> items = cases->items();
        // The file may have changed since it was listed: find the case by name if it moved.
        int index = caseIndex >= 0 && caseIndex < int(items.size()) && caseName(items[caseIndex]) == name ? caseIndex : -1;
        for (int i = 0; index < 0 && i < int(items.size()); ++i) {
            if (caseName(items[i]) == name)
                index = i;
        }
        if (index < 0) {
            *editError = tr("The case %1 is no longer in cases.json.").arg(name);
            return std::nullopt;
        }
        JsonValue c = items[index];
        if (c.find(u"headers") || !headerPairs.isEmpty())
            c = withMember(c, u"headers"_s, pairsObject(headerPairs, c.find(u"headers")));
        if (c.find(u"query") || !query.isEmpty())
            c = withMember(c, u"query"_s, pairsObject(query, c.find(u"query")));
        items[index] = std::move(c);
        return withMember(doc, u"cases"_s, JsonValue::makeArray(std::move(items)));
    }, error);
}

bool FixtureFolder::addCase(const JsonValue &testCase, bool replaceSameName, QString *error)
{
    if (!QFileInfo::exists(casesPath())) {
        const JsonValue suite = JsonValue::makeObject({
            {u"integration"_s, JsonValue::fromString(m_integration)},
            {u"url_template"_s, JsonValue::fromString(u"/api/v1/external/%1?api_key={api_key}&stream={stream}"_s.arg(m_integration))},
            {u"cases"_s, JsonValue::makeArray({testCase})},
        });
        if (!QDir().mkpath(m_directory)) {
            *error = tr("Cannot create %1").arg(m_directory);
            return false;
        }
        return writeFile(casesPath(), suite.toJson(true) + '\n', error);
    }
    return rewriteCases([&](const JsonValue &doc, QString *editError) -> std::optional<JsonValue> {
        const JsonValue *cases = doc.find(u"cases");
        if (cases && !cases->isArray()) {
            *editError = tr("cases.json has no \"cases\" array.");
            return std::nullopt;
        }
        std::vector<JsonValue> items = cases ? cases->items() : std::vector<JsonValue>{};
        const QString name = caseName(testCase);
        const auto same = std::find_if(items.begin(), items.end(), [&](const JsonValue &c) { return caseName(c) == name; });
        if (replaceSameName && same != items.end())
            *same = testCase;
        else
            items.push_back(testCase);
        return withMember(doc, u"cases"_s, JsonValue::makeArray(std::move(items)));
    }, error);
}

bool FixtureFolder::rewriteCases(const CasesEdit &edit, QString *error)
{
    QFile file(casesPath());
    if (!file.open(QIODevice::ReadOnly)) {
        *error = tr("Cannot read %1: %2").arg(casesPath(), file.errorString());
        return false;
    }
    const QByteArray before = file.readAll();
    file.close();
    JsonParseError parseError;
    const auto doc = parseJson(before, &parseError);
    if (!doc || !doc->isObject()) {
        *error = tr("cases.json is not a JSON object (%1 at byte %2); it was left alone.")
                     .arg(parseError.message).arg(parseError.offset);
        return false;
    }
    const auto changed = edit(*doc, error);
    if (!changed)
        return false;
    const QByteArray after = changed->toJson(true) + '\n';
    return after == before || writeFile(casesPath(), after, error);
}

} // namespace hb
