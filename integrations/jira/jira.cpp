// SPDX-License-Identifier: MIT
#include "jira.h"

#include <QRegularExpression>

#include <optional>

// Jira Cloud and Server post one JSON body per event, named by its "webhookEvent" field:
//   jira:issue_created / jira:issue_updated / jira:issue_deleted   (issue + user + changelog)
//   comment_created / comment_updated / comment_deleted            (comment + issue summary)
// Very old servers left "webhookEvent" out of issue transitions; those carry a "transition"
// object instead. Attachment, link, sprint, version and worklog events are accepted silently.

using namespace Qt::StringLiterals;

namespace hb::integrations::jira {

namespace {

constexpr const char16_t *kIgnoredEvents[] = {
    u"attachment_created", u"issuelink_created", u"issuelink_deleted", u"jira:version_released",
    u"jira:worklog_updated", u"sprint_closed",   u"sprint_started",    u"worklog_created",
    u"worklog_updated",
};

bool isIgnored(const QString &event)
{
    for (const char16_t *ignored : kIgnoredEvents) {
        if (event == QStringView(ignored))
            return true;
    }
    return false;
}

// A string found by walking `path` from `root`; `fallback` when some step is missing or is not
// an object. The value at the end, when there is one, must be a string.
QString textAt(const Payload &root, std::initializer_list<const char *> path, const QString &fallback = {})
{
    Payload at = root;
    for (const char *key : path) {
        if (!at.isObject() || !at[key].exists())
            return fallback;
        at = at[key];
    }
    return at.string();
}

// The issue key; comments posted by old servers without an "issue" object only have the issue's
// internal number, inside the comment's REST URL (…/issue/<number>/comment/<id>).
QString issueKey(const Payload &p)
{
    if (p["issue"].exists())
        return textAt(p, {"issue", "key"});
    const Payload self = p["comment"]["self"];
    const QStringList parts = self.string().split(u'/');
    if (parts.size() < 3)
        self.fail(u"is not a Jira comment URL"_s);
    return parts.at(parts.size() - 3);
}

QString issueTitle(const Payload &p)
{
    if (!p["issue"].exists())
        return u"Upgrade Jira to get the issue title here."_s;
    return textAt(p, {"issue", "fields", "summary"});
}

QString topicFor(const Payload &p)
{
    return issueKey(p) + u": "_s + issueTitle(p);
}

// "KEY: title", linked to the issue's browse page when the REST URL gives the site's address.
QString issueLink(const Payload &p, const QString &key)
{
    const QString text = key + u": "_s + issueTitle(p);
    static const QRegularExpression restUrl(u"^([^\\n]*)/rest/api/"_s);
    const QRegularExpressionMatch m = restUrl.match(textAt(p, {"issue", "self"}));
    if (!m.hasMatch())
        return text;
    return u"[%1](%2/browse/%3)"_s.arg(text, m.captured(1), key);
}

QString actor(const Payload &p)
{
    return textAt(p, {"user", "displayName"});
}

// Jira's wiki markup, turned into the nearest Zulip Markdown.
QString fromJiraMarkup(QString text)
{
    using RE = QRegularExpression;
    static const RE bold(u"\\*([^*]+)\\*"_s);
    static const RE monospace(u"\\{\\{([^*]+?)\\}\\}"_s);
    static const RE blockQuoteLine(u"bq\\. ([^\\n]*)"_s);
    static const RE quote(u"\\{quote\\}(.*?)\\{quote\\}"_s, RE::DotMatchesEverythingOption);
    static const RE noformat(u"\\{noformat\\}(.*?)\\{noformat\\}"_s, RE::DotMatchesEverythingOption);
    static const RE code(u"\\{code[^\\n]*\\}(.*?)\\{code\\}"_s, RE::DotMatchesEverythingOption);
    static const RE bareLink(u"\\[([^|~]+?)\\]"_s);
    static const RE titledLink(u"\\[([^|~]+)\\|([^\\]]*)\\]"_s);
    static const RE mention(u"\\[~([^\\n]*?)\\]"_s);

    text.replace(bold, u"**\\1**"_s);
    text.replace(monospace, u"`\\1`"_s);
    text.replace(blockQuoteLine, u"> \\1"_s);
    text.replace(quote, u"~~~ quote\n\\1\n~~~"_s);
    text.replace(noformat, u"~~~\n\\1\n~~~"_s);
    text.replace(code, u"~~~\n\\1\n~~~"_s);
    text.replace(bareLink, u"[\\1](\\1)"_s);
    text.replace(titledLink, u"[\\1](\\2)"_s);
    // [~name] mentions: without Zulip's user table the Jira name itself is shown in bold.
    text.replace(mention, u"**\\1**"_s);
    return text;
}

// The assignee as Zulip shows it: the e-mail address in bold (empty without an address).
QString assigneeMention(const Payload &p)
{
    const QString email = textAt(p, {"issue", "fields", "assignee", "emailAddress"});
    return email.isEmpty() ? QString() : QString(u"**"_s + email + u"**"_s);
}

// What an issue_updated event is about, when Jira does not name it.
QString updateKind(const Payload &p)
{
    const QString named = p["issue_event_type_name"].exists() ? p["issue_event_type_name"].string() : QString();
    if (!named.isEmpty())
        return named;
    if (p["comment"].isTruthy())
        return u"issue_commented"_s;
    if (p["transition"].isTruthy())
        return u"issue_transited"_s;
    return {};
}

QString changeLine(const QString &field, const QString &from, const QString &to)
{
    QString line = u"* Changed "_s + field;
    if (!from.isEmpty())
        line += u" from **"_s + from + u"**"_s;
    if (!to.isEmpty())
        line += u" to "_s + to + u'\n';
    return line;
}

// Python's str() of an optional string field: a missing or null value reads "None".
QString orNone(const Payload &value)
{
    return value.isNull() ? u"None"_s : value.string();
}

QString changelogLines(const Payload &changelog, const QString &assignee)
{
    QString out;
    for (const Payload &item : changelog["items"].array()) {
        const QString field = orNone(item["field"]);
        const QString to = (field == u"assignee" && !assignee.isEmpty())
                               ? assignee
                               : QString(u"**"_s + orNone(item["toString"]) + u"**"_s);
        out += changeLine(field, item["fromString"].isNull() ? QString() : item["fromString"].string(), to);
    }
    return out;
}

QString commentVerb(const QString &kind)
{
    if (kind == u"issue_commented")
        return u"commented on"_s;
    if (kind == u"issue_comment_edited")
        return u"edited a comment on"_s;
    return u"deleted a comment from"_s;
}

QString issueUpdated(const Payload &p)
{
    const QString issue = issueLink(p, textAt(p, {"issue", "key"}));
    const QString assignee = assigneeMention(p);
    const QString assignedTo = assignee.isEmpty() ? QString() : u" (assigned to %1)"_s.arg(assignee);
    const QString kind = updateKind(p);

    if (kind.contains(u"comment")) {
        const QString head = u"%1 %2 %3%4"_s.arg(actor(p), commentVerb(kind), issue, assignedTo);
        const QString body = textAt(p, {"comment", "body"});
        if (body.isEmpty())
            return head + u'.';
        return head + u":\n\n``` quote\n"_s + fromJiraMarkup(body) + u"\n```"_s;
    }

    QString content = u"%1 updated %2%3:\n\n"_s.arg(actor(p), issue, assignedTo);
    if (const Payload changelog = p["changelog"]; changelog.isTruthy()) {
        content += changelogLines(changelog, assignee);
    } else if (kind == u"issue_transited") {
        content += changeLine(u"status"_s, textAt(p, {"transition", "from_status"}),
                              u"**"_s + textAt(p, {"transition", "to_status"}) + u"**"_s);
    }
    return content;
}

QString issueCreated(const Payload &p)
{
    return u"%1 created %2:\n\n* **Priority**: %3\n* **Assignee**: %4"_s.arg(
        actor(p), issueLink(p, issueKey(p)), textAt(p, {"issue", "fields", "priority", "name"}),
        textAt(p, {"issue", "fields", "assignee", "displayName"}, u"no one"_s));
}

bool endsWithPunctuation(const QString &text)
{
    static const QString ascii = u"!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"_s;
    return !text.isEmpty() && ascii.contains(text.back());
}

QString issueDeleted(const Payload &p)
{
    const QString end = endsWithPunctuation(issueTitle(p)) ? QString() : u"."_s;
    return u"%1 deleted %2%3"_s.arg(actor(p), issueLink(p, issueKey(p)), end);
}

// Comment events (the newer, separate ones): Jira escapes "!" in comment bodies as "\!".
QString commentEvent(const Payload &p, const QString &what, bool struckOut)
{
    const Payload comment = p["comment"];
    QString body = comment["body"].string();
    body.replace(u"\\!"_s, u"!"_s);
    if (struckOut)
        body = u"~~"_s + body + u"~~"_s;
    return u"%1 %2 on issue: *\"%3\"*\n``` quote\n%4\n```"_s.arg(comment["author"]["displayName"].string(),
                                                               what, issueTitle(p), body);
}

// The event the payload is about; nothing when it names none.
std::optional<QString> eventOf(const Payload &p)
{
    const Payload named = p["webhookEvent"];
    if (!named.isNull())
        return named.string();
    if (p["transition"].isTruthy())
        return u"jira:issue_updated"_s;
    return std::nullopt;
}

} // namespace

QStringList eventTypes()
{
    return {u"jira:issue_created"_s, u"jira:issue_deleted"_s, u"jira:issue_updated"_s,
            u"comment_created"_s,    u"comment_updated"_s,    u"comment_deleted"_s};
}

Outcome handle(const WebhookContext &ctx)
{
    const Payload p = ctx.payload();
    const std::optional<QString> named = eventOf(p);
    if (!named)
        return anomalousPayload(ctx);
    const QString event = *named;
    if (isIgnored(event))
        return NoOp{u"Jira event '%1' is ignored"_s.arg(event), {}, {}};

    QString content;
    if (event == u"jira:issue_created")
        content = issueCreated(p);
    else if (event == u"jira:issue_deleted")
        content = issueDeleted(p);
    else if (event == u"jira:issue_updated")
        content = issueUpdated(p);
    else if (event == u"comment_created")
        content = commentEvent(p, u"commented"_s, false);
    else if (event == u"comment_updated")
        content = commentEvent(p, u"updated their comment"_s, false);
    else if (event == u"comment_deleted")
        content = commentEvent(p, u"deleted their comment"_s, true);
    else
        return unsupportedEvent(ctx, event);

    return Message{.topic = topicFor(p), .content = content, .stream = std::nullopt, .eventType = event};
}

} // namespace hb::integrations::jira
