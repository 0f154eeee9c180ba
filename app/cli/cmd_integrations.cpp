// SPDX-License-Identifier: MIT
#include "cli.h"

#include "json.h"
#include "registry.h"

#include <QCommandLineParser>
#include <QFileInfo>

namespace hb::cli {

namespace {

QByteArray stringArray(const QStringList &list)
{
    QByteArray out = "[";
    for (qsizetype i = 0; i < list.size(); ++i) {
        if (i)
            out += ',';
        out += jsonQuote(list[i]);
    }
    return out + ']';
}

QStringList displayCategories(const IntegrationEntry &e)
{
    QStringList out;
    for (const QString &c : e.categories)
        out.append(categoryDisplayName(c));
    return out;
}

} // namespace

int integrationsCommand(const QStringList &args)
{
    const QString cmd = QStringLiteral("integrations");
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("List the registered integrations."));
    p.addHelpOption();
    p.addOption({QStringLiteral("format"), QStringLiteral("text (default) or json."), QStringLiteral("FORMAT"), QStringLiteral("text")});
    if (!p.parse(args))
        return usageError(p.errorText(), cmd);
    if (p.isSet(QStringLiteral("help"))) {
        printHelp(p, cmd);
        return 0;
    }
    const QString format = p.value(QStringLiteral("format"));
    if (format != u"text" && format != u"json")
        return usageError(QStringLiteral("--format must be text or json"), cmd);
    const auto &entries = builtinRegistry().entries();
    if (format == u"json") {
        QByteArray json = "[";
        for (qsizetype i = 0; i < entries.size(); ++i) {
            const IntegrationEntry &e = entries[i];
            if (i)
                json += ',';
            json += "\n  {\"name\":" + jsonQuote(e.name) + ",\"display_name\":" + jsonQuote(e.displayName)
                    + ",\"categories\":" + stringArray(displayCategories(e))
                    + ",\"category_keys\":" + stringArray(e.categories)
                    + ",\"url\":" + jsonQuote(e.urlPath())
                    + ",\"event_header\":" + (e.eventHeader.isEmpty() ? QByteArray("null") : jsonQuote(QString::fromLatin1(e.eventHeader)))
                    + ",\"event_types\":" + stringArray(e.eventTypes)
                    + ",\"doc\":" + (QFileInfo::exists(e.docResource()) ? jsonQuote(e.docResource()) : QByteArray("null"))
                    + ",\"logo\":" + (QFileInfo::exists(e.logoResource()) ? jsonQuote(e.logoResource()) : QByteArray("null"))
                    + '}';
        }
        json += "\n]\n";
        out(QString::fromUtf8(json));
        return 0;
    }
    for (const IntegrationEntry &e : entries) {
        out(QStringLiteral("%1  %2  [%3]  %4%5\n")
                .arg(e.name.leftJustified(14), e.displayName.leftJustified(24), displayCategories(e).join(QStringLiteral(", ")), e.urlPath(),
                     e.eventTypes.isEmpty() ? QString() : QStringLiteral("  events: ") + e.eventTypes.join(QStringLiteral(", "))));
    }
    out(QStringLiteral("%1 integrations\n").arg(entries.size()));
    return 0;
}

} // namespace hb::cli
