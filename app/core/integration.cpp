// SPDX-License-Identifier: MIT
#include "integration.h"

#include <QRegularExpression>

#include <algorithm>
#include <array>

namespace hb {

namespace {

struct Category
{
    const char16_t *key;
    const char16_t *display;
};

// Zulip's CATEGORIES (META_CATEGORY first), with their display names.
constexpr std::array<Category, 16> kCategories{{
    {u"meta-integration", u"Integration frameworks"},
    {u"bots", u"Interactive bots"},
    {u"video-calling", u"Video calling"},
    {u"continuous-integration", u"Continuous integration"},
    {u"customer-support", u"Customer support"},
    {u"deployment", u"Deployment"},
    {u"entertainment", u"Entertainment"},
    {u"communication", u"Communication"},
    {u"financial", u"Financial"},
    {u"hr", u"Human resources"},
    {u"marketing", u"Marketing"},
    {u"misc", u"Miscellaneous"},
    {u"monitoring", u"Monitoring"},
    {u"project-management", u"Project management"},
    {u"productivity", u"Productivity"},
    {u"version-control", u"Version control"},
}};

} // namespace

QString categoryDisplayName(QStringView key)
{
    for (const Category &c : kCategories) {
        if (key == QStringView(c.key))
            return QString::fromUtf16(c.display);
    }
    return {};
}

QStringList categoryKeys()
{
    QStringList out;
    for (const Category &c : kCategories)
        out.append(QString::fromUtf16(c.key));
    return out;
}

QString IntegrationEntry::docResource() const
{
    return QStringLiteral(":/integrations/%1/doc.md").arg(folder());
}

QString IntegrationEntry::logoResource() const
{
    return QStringLiteral(":/integrations/%1/logo.svg").arg(folder());
}

Registry::Registry(QList<IntegrationEntry> entries) : m_entries(std::move(entries)) {}

const IntegrationEntry *Registry::find(QStringView name) const
{
    const auto it = std::find_if(m_entries.cbegin(), m_entries.cend(),
                                 [&](const IntegrationEntry &e) { return e.name == name; });
    return it == m_entries.cend() ? nullptr : &*it;
}

QStringList Registry::validate() const
{
    QStringList problems;
    for (qsizetype i = 0; i < m_entries.size(); ++i) {
        const IntegrationEntry &e = m_entries[i];
        if (i > 0 && !(m_entries[i - 1].name < e.name))
            problems.append(QStringLiteral("%1: not in alphabetical order after %2").arg(e.name, m_entries[i - 1].name));
        if (!e.handler)
            problems.append(QStringLiteral("%1: no handler").arg(e.name));
        if (e.displayName.isEmpty())
            problems.append(QStringLiteral("%1: no display name").arg(e.name));
        if (e.categories.isEmpty())
            problems.append(QStringLiteral("%1: no category").arg(e.name));
        for (const QString &c : e.categories) {
            if (categoryDisplayName(c).isEmpty())
                problems.append(QStringLiteral("%1: category '%2' is not one of Zulip's").arg(e.name, c));
        }
        static const QRegularExpression validName(QStringLiteral("^[a-z0-9_]+$"));
        if (!validName.match(e.name).hasMatch())
            problems.append(QStringLiteral("%1: names are lower-case letters, digits and _").arg(e.name));
    }
    return problems;
}

WebhookContext::WebhookContext(const IntegrationEntry &entry, const WebhookRequest &request,
                               Payload payload, QString eventType, QDateTime now)
    : m_entry(entry), m_request(request), m_payload(std::move(payload)),
      m_eventType(std::move(eventType)), m_now(std::move(now))
{
}

bool WebhookContext::isBranchNotifiable(const QString &branch) const
{
    const auto branches = option(u"branches");
    if (!branches)
        return true;
    const QStringList list = branches->split(u',');
    return std::any_of(list.cbegin(), list.cend(),
                       [&](const QString &b) { return b.trimmed() == branch; });
}

NoOp unsupportedEvent(const WebhookContext &ctx, const QString &eventType)
{
    const QString name = ctx.integration().zulipWebhookName();
    NoOp n;
    n.reason = QStringLiteral("The '%1' event isn't currently supported by the %2 webhook; ignoring")
                   .arg(eventType, name);
    n.code = "UNSUPPORTED_WEBHOOK_EVENT_TYPE";
    n.data = {{QStringLiteral("webhook_name"), name}, {QStringLiteral("event_type"), eventType}};
    return n;
}

WebhookError anomalousPayload(const WebhookContext &ctx)
{
    const QString name = ctx.integration().zulipWebhookName();
    WebhookError e;
    e.code = "ANOMALOUS_WEBHOOK_PAYLOAD";
    e.msg = QStringLiteral("Unable to parse request: Did %1 generate this event?").arg(name);
    e.data = {{QStringLiteral("webhook_name"), name}};
    return e;
}

WebhookError badRequest(const QString &msg)
{
    WebhookError e;
    e.msg = msg;
    return e;
}

WebhookError missingArgument(const QString &name)
{
    WebhookError e;
    e.code = "REQUEST_VARIABLE_MISSING";
    e.msg = QStringLiteral("Missing '%1' argument").arg(name);
    e.data = {{QStringLiteral("var_name"), name}};
    return e;
}

WebhookError missingEventHeader(QByteArrayView header)
{
    WebhookError e;
    e.code = "MISSING_HTTP_EVENT_HEADER";
    e.msg = QStringLiteral("Missing the HTTP event header '%1'").arg(QString::fromLatin1(header));
    e.data = {{QStringLiteral("header"), QString::fromLatin1(header)}};
    return e;
}

} // namespace hb
