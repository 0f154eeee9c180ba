// SPDX-License-Identifier: MIT
#include "trello.h"

#include <optional>

// Trello posts {"model": {…the watched board…}, "action": {"type": "…", "memberCreator": {…},
// "data": {"board": {…}, "card": {…}, "list": {…}, "old": {…}, …}}}. The topic is the board's
// name. One "updateCard" action covers many changes; the fields in data.old tell which one.
// Trello checks a new webhook URL with a HEAD request, which the dispatcher answers.

using namespace Qt::StringLiterals;

namespace hb::integrations::trello {

namespace {

enum class Family { Card, Board, Ignored, Unknown };

struct ActionKind
{
    const char16_t *type;
    Family family;
};

constexpr ActionKind kActions[] = {
    {u"updateCard", Family::Card},
    {u"createCard", Family::Card},
    {u"addLabelToCard", Family::Card},
    {u"removeLabelFromCard", Family::Card},
    {u"addMemberToCard", Family::Card},
    {u"removeMemberFromCard", Family::Card},
    {u"addAttachmentToCard", Family::Card},
    {u"addChecklistToCard", Family::Card},
    {u"commentCard", Family::Card},
    {u"updateCheckItemStateOnCard", Family::Card},
    {u"copyCard", Family::Ignored},
    {u"createCheckItem", Family::Ignored},
    {u"updateCheckItem", Family::Ignored},
    {u"updateList", Family::Ignored},
    {u"removeMemberFromBoard", Family::Board},
    {u"addMemberToBoard", Family::Board},
    {u"createList", Family::Board},
    {u"updateBoard", Family::Board},
};

Family familyOf(const QString &type)
{
    for (const ActionKind &kind : kActions) {
        if (type == QStringView(kind.type))
            return kind.family;
    }
    return Family::Unknown;
}

// An optional string field: nothing when missing or null; otherwise it must be a string.
std::optional<QString> optionalText(const Payload &value)
{
    if (value.isNull())
        return std::nullopt;
    return value.string();
}

bool isTrue(const std::optional<QString> &text)
{
    return text && !text->isEmpty();
}

// What an updateCard action did, or nothing for changes that are not announced (position,
// cover, completion); an unknown change is reported as unsupported.
enum class CardChange {
    MovedList, Renamed, DescriptionSet, DescriptionChanged, DescriptionRemoved, DueSet, DueChanged,
    DueRemoved, Archived, Reopened, Silent, Unknown
};

CardChange cardChange(const Payload &data)
{
    const Payload old = data["old"];
    const Payload card = data["card"];
    if (!old.exists())
        old.fail(u"is missing"_s);
    if (!card.exists())
        card.fail(u"is missing"_s);

    if (data["listBefore"].isTruthy())
        return CardChange::MovedList;
    if (isTrue(optionalText(old["name"])))
        return CardChange::Renamed;
    const std::optional<QString> oldDesc = optionalText(old["desc"]);
    if (oldDesc && oldDesc->isEmpty())
        return CardChange::DescriptionSet;
    if (isTrue(oldDesc)) {
        const std::optional<QString> desc = optionalText(card["desc"]);
        return desc && desc->isEmpty() ? CardChange::DescriptionRemoved : CardChange::DescriptionChanged;
    }
    if (old["due"].exists() && old["due"].isNull())
        return CardChange::DueSet;
    if (isTrue(optionalText(old["due"]))) {
        const bool cleared = card["due"].exists() && card["due"].isNull();
        return cleared ? CardChange::DueRemoved : CardChange::DueChanged;
    }
    const std::optional<bool> wasClosed =
        old["closed"].isNull() ? std::nullopt : std::optional<bool>(old["closed"].boolean());
    if (wasClosed == false && card["closed"].booleanOr(false))
        return CardChange::Archived;
    if (wasClosed == true && !card["closed"].isNull() && !card["closed"].boolean())
        return CardChange::Reopened;
    for (const char *field : {"cover", "dueComplete", "idAttachmentCover", "pos"}) {
        if (old[field].exists())
            return CardChange::Silent;
    }
    return CardChange::Unknown;
}

// "2026-04-30T16:00:00.000Z" -> "2026-04-30 16:00:00 UTC"
QString readableDate(QString date)
{
    return date.replace(u'T', u' ').replace(u".000"_s, QString()).replace(u'Z', u" UTC"_s);
}

QString quoteBlock(const QString &text)
{
    return u"\n~~~ quote\n"_s + text + u"\n~~~\n"_s;
}

QString cardLink(const Payload &data)
{
    const Payload card = data["card"];
    return u"[%1](https://trello.com/c/%2)"_s.arg(card["name"].string(), card["shortLink"].string());
}

QString cardChangeText(const Payload &data, CardChange change)
{
    switch (change) {
    case CardChange::MovedList:
        return u"moved %1 from %2 to %3."_s.arg(cardLink(data), data["listBefore"]["name"].string(),
                                                data["listAfter"]["name"].string());
    case CardChange::Renamed:
        return u"renamed the card from \"%1\" to %2."_s.arg(data["old"]["name"].string(), cardLink(data));
    case CardChange::DescriptionSet:
        return u"set description for %1 to:"_s.arg(cardLink(data)) + quoteBlock(data["card"]["desc"].string());
    case CardChange::DescriptionChanged:
        return u"changed description for %1 from"_s.arg(cardLink(data)) + quoteBlock(data["old"]["desc"].string())
               + u"to"_s + quoteBlock(data["card"]["desc"].string());
    case CardChange::DescriptionRemoved:
        return u"removed description from %1."_s.arg(cardLink(data));
    case CardChange::DueSet:
        return u"set due date for %1 to %2."_s.arg(cardLink(data), readableDate(data["card"]["due"].string()));
    case CardChange::DueChanged:
        return u"changed due date for %1 from %2 to %3."_s.arg(cardLink(data),
                                                                readableDate(data["old"]["due"].string()),
                                                                readableDate(data["card"]["due"].string()));
    case CardChange::DueRemoved:
        return u"removed the due date from %1."_s.arg(cardLink(data));
    case CardChange::Archived:
        return u"archived %1."_s.arg(cardLink(data));
    case CardChange::Reopened:
        return u"reopened %1."_s.arg(cardLink(data));
    case CardChange::Silent:
    case CardChange::Unknown:
        break;
    }
    return {};
}

// The text after the actor's name for every card action but updateCard.
QString cardActionText(const Payload &action, const QString &type)
{
    const Payload data = action["data"];
    if (type == u"createCard")
        return u"created %1."_s.arg(cardLink(data));
    if (type == u"addLabelToCard")
        return u"added a %1 label with \"%2\" to %3."_s.arg(data["value"].string(), data["text"].string(), cardLink(data));
    if (type == u"removeLabelFromCard")
        return u"removed a %1 label with \"%2\" from %3."_s.arg(data["value"].string(), data["text"].string(),
                                                               cardLink(data));
    if (type == u"addMemberToCard")
        return u"added %1 to %2."_s.arg(action["member"]["fullName"].string(), cardLink(data));
    if (type == u"removeMemberFromCard")
        return u"removed %1 from %2."_s.arg(action["member"]["fullName"].string(), cardLink(data));
    if (type == u"addAttachmentToCard")
        return u"added [%1](%2) to %3."_s.arg(data["attachment"]["name"].string(), data["attachment"]["url"].string(),
                                              cardLink(data));
    if (type == u"addChecklistToCard")
        return u"added the %1 checklist to %2."_s.arg(data["checklist"]["name"].string(), cardLink(data));
    if (type == u"commentCard")
        return u"commented on %1:"_s.arg(cardLink(data)) + quoteBlock(data["text"].string());
    // updateCheckItemStateOnCard
    const Payload item = data["checkItem"];
    const bool done = item["state"].string() == u"complete";
    return u"%1 **%2** in **%3** (%4)."_s.arg(done ? u"checked"_s : u"unchecked"_s, item["name"].string(),
                                              data["checklist"]["name"].string(), cardLink(data));
}

Outcome cardAction(const WebhookContext &ctx, const Payload &action, const QString &type)
{
    QString text;
    const Payload data = action["data"];
    if (type == u"updateCard") {
        const CardChange change = cardChange(data);
        if (change == CardChange::Silent)
            return NoOp{u"Trello card update not announced (position, cover or completion)"_s, {}, {}};
        if (change == CardChange::Unknown)
            return unsupportedEvent(ctx, type);
        text = cardChangeText(data, change);
    }
    const QString topic = data["board"]["name"].string();
    if (text.isEmpty())
        text = cardActionText(action, type);
    const QString actor = optionalText(action["memberCreator"]["fullName"]).value_or(u"None"_s);
    return Message{.topic = topic, .content = actor + u' ' + text};
}

QString boardLink(const Payload &data)
{
    const Payload board = data["board"];
    return u"[%1](https://trello.com/b/%2)"_s.arg(board["name"].string(), board["shortLink"].string());
}

Outcome boardAction(const WebhookContext &ctx, const Payload &action, const QString &type)
{
    const Payload data = action["data"];
    QString text;
    if (type == u"updateBoard") {
        const Payload old = data["old"];
        if (!old.exists())
            old.fail(u"is missing"_s);
        if (old["prefs"].isObject() && old["prefs"]["background"].exists())
            return NoOp{u"Trello board background change not announced"_s, {}, {}};
        const QString oldName = old["name"].string();
        if (oldName.isEmpty())
            return unsupportedEvent(ctx, type);
        text = u"renamed the board from %1 to %2."_s.arg(oldName, boardLink(data));
    } else if (type == u"createList") {
        text = u"added %1 list to %2."_s.arg(data["list"]["name"].string(), boardLink(data));
    } else {
        const QString member = action["member"]["fullName"].string();
        text = type == u"addMemberToBoard" ? u"added %1 to %2."_s.arg(member, boardLink(data))
                                           : u"removed %1 from %2."_s.arg(member, boardLink(data));
    }
    const QString topic = data["board"]["name"].string();
    return Message{.topic = topic, .content = action["memberCreator"]["fullName"].string() + u' ' + text};
}

} // namespace

QStringList eventTypes()
{
    // Zulip declares no event types for Trello: only_events/exclude_events do not apply.
    return {};
}

Outcome handle(const WebhookContext &ctx)
{
    const Payload action = ctx.payload()["action"];
    const QString type = action["type"].string();
    switch (familyOf(type)) {
    case Family::Card:
        return cardAction(ctx, action, type);
    case Family::Board:
        return boardAction(ctx, action, type);
    case Family::Ignored:
        return NoOp{u"Trello '%1' actions are ignored"_s.arg(type), {}, {}};
    case Family::Unknown:
        break;
    }
    return unsupportedEvent(ctx, type);
}

} // namespace hb::integrations::trello
