// SPDX-License-Identifier: MIT
#include "harbor.h"

using namespace Qt::StringLiterals;

namespace hb::integrations::harbor {

namespace {

// Events Harbor sends that Zulip accepts without posting anything.
bool isIgnored(const QString &type)
{
    static const QStringList ignored{u"DOWNLOAD_CHART"_s, u"DELETE_CHART"_s,   u"UPLOAD_CHART"_s,
                                     u"PULL_ARTIFACT"_s,  u"DELETE_ARTIFACT"_s, u"SCANNING_FAILED"_s};
    return ignored.contains(type);
}

// "library/app:1.2" for a tagged artifact, "library/app@sha256:…" for one without a tag.
QString imageReference(const Payload &p)
{
    const QString repository = p["event_data"]["repository"]["repo_full_name"].string();
    const Payload resource = p["event_data"]["resources"][0];
    if (const QString tag = resource["tag"].stringOr({}); !tag.isEmpty())
        return repository + u':' + tag;
    return repository + u'@' + resource["digest"].string();
}

QString pushBody(const Payload &p, const QString &operatorName)
{
    return u"%1 pushed image `%2`"_s.arg(operatorName, imageReference(p));
}

// One bullet per severity the scanner found, in the report's order; "None" for a clean image.
QString severityList(const Payload &counts)
{
    QString out;
    for (const QString &severity : counts.keys())
        out += u"* %1: **%2**\n"_s.arg(severity, counts[severity].text());
    return out.isEmpty() ? u"None"_s : out.trimmed();
}

} // namespace

QStringList eventTypes()
{
    return {u"PUSH_ARTIFACT"_s, u"SCANNING_COMPLETED"_s};
}

Outcome handle(const WebhookContext &ctx)
{
    const Payload p = ctx.payload();
    const QString operatorName = u"**%1**"_s.arg(p["operator"].string());
    const QString type = p["type"].string();
    const QString topic = p["event_data"]["repository"]["repo_full_name"].string();
    if (isIgnored(type))
        return NoOp{.reason = u"Harbor event %1 is not posted"_s.arg(type), .code = {}, .data = {}};

    QString content;
    if (type == u"PUSH_ARTIFACT") {
        content = pushBody(p, operatorName);
    } else if (type == u"SCANNING_COMPLETED") {
        const Payload overview = p["event_data"]["resources"][0]["scan_overview"];
        const Payload report = overview[u"application/vnd.security.vulnerability.report; version=1.1"];
        if (!report.exists())
            return unsupportedEvent(ctx, u"Unsupported harbor scanning webhook payload"_s);
        content = u"Image scan completed for `%1`. Vulnerabilities by severity:\n\n%2"_s.arg(
            imageReference(p), severityList(report["summary"]["summary"]));
    } else {
        return unsupportedEvent(ctx, type);
    }
    return Message{.topic = topic, .content = content, .stream = std::nullopt, .eventType = type};
}

} // namespace hb::integrations::harbor
