// SPDX-License-Identifier: MIT
#include "forwardoptions.h"

#include "zuliprc.h"

#include <QCommandLineParser>

using namespace Qt::StringLiterals;

namespace hb::cli {

void addForwardOptions(QCommandLineParser &p, const QString &urlOption)
{
    p.addOptions({
        {urlOption, u"Send the request as it was received to this URL (a URL without a path keeps the"
                    " original path and query)."_s, u"URL"_s},
        {u"zulip-site"_s, u"Post the messages to this Zulip server through its REST API."_s, u"URL"_s},
        {u"zulip-email"_s, u"The bot's e-mail address on that server."_s, u"E"_s},
        {u"zulip-api-key"_s, u"The bot's API key."_s, u"K"_s},
        {u"zuliprc"_s, u"Read site, email and key from the [api] section of a zuliprc file."_s, u"FILE"_s},
        {u"stream"_s, u"Post every message to this stream (channel), whatever the request named."_s, u"S"_s},
        {u"topic"_s, u"Post every message under this topic."_s, u"T"_s},
        {u"direct-to"_s, u"Recipients (e-mails, comma-separated) of messages that have no stream: Zulip sends"
                         " those to the bot's owner, whom the API cannot name."_s, u"EMAILS"_s},
        {u"timeout"_s, u"Seconds to wait for one answer (default 15)."_s, u"SECONDS"_s, u"15"_s},
    });
}

std::optional<ForwardTargets> forwardTargets(const QCommandLineParser &p, const QString &urlOption, bool allowBoth,
                                             QString *error)
{
    ForwardTargets t;
    if (p.isSet(urlOption)) {
        const QUrl url(p.value(urlOption), QUrl::StrictMode);
        if (!url.isValid() || (url.scheme() != u"http"_s && url.scheme() != u"https"_s) || url.host().isEmpty()) {
            *error = u"--%1 wants an http:// or https:// URL, got '%2'"_s.arg(urlOption, p.value(urlOption));
            return std::nullopt;
        }
        t.url = url;
    }
    const bool zulipFlags = p.isSet(u"zulip-site"_s) || p.isSet(u"zulip-email"_s) || p.isSet(u"zulip-api-key"_s);
    if (zulipFlags || p.isSet(u"zuliprc"_s)) {
        ZulipAccount account;
        if (p.isSet(u"zuliprc"_s)) {
            QString why;
            const auto fromFile = readZuliprc(p.value(u"zuliprc"_s), &why);
            if (!fromFile) {
                *error = why;
                return std::nullopt;
            }
            account = *fromFile;
        }
        if (p.isSet(u"zulip-site"_s))
            account.site = p.value(u"zulip-site"_s);
        if (p.isSet(u"zulip-email"_s))
            account.email = p.value(u"zulip-email"_s);
        if (p.isSet(u"zulip-api-key"_s))
            account.apiKey = p.value(u"zulip-api-key"_s);
        if (const QString problem = account.problem(); !problem.isEmpty()) {
            *error = problem;
            return std::nullopt;
        }
        t.zulip = account;
    }
    if (t.url && t.zulip && !allowBoth) {
        *error = u"give either --%1 or a Zulip server, not both"_s.arg(urlOption);
        return std::nullopt;
    }
    const bool routing = p.isSet(u"stream"_s) || p.isSet(u"topic"_s) || p.isSet(u"direct-to"_s);
    if (routing && !t.zulip) {
        *error = u"--stream, --topic and --direct-to are for messages sent to a Zulip server"_s;
        return std::nullopt;
    }
    t.routing.stream = p.value(u"stream"_s).trimmed();
    t.routing.topic = p.value(u"topic"_s).trimmed();
    for (const QString &email : p.value(u"direct-to"_s).split(u',', Qt::SkipEmptyParts))
        t.routing.directTo.append(email.trimmed());
    bool ok = false;
    const double seconds = p.value(u"timeout"_s).toDouble(&ok);
    if (!ok || seconds <= 0 || seconds > 3600) {
        *error = u"--timeout wants seconds, more than 0 and at most 3600"_s;
        return std::nullopt;
    }
    t.timeoutMs = int(seconds * 1000);
    return t;
}

} // namespace hb::cli
