// SPDX-License-Identifier: MIT
#include "delighted.h"

using namespace Qt::StringLiterals;

namespace hb::integrations::delighted {

namespace {

// Delighted's NPS scale: 9-10 are promoters; Zulip already greets 7 and up as one.
constexpr qint64 promoterScore = 7;

QString greeting(qint64 score)
{
    return score >= promoterScore ? u"Kudos! You have a new promoter."_s : u"Great! You have new feedback."_s;
}

} // namespace

QStringList eventTypes()
{
    // Zulip's Delighted view declares no event types: only_events/exclude_events do not apply.
    return {};
}

Outcome handle(const WebhookContext &ctx)
{
    const Payload p = ctx.payload();
    const Payload response = p["event_data"];
    const QString email = response["person"]["email"].string();
    const qint64 score = response["score"].integer();
    const QString comment = response["comment"].string();

    const QString content = u"%1 Score of %2/10 from %3:\n\n``` quote\n%4\n```"_s.arg(
        greeting(score), QString::number(score), email, comment);
    return Message{.topic = u"Survey response"_s, .content = content};
}

} // namespace hb::integrations::delighted
