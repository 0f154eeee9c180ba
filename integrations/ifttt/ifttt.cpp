// SPDX-License-Identifier: MIT
#include "ifttt.h"

using namespace Qt::StringLiterals;

namespace hb::integrations::ifttt {

namespace {

// An optional text field: nullopt when absent or null; anything but a string is malformed.
std::optional<QString> textField(const Payload &value, bool *malformed)
{
    if (value.isNull())
        return std::nullopt;
    if (!value.isString()) {
        *malformed = true;
        return std::nullopt;
    }
    return value.string();
}

} // namespace

QStringList eventTypes()
{
    // An applet's web request carries only the topic and content the user wrote.
    return {};
}

Outcome handle(const WebhookContext &ctx)
{
    const Payload p = ctx.payload();
    bool malformed = false;
    // "topic", or "subject" as older applets call it.
    std::optional<QString> topic = textField(p["topic"], &malformed);
    if (!topic && !malformed)
        topic = textField(p["subject"], &malformed);
    if (malformed)
        return badRequest(u"Malformed payload"_s);
    if (!topic)
        return badRequest(u"Topic can't be empty"_s);

    const std::optional<QString> content = textField(p["content"], &malformed);
    if (malformed)
        return badRequest(u"Malformed payload"_s);
    if (!content)
        return badRequest(u"Content can't be empty"_s);

    return Message{.topic = *topic, .content = *content, .stream = std::nullopt, .eventType = {}};
}

} // namespace hb::integrations::ifttt
