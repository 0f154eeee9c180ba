// SPDX-License-Identifier: MIT
#pragma once

#include "integration.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace hb {

// One integration in Zulip's layout, for a Zulip checkout (zulip-reference.md §4–5):
//   zerver/webhooks/<name>/__init__.py            empty
//   zerver/webhooks/<name>/fixtures/<fixture>     the fixtures its cases use, byte for byte
//   zerver/webhooks/<name>/tests.py               a WebhookTestCase subclass, one test per case
//   zerver/webhooks/<name>/doc.md                 a skeleton using Zulip's doc macros
//   static/images/integrations/logos/<name>.svg   the logo
//   static/images/integrations/<name>/001.png     the screenshot, when integrations/<folder>/001.png exists
// Everything is built in memory first; writing never replaces an existing file unless forced.
class ZulipExport final
{
    Q_DECLARE_TR_FUNCTIONS(ZulipExport)

public:
    struct File
    {
        QString path;      // relative to the target folder, '/'-separated
        QByteArray bytes;
    };
    struct Report
    {
        QStringList written;    // created or (forced) replaced
        QStringList unchanged;  // already there with the same bytes
        QStringList skipped;    // already there with other bytes, not forced
    };

    // `fixturesDir`: our fixtures/ folder; `integrationsDir`: our integrations/ folder (for 001.png;
    // empty = the one beside fixturesDir). nullopt with *error when the integration has no cases or
    // a name is unsafe.
    static std::optional<ZulipExport> build(const Registry &registry, const IntegrationEntry &entry,
                                            const QString &fixturesDir, QString integrationsDir, QString *error);

    const QList<File> &files() const { return m_files; }
    const QStringList &notes() const { return m_notes; } // what the reader should know (no logo, …)
    QString integration() const { return m_integration; }

    // The files that exist in `targetDir` with other content (what writing would replace).
    QStringList conflicts(const QString &targetDir) const;
    // Writes into `targetDir` (which must exist). nullopt with *error when a file cannot be written;
    // the report then covers nothing (files written before the failure are listed in *error).
    std::optional<Report> write(const QString &targetDir, bool force, QString *error) const;

    // Why an integration name is refused for the export (empty when fine): [a-z0-9_]+.
    static QString nameError(const QString &name);

private:
    QString m_integration;
    QList<File> m_files;
    QStringList m_notes;
};

// The doc.md skeleton Zulip's documentation expects (§5.2), with the vendor link of our doc.md.
QByteArray zulipDocSkeleton(const IntegrationEntry &entry, const QString &ourDoc);

} // namespace hb
