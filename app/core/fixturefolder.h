// SPDX-License-Identifier: MIT
#pragma once

#include "casefile.h"
#include "json.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace hb {

// One integration's fixture folder (fixtures/<folder>/): its fixture files and its cases.json.
// Every change checks names first, works on the files as they are on disk now (cases.json is re-read
// before it is rewritten, so edits made elsewhere are kept), and writes atomically. cases.json is
// written back in its own layout (two-space indent, keys in their order, final newline).
class FixtureFolder final
{
    Q_DECLARE_TR_FUNCTIONS(FixtureFolder)

public:
    FixtureFolder() = default;
    FixtureFolder(QString directory, QString integration);

    QString directory() const { return m_directory; }
    QString integration() const { return m_integration; }
    QString filePath(const QString &name) const;
    QString casesPath() const;

    // Re-reads the file list and cases.json.
    void reload();
    const QStringList &fixtures() const { return m_fixtures; }
    const std::optional<CaseSuite> &suite() const { return m_suite; }
    QString suiteError() const { return m_suiteError; } // why cases.json could not be read
    QList<int> casesUsing(const QString &fixture) const;
    // The request a case of this folder sends, with `text` in place of its fixture file (unsaved
    // edits), as buildCaseRequest() builds it.
    std::optional<WebhookRequest> requestFor(TestCase test, const QString &text, QString *error) const;

    // Why a fixture name is refused (empty when it is fine): only [A-Za-z0-9_.-], no path separators,
    // no "..", ending in .json or .txt, not cases.json.
    static QString nameError(const QString &name);

    bool read(const QString &name, QByteArray *out, QString *error) const;
    bool write(const QString &name, const QByteArray &bytes, QString *error);
    bool create(const QString &name, const QByteArray &bytes, QString *error); // refuses an existing name
    bool duplicate(const QString &from, const QString &to, QString *error);
    bool rename(const QString &from, const QString &to, QString *error);     // and cases.json references
    bool remove(const QString &name, QString *error);
    // Replaces the headers and query of the case `caseIndex` (whose name must still be `caseName`).
    bool updateCase(int caseIndex, const QString &caseName, const HeaderList &headers, const ParamList &query,
                    QString *error);
    // Adds a case (a JSON object with a "test" name) at the end of cases.json, or in place of the case
    // of the same name when replaceSameName; creates cases.json with its suite header (integration,
    // url_template, cases) when the folder has none.
    bool addCase(const JsonValue &testCase, bool replaceSameName, QString *error);

private:
    using CasesEdit = std::function<std::optional<JsonValue>(const JsonValue &cases, QString *error)>;
    bool rewriteCases(const CasesEdit &edit, QString *error);
    bool checkNewName(const QString &name, QString *error) const;
    bool checkExisting(const QString &name, QString *error) const;

    QString m_directory;
    QString m_integration;
    QStringList m_fixtures;
    std::optional<CaseSuite> m_suite;
    QString m_suiteError;
};

} // namespace hb
