// SPDX-License-Identifier: MIT
#include "greenhouse.h"

using namespace Qt::StringLiterals;

namespace hb::integrations::greenhouse {

namespace {

// Python's str.title(): each run of letters starts upper case, the rest lower case.
QString titleCase(const QString &text)
{
    QString out;
    bool inWord = false;
    for (const QChar c : text) {
        out += inWord ? c.toLower() : c.toUpper();
        inWord = c.isLetter();
    }
    return out;
}

// Typed entries ({"type": "work", "value": "…"} or {"type": "resume", "url": "…"}) as one line:
// "ana@example.com (Work), [Resume](https://…)". Entries without a type or a value/URL are skipped.
QString typedList(const Payload &items)
{
    QStringList chunks;
    for (const Payload &item : items.array()) {
        const QString type = titleCase(item["type"].stringOr(QString()));
        const QString value = item["value"].stringOr(QString());
        const QString url = item["url"].stringOr(QString());
        if (type.isEmpty())
            continue;
        if (!value.isEmpty())
            chunks.append(u"%1 (%2)"_s.arg(value, type));
        else if (!url.isEmpty())
            chunks.append(u"[%1](%2)"_s.arg(type, url));
    }
    return chunks.join(u", "_s);
}

} // namespace

QStringList eventTypes()
{
    return {}; // Zulip's Greenhouse view does not filter by event type
}

Outcome handle(const WebhookContext &ctx)
{
    const Payload p = ctx.payload();
    const QString action = p["action"].string();
    if (action == u"ping"_s)
        return NoOp{.reason = u"Greenhouse ping"_s, .code = {}, .data = {}};

    const Payload application = p["payload"]["application"];
    // Candidate updates carry the candidate next to the application, not inside it.
    const Payload candidate = action == u"update_candidate"_s ? p["payload"]["candidate"] : application["candidate"];
    const QString title = titleCase(QString(action).replace(u'_', u' '));
    const QString id = QString::number(candidate["id"].integer());

    const QString content = u"%1 %2 %3 (ID: %4), applying for:\n* **Role**: %5\n* **Emails**: %6\n"
                            u"* **Attachments**: %7"_s.arg(title, candidate["first_name"].string(),
                                                           candidate["last_name"].string(), id,
                                                           application["jobs"][0]["name"].string(),
                                                           typedList(application["candidate"]["email_addresses"]),
                                                           typedList(application["candidate"]["attachments"]));
    return Message{.topic = u"%1 - %2"_s.arg(title, id), .content = content, .stream = std::nullopt,
                   .eventType = {}};
}

} // namespace hb::integrations::greenhouse
