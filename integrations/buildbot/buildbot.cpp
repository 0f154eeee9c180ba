// SPDX-License-Identifier: MIT
#include "buildbot.h"

#include <array>

using namespace Qt::StringLiterals;

namespace hb::integrations::buildbot {

namespace {

const QString kNew = u"new"_s;
const QString kFinished = u"finished"_s;

// Buildbot's result codes (buildbot.process.results), by value; any other code reads "unknown".
QString resultName(qint64 code)
{
    static const std::array<QString, 7> names{u"success"_s, u"warnings"_s,  u"failure"_s, u"skipped"_s,
                                              u"exception"_s, u"retry"_s, u"cancelled"_s};
    if (code < 0 || code >= qint64(names.size()))
        return u"unknown"_s;
    return names[size_t(code)];
}

// The build's number, builder and link, read in the order Zulip reads them.
struct Build
{
    qint64 id = 0;
    QString builder;
    QString url;
};

Build build(const Payload &p)
{
    Build b;
    b.id = p["buildid"].integer();
    b.builder = p["buildername"].string();
    b.url = p["url"].string();
    return b;
}

} // namespace

QStringList eventTypes()
{
    return {kNew, kFinished};
}

Outcome handle(const WebhookContext &ctx)
{
    const Payload &p = ctx.payload();
    QString topic = p["project"].string();
    if (topic.isEmpty())
        topic = u"general"_s;

    const QString event = p["event"].string();
    QString content;
    if (event == kNew) {
        const Build b = build(p);
        content = u"Build [#%1](%2) for **%3** started."_s.arg(QString::number(b.id), b.url, b.builder);
    } else if (event == kFinished) {
        const QString result = resultName(p["results"].integer());
        const Build b = build(p);
        content = u"Build [#%1](%2) (result: %3) for **%4** finished."_s.arg(QString::number(b.id), b.url, result,
                                                                            b.builder);
    } else {
        return unsupportedEvent(ctx, event);
    }
    return Message{.topic = topic, .content = content, .stream = std::nullopt, .eventType = event};
}

} // namespace hb::integrations::buildbot
