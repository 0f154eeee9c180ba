// SPDX-License-Identifier: MIT
#include "wordpress.h"

using namespace Qt::StringLiterals;

namespace hb::integrations::wordpress {

namespace {

// WordPress's "HookPress"-style plugins post the hook name and the hook's fields as a plain form.
// Fields a hook does not send fall back to the same placeholders Zulip uses.
QString field(const Payload &p, const QString &name, const QString &fallback)
{
    return p[name].stringOr(fallback);
}

QString publishedBody(const Payload &p)
{
    return u"New %1 published:\n* [%2](%3)"_s.arg(field(p, u"post_type"_s, u"post"_s),
                                                 field(p, u"post_title"_s, u"New WordPress post"_s),
                                                 field(p, u"post_url"_s, u"WordPress post URL"_s));
}

QString userRegisteredBody(const Payload &p)
{
    return u"New blog user registered:\n* **Name**: %1\n* **Email**: %2"_s.arg(
        field(p, u"display_name"_s, u"New user name"_s), field(p, u"user_email"_s, u"New user email"_s));
}

QString loginBody(const Payload &p)
{
    return u"User %1 logged in."_s.arg(field(p, u"user_login"_s, u"Logged in user"_s));
}

QString trimmedRight(QString s)
{
    while (!s.isEmpty() && s.back().isSpace())
        s.chop(1);
    return s;
}

} // namespace

QStringList eventTypes()
{
    return {u"publish_post"_s, u"publish_page"_s, u"user_register"_s, u"wp_login"_s};
}

Outcome handle(const WebhookContext &ctx)
{
    const Payload p = ctx.payload();
    // Some senders end the form with a newline, which sticks to the last field.
    const QString hook = trimmedRight(field(p, u"hook"_s, u"WordPress action"_s));
    QString content;
    if (hook == u"publish_post"_s || hook == u"publish_page"_s)
        content = publishedBody(p);
    else if (hook == u"user_register"_s)
        content = userRegisteredBody(p);
    else if (hook == u"wp_login"_s)
        content = loginBody(p);
    else
        return badRequest(u"Unknown WordPress webhook action: %1"_s.arg(hook));
    return Message{.topic = u"WordPress notification"_s, .content = content, .stream = std::nullopt,
                   .eventType = hook};
}

} // namespace hb::integrations::wordpress
