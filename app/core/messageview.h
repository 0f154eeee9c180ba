// SPDX-License-Identifier: MIT
#pragma once

#include "integration.h"
#include "markdown.h"
#include "outcome.h"

#include <QDateTime>
#include <QString>
#include <QStringView>

#include <functional>
#include <optional>

// An outcome as Zulip shows it: the recipient bar ("stream › topic" or a direct message), the bot
// sender with its avatar, the time and the rendered content; a no-op or an error as a notice. One
// HTML rendering serves QTextBrowser (bodyHtml or textBrowserHtml, with styleSheet() as the
// document's default stylesheet) and browsers (page(): self-contained, with a Content-Security-Policy).
// Safety: every payload string is escaped, the content is passed through an allow-list, and nothing
// in the output refers to a remote resource (inline images become local placeholders).
namespace hb {

enum class ViewTheme { Light, Dark };

// "light" / "dark"; nullopt for anything else.
std::optional<ViewTheme> viewThemeFromName(QStringView name);

struct MessageViewOptions
{
    ViewTheme theme = ViewTheme::Light;
    QDateTime time;                    // when the messages were posted; invalid = no time shown
    QString ownerName;                 // the bot owner, for direct messages; empty = "You"
    markdown::Options markdown;        // for the default content renderer
    // Markdown -> HTML of the content; empty = hb::markdown::toHtml with `markdown`.
    std::function<QString(const QString &markdown)> renderContent;
};

class MessageView final
{
public:
    // `integration` may be null (an error before any integration was found).
    explicit MessageView(const IntegrationEntry *integration, MessageViewOptions options = {});

    // The inside of <body>: one block per recipient (consecutive messages to the same stream and
    // topic share one), or a notice for a no-op or an error, then the outcome's notes.
    QString bodyHtml(const Outcome &outcome) const;
    // bodyHtml in <html><body>, for QTextBrowser::setHtml after setDefaultStyleSheet(styleSheet()).
    QString textBrowserHtml(const Outcome &outcome) const;
    // A complete, self-contained HTML page (the HTML export and `render --format html`).
    QString page(const Outcome &outcome) const;

    // The theme's stylesheet, written for QTextBrowser's CSS subset (browsers read it too).
    QString styleSheet() const { return styleSheet(m_options.theme); }
    static QString styleSheet(ViewTheme theme);

    // The theme's page colours ("#rrggbb", from the body rule of its stylesheet). QTextBrowser
    // draws list bullets in its palette's text colour: a preview sets QPalette::Text and Base to these.
    struct Colors
    {
        QString background;
        QString text;
    };
    static Colors colors(ViewTheme theme);

    // "<Display name> Bot", as Zulip names an integration's incoming webhook bot.
    QString senderName() const;
    // The avatar as a data: URI: the integration's logo, else a monogram.
    QString avatarDataUri() const;
    // An SVG as an avatar: its root element sized to 35 px (a viewBox added from its own width and
    // height if it has none), as a data: URI. QTextBrowser then rasterises it at the size shown.
    static QString svgAvatarDataUri(const QByteArray &svg);

    // The renderer's HTML made safe and displayable: allow-listed tags and attributes, links only
    // http(s)/mailto/tel/sms or relative, images replaced by local placeholders, emoji spans showing
    // their Unicode character, and the blocks QTextBrowser cannot style (quotes, code blocks,
    // spoilers, image previews) laid out as tables.
    static QString adaptContent(const QString &html);

private:
    QString messageGroups(const QList<Message> &messages) const;
    QString recipientBar(const Message &message) const;
    QString senderRow(const QString &contentHtml) const;
    QString continuationRow(const QString &contentHtml) const;
    QString notice(const Outcome &outcome) const;
    QString notes(const Outcome &outcome) const;
    QString timeText() const;
    QString renderedContent(const QString &markdown) const;

    const IntegrationEntry *m_integration;
    MessageViewOptions m_options;
};

} // namespace hb
