// SPDX-License-Identifier: MIT
#include "webhookurl.h"

#include "json.h"

#include <QUrl>

using namespace Qt::StringLiterals;

namespace hb {

namespace {

QString encoded(const QString &value)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(value));
}

} // namespace

QString buildWebhookUrl(const IntegrationEntry &entry, const WebhookUrlSpec &spec)
{
    QString base = spec.baseUrl;
    while (base.endsWith(u'/'))
        base.chop(1);
    QStringList query{u"api_key="_s + (spec.apiKey.isEmpty() ? u"API_KEY"_s : encoded(spec.apiKey))};
    if (!spec.stream.isEmpty()) {
        query.append(u"stream="_s + encoded(spec.stream));
        if (!spec.topic.isEmpty())
            query.append(u"topic="_s + encoded(spec.topic));
    }
    if (spec.filter != WebhookUrlSpec::Filter::None && !spec.events.isEmpty()) {
        QByteArray list = "[";
        for (qsizetype i = 0; i < spec.events.size(); ++i) {
            if (i)
                list += ',';
            list += jsonQuote(spec.events[i]);
        }
        list += ']';
        const QString name = spec.filter == WebhookUrlSpec::Filter::Only ? u"only_events"_s : u"exclude_events"_s;
        query.append(name + u'=' + QString::fromLatin1(QUrl::toPercentEncoding(QString::fromUtf8(list))));
    }
    for (const auto &[name, value] : spec.options) {
        if (!value.isEmpty())
            query.append(encoded(name) + u'=' + encoded(value));
    }
    return base + entry.urlPath() + u'?' + query.join(u'&');
}

} // namespace hb
