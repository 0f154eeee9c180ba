// SPDX-License-Identifier: MIT
#include "zuliprc.h"

#include <QDir>
#include <QFile>
#include <QHash>

using namespace Qt::StringLiterals;

namespace hb {

std::optional<ZulipAccount> parseZuliprc(QByteArrayView text, QString *error)
{
    QHash<QString, QHash<QString, QString>> sections;
    QString section;
    QString lastKey;
    bool inSection = false;
    int lineNumber = 0;
    for (const QByteArray &raw : QByteArray(text.data(), text.size()).split('\n')) {
        ++lineNumber;
        QString line = QString::fromUtf8(raw);
        if (line.endsWith(u'\r'))
            line.chop(1);
        const QString trimmed = line.trimmed();
        if (trimmed.isEmpty() || trimmed.startsWith(u'#') || trimmed.startsWith(u';')) {
            lastKey.clear();
            continue;
        }
        if (line.front().isSpace() && !lastKey.isEmpty()) { // a continuation of the value above
            QString &value = sections[section][lastKey];
            value += u'\n' + trimmed;
            continue;
        }
        if (trimmed.startsWith(u'[')) {
            if (!trimmed.endsWith(u']')) {
                if (error)
                    *error = u"line %1: a section header must end with ']'"_s.arg(lineNumber);
                return std::nullopt;
            }
            section = trimmed.mid(1, trimmed.size() - 2);
            sections[section];
            inSection = true;
            lastKey.clear();
            continue;
        }
        const qsizetype eq = trimmed.indexOf(u'=');
        const qsizetype colon = trimmed.indexOf(u':');
        const qsizetype at = eq < 0 ? colon : colon < 0 ? eq : qMin(eq, colon);
        if (!inSection || at <= 0) {
            if (error)
                *error = inSection ? u"line %1: expected 'name = value'"_s.arg(lineNumber)
                                   : u"line %1: a setting before any [section]"_s.arg(lineNumber);
            return std::nullopt;
        }
        lastKey = trimmed.left(at).trimmed().toLower();
        sections[section][lastKey] = trimmed.mid(at + 1).trimmed();
    }
    if (!sections.contains(u"api"_s)) {
        if (error)
            *error = u"no [api] section"_s;
        return std::nullopt;
    }
    const QHash<QString, QString> &api = sections[u"api"_s];
    ZulipAccount account{.site = api.value(u"site"_s), .email = api.value(u"email"_s), .apiKey = api.value(u"key"_s)};
    if (account.email.isEmpty() || account.apiKey.isEmpty()) {
        if (error)
            *error = account.email.isEmpty() ? u"[api] has no email"_s : u"[api] has no key"_s;
        return std::nullopt;
    }
    return account;
}

std::optional<ZulipAccount> readZuliprc(const QString &path, QString *error)
{
    QString file = path;
    if (file == u"~"_s || file.startsWith(u"~/"_s))
        file = QDir::homePath() + file.mid(1);
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly)) {
        if (error)
            *error = u"cannot read %1: %2"_s.arg(file, f.errorString());
        return std::nullopt;
    }
    QString why;
    auto account = parseZuliprc(f.read(1024 * 1024), &why);
    if (!account && error)
        *error = u"%1: %2"_s.arg(file, why);
    return account;
}

} // namespace hb
