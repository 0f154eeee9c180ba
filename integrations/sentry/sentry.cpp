// SPDX-License-Identifier: MIT
#include "sentry.h"

#include <QDateTime>

#include <cmath>
#include <optional>

// Sentry reaches Zulip in three shapes, told apart by the payload (Zulip ignores the
// Sentry-Hook-Resource header):
//   integration platform  {"action", "data": {"event": {...}} | {"issue": {...}}, "actor"}
//                         ("event_alert" and "issue" resources of an internal integration)
//   WebHooks plugin       {"url", "event": {"event_id", "timestamp", ...}, ...}
//   legacy plugin         {"project_name", "level", "url", "message", ...}
// Events from the deprecated Raven Python SDK are ignored, as Zulip does.

using namespace Qt::StringLiterals;

namespace hb::integrations::sentry {

namespace {

// An error or message event, with the two fields the WebHooks plugin does not send ready-made.
struct EventView
{
    Payload event;
    QString webUrl;
    QString timestamp; // "2020-04-28 13:56:05"
};

// The title Sentry gives the sample event it sends from its settings pages.
constexpr QStringView kSampleEventTitle = u"This is an example Python exception";

// A value as Python's str() shows it, "None" when it is missing.
QString textOrNone(const Payload &v)
{
    return v.exists() ? v.text() : u"None"_s;
}

// Sentry platform name -> the code block language of the traceback.
QString codeLanguage(const QString &platform)
{
    if (platform == u"python")
        return u"python3"_s;
    if (platform == u"node")
        return u"javascript"_s;
    if (platform == u"go" || platform == u"java" || platform == u"javascript" || platform == u"ruby")
        return platform;
    return {};
}

// ISO 8601 "2020-04-28T13:56:05.903736Z" -> "2020-04-28 13:56:05" (Zulip drops the fraction
// and the "T", and keeps whatever else is there).
QString isoToDisplay(const QString &iso)
{
    return iso.section(u'.', 0, 0).replace(u'T', u' ');
}

// Unix seconds (with a fraction) -> "YYYY-MM-DD HH:MM:SS" in UTC, the fraction dropped.
QString unixToDisplay(double seconds)
{
    double whole = std::floor(seconds);
    if (std::llround((seconds - whole) * 1e6) >= 1000000)
        whole += 1; // the fraction rounds up to a whole second at microsecond precision
    return QDateTime::fromSecsSinceEpoch(qint64(whole), Qt::UTC).toString(u"yyyy-MM-dd HH:mm:ss"_s);
}

// A relative path resolved against a URL, as a browser would (the base's last segment is replaced).
QString resolveRelative(QString base, const QString &relative)
{
    for (QChar cut : {u'#', u'?'}) {
        if (const qsizetype i = base.indexOf(cut); i >= 0)
            base.truncate(i);
    }
    const qsizetype scheme = base.indexOf(u"://"_s);
    const qsizetype pathStart = base.indexOf(u'/', scheme < 0 ? 0 : scheme + 3);
    if (pathStart < 0)
        return base + u'/' + relative;
    return base.left(base.lastIndexOf(u'/') + 1) + relative;
}

// Python's repr() of a list of strings: "['event', 'triggered_rule']".
QString pythonListRepr(const QStringList &items)
{
    QStringList quoted;
    for (const QString &s : items) {
        const bool doubleQuote = s.contains(u'\'') && !s.contains(u'"');
        const QChar q = doubleQuote ? u'"' : u'\'';
        QString body = s;
        body.replace(u"\\"_s, u"\\\\"_s);
        if (!doubleQuote)
            body.replace(u"'"_s, u"\\'"_s);
        quoted.append(q + body + q);
    }
    return u'[' + quoted.join(u", "_s) + u']';
}

// Traceback lines around the failing one, indented as Zulip shows them.
QString contextLines(const Payload &lines)
{
    QString out;
    for (const Payload &line : lines.arrayOr()) {
        const QString text = line.text();
        out += text.isEmpty() ? u"\n"_s : u"     "_s + text + u'\n';
    }
    return out;
}

// The frame of the file Sentry blames, from the innermost exception that has a stack trace.
std::optional<Payload> blamedFrame(const Payload &event, const QString &filename)
{
    const QList<Payload> values = event["exception"]["values"].array();
    std::optional<Payload> stacktrace;
    for (auto it = values.crbegin(); it != values.crend(); ++it) {
        if ((*it)["stacktrace"].exists()) {
            stacktrace = (*it)["stacktrace"];
            break;
        }
    }
    if (!stacktrace || !stacktrace->isTruthy() || filename.isEmpty())
        return std::nullopt;
    const QList<Payload> frames = (*stacktrace)["frames"].array();
    for (auto it = frames.crbegin(); it != frames.crend(); ++it) {
        const Payload name = (*it)["filename"];
        if (name.isString() && name.string() == filename)
            return (*it)["context_line"].isNull() ? std::nullopt : std::optional<Payload>(*it);
    }
    return std::nullopt;
}

QString exceptionBody(const EventView &view, const QString &title, const QString &level)
{
    const Payload filenameField = view.event["metadata"]["filename"];
    const QString filename = filenameField.isNull() ? QString() : filenameField.string();
    QString body = u"**New exception:** [%1](%2)\n```quote\n**level:** %3\n**timestamp:** %4\n**filename:** %5\n```"_s
                       .arg(title, view.webUrl, level, view.timestamp,
                            filenameField.isNull() ? u"None"_s : filename);
    const auto frame = blamedFrame(view.event, filename);
    if (!frame)
        return body;
    body += u"\n\nTraceback:\n```%1\n"_s.arg(codeLanguage(view.event["platform"].text()));
    body += contextLines((*frame)["pre_context"]);
    body += u"---> "_s + (*frame)["context_line"].string() + u'\n';
    body += contextLines((*frame)["post_context"]);
    body += u"```"_s;
    return body;
}

Outcome eventMessage(const WebhookContext &ctx, const EventView &view)
{
    const Payload &event = view.event;
    const QString title = event["title"].string();
    const QString platform = event["platform"].text();
    if (platform == u"python" && title != kSampleEventTitle) {
        const Payload versionField = event["version"];
        bool ok = false;
        const int version = versionField.text().trimmed().toInt(&ok);
        if (!ok)
            versionField.fail(u"is not an integer"_s);
        if (version < 7)
            return unsupportedEvent(ctx, u"Raven SDK"_s);
    }
    const QString level = event["level"].text();
    if (event["exception"].exists())
        return Message{.topic = title, .content = exceptionBody(view, title, level)};
    if (event["logentry"].exists()) {
        return Message{.topic = title,
                       .content = u"**New message event:** [%1](%2)\n```quote\n**level:** %3\n**timestamp:** %4\n```"_s
                                      .arg(title, view.webUrl, level, view.timestamp)};
    }
    return unsupportedEvent(ctx, u"unknown-event type"_s);
}

QString assigneeName(const Payload &issue)
{
    const Payload assigned = issue["assignedTo"];
    if (!assigned.isTruthy())
        return u"No one"_s;
    const QString name = assigned["name"].text();
    return assigned["type"].text() == u"team" ? u"team "_s + name : name;
}

Outcome issueMessage(const WebhookContext &ctx, const Payload &payload, const Payload &issue)
{
    const QString action = payload["action"].text();
    const Payload actor = payload["actor"];
    if (!actor.exists())
        actor.fail(u"is missing"_s);
    const QString title = issue["title"].string();
    const QString lastSeen = isoToDisplay(issue["lastSeen"].string());
    const QString assignee = assigneeName(issue);

    QString content;
    if (action == u"created") {
        content = u"**New issue created:** %1\n```quote\n**level:** %2\n**timestamp:** %3\n**assignee:** %4\n```"_s
                      .arg(title, issue["level"].text(), lastSeen, assignee);
    } else if (action == u"resolved") {
        content = u"Issue **%1** was marked as resolved by **%2**."_s.arg(title, actor["name"].text());
    } else if (action == u"assigned") {
        content = u"Issue **%1** has now been assigned to **%2** by **%3**."_s.arg(title, assignee, actor["name"].text());
    } else if (action == u"ignored") {
        content = u"Issue **%1** was ignored by **%2**."_s.arg(title, actor["name"].text());
    } else {
        return unsupportedEvent(ctx, u"unknown-issue-action type"_s);
    }
    return Message{.topic = title, .content = content};
}

// The old plugin's flat payload.
Message legacyMessage(const Payload &payload)
{
    return Message{.topic = textOrNone(payload["project_name"]),
                   .content = u"New [issue](%1) (level: %2):\n\n``` quote\n%3\n```"_s.arg(
                       textOrNone(payload["url"]), payload["level"].string().toUpper(),
                       textOrNone(payload["message"]))};
}

// The WebHooks plugin sends the event at the top level, without its web link and ISO time.
std::optional<EventView> pluginEvent(const Payload &payload)
{
    const Payload event = payload["event"];
    if (!event.isObject() || !event["event_id"].isTruthy())
        return std::nullopt;
    const QString eventPath = u"events/%1/"_s.arg(event["event_id"].text());
    const Payload time = event["timestamp"].exists() ? event["timestamp"] : event["received"];
    return EventView{event, resolveRelative(payload["url"].string(), eventPath), unixToDisplay(time.number())};
}

} // namespace

QStringList eventTypes()
{
    // Zulip's Sentry view posts every message without an event type: only_events and
    // exclude_events do not apply to it.
    return {};
}

Outcome handle(const WebhookContext &ctx)
{
    const Payload &p = ctx.payload();
    const Payload data = p["data"];
    if (data.isNull()) {
        if (const auto view = pluginEvent(p))
            return eventMessage(ctx, *view);
        return legacyMessage(p);
    }
    if (!data.isTruthy())
        return legacyMessage(p);
    if (data["event"].exists()) {
        const Payload event = data["event"];
        return eventMessage(ctx, EventView{event, event["web_url"].text(), isoToDisplay(event["datetime"].string())});
    }
    if (data["issue"].exists())
        return issueMessage(ctx, p, data["issue"]);
    return unsupportedEvent(ctx, pythonListRepr(data.keys()));
}

} // namespace hb::integrations::sentry
