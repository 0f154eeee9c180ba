// SPDX-License-Identifier: MIT
#include "markdowncases.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace hb::markdown {

QString linkifyExpectation(const QString &templ, const QString &url)
{
    if (url.isEmpty() || !templ.contains(u"%s"_s))
        return templ;
    QString href = url;
    if (!url.startsWith(u"http"_s))
        href = url.contains(u'@') ? u"mailto:"_s + url : u"http://"_s + url;
    return QString(templ).replace(u"%s"_s, u"<a href=\""_s + href + u"\">"_s + url + u"</a>"_s);
}

std::optional<QList<TestCase>> loadTestCases(const QString &path, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        if (error)
            *error = f.errorString();
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &parseError);
    if (!doc.isObject()) {
        if (error)
            *error = parseError.error == QJsonParseError::NoError ? u"not a JSON object"_s : parseError.errorString();
        return std::nullopt;
    }
    QList<TestCase> cases;
    for (const QJsonValue &v : doc.object().value(u"regular_tests"_s).toArray()) {
        const QJsonObject o = v.toObject();
        cases.append(TestCase{o.value(u"name"_s).toString(), o.value(u"input"_s).toString(),
                              o.value(u"expected_output"_s).toString(),
                              o.value(u"translate_emoticons"_s).toBool()});
    }
    const QJsonArray linkify = doc.object().value(u"linkify_tests"_s).toArray();
    for (qsizetype i = 0; i < linkify.size(); ++i) {
        const QJsonArray t = linkify[i].toArray();
        cases.append(TestCase{u"linkify[%1]"_s.arg(i), t.at(0).toString(),
                              linkifyExpectation(t.at(1).toString(), t.at(2).toString()), false});
    }
    return cases;
}

} // namespace hb::markdown
