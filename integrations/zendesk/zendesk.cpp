// SPDX-License-Identifier: MIT
#include "zendesk.h"

using namespace Qt::StringLiterals;

namespace hb::integrations::zendesk {

namespace {

// Zendesk's topics are cut to 60 characters by the integration itself, ending with "...".
constexpr qsizetype topicLimit = 60;

QString shortened(const QString &text, qsizetype limit)
{
    const QList<uint> chars = text.toUcs4(); // count characters, not UTF-16 units
    if (chars.size() <= limit)
        return text;
    return QString::fromUcs4(reinterpret_cast<const char32_t *>(chars.constData()), limit - 3) + u"..."_s;
}

} // namespace

QStringList eventTypes()
{
    // A Zendesk trigger sends whatever message its template builds; there is no event type.
    return {};
}

Outcome handle(const WebhookContext &ctx)
{
    // The trigger's form (or query) fields: the ticket and the message the template rendered.
    const Payload p = ctx.payload();
    for (const QString &field : {u"ticket_title"_s, u"ticket_id"_s, u"message"_s}) {
        if (!p[field].exists())
            return missingArgument(field);
    }
    const QString topic = u"#%1: %2"_s.arg(p["ticket_id"].string(), p["ticket_title"].string());
    return Message{.topic = shortened(topic, topicLimit), .content = p["message"].string(),
                   .stream = std::nullopt, .eventType = {}};
}

} // namespace hb::integrations::zendesk
