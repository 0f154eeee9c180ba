// SPDX-License-Identifier: MIT
#include "splunk.h"

using namespace Qt::StringLiterals;

namespace hb::integrations::splunk {

namespace {

constexpr qsizetype maxTopicLength = 60;

// A field of the alert, or Zulip's "Missing <field>" placeholder when Splunk left it out.
QString fieldOr(const Payload &value, const QString &name)
{
    return value.stringOr(u"Missing "_s + name);
}

// The saved search's name is the default topic; a name that does not fit is cut with "...".
QString topicFor(const QString &searchName)
{
    if (searchName.size() >= maxTopicLength)
        return searchName.left(maxTopicLength - 3) + u"..."_s;
    return searchName;
}

} // namespace

QStringList eventTypes()
{
    // A Splunk alert action has one kind of notification: a triggered saved search.
    return {};
}

Outcome handle(const WebhookContext &ctx)
{
    const Payload p = ctx.payload();
    const Payload result = p["result"];
    const QString searchName = fieldOr(p["search_name"], u"search_name"_s);
    const QString link = fieldOr(p["results_link"], u"results_link"_s);

    QString content = u"Splunk alert from saved search:\n"_s;
    content += u"* **Search**: [%1](%2)\n"_s.arg(searchName, link);
    content += u"* **Host**: %1\n"_s.arg(fieldOr(result["host"], u"host"_s));
    content += u"* **Source**: `%1`\n"_s.arg(fieldOr(result["source"], u"source"_s));
    content += u"* **Raw**: `%1`"_s.arg(fieldOr(result["_raw"], u"_raw"_s));
    return Message{.topic = topicFor(searchName), .content = content, .stream = std::nullopt, .eventType = {}};
}

} // namespace hb::integrations::splunk
