// SPDX-License-Identifier: MIT
#include "slack_incoming.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace hb::integrations::slack_incoming {

namespace {

// Keeps the pieces that are not blank, each trimmed, separated by an empty line.
QString joinPieces(const QStringList &pieces)
{
    QStringList kept;
    for (const QString &piece : pieces) {
        const QString t = piece.trimmed();
        if (!t.isEmpty())
            kept.append(t);
    }
    return kept.join(u"\n\n"_s);
}

// A field's value must be one of the names Slack documents for it.
QString oneOf(const Payload &value, const QStringList &allowed)
{
    const QString s = value.string();
    if (!allowed.contains(s))
        value.fail(u"is not one of %1 (it is \"%2\")"_s.arg(allowed.join(u", "_s), s));
    return s;
}

// A Block Kit text object ({"type": "plain_text"|"mrkdwn", "text": "…"}): its text.
QString textObject(const Payload &object, bool plainOnly = false)
{
    oneOf(object["type"], plainOnly ? QStringList{u"plain_text"_s} : QStringList{u"plain_text"_s, u"mrkdwn"_s});
    return object["text"].string();
}

QString imageLink(const QString &alt, const QString &url)
{
    return u"["_s + alt + u"]("_s + url + u')';
}

// Block elements: only images have something to show; buttons, menus and pickers are interactive.
QString renderElement(const Payload &element)
{
    if (element["type"].string() != u"image")
        return {};
    return imageLink(element["alt_text"].string(), element["image_url"].string());
}

// Section fields: a single one is shown as it is; several become a two-column table without a
// header (table cells cannot hold newlines or pipes, so those become spaces).
QString renderFields(const QList<Payload> &fields)
{
    QStringList texts;
    for (const Payload &f : fields)
        texts.append(textObject(f));
    if (texts.size() == 1)
        return texts.first();
    QString table = u"| | |\n|-|-|\n"_s;
    for (qsizetype i = 0; i < texts.size(); i += 2) {
        const auto cell = [](QString s) { return s.replace(u'\n', u' ').replace(u'|', u' '); };
        const QString right = i + 1 < texts.size() ? cell(texts[i + 1]) : QString();
        table += u"| "_s + cell(texts[i]) + u" | "_s + right + u" |\n"_s;
    }
    return table;
}

QString renderSection(const Payload &block)
{
    QStringList pieces;
    if (block["text"].exists())
        pieces.append(textObject(block["text"]));
    if (block["accessory"].exists())
        pieces.append(renderElement(block["accessory"]));
    if (block["fields"].exists())
        pieces.append(renderFields(block["fields"].array()));
    return joinPieces(pieces);
}

// Context elements are laid out side by side in Slack; here they are stacked.
QString renderContext(const Payload &block)
{
    QStringList pieces;
    for (const Payload &element : block["elements"].array()) {
        if (oneOf(element["type"], {u"image"_s, u"plain_text"_s, u"mrkdwn"_s}) == u"image")
            pieces.append(renderElement(element));
        else
            pieces.append(textObject(element));
    }
    return joinPieces(pieces);
}

// One Block Kit layout block as Markdown; interactive blocks (actions, input) show nothing.
QString renderBlock(const Payload &block)
{
    const QString type = oneOf(block["type"], {u"actions"_s, u"context"_s, u"divider"_s, u"header"_s,
                                               u"image"_s, u"input"_s, u"section"_s});
    if (type == u"context" && block["elements"].isTruthy())
        return renderContext(block);
    if (type == u"divider")
        return u"----"_s;
    if (type == u"header")
        return u"## "_s + textObject(block["text"], true);
    if (type == u"image") {
        const QString url = block["image_url"].string();
        QString alt = block["alt_text"].string();
        if (block["title"].exists())
            alt = textObject(block["title"], true);
        return imageLink(alt, url);
    }
    if (type == u"section")
        return renderSection(block);
    return {};
}

QStringList renderBlocks(const Payload &blocks)
{
    QStringList out;
    if (blocks.isTruthy()) {
        for (const Payload &b : blocks.array())
            out.append(renderBlock(b));
    }
    return out;
}

// Legacy attachment fields: "*title*: value", or whichever of the two is set, one per line.
QString renderAttachmentFields(const Payload &fields)
{
    QStringList lines;
    for (const Payload &field : fields.arrayOr()) {
        const bool hasTitle = field["title"].isTruthy();
        const bool hasValue = field["value"].isTruthy();
        if (hasTitle && hasValue)
            lines.append(u"*%1*: %2"_s.arg(field["title"].string(), field["value"].string()));
        else if (hasTitle)
            lines.append(u"*%1*"_s.arg(field["title"].string()));
        else if (hasValue)
            lines.append(field["value"].string());
    }
    return lines.join(u'\n');
}

// A (legacy) message attachment: title (linked if it has a link), pretext, text, fields, its
// blocks, image, footer and timestamp, each as its own paragraph. Every part may be absent or null.
QString renderAttachment(const Payload &a)
{
    QStringList pieces;
    if (a["title"].isTruthy()) {
        const QString title = a["title"].string();
        if (a["title_link"].isTruthy())
            pieces.append(u"## ["_s + title + u"]("_s + a["title_link"].string() + u')');
        else
            pieces.append(u"## "_s + title);
    }
    if (a["pretext"].isTruthy())
        pieces.append(a["pretext"].string());
    if (a["text"].isTruthy())
        pieces.append(a["text"].string());
    if (a["fields"].exists())
        pieces.append(renderAttachmentFields(a["fields"]));
    pieces.append(renderBlocks(a["blocks"]));
    if (a["image_url"].isTruthy())
        pieces.append(imageLink({}, a["image_url"].string()));
    if (a["footer"].isTruthy())
        pieces.append(a["footer"].string());
    if (a["ts"].isTruthy())
        pieces.append(u"<time:%1>"_s.arg(a["ts"].integer()));
    return joinPieces(pieces);
}

// Slack's <https://url|label> links become Markdown links.
QString convertLinks(const QString &text)
{
    static const QRegularExpression link(u"<(\\w+?://.*?)\\|(.*?)>"_s,
                                         QRegularExpression::UseUnicodePropertiesOption);
    QString out = text;
    return out.replace(link, u"[\\2](\\1)"_s);
}

// Slack's *bold* and _italic_ become Zulip's **bold** and *italic*. A marker pair counts only
// when it is not inside a word, does not span lines and has no space just inside the markers.
QString convertEmphasis(const QString &text)
{
    static const QRegularExpression bold(u"(^|\\W)\\*(?!\\s)([^*\\n]+)(?<!\\s)\\*(?=\\W|$)"_s,
                                         QRegularExpression::UseUnicodePropertiesOption);
    static const QRegularExpression italic(u"(^|\\W)_(?!\\s)([^_\\n]+)(?<!\\s)_(?=\\W|$)"_s,
                                           QRegularExpression::UseUnicodePropertiesOption);
    QString out = text;
    out.replace(bold, u"\\1**\\2**"_s);
    out.replace(italic, u"\\1*\\2*"_s);
    return out;
}

// Slack posts either a JSON body or a form whose `payload` field holds the JSON.
std::optional<JsonValue> readPayload(const WebhookContext &ctx, WebhookError *error)
{
    const WebhookRequest &request = ctx.request();
    QByteArray json;
    if (request.contentType() == "application/json") {
        json = request.body;
    } else {
        std::optional<QString> field;
        for (const auto &[k, v] : request.formFields()) {
            if (k == u"payload")
                field = v;
        }
        if (!field)
            field = request.queryValue(u"payload");
        if (!field) {
            *error = missingArgument(u"payload"_s);
            return std::nullopt;
        }
        json = field->toUtf8();
    }
    auto parsed = parseJson(json);
    if (!parsed) {
        error->code = "INVALID_JSON";
        error->msg = u"Malformed JSON"_s;
    }
    return parsed;
}

QString messageBody(const Payload &p)
{
    QStringList pieces = renderBlocks(p["blocks"]);
    if (p["attachments"].isTruthy()) {
        for (const Payload &a : p["attachments"].array())
            pieces.append(renderAttachment(a));
    }
    QString body = joinPieces(pieces);
    // Plain text is the fallback, shown only when blocks and attachments have nothing.
    if (body.isEmpty() && p["text"].isTruthy()) {
        if (p["icon_emoji"].isTruthy())
            body = p["icon_emoji"].string() + u' ';
        body = QString(body + p["text"].string()).trimmed();
    }
    return body;
}

} // namespace

QStringList eventTypes()
{
    // Slack-format messages carry no event type.
    return {};
}

Outcome handle(const WebhookContext &ctx)
{
    WebhookError error;
    const std::optional<JsonValue> json = readPayload(ctx, &error);
    if (!json)
        return error;
    const Payload p(*json);

    const QString body = messageBody(p);
    if (body.isEmpty())
        return NoOp{u"the message has no text, blocks or attachments to show"_s, {}, {}};

    // The Slack channel ("#devops", "@someone") names the topic unless the URL gives one.
    QString topic = u"(no topic)"_s;
    if (!ctx.option(u"topic") && p["channel"].exists()) {
        topic = p["channel"].string();
        if (topic.startsWith(u'#') || topic.startsWith(u'@'))
            topic.remove(0, 1);
    }
    return Message{.topic = topic, .content = convertEmphasis(convertLinks(body).trimmed()),
                   .stream = std::nullopt, .eventType = {}};
}

} // namespace hb::integrations::slack_incoming
