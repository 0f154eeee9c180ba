// SPDX-License-Identifier: MIT
#include "stripe.h"

#include <QDateTime>

#include <cmath>
#include <stdexcept>

using namespace Qt::StringLiterals;

namespace hb::integrations::stripe {

namespace {

// Events Zulip deliberately drops (Stripe Connect, issuing, orders, payouts, …): answered with a
// plain success and no message.
struct Ignored
{
};

struct EventName
{
    QString category; // first part of the type: "customer" in customer.subscription.created
    QString resource; // "subscription" (same as category for two-part types)
    QString action;   // "created", "trial_will_end", …
};

QString spaced(QString s)
{
    return s.replace(u'_', u' ');
}

// Python's str.capitalize(): first character upper case, the rest lower case.
QString capitalized(const QString &s)
{
    if (s.isEmpty())
        return s;
    return s.left(1).toUpper() + s.mid(1).toLower();
}

// An amount in the currency's smallest unit, shown in its major unit ("12.50 EUR", "$3.00").
QString amountOf(const Payload &object, const QString &field)
{
    static const QStringList zeroDecimal{u"bif"_s, u"djf"_s, u"jpy"_s, u"krw"_s, u"pyg"_s,
                                         u"vnd"_s, u"xaf"_s, u"xpf"_s, u"clp"_s, u"gnf"_s,
                                         u"kmf"_s, u"mga"_s, u"rwf"_s, u"vuv"_s, u"xof"_s};
    const qint64 amount = object[field].integer();
    const QString currency = object["currency"].string();
    const QString value = zeroDecimal.contains(currency) ? QString::number(amount)
                                                         : QString::number(double(amount) * 0.01, 'f', 2);
    if (currency == u"usd")
        return u"$"_s + value;
    return value + u' ' + currency.toUpper();
}

QString amountText(const Payload &object)
{
    return amountOf(object, u"amount"_s);
}

// Stripe ids start with a prefix naming the kind of object ("cus_…", "in_…"); the dashboard has a
// page for most kinds. Returns "[Name](https://dashboard.stripe.com/<kind>/<id>)", or the bare name.
QString objectLink(const QString &id, bool lowerCase = false)
{
    struct Kind
    {
        const char16_t *prefix;
        const char16_t *name;
        const char16_t *path; // nullptr: no dashboard page of its own
    };
    static constexpr Kind kinds[] = {
        {u"ch", u"Charge", u"charges"},          {u"cus", u"Customer", u"customers"},
        {u"dp", u"Dispute", u"disputes"},        {u"du", u"Dispute", u"disputes"},
        {u"file", u"File", u"files"},            {u"link", u"File link", u"file_links"},
        {u"pi", u"Payment intent", u"payment_intents"}, {u"po", u"Payout", u"payouts"},
        {u"prod", u"Product", u"products"},      {u"re", u"Refund", u"refunds"},
        {u"tok", u"Token", u"tokens"},           {u"ba", u"Bank account", nullptr},
        {u"card", u"Card", nullptr},             {u"src", u"Source", nullptr},
        {u"in", u"Invoice", u"invoices"},        {u"ii", u"Invoice item", u"invoiceitems"},
        {u"sub", u"Subscription", u"subscriptions"}, {u"si", u"Subscription item", u"subscription_items"},
        {u"mbur", u"Usage record", nullptr},     {u"py", u"Payment", u"payments"},
        {u"pyr", u"Refund", u"refunds"},
    };
    const QString prefix = id.section(u'_', 0, 0);
    for (const Kind &k : kinds) {
        if (prefix != QStringView(k.prefix))
            continue;
        QString name = QString::fromUtf16(k.name);
        if (lowerCase)
            name = name.toLower();
        if (!k.path)
            return name;
        return u"[%1](https://dashboard.stripe.com/%2/%3)"_s.arg(name, QString::fromUtf16(k.path), id);
    }
    throw std::runtime_error("unknown Stripe object id prefix: " + id.toStdString());
}

QString pythonRepr(const Payload &value);

// A value as Python's str() shows it; Unix times of recent years as a readable UTC date.
QString valueText(const Payload &value)
{
    if (value.value() && value.value()->type() == JsonValue::Type::Integer) {
        const qint64 n = value.integer();
        if (n > 1500000000 && n < 2000000000)
            return QDateTime::fromSecsSinceEpoch(n, Qt::UTC)
                       .toString(u"MMM dd, yyyy, HH:mm:ss"_s) + u" UTC"_s;
    }
    if (value.isObject() || value.isArray())
        return pythonRepr(value);
    if (!value.exists() || value.isNull())
        return u"None"_s;
    return value.text();
}

// Python's repr() of a JSON value, for nested values in update lists.
QString pythonRepr(const Payload &value)
{
    if (value.isNull())
        return u"None"_s;
    if (value.isString())
        return u"'"_s + value.string() + u"'"_s;
    if (value.isArray()) {
        QStringList items;
        for (const Payload &item : value.array())
            items.append(pythonRepr(item));
        return u"["_s + items.join(u", "_s) + u"]"_s;
    }
    if (value.isObject()) {
        QStringList items;
        for (const QString &key : value.keys())
            items.append(u"'"_s + key + u"': "_s + pythonRepr(value[key]));
        return u"{"_s + items.join(u", "_s) + u"}"_s;
    }
    return value.text();
}

// "\n* Status is now trialing" for each changed attribute (alphabetically) except the ignored
// ones; nothing left to report drops the event.
QString changesList(const Payload &data, const Payload &object, const QStringList &ignored = {})
{
    QStringList changed;
    for (const QString &key : data["previous_attributes"].keys()) {
        if (!ignored.contains(key) && !changed.contains(key))
            changed.append(key);
    }
    if (changed.isEmpty())
        throw Ignored{};
    changed.sort();
    QString out;
    for (const QString &key : changed)
        out += u"\n* "_s + capitalized(spaced(key)) + u" is now "_s + valueText(object[key]);
    return out;
}

// "[Customer](…) created", followed by the list of changes for "updated" events.
QString defaultBody(const EventName &e, const Payload &data, const Payload &object,
                    const QStringList &ignored = {})
{
    QString body = objectLink(object["id"].string()) + u' ' + spaced(e.action);
    if (e.action == u"updated")
        body += changesList(data, object, ignored);
    return body;
}

struct Rendered
{
    QString topic;
    std::optional<QString> body;
};

void renderCharge(const EventName &e, const Payload &data, const Payload &object, Rendered &r)
{
    if (e.resource == u"charge") {
        if (r.topic.isEmpty())
            r.topic = u"charges"_s;
        QString body = objectLink(object["id"].string()) + u" for "_s + amountText(object) + u' ' + e.action;
        if (object["failure_code"].isTruthy())
            body += u". Failure code: "_s + object["failure_code"].string();
        r.body = body;
    } else if (e.resource == u"dispute") {
        r.topic = u"disputes"_s;
        r.body = defaultBody(e, data, object) + u". Current status: "_s + spaced(object["status"].string()) + u'.';
    } else if (e.resource == u"refund") {
        r.topic = u"refunds"_s;
        r.body = u"A %1 for a %2 of %3 was updated."_s.arg(objectLink(object["id"].string(), true),
                                                           objectLink(object["charge"].string(), true),
                                                           amountText(object));
    }
}

QString subscriptionDetails(const WebhookContext &ctx, const EventName &e, const Payload &object)
{
    QString out;
    if (e.action == u"trial_will_end") {
        constexpr double day = 24 * 60 * 60;
        const double now = double(ctx.now().toMSecsSinceEpoch()) / 1000.0;
        const double days = std::floor((double(object["trial_end"].integer()) - now + day / 2) / day);
        out += u" in %1 days"_s.arg(qint64(days));
    }
    if (e.action == u"created") {
        const Payload plan = object["plan"];
        if (plan.isTruthy()) {
            const QString id = plan["id"].string();
            if (!plan["nickname"].isNull())
                out += u"\nPlan: [%1](https://dashboard.stripe.com/plans/%2)"_s.arg(plan["nickname"].string(), id);
            else
                out += u"\nPlan: https://dashboard.stripe.com/plans/"_s + id;
        }
        if (object["quantity"].isTruthy())
            out += u"\nQuantity: "_s + QString::number(object["quantity"].integer());
        if (object["billing"].exists())
            out += u"\nBilling method: "_s + spaced(object["billing"].string());
    }
    return out;
}

void renderCustomer(const WebhookContext &ctx, const EventName &e, const Payload &data, const Payload &object,
                    Rendered &r)
{
    if (e.resource == u"customer") {
        r.topic = object["id"].string();
        QString body = defaultBody(e, data, object, {u"delinquent"_s, u"currency"_s, u"default_source"_s});
        if (e.action == u"created") {
            if (object["email"].isTruthy())
                body += u"\nEmail: "_s + object["email"].string();
            if (object["metadata"].isTruthy()) {
                for (const QString &key : object["metadata"].keys())
                    body += u'\n' + key + u": "_s + object["metadata"][key].string();
            }
        }
        r.body = body;
    } else if (e.resource == u"discount") {
        const Payload coupon = object["coupon"];
        r.body = u"Discount %1 ([%2](https://dashboard.stripe.com/coupons/%3))."_s.arg(
            spaced(e.action), coupon["name"].string(), coupon["id"].string());
    } else if (e.resource == u"source") {
        r.body = defaultBody(e, data, object);
    } else if (e.resource == u"subscription") {
        r.body = defaultBody(e, data, object) + subscriptionDetails(ctx, e, object);
    }
}

// An invoice update that settles it: paid before false, now paid in full.
bool becamePaid(const EventName &e, const Payload &data, const Payload &object)
{
    if (e.action != u"updated")
        return false;
    const Payload before = data["previous_attributes"];
    if (!before.isObject())
        before.fail(u"is missing"_s);
    const Payload paidBefore = before["paid"];
    return paidBefore.isBool() && !paidBefore.boolean() && object["paid"].boolean()
           && object["amount_paid"].integer() != 0 && object["amount_remaining"].integer() == 0;
}

QString invoiceBody(const EventName &e, const Payload &data, const Payload &object)
{
    QString body;
    if (e.action == u"upcoming")
        body = u"Upcoming invoice created"_s;
    else if (becamePaid(e, data, object))
        body = u"[Invoice](https://dashboard.stripe.com/invoices/%1) is now paid"_s.arg(object["id"].string());
    else
        body = defaultBody(e, data, object, {u"lines"_s, u"description"_s, u"number"_s, u"finalized_at"_s,
                                             u"status_transitions"_s, u"payment_intent"_s});
    if (e.action == u"created")
        body += u" (%1)\nTotal: %2\nAmount due: %3"_s.arg(spaced(object["billing_reason"].string()),
                                                           amountOf(object, u"total"_s),
                                                           amountOf(object, u"amount_due"_s));
    return body;
}

bool notImplemented(const QString &category)
{
    static const QStringList categories{u"application_fee"_s, u"balance"_s, u"checkout_beta"_s, u"coupon"_s,
                                        u"payment_intent"_s, u"payout"_s, u"plan"_s, u"product"_s,
                                        u"recipient"_s, u"reporting"_s, u"review"_s, u"sigma"_s, u"sku"_s,
                                        u"source"_s, u"subscription_schedule"_s, u"topup"_s, u"transfer"_s};
    return categories.contains(category) || category.startsWith(u"issuing") || category.startsWith(u"order");
}

Rendered render(const WebhookContext &ctx, const EventName &e, const Payload &p)
{
    const Payload data = p["data"];
    const Payload object = data["object"];
    Rendered r;
    // Most objects belong to a customer: their events go to the customer's topic.
    if (!object["customer"].isNull())
        r.topic = object["customer"].string();

    if (e.category == u"account") {
        if (e.resource != u"account")
            throw Ignored{}; // Stripe Connect
        if (e.action == u"updated") {
            if (!data["previous_attributes"].exists())
                throw Ignored{};
            r.topic = u"account updates"_s;
            r.body = changesList(data, object);
        }
    } else if (e.category == u"charge") {
        renderCharge(e, data, object, r);
    } else if (e.category == u"customer") {
        renderCustomer(ctx, e, data, object, r);
    } else if (e.category == u"file") {
        r.topic = u"files"_s;
        r.body = defaultBody(e, data, object)
                 + u" (%1). \nTitle: %2"_s.arg(spaced(object["purpose"].string()), object["title"].string());
    } else if (e.category == u"invoice") {
        r.body = invoiceBody(e, data, object);
    } else if (e.category == u"invoiceitem") {
        QString body = defaultBody(e, data, object, {u"description"_s, u"invoice"_s});
        if (e.action == u"created")
            body += u" for "_s + amountText(object);
        r.body = body;
    } else if (notImplemented(e.category)) {
        throw Ignored{};
    }
    return r;
}

} // namespace

QStringList eventTypes()
{
    return {u"charge.dispute.closed"_s, u"charge.dispute.created"_s, u"charge.failed"_s, u"charge.succeeded"_s,
            u"customer.created"_s, u"customer.deleted"_s, u"customer.discount.created"_s,
            u"customer.subscription.created"_s, u"customer.subscription.deleted"_s,
            u"customer.subscription.trial_will_end"_s, u"customer.subscription.updated"_s, u"customer.updated"_s,
            u"invoice.created"_s, u"invoice.updated"_s, u"invoice.payment_failed"_s, u"invoiceitem.created"_s,
            u"charge.refund.updated"_s};
}

Outcome handle(const WebhookContext &ctx)
{
    const Payload p = ctx.payload();
    const QString type = p["type"].string();
    const QStringList parts = type.split(u'.');
    if (parts.size() != 2 && parts.size() != 3)
        return unsupportedEvent(ctx, type);
    const EventName e{parts.first(), parts.size() == 3 ? parts[1] : parts[0], parts.last()};

    Rendered r;
    try {
        r = render(ctx, e, p);
    } catch (const Ignored &) {
        return NoOp{u"Stripe event '%1' is not shown (as in Zulip)"_s.arg(type), {}, {}};
    }
    if (!r.body)
        return unsupportedEvent(ctx, type);
    return Message{.topic = r.topic, .content = *r.body, .stream = std::nullopt, .eventType = type};
}

} // namespace hb::integrations::stripe
