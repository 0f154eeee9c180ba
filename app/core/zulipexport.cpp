// SPDX-License-Identifier: MIT
#include "zulipexport.h"

#include "casefile.h"
#include "fixturefolder.h"
#include "zuliptestpy.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace hb {

namespace {

bool readFile(const QString &path, QByteArray *out)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    *out = f.readAll();
    return true;
}

// The first [text](https://…) link of our doc.md (the vendor's page), as it is written there.
QString vendorLink(const QString &doc)
{
    static const QRegularExpression link(uR"(\[[^\]\n]+\]\(https?://[^)\s]+\))"_s);
    return link.match(doc).captured(0);
}

} // namespace

QString ZulipExport::nameError(const QString &name)
{
    static const QRegularExpression allowed(u"^[a-z0-9_]+$"_s);
    if (name.isEmpty())
        return tr("The integration name is empty.");
    if (!allowed.match(name).hasMatch())
        return tr("'%1' is not a valid integration name: only lowercase letters, digits and '_'.").arg(name);
    return {};
}

QByteArray zulipDocSkeleton(const IntegrationEntry &entry, const QString &ourDoc)
{
    const QString name = entry.displayName;
    QString md = u"# Zulip %1 integration\n\n"_s.arg(name);
    md += u"Get %1 notifications in Zulip!\n\n"_s.arg(name);
    md += u"{start_tabs}\n\n"_s;
    md += u"1. {!create-channel.md!}\n\n"_s;
    md += u"1. {!create-an-incoming-webhook.md!}\n\n"_s;
    md += u"1. {!generate-integration-url.md!}\n\n"_s;
    if (entry.auth == AuthMode::BasicAuth)
        md += u"1. This integration authenticates with the bot's email and API key in the URL:\n\n    {!webhook-url-with-bot-email.md!}\n\n"_s;
    md += u"1. In %1, open the webhook settings and add a new webhook.\n\n"_s.arg(name);
    md += u"1. Set the URL to the URL generated above, choose the events to send, and click **Save**.\n\n"_s;
    md += u"{end_tabs}\n\n"_s;
    md += u"{!congrats.md!}\n\n"_s;
    md += u"![](/static/images/integrations/%1/001.png)\n\n"_s.arg(entry.name);
    if (!entry.eventTypes.isEmpty())
        md += u"{!event-filtering-additional-feature.md!}\n\n"_s;
    md += u"### Related documentation\n\n"_s;
    if (const QString link = vendorLink(ourDoc); !link.isEmpty())
        md += u"- "_s + link + u"\n\n"_s;
    md += u"{!webhooks-url-specification.md!}\n"_s;
    return md.toUtf8();
}

std::optional<ZulipExport> ZulipExport::build(const Registry &registry, const IntegrationEntry &entry,
                                              const QString &fixturesDir, QString integrationsDir, QString *error)
{
    for (const QString &name : {entry.name, entry.folder()}) {
        if (const QString bad = nameError(name); !bad.isEmpty()) {
            *error = bad;
            return std::nullopt;
        }
    }
    if (integrationsDir.isEmpty())
        integrationsDir = QDir(fixturesDir).filePath(u"../integrations"_s);
    QString loadError;
    const auto suite = loadCaseSuite(QDir(fixturesDir).filePath(entry.folder() + u"/cases.json"_s), &loadError);
    if (!suite) {
        *error = tr("%1 has no cases to export: %2").arg(entry.name, loadError);
        return std::nullopt;
    }
    const ZulipTestsWriter writer(entry, *suite);
    const QList<TestCase> cases = writer.cases();
    if (cases.isEmpty()) {
        *error = tr("No case of fixtures/%1/cases.json addresses %2.").arg(entry.folder(), entry.urlPath());
        return std::nullopt;
    }

    ZulipExport out;
    out.m_integration = entry.name;
    const QString base = u"zerver/webhooks/"_s + entry.name + u'/';
    out.m_files.append({base + u"__init__.py"_s, {}});
    for (const QString &fixture : writer.fixtures()) {
        if (const QString bad = FixtureFolder::nameError(fixture); !bad.isEmpty()) {
            *error = tr("Fixture '%1': %2").arg(fixture, bad);
            return std::nullopt;
        }
        QByteArray bytes;
        if (!readFile(suite->fixturePath(fixture), &bytes)) {
            *error = tr("Cannot read the fixture %1.").arg(suite->fixturePath(fixture));
            return std::nullopt;
        }
        out.m_files.append({base + u"fixtures/"_s + fixture, bytes});
    }

    // An error case may pin only the start of Zulip's text: the test asserts the whole of it.
    QHash<QString, std::pair<int, QString>> errors;
    for (const TestCase &t : cases) {
        if (t.expect != u"error")
            continue;
        const CaseResult result = runCase(registry, *suite, t);
        if (result.passed && result.actual && result.actual->isError())
            errors.insert(t.name, {result.actual->error().status, result.actual->error().msg});
        else
            out.m_notes.append(tr("Case '%1' does not pass now; its test asserts the case's expected text.").arg(t.name));
    }
    out.m_files.append({base + u"tests.py"_s, writer.source(errors)});
    out.m_notes += writer.notes();

    QByteArray doc;
    readFile(entry.docResource(), &doc);
    out.m_files.append({base + u"doc.md"_s, zulipDocSkeleton(entry, QString::fromUtf8(doc))});

    QByteArray logo;
    if (readFile(entry.logoResource(), &logo))
        out.m_files.append({u"static/images/integrations/logos/%1.svg"_s.arg(entry.name), logo});
    else
        out.m_notes.append(tr("No logo: integrations/%1/logo.svg is missing.").arg(entry.folder()));

    QByteArray screenshot;
    if (readFile(QDir(integrationsDir).filePath(entry.folder() + u"/001.png"_s), &screenshot))
        out.m_files.append({u"static/images/integrations/%1/001.png"_s.arg(entry.name), screenshot});
    else
        out.m_notes.append(tr("No screenshot: run \"hookbench screenshot %1\" to make integrations/%2/001.png.").arg(entry.name, entry.folder()));
    return out;
}

QStringList ZulipExport::conflicts(const QString &targetDir) const
{
    QStringList out;
    for (const File &f : m_files) {
        QByteArray existing;
        const QString path = QDir(targetDir).filePath(f.path);
        if (QFileInfo::exists(path) && (!readFile(path, &existing) || existing != f.bytes))
            out.append(f.path);
    }
    return out;
}

std::optional<ZulipExport::Report> ZulipExport::write(const QString &targetDir, bool force, QString *error) const
{
    const QFileInfo target(targetDir);
    if (!target.isDir()) {
        *error = tr("%1 is not a folder.").arg(targetDir);
        return std::nullopt;
    }
    const QString root = QDir::cleanPath(target.absoluteFilePath()) + u'/';
    Report report;
    for (const File &f : m_files) {
        const QString path = QDir::cleanPath(root + f.path);
        if (!path.startsWith(root) || f.path.contains(u"..") || QDir::isAbsolutePath(f.path)) {
            *error = tr("Refusing to write outside %1: %2").arg(targetDir, f.path);
            return std::nullopt;
        }
        const QFileInfo info(path);
        if (info.exists() || info.isSymLink()) {
            QByteArray existing;
            if (info.isFile() && readFile(path, &existing) && existing == f.bytes) {
                report.unchanged.append(f.path);
                continue;
            }
            if (!force || info.isDir()) {
                report.skipped.append(f.path);
                continue;
            }
        }
        QString failure;
        if (!QDir().mkpath(info.absolutePath())) {
            failure = tr("cannot create the folder %1").arg(info.absolutePath());
        } else {
            QSaveFile file(path);
            if (!file.open(QIODevice::WriteOnly) || file.write(f.bytes) != f.bytes.size() || !file.commit())
                failure = file.errorString();
        }
        if (!failure.isEmpty()) {
            *error = tr("Cannot write %1: %2").arg(path, failure);
            if (!report.written.isEmpty())
                *error += tr(" (already written: %1)").arg(report.written.join(u", "_s));
            return std::nullopt;
        }
        report.written.append(f.path);
    }
    return report;
}

} // namespace hb
