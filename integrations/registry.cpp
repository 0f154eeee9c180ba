// SPDX-License-Identifier: MIT
#include "registry.h"

#include "airbrake/airbrake.h"
#include "alertmanager/alertmanager.h"
#include "appveyor/appveyor.h"
#include "azuredevops/azuredevops.h"
#include "beeminder/beeminder.h"
#include "bitbucket2/bitbucket2.h"
#include "bitbucket3/bitbucket3.h"
#include "buildbot/buildbot.h"
#include "canarytoken/canarytoken.h"
#include "circleci/circleci.h"
#include "codeship/codeship.h"
#include "delighted/delighted.h"
#include "errbit/errbit.h"
#include "freshdesk/freshdesk.h"
#include "gitea/gitea.h"
#include "github/github.h"
#include "gitlab/gitlab.h"
#include "gogs/gogs.h"
#include "grafana/grafana.h"
#include "greenhouse/greenhouse.h"
#include "groove/groove.h"
#include "harbor/harbor.h"
#include "homeassistant/homeassistant.h"
#include "ifttt/ifttt.h"
#include "insping/insping.h"
#include "jira/jira.h"
#include "librato/librato.h"
#include "linear/linear.h"
#include "netlify/netlify.h"
#include "opsgenie/opsgenie.h"
#include "pagerduty/pagerduty.h"
#include "papertrail/papertrail.h"
#include "pingdom/pingdom.h"
#include "raygun/raygun.h"
#include "semaphore/semaphore.h"
#include "sentry/sentry.h"
#include "slack_incoming/slack_incoming.h"
#include "sonarqube/sonarqube.h"
#include "splunk/splunk.h"
#include "statuspage/statuspage.h"
#include "stripe/stripe.h"
#include "transifex/transifex.h"
#include "travis/travis.h"
#include "trello/trello.h"
#include "updown/updown.h"
#include "uptimerobot/uptimerobot.h"
#include "wordpress/wordpress.h"
#include "zabbix/zabbix.h"
#include "zapier/zapier.h"
#include "zendesk/zendesk.h"

using namespace Qt::StringLiterals;

namespace hb {

const Registry &builtinRegistry()
{
    // One line per endpoint, alphabetical. Fields: see IntegrationEntry in app/core/integration.h.
    static const Registry registry(QList<IntegrationEntry>{
        {.name = u"airbrake"_s, .displayName = u"Airbrake"_s, .categories = {u"monitoring"_s},
         .handler = integrations::airbrake::handle, .eventTypes = integrations::airbrake::eventTypes(),
         .webhookName = u"Airbrake"_s, .urlOptions = {}},
        {.name = u"alertmanager"_s, .displayName = u"Prometheus Alertmanager"_s, .categories = {u"monitoring"_s},
         .handler = integrations::alertmanager::handle, .eventTypes = integrations::alertmanager::eventTypes(),
         .webhookName = u"Alertmanager"_s, .urlOptions = {{u"name"_s, u"Label or annotation used as the topic (default instance)"_s}, {u"desc"_s, u"Label or annotation used as the description (default alertname)"_s}}},
        {.name = u"appveyor"_s, .displayName = u"AppVeyor"_s, .categories = {u"continuous-integration"_s},
         .handler = integrations::appveyor::handle, .eventTypes = integrations::appveyor::eventTypes(),
         .webhookName = u"Appveyor"_s, .urlOptions = {}},
        {.name = u"azuredevops"_s, .displayName = u"Azure DevOps"_s, .categories = {u"version-control"_s},
         .handler = integrations::azuredevops::handle, .eventTypes = integrations::azuredevops::eventTypes(),
         .webhookName = u"AzureDevOps"_s, .urlOptions = {{u"branches"_s, u"Only these branches (comma-separated)"_s}}},
        {.name = u"beeminder"_s, .displayName = u"Beeminder"_s, .categories = {u"misc"_s},
         .handler = integrations::beeminder::handle, .eventTypes = integrations::beeminder::eventTypes(),
         .webhookName = u"Beeminder"_s, .urlOptions = {}},
        {.name = u"bitbucket2"_s, .displayName = u"Bitbucket"_s, .categories = {u"version-control"_s},
         .handler = integrations::bitbucket2::handle, .eventTypes = integrations::bitbucket2::eventTypes(),
         .webhookName = u"Bitbucket2"_s, .urlOptions = {{u"branches"_s, u"Only these branches (comma-separated)"_s}},
         .unquoteUrlParameters = true},
        {.name = u"bitbucket3"_s, .displayName = u"Bitbucket Server"_s, .categories = {u"version-control"_s},
         .handler = integrations::bitbucket3::handle, .eventTypes = integrations::bitbucket3::eventTypes(),
         .webhookName = u"Bitbucket3"_s, .urlOptions = {{u"branches"_s, u"Only these branches (comma-separated)"_s}},
         .unquoteUrlParameters = true},
        {.name = u"buildbot"_s, .displayName = u"Buildbot"_s, .categories = {u"continuous-integration"_s},
         .handler = integrations::buildbot::handle, .eventTypes = integrations::buildbot::eventTypes(),
         .webhookName = u"Buildbot"_s, .urlOptions = {}},
        {.name = u"canarytoken"_s, .displayName = u"Thinkst Canarytokens"_s, .categories = {u"monitoring"_s},
         .handler = integrations::canarytoken::handle, .eventTypes = integrations::canarytoken::eventTypes(),
         .webhookName = u"Canarytoken"_s, .urlOptions = {}},
        {.name = u"circleci"_s, .displayName = u"CircleCI"_s, .categories = {u"continuous-integration"_s},
         .handler = integrations::circleci::handle, .eventTypes = integrations::circleci::eventTypes(),
         .webhookName = u"CircleCI"_s, .urlOptions = {}},
        {.name = u"codeship"_s, .displayName = u"Codeship"_s, .categories = {u"continuous-integration"_s},
         .handler = integrations::codeship::handle, .eventTypes = integrations::codeship::eventTypes(),
         .webhookName = u"Codeship"_s, .urlOptions = {}},
        {.name = u"delighted"_s, .displayName = u"Delighted"_s, .categories = {u"communication"_s, u"marketing"_s},
         .handler = integrations::delighted::handle, .eventTypes = integrations::delighted::eventTypes(),
         .webhookName = u"Delighted"_s, .urlOptions = {}},
        {.name = u"errbit"_s, .displayName = u"Errbit"_s, .categories = {u"monitoring"_s},
         .handler = integrations::errbit::handle, .eventTypes = integrations::errbit::eventTypes(),
         .webhookName = u"Errbit"_s, .urlOptions = {}},
        {.name = u"freshdesk"_s, .displayName = u"Freshdesk"_s, .categories = {u"customer-support"_s},
         .handler = integrations::freshdesk::handle, .eventTypes = integrations::freshdesk::eventTypes(),
         .auth = AuthMode::BasicAuth, .webhookName = u"Freshdesk"_s, .urlOptions = {}},
        {.name = u"gitea"_s, .displayName = u"Gitea"_s, .categories = {u"version-control"_s},
         .handler = integrations::gitea::handle, .eventHeader = "X-Gitea-Event", .eventTypes = integrations::gitea::eventTypes(),
         .webhookName = u"Gitea"_s, .urlOptions = {{u"branches"_s, u"Only these branches (comma-separated)"_s}}},
        {.name = u"github"_s, .displayName = u"GitHub"_s, .categories = {u"version-control"_s},
         .handler = integrations::github::handle, .eventHeader = "X-GitHub-Event", .eventTypes = integrations::github::eventTypes(),
         .webhookName = u"GitHub"_s, .urlOptions = {{u"branches"_s, u"Only these branches (comma-separated)"_s},
                                                    {u"ignore_private_repositories"_s, u"Ignore events from private repositories"_s, UrlOption::Kind::Bool}}},
        {.name = u"githubsponsors"_s, .displayName = u"GitHub Sponsors"_s, .categories = {u"financial"_s},
         .handler = integrations::github::handleSponsors, .eventTypes = integrations::github::sponsorsEventTypes(),
         .webhookName = u"GitHub"_s, .urlOptions = {}, .dirName = u"github"_s},
        {.name = u"gitlab"_s, .displayName = u"GitLab"_s, .categories = {u"version-control"_s},
         .handler = integrations::gitlab::handle, .eventHeader = "X-GitLab-Event", .eventTypes = integrations::gitlab::eventTypes(),
         .webhookName = u"GitLab"_s, .urlOptions = {{u"branches"_s, u"Only these branches (comma-separated)"_s},
                                                    {u"use_merge_request_title"_s, u"false: no merge request titles in topics"_s}}},
        {.name = u"gogs"_s, .displayName = u"Gogs"_s, .categories = {u"version-control"_s},
         .handler = integrations::gogs::handle, .eventHeader = "X-Gogs-Event", .eventTypes = integrations::gogs::eventTypes(),
         .webhookName = u"Gogs"_s, .urlOptions = {{u"branches"_s, u"Only these branches (comma-separated)"_s}}},
        {.name = u"grafana"_s, .displayName = u"Grafana"_s, .categories = {u"monitoring"_s},
         .handler = integrations::grafana::handle, .eventTypes = integrations::grafana::eventTypes(),
         .webhookName = u"Grafana"_s, .urlOptions = {}},
        {.name = u"greenhouse"_s, .displayName = u"Greenhouse"_s, .categories = {u"hr"_s},
         .handler = integrations::greenhouse::handle, .eventTypes = integrations::greenhouse::eventTypes(),
         .webhookName = u"Greenhouse"_s, .urlOptions = {}},
        {.name = u"groove"_s, .displayName = u"Groove"_s, .categories = {u"customer-support"_s},
         .handler = integrations::groove::handle, .eventHeader = "X-Groove-Event",
         .eventTypes = integrations::groove::eventTypes(), .webhookName = u"Groove"_s, .urlOptions = {}},
        {.name = u"harbor"_s, .displayName = u"Harbor"_s, .categories = {u"deployment"_s, u"productivity"_s},
         .handler = integrations::harbor::handle, .eventTypes = integrations::harbor::eventTypes(),
         .webhookName = u"Harbor"_s, .urlOptions = {}},
        {.name = u"homeassistant"_s, .displayName = u"Home Assistant"_s, .categories = {u"misc"_s},
         .handler = integrations::homeassistant::handle, .eventTypes = integrations::homeassistant::eventTypes(),
         .webhookName = u"HomeAssistant"_s, .urlOptions = {}},
        {.name = u"ifttt"_s, .displayName = u"IFTTT"_s, .categories = {u"meta-integration"_s},
         .handler = integrations::ifttt::handle, .eventTypes = integrations::ifttt::eventTypes(),
         .webhookName = u"IFTTT"_s, .urlOptions = {}},
        {.name = u"insping"_s, .displayName = u"Insping"_s, .categories = {u"monitoring"_s},
         .handler = integrations::insping::handle, .eventTypes = integrations::insping::eventTypes(),
         .webhookName = u"Insping"_s, .urlOptions = {}},
        {.name = u"jira"_s, .displayName = u"Jira"_s, .categories = {u"project-management"_s},
         .handler = integrations::jira::handle, .eventTypes = integrations::jira::eventTypes(),
         .webhookName = u"Jira"_s, .urlOptions = {},
         .unquoteUrlParameters = true},
        {.name = u"librato"_s, .displayName = u"Librato"_s, .categories = {u"monitoring"_s},
         .handler = integrations::librato::handle, .eventTypes = integrations::librato::eventTypes(),
         .payloadSource = PayloadSource::None, .webhookName = u"Librato"_s, .urlOptions = {}},
        {.name = u"linear"_s, .displayName = u"Linear"_s, .categories = {u"project-management"_s},
         .handler = integrations::linear::handle, .eventTypes = integrations::linear::eventTypes(),
         .webhookName = u"Linear"_s, .urlOptions = {}},
        {.name = u"netlify"_s, .displayName = u"Netlify"_s, .categories = {u"continuous-integration"_s, u"deployment"_s},
         .handler = integrations::netlify::handle, .eventHeader = "X-Netlify-Event", .eventTypes = integrations::netlify::eventTypes(),
         .webhookName = u"Netlify"_s, .urlOptions = {}},
        {.name = u"opsgenie"_s, .displayName = u"Opsgenie"_s, .categories = {u"monitoring"_s},
         .handler = integrations::opsgenie::handle, .eventTypes = integrations::opsgenie::eventTypes(),
         .webhookName = u"Opsgenie"_s, .urlOptions = {}},
        {.name = u"pagerduty"_s, .displayName = u"PagerDuty"_s, .categories = {u"monitoring"_s},
         .handler = integrations::pagerduty::handle, .eventTypes = integrations::pagerduty::eventTypes(),
         .webhookName = u"PagerDuty"_s, .urlOptions = {}},
        {.name = u"papertrail"_s, .displayName = u"Papertrail"_s, .categories = {u"monitoring"_s},
         .handler = integrations::papertrail::handle, .eventTypes = integrations::papertrail::eventTypes(),
         .payloadSource = PayloadSource::JsonParam, .webhookName = u"Papertrail"_s, .urlOptions = {}},
        {.name = u"pingdom"_s, .displayName = u"Pingdom"_s, .categories = {u"monitoring"_s},
         .handler = integrations::pingdom::handle, .eventTypes = integrations::pingdom::eventTypes(),
         .webhookName = u"Pingdom"_s, .urlOptions = {}},
        {.name = u"raygun"_s, .displayName = u"Raygun"_s, .categories = {u"monitoring"_s},
         .handler = integrations::raygun::handle, .eventTypes = integrations::raygun::eventTypes(),
         .webhookName = u"Raygun"_s, .urlOptions = {}},
        {.name = u"semaphore"_s, .displayName = u"Semaphore"_s, .categories = {u"continuous-integration"_s, u"deployment"_s},
         .handler = integrations::semaphore::handle, .eventTypes = integrations::semaphore::eventTypes(),
         .webhookName = u"Semaphore"_s, .urlOptions = {}},
        {.name = u"sentry"_s, .displayName = u"Sentry"_s, .categories = {u"monitoring"_s},
         .handler = integrations::sentry::handle, .eventTypes = integrations::sentry::eventTypes(),
         .webhookName = u"Sentry"_s, .urlOptions = {}},
        {.name = u"slack_incoming"_s, .displayName = u"Slack-compatible webhook"_s, .categories = {u"communication"_s, u"meta-integration"_s},
         .handler = integrations::slack_incoming::handle, .eventTypes = integrations::slack_incoming::eventTypes(),
         .payloadSource = PayloadSource::None, .webhookName = u"SlackIncoming"_s, .urlOptions = {}},
        {.name = u"sonarqube"_s, .displayName = u"SonarQube"_s, .categories = {u"continuous-integration"_s},
         .handler = integrations::sonarqube::handle, .eventTypes = integrations::sonarqube::eventTypes(),
         .webhookName = u"Sonarqube"_s, .urlOptions = {}},
        {.name = u"splunk"_s, .displayName = u"Splunk"_s, .categories = {u"monitoring"_s},
         .handler = integrations::splunk::handle, .eventTypes = integrations::splunk::eventTypes(),
         .webhookName = u"Splunk"_s, .urlOptions = {}},
        {.name = u"statuspage"_s, .displayName = u"Statuspage"_s, .categories = {u"customer-support"_s},
         .handler = integrations::statuspage::handle, .eventTypes = integrations::statuspage::eventTypes(),
         .webhookName = u"Statuspage"_s, .urlOptions = {}},
        {.name = u"stripe"_s, .displayName = u"Stripe"_s, .categories = {u"financial"_s},
         .handler = integrations::stripe::handle, .eventTypes = integrations::stripe::eventTypes(),
         .webhookName = u"Stripe"_s, .urlOptions = {}},
        {.name = u"transifex"_s, .displayName = u"Transifex"_s, .categories = {u"misc"_s},
         .handler = integrations::transifex::handle, .eventTypes = integrations::transifex::eventTypes(),
         .payloadSource = PayloadSource::FormFields, .webhookName = u"Transifex"_s, .urlOptions = {}},
        {.name = u"travis"_s, .displayName = u"Travis CI"_s, .categories = {u"continuous-integration"_s},
         .handler = integrations::travis::handle, .eventTypes = integrations::travis::eventTypes(),
         .payloadSource = PayloadSource::JsonParam, .webhookName = u"Travis"_s,
         .urlOptions = {{u"ignore_pull_requests"_s, u"Ignore pull request builds (default true)"_s, UrlOption::Kind::Bool}}},
        {.name = u"trello"_s, .displayName = u"Trello"_s, .categories = {u"project-management"_s},
         .handler = integrations::trello::handle, .eventTypes = integrations::trello::eventTypes(),
         .webhookName = u"Trello"_s, .urlOptions = {}},
        {.name = u"updown"_s, .displayName = u"Updown"_s, .categories = {u"monitoring"_s},
         .handler = integrations::updown::handle, .eventTypes = integrations::updown::eventTypes(),
         .webhookName = u"Updown"_s, .urlOptions = {}},
        {.name = u"uptimerobot"_s, .displayName = u"UptimeRobot"_s, .categories = {u"monitoring"_s},
         .handler = integrations::uptimerobot::handle, .eventTypes = integrations::uptimerobot::eventTypes(),
         .webhookName = u"UptimeRobot"_s, .urlOptions = {}},
        {.name = u"wordpress"_s, .displayName = u"WordPress"_s, .categories = {u"marketing"_s},
         .handler = integrations::wordpress::handle, .eventTypes = integrations::wordpress::eventTypes(),
         .payloadSource = PayloadSource::FormFields, .webhookName = u"WordPress"_s, .urlOptions = {}},
        {.name = u"zabbix"_s, .displayName = u"Zabbix"_s, .categories = {u"monitoring"_s},
         .handler = integrations::zabbix::handle, .eventTypes = integrations::zabbix::eventTypes(),
         .webhookName = u"Zabbix"_s, .urlOptions = {}},
        {.name = u"zapier"_s, .displayName = u"Zapier"_s, .categories = {u"meta-integration"_s},
         .handler = integrations::zapier::handle, .eventTypes = integrations::zapier::eventTypes(),
         .webhookName = u"Zapier"_s, .urlOptions = {}},
        {.name = u"zendesk"_s, .displayName = u"Zendesk"_s, .categories = {u"customer-support"_s},
         .handler = integrations::zendesk::handle, .eventTypes = integrations::zendesk::eventTypes(),
         .payloadSource = PayloadSource::FormFields, .auth = AuthMode::BasicAuth, .webhookName = u"Zendesk"_s, .urlOptions = {}},
    });
    return registry;
}

} // namespace hb
