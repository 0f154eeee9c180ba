// SPDX-License-Identifier: MIT
#include "beeminder.h"

using namespace Qt::StringLiterals;

namespace hb::integrations::beeminder {

namespace {

// Hours from now until the goal derails (goal.losedate, Unix seconds), one decimal.
QString hoursLeft(const Payload &goal, const QDateTime &now)
{
    const double seconds = goal["losedate"].number() - double(now.toMSecsSinceEpoch()) / 1000.0;
    return QString::number(seconds / 3600.0, 'f', 1);
}

// A pledge at stake makes the beekeeper worried; nothing at stake, relieved.
QString mood(const Payload &pledge)
{
    return pledge.number() > 0 ? u":worried:"_s : u":relieved:"_s;
}

} // namespace

QStringList eventTypes()
{
    return {}; // Beeminder sends one kind of notification and no event type
}

Outcome handle(const WebhookContext &ctx)
{
    const Payload goal = ctx.payload()["goal"];
    const Payload pledge = goal["pledge"];
    const QString content =
        u"You are going to derail from goal **%1** in **%2 hours**. You need **%3** to avoid derailing.\n"
        u"* Pledge: **%4$** %5"_s.arg(goal["slug"].string(), hoursLeft(goal, ctx.now()), goal["limsum"].string(),
                                      pledge.text(), mood(pledge));
    return Message{.topic = u"beekeeper"_s, .content = content, .stream = std::nullopt, .eventType = {}};
}

} // namespace hb::integrations::beeminder
