// SPDX-License-Identifier: MIT
#include "librato.h"

#include <QDateTime>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace hb::integrations::librato {

namespace {

// Librato posts alerts as a form whose `payload` field holds JSON, and chart snapshots as a JSON
// body with an `attachments` list (Slack's shape). Either may be absent.
struct Request
{
    Payload alert;        // the decoded `payload` field; an empty object when absent
    QList<Payload> snapshots;
};

std::optional<Payload> parseJsonText(QByteArrayView text)
{
    auto json = parseJson(text);
    if (!json)
        return std::nullopt;
    return Payload(std::move(*json));
}

QList<Payload> attachments(const WebhookRequest &request)
{
    const std::optional<Payload> body = parseJsonText(request.body);
    if (!body || !body->isObject())
        return {};
    return (*body)["attachments"].arrayOr();
}

QString utcTime(const Payload &seconds)
{
    const auto msecs = qint64(seconds.number() * 1000);
    return QDateTime::fromMSecsSinceEpoch(msecs - msecs % 1000, QTimeZone::utc()).toString(u"yyyy-MM-dd HH:mm:ss"_s);
}

QString alertUrl(const Payload &alert)
{
    return u"https://metrics.librato.com/alerts#/%1"_s.arg(alert["id"].text());
}

// Zulip's link text is the literal "alert_name", whatever the alert is called.
QString clearedBody(const Payload &p)
{
    return u"Alert [alert_name](%1) has cleared at %2 UTC!"_s.arg(alertUrl(p["alert"]), utcTime(p["trigger_time"]));
}

QString conditionLine(const Payload &condition, const Payload &violation)
{
    const Payload threshold = condition["threshold"];
    QString line = u"\n * Metric `%1`, %2 was %3 %4"_s.arg(
        violation["metric"].string(), condition["summary_function"].string(), condition["type"].string(),
        threshold.exists() ? threshold.text() : QString());
    if (const Payload duration = condition["duration"]; duration.isTruthy())
        line += u" by %1s"_s.arg(duration.text());
    line += u", recorded at %1 UTC."_s.arg(utcTime(violation["recorded_at"]));
    return line;
}

// Violations are grouped by source; each one answers the condition at the same position.
QList<Payload> allViolations(const Payload &violations)
{
    QList<Payload> out;
    for (const QString &source : violations.keys())
        out += violations[source].array();
    return out;
}

QString triggeredBody(const Payload &p)
{
    const Payload alert = p["alert"];
    QString content = u"Alert [alert_name](%1) has triggered! "_s.arg(alertUrl(alert));
    if (const QString runbook = alert["runbook_url"].stringOr(QString()); !runbook.isEmpty())
        content += u"[Reaction steps](%1):"_s.arg(runbook);
    const QList<Payload> conditions = p["conditions"].array();
    const QList<Payload> violations = allViolations(p["violations"]);
    for (qsizetype i = 0; i < std::min(conditions.size(), violations.size()); ++i)
        content += conditionLine(conditions[i], violations[i]);
    return content;
}

QString snapshotsBody(const QList<Payload> &snapshots)
{
    QString content;
    for (const Payload &s : snapshots) {
        content += u"**%1** sent a [snapshot](%2) of [metric](%3)."_s.arg(
            s["author_name"].string(), s["image_url"].string(), s["title"].string());
    }
    return content;
}

} // namespace

QStringList eventTypes()
{
    return {}; // Librato sends no event type (Zulip's view has none to filter on)
}

Outcome handle(const WebhookContext &ctx)
{
    Request r{.alert = Payload(JsonValue::makeObject()), .snapshots = attachments(ctx.request())};
    if (const auto field = ctx.request().param(u"payload")) {
        const std::optional<Payload> parsed = parseJsonText(field->toUtf8());
        if (!parsed)
            return badRequest(u"Malformed JSON input"_s);
        r.alert = *parsed;
    }
    if (r.snapshots.isEmpty() && !r.alert.isTruthy())
        return badRequest(u"Malformed JSON input"_s);

    const QString topic = r.snapshots.isEmpty() ? u"Alert %1"_s.arg(r.alert["alert"]["name"].string())
                                                : u"Snapshots"_s;
    QString content;
    if (r.alert["clear"].isTruthy())
        content = clearedBody(r.alert);
    else if (r.alert["violations"].isTruthy())
        content = triggeredBody(r.alert);
    else if (!r.snapshots.isEmpty() && r.snapshots.first()["image_url"].isTruthy())
        content = snapshotsBody(r.snapshots);
    else
        return badRequest(u"Unexpected message type"_s);
    return Message{.topic = topic, .content = content, .stream = std::nullopt, .eventType = {}};
}

} // namespace hb::integrations::librato
