// SPDX-License-Identifier: MIT
#include "docmacros.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace hb {

namespace {

QString eventList(const IntegrationEntry &e)
{
    QStringList quoted;
    for (const QString &t : e.eventTypes)
        quoted.append(u'`' + t + u'`');
    return quoted.join(u", "_s);
}

// Our wording of the steps Zulip's shared doc snippets describe.
QString include(const QString &name, const IntegrationEntry &e, const QString &apiUrl, bool *known)
{
    *known = true;
    if (name == u"create-channel.md")
        return u"Create a channel for the notifications, or pick an existing one."_s;
    if (name == u"create-an-incoming-webhook.md")
        return u"Create a bot of type **Incoming webhook** and copy its API key."_s;
    if (name == u"generate-integration-url.md" || name == u"generate-webhook-url-basic.md")
        return u"Build the URL for %1 (Hookbench: **Integrations › Webhook URL…**):\n\n`%2/v1/external/%3?api_key=API_KEY&stream=STREAM`"_s
            .arg(e.displayName, apiUrl, e.name);
    if (name == u"congrats.md")
        return u"That's it: %1 notifications now arrive in Zulip."_s.arg(e.displayName);
    if (name == u"event-filtering-additional-feature.md")
        return e.eventTypes.isEmpty() ? QString()
                                      : u"### Filtering incoming events\n\nThe URL's `only_events` and `exclude_events` "
                                        "parameters take these events: %1."_s.arg(eventList(e));
    if (name == u"webhooks-url-specification.md")
        return u"- [Webhook URL parameters](https://zulip.com/api/incoming-webhooks-overview#url-specification)"_s;
    *known = false;
    return {};
}

} // namespace

QString expandDocMacros(const QString &doc, const IntegrationEntry &entry, const QString &serverUrl,
                        QStringList *unknown)
{
    QString base = serverUrl;
    while (base.endsWith(u'/'))
        base.chop(1);
    const QString apiUrl = base + u"/api"_s;
    QString out = doc;
    const std::pair<QString, QString> variables[] = {
        {u"api_url"_s, apiUrl},
        {u"integration_name"_s, entry.name},
        {u"integration_display_name"_s, entry.displayName},
        {u"integration_url"_s, base + entry.urlPath()},
    };
    for (const auto &[name, value] : variables) {
        static const QString pattern = u"\\{\\{\\s*%1\\s*\\}\\}"_s;
        out.replace(QRegularExpression(pattern.arg(name)), value);
    }
    static const QRegularExpression macro(u"\\{!([a-z0-9_-]+\\.md)!\\}"_s);
    QString result;
    qsizetype last = 0;
    for (auto it = macro.globalMatch(out); it.hasNext();) {
        const auto m = it.next();
        bool known = false;
        const QString text = include(m.captured(1), entry, apiUrl, &known);
        result += QStringView(out).sliced(last, m.capturedStart() - last);
        if (known) {
            result += text;
        } else {
            result += m.captured(0);
            if (unknown)
                unknown->append(m.captured(1));
        }
        last = m.capturedEnd();
    }
    result += QStringView(out).sliced(last);
    return result;
}

} // namespace hb
