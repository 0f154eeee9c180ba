// SPDX-License-Identifier: MIT
#include "registry.h"

#include "alertmanager/alertmanager.h"
#include "gitea/gitea.h"
#include "gogs/gogs.h"
#include "grafana/grafana.h"
#include "opsgenie/opsgenie.h"
#include "pagerduty/pagerduty.h"
#include "sentry/sentry.h"

using namespace Qt::StringLiterals;

namespace hb {

const Registry &builtinRegistry()
{
    // One line per endpoint, alphabetical. Fields: see IntegrationEntry in app/core/integration.h.
    static const Registry registry(QList<IntegrationEntry>{
        {.name = u"alertmanager"_s, .displayName = u"Prometheus Alertmanager"_s, .categories = {u"monitoring"_s},
         .handler = integrations::alertmanager::handle, .eventTypes = integrations::alertmanager::eventTypes(),
         .webhookName = u"Alertmanager"_s, .urlOptions = {{u"name"_s, u"Label or annotation used as the topic (default instance)"_s}, {u"desc"_s, u"Label or annotation used as the description (default alertname)"_s}}},
        {.name = u"gitea"_s, .displayName = u"Gitea"_s, .categories = {u"version-control"_s},
         .handler = integrations::gitea::handle, .eventHeader = "X-Gitea-Event", .eventTypes = integrations::gitea::eventTypes(),
         .webhookName = u"Gitea"_s, .urlOptions = {{u"branches"_s, u"Only these branches (comma-separated)"_s}}},
        {.name = u"gogs"_s, .displayName = u"Gogs"_s, .categories = {u"version-control"_s},
         .handler = integrations::gogs::handle, .eventHeader = "X-Gogs-Event", .eventTypes = integrations::gogs::eventTypes(),
         .webhookName = u"Gogs"_s, .urlOptions = {{u"branches"_s, u"Only these branches (comma-separated)"_s}}},
        {.name = u"grafana"_s, .displayName = u"Grafana"_s, .categories = {u"monitoring"_s},
         .handler = integrations::grafana::handle, .eventTypes = integrations::grafana::eventTypes(),
         .webhookName = u"Grafana"_s, .urlOptions = {}},
        {.name = u"opsgenie"_s, .displayName = u"Opsgenie"_s, .categories = {u"monitoring"_s},
         .handler = integrations::opsgenie::handle, .eventTypes = integrations::opsgenie::eventTypes(),
         .webhookName = u"Opsgenie"_s, .urlOptions = {}},
        {.name = u"pagerduty"_s, .displayName = u"PagerDuty"_s, .categories = {u"monitoring"_s},
         .handler = integrations::pagerduty::handle, .eventTypes = integrations::pagerduty::eventTypes(),
         .webhookName = u"PagerDuty"_s, .urlOptions = {}},
        {.name = u"sentry"_s, .displayName = u"Sentry"_s, .categories = {u"monitoring"_s},
         .handler = integrations::sentry::handle, .eventTypes = integrations::sentry::eventTypes(),
         .webhookName = u"Sentry"_s, .urlOptions = {}},
    });
    return registry;
}

} // namespace hb
