// SPDX-License-Identifier: MIT
#include "tlds.h"

#include <QFile>
#include <QSet>
#include <QString>
#include <QtDebug>

using namespace Qt::StringLiterals;

namespace hb::tlds {
namespace {

QSet<QString> load()
{
    QSet<QString> set;
    QFile file(u":/tlds.txt"_s);
    if (!file.open(QIODevice::ReadOnly)) {
        qWarning("tlds: cannot read %s", qPrintable(file.fileName()));
        return set;
    }
    const QString text = QString::fromUtf8(file.readAll());
    for (QStringView line : QStringView(text).split(u'\n', Qt::SkipEmptyParts)) {
        line = line.trimmed();
        if (!line.isEmpty() && !line.startsWith(u'#'))
            set.insert(line.toString());
    }
    return set;
}

const QSet<QString> &list()
{
    static const QSet<QString> instance = load(); // thread-safe initialisation; read-only afterwards
    return instance;
}

} // namespace

bool isKnown(QStringView tld)
{
    if (tld.isEmpty())
        return false;
    QString lower;
    lower.reserve(tld.size());
    for (QChar c : tld) {
        if (c.unicode() >= 0x80)
            return false; // the list is ASCII only
        lower.append(c.toLower());
    }
    return list().contains(lower);
}

bool isLinkable(QStringView tld)
{
    for (QChar c : tld) {
        if (c.isUpper())
            return false;
    }
    return isKnown(tld);
}

qsizetype count()
{
    return list().size();
}

} // namespace hb::tlds
