// SPDX-License-Identifier: MIT
// URLs built as Zulip's "generate URL" dialog does, checked by feeding them back to the dispatcher.
#include "dispatcher.h"
#include "docmacros.h"
#include "webhookurl.h"

#include <QTest>
#include <QUrl>

using namespace hb;
using namespace Qt::StringLiterals;

namespace {

Outcome twoEvents(const WebhookContext &ctx)
{
    return QList<Message>{Message{.topic = ctx.optionOr(u"label", u"none"_s), .content = u"a"_s, .eventType = u"build.started"_s},
                          Message{.topic = u"b"_s, .content = u"b"_s, .eventType = u"deploy.done"_s}};
}

const IntegrationEntry kEntry{.name = u"acme"_s, .displayName = u"Acme"_s, .categories = {u"misc"_s}, .handler = twoEvents,
                              .eventTypes = {u"build.started"_s, u"deploy.done"_s}};

Outcome dispatchUrl(const QString &url)
{
    static const Registry registry(QList<IntegrationEntry>{kEntry});
    WebhookRequest r;
    r.setTarget(QUrl(url).toString(QUrl::RemoveScheme | QUrl::RemoveAuthority | QUrl::FullyEncoded).toUtf8());
    r.body = "{}";
    return Dispatcher(registry, {.apiKey = u"s3cr&t"_s}).dispatch(r);
}

} // namespace

class TestWebhookUrl : public QObject
{
    Q_OBJECT

private slots:
    void placeholderKeyAndDirectMessage()
    {
        const QString url = buildWebhookUrl(kEntry, {.baseUrl = u"http://127.0.0.1:9991/"_s, .topic = u"ignored without a stream"_s});
        QCOMPARE(url, u"http://127.0.0.1:9991/api/v1/external/acme?api_key=API_KEY"_s);
    }
    void everythingRoundTrips()
    {
        WebhookUrlSpec spec{.baseUrl = u"http://localhost:9991"_s, .apiKey = u"s3cr&t"_s, .stream = u"ops & dev"_s,
                            .topic = u"déploiements"_s, .filter = WebhookUrlSpec::Filter::Only, .events = {u"deploy.*"_s}};
        spec.options = {{u"label"_s, u"x y"_s}, {u"empty"_s, QString()}};
        const QString url = buildWebhookUrl(kEntry, spec);
        QVERIFY2(url.startsWith(u"http://localhost:9991/api/v1/external/acme?api_key=s3cr%26t&stream=ops%20%26%20dev&topic=d%C3%A9ploiements&only_events=%5B%22deploy.%2A%22%5D"_s), qPrintable(url));
        QVERIFY(!url.contains(u"empty"_s));
        const Outcome o = dispatchUrl(url);
        QVERIFY2(o.isMessage(), o.toJson().constData());
        QCOMPARE(o.messages().size(), 1);
        QCOMPARE(o.messages()[0].stream, std::optional<QString>(u"ops & dev"_s));
        QCOMPARE(o.messages()[0].topic, u"déploiements"_s);
        QCOMPARE(o.messages()[0].eventType, u"deploy.done"_s);
    }
    void excludeAndOptions()
    {
        const QString url = buildWebhookUrl(kEntry, {.baseUrl = u"http://h:1"_s, .apiKey = u"s3cr&t"_s, .stream = u"s"_s,
                                                     .filter = WebhookUrlSpec::Filter::Exclude, .events = {u"deploy.done"_s},
                                                     .options = {{u"label"_s, u"from option"_s}}});
        const Outcome o = dispatchUrl(url);
        QCOMPARE(o.messages().size(), 1);
        QCOMPARE(o.messages()[0].topic, u"from option"_s);
    }
    void docMacros()
    {
        const QString doc = u"URL: `{{ api_url }}/v1/external/{{integration_name}}`\n\n{!congrats.md!}\n\n"
                            "{!event-filtering-additional-feature.md!}\n{!nonexistent.md!}"_s;
        QStringList unknown;
        const QString out = expandDocMacros(doc, kEntry, u"http://127.0.0.1:9991/"_s, &unknown);
        QVERIFY2(out.startsWith(u"URL: `http://127.0.0.1:9991/api/v1/external/acme`\n\nThat's it: Acme notifications"_s), qPrintable(out));
        QVERIFY(out.contains(u"`build.started`, `deploy.done`"_s));
        QVERIFY(out.endsWith(u"{!nonexistent.md!}"_s));
        QCOMPARE(unknown, QStringList{u"nonexistent.md"_s});
    }
};

QTEST_APPLESS_MAIN(TestWebhookUrl)
#include "tst_webhookurl.moc"
