// SPDX-License-Identifier: MIT
#include "capturereplay.h"

#include "json.h"

using namespace Qt::StringLiterals;

namespace hb {

namespace {

QString stringAt(const JsonValue &object, QStringView key)
{
    const JsonValue *v = object.find(key);
    return v && v->isString() ? v->toString() : QString();
}

Outcome messagesFromJson(const JsonValue &root)
{
    QList<Message> messages;
    if (const JsonValue *list = root.find(u"messages"); list && list->isArray()) {
        for (const JsonValue &m : list->items()) {
            Message message{.topic = stringAt(m, u"topic"), .content = stringAt(m, u"content")};
            if (const JsonValue *stream = m.find(u"stream"); stream && stream->isString())
                message.stream = stream->toString();
            messages.append(std::move(message));
        }
    }
    return messages;
}

} // namespace

WebhookRequest requestFromCapture(const Capture &capture)
{
    WebhookRequest r;
    r.method = capture.method;
    if (!capture.target.isEmpty()) {
        r.setTarget(capture.target);
    } else {
        r.path = capture.path;
        r.query = parseUrlEncoded(capture.query);
    }
    r.headers = capture.headers;
    r.body = capture.body;
    r.receivedAt = capture.receivedAt;
    r.remoteAddress = capture.remoteAddress;
    return r;
}

Outcome replayCapture(const Registry &registry, const Capture &capture, const DispatchOptions &options)
{
    return Dispatcher(registry, options).dispatch(requestFromCapture(capture));
}

std::optional<Outcome> outcomeFromJson(QByteArrayView json)
{
    const std::optional<JsonValue> root = parseJson(json);
    if (!root || !root->isObject())
        return std::nullopt;
    const QString kind = stringAt(*root, u"outcome");
    std::optional<Outcome> outcome;
    if (kind == Outcome::kindName(Outcome::Kind::Message)) {
        outcome = messagesFromJson(*root);
    } else if (kind == Outcome::kindName(Outcome::Kind::NoOp)) {
        outcome = NoOp{.reason = stringAt(*root, u"reason")};
    } else if (kind == Outcome::kindName(Outcome::Kind::Error)) {
        WebhookError e;
        const JsonValue *status = root->find(u"status");
        e.status = status && status->isNumber() ? int(status->toInteger()) : 0;
        e.code = stringAt(*root, u"code").toLatin1();
        e.msg = stringAt(*root, u"msg");
        outcome = e;
    } else {
        return std::nullopt;
    }
    if (const JsonValue *notes = root->find(u"notes"); notes && notes->isArray()) {
        for (const JsonValue &n : notes->items())
            outcome->addNote(n.toString());
    }
    return outcome;
}

bool sameOutcome(const Outcome &a, const Outcome &b)
{
    return a.toJson() == b.toJson();
}

} // namespace hb
