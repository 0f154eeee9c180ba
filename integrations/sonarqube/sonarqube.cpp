// SPDX-License-Identifier: MIT
#include "sonarqube.h"

using namespace Qt::StringLiterals;

namespace hb::integrations::sonarqube {

namespace {

// A failed condition's operator as the requirement it breaks.
QString requirement(const QString &op)
{
    if (op == u"GREATER_THAN")
        return u"should be less than or equal to"_s;
    if (op == u"LESS_THAN")
        return u"should be greater than or equal to"_s;
    if (op == u"WORSE_THAN")
        return u"should be better or equal to"_s;
    return op;
}

// "* coverage: **error** 0.0 should be greater than or equal to 80." for a condition that
// did not pass; "* coverage: **error**." when the analysis has no value for the metric.
QString conditionLine(const Payload &condition)
{
    const QString metric = condition["metric"].string().replace(u'_', u' ');
    const QString op = requirement(condition["operator"].string());
    const QString status = condition["status"].string().toLower();
    const QString threshold = condition["errorThreshold"].string();
    if (!condition["value"].exists())
        return u"* %1: **%2**."_s.arg(metric, status);
    return u"* %1: **%2** %3 %4 %5."_s.arg(metric, status, condition["value"].string(), op, threshold);
}

// The quality gate's conditions that failed, one bullet each; passed and unmeasured ones are left out.
QString failedConditions(const Payload &gate)
{
    QStringList lines;
    for (const Payload &condition : gate["conditions"].array()) {
        const QString status = condition["status"].string().toLower();
        if (status != u"ok" && status != u"no_value")
            lines.append(conditionLine(condition));
    }
    return lines.join(u'\n');
}

} // namespace

QStringList eventTypes()
{
    // SonarQube sends one kind of webhook: a project analysis finished.
    return {};
}

Outcome handle(const WebhookContext &ctx)
{
    const Payload p = ctx.payload();
    const Payload project = p["project"];
    const QString projectName = project["name"].string();
    const QString branch = p["branch"]["name"].stringOr({});
    const Payload gate = p["qualityGate"];
    const QString result = gate["status"].string().toLower() == u"ok" ? u"success"_s : u"error"_s;

    QString content = u"Project [%1](%2) analysis"_s.arg(projectName, project["url"].string());
    if (!branch.isEmpty())
        content += u" of branch "_s + branch;
    content += u" resulted in "_s + result;
    if (const QString failed = failedConditions(gate); !failed.isEmpty())
        content += u":\n"_s + failed;
    else
        content += u'.';

    const QString topic = branch.isEmpty() ? projectName : u"%1 / %2"_s.arg(projectName, branch);
    return Message{.topic = topic, .content = content, .stream = std::nullopt, .eventType = {}};
}

} // namespace hb::integrations::sonarqube
