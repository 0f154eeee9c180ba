// SPDX-License-Identifier: MIT
#include "redaction.h"

#include "json.h"

#include <QCryptographicHash>
#include <QHostAddress>
#include <QRegularExpression>
#include <QUrl>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace hb {

namespace {

using Kind = Redaction::Kind;

const QStringList kSecretLastWords = {
    u"token"_s, u"tokens"_s, u"secret"_s, u"secrets"_s, u"password"_s, u"passwords"_s, u"passwd"_s, u"passphrase"_s,
    u"pwd"_s, u"signature"_s, u"sig"_s, u"hmac"_s, u"credential"_s, u"credentials"_s, u"cookie"_s,
    u"authorization"_s, u"auth"_s, u"apikey"_s,
};
const QStringList kKeyQualifiers = {u"api"_s, u"private"_s, u"secret"_s, u"access"_s, u"signing"_s,
                                    u"client"_s, u"auth"_s, u"encryption"_s, u"webhook"_s};
const QStringList kPlaceholders = {u"null"_s, u"none"_s, u"true"_s, u"false"_s, u"redacted"_s, u"<redacted>"_s,
                                   u"[redacted]"_s, u"[filtered]"_s, u"filtered"_s, u"hidden"_s, u"<hidden>"_s};

// "X-Hub-Signature-256" -> x hub signature 256; "apiKey" -> api key; "APIKey" -> api key.
QStringList nameWords(QStringView name)
{
    QStringList words;
    QString word;
    const auto flush = [&] {
        if (!word.isEmpty())
            words.append(word.toLower());
        word.clear();
    };
    for (qsizetype i = 0; i < name.size(); ++i) {
        const QChar c = name[i];
        if (!c.isLetterOrNumber()) {
            flush();
            continue;
        }
        if (!word.isEmpty()) {
            const QChar prev = word.back();
            const bool nextLower = i + 1 < name.size() && name[i + 1].isLower();
            const bool camel = c.isUpper() && (prev.isLower() || prev.isDigit() || (prev.isUpper() && nextLower));
            const bool digitEdge = c.isDigit() != prev.isDigit();
            if (camel || digitEdge)
                flush();
        }
        word += c;
    }
    flush();
    return words;
}

// A stream of bytes derived from a seed.
class HashStream
{
public:
    explicit HashStream(QByteArray seed) : m_seed(std::move(seed)) {}
    quint8 next()
    {
        if (m_pos >= m_pool.size()) {
            m_pool = QCryptographicHash::hash(QByteArray(m_seed + '#' + QByteArray::number(m_round++)), QCryptographicHash::Sha256);
            m_pos = 0;
        }
        return quint8(m_pool[m_pos++]);
    }
    QChar pick(QStringView alphabet) { return alphabet[next() % alphabet.size()]; }

private:
    QByteArray m_seed;
    QByteArray m_pool;
    qsizetype m_pos = 0;
    int m_round = 0;
};

QString shapedFake(const QString &original, qsizetype keep, bool number, HashStream &hash)
{
    static const QString lower = u"abcdefghijklmnopqrstuvwxyz"_s, upper = u"ABCDEFGHIJKLMNOPQRSTUVWXYZ"_s;
    static const QString hexLower = u"abcdef"_s, hexUpper = u"ABCDEF"_s;
    const QStringView body = QStringView(original).mid(keep);
    const auto isHexLower = [](QChar c) { return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || !c.isLetterOrNumber(); };
    const auto isHexUpper = [](QChar c) { return (c >= u'0' && c <= u'9') || (c >= u'A' && c <= u'F') || !c.isLetterOrNumber(); };
    const bool hexL = std::all_of(body.begin(), body.end(), isHexLower);
    const bool hexU = !hexL && std::all_of(body.begin(), body.end(), isHexUpper);
    QString out = original.left(keep);
    bool firstDigit = true;
    for (const QChar c : body) {
        if (c >= u'0' && c <= u'9') {
            const bool nonZero = number && firstDigit && c != u'0';
            out += nonZero ? hash.pick(u"123456789") : hash.pick(u"0123456789");
            firstDigit = false;
        } else if (c >= u'a' && c <= u'z') {
            out += hash.pick(hexL ? hexLower : lower);
        } else if (c >= u'A' && c <= u'Z') {
            out += hash.pick(hexU ? hexUpper : upper);
        } else {
            out += c; // punctuation and other scripts keep their place
        }
    }
    return out;
}

QString hex(quint8 a, quint8 b)
{
    return QString::number((quint32(a) << 8) | b, 16);
}

struct Candidate
{
    Kind kind;
    qsizetype start;
    qsizetype length;
    qsizetype keepPrefix = 0;
};

struct TokenPattern
{
    QRegularExpression re; // group 1: the prefix kept in the fake
};

const QList<TokenPattern> &tokenPatterns()
{
    static const QList<TokenPattern> patterns = [] {
        QList<TokenPattern> out;
        const QString before = u"(?<![A-Za-z0-9_])"_s, after = u"(?![A-Za-z0-9_])"_s;
        for (const QString &p : {u"(gh[pousr]_)[A-Za-z0-9]{30,}"_s, u"(github_pat_)[A-Za-z0-9_]{20,}"_s,
                                 u"(glpat-)[A-Za-z0-9_-]{20,}"_s, u"(xox[abposr]-)[A-Za-z0-9-]{10,}"_s,
                                 u"(xapp-)[A-Za-z0-9-]{10,}"_s, u"((?:sk|rk)_(?:live|test)_)[A-Za-z0-9]{10,}"_s,
                                 u"(whsec_)[A-Za-z0-9+/=]{16,}"_s, u"(A(?:KIA|SIA))[A-Z0-9]{16}"_s,
                                 u"(eyJ)[A-Za-z0-9_-]{5,}\\.eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*"_s})
            out.append({QRegularExpression(before + p + after)});
        return out;
    }();
    return patterns;
}

void findTokens(const QString &text, QList<Candidate> &out)
{
    for (const TokenPattern &p : tokenPatterns()) {
        for (auto it = p.re.globalMatch(text); it.hasNext();) {
            const auto m = it.next();
            out.append({Kind::Token, m.capturedStart(), m.capturedLength(), m.capturedLength(1)});
        }
    }
}

void findCredentials(const QString &text, QList<Candidate> &out)
{
    static const QRegularExpression scheme(u"(?<![A-Za-z0-9_])(?:[Bb]earer|BEARER|[Bb]asic|BASIC|[Tt]oken|TOKEN)[ \\t]+([A-Za-z0-9._~+/=-]{8,})"_s);
    for (auto it = scheme.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        const QStringView credential = m.capturedView(1);
        const bool looksLikeOne = credential.endsWith(u'=') || std::any_of(credential.begin(), credential.end(), [](QChar c) { return c.isDigit(); });
        if (looksLikeOne)
            out.append({Kind::Credential, m.capturedStart(1), m.capturedLength(1)});
    }
    static const QRegularExpression userinfo(u"[A-Za-z][A-Za-z0-9+.-]*://[^\\s/:@]+:([^\\s/@]+)@"_s);
    for (auto it = userinfo.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        out.append({Kind::Password, m.capturedStart(1), m.capturedLength(1)});
    }
}

void findEmails(const QString &text, QList<Candidate> &out)
{
    static const QRegularExpression email(
        u"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@((?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\\.)+[A-Za-z]{2,})(?![A-Za-z0-9-])"_s);
    for (auto it = email.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        const qsizetype end = m.capturedEnd();
        // git@github.com:owner/repo.git is an SSH remote, not an address; so is the user of https://user@host.
        const bool scpRemote = end + 1 < text.size() && text[end] == u':' && !text[end + 1].isSpace();
        const bool urlUser = m.capturedStart() >= 2 && text.mid(m.capturedStart() - 2, 2) == u"//";
        if (!scpRemote && !urlUser && !Redactor::isReservedEmailDomain(m.capturedView(1)))
            out.append({Kind::Email, m.capturedStart(), m.capturedLength()});
    }
}

void findAddresses(const QString &text, QList<Candidate> &out)
{
    static const QRegularExpression v4(u"(?<![0-9A-Za-z.])(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}"
                                       "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(?![0-9A-Za-z]|\\.[0-9])"_s);
    static const QRegularExpression v6(u"(?<![0-9A-Za-z_:.])(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){7}|[0-9A-Fa-f:]*::[0-9A-Fa-f:]*)(?![0-9A-Za-z_:])"_s);
    for (const QRegularExpression *re : {&v4, &v6}) {
        for (auto it = re->globalMatch(text); it.hasNext();) {
            const auto m = it.next();
            const QString address = m.captured();
            if (QHostAddress(address).isNull() || Redactor::isReservedAddress(address))
                continue;
            out.append({Kind::IpAddress, m.capturedStart(), m.capturedLength()});
        }
    }
}

// `[*]` for any index; a path covers what is under it.
bool pathCovers(QString mark, const QString &path)
{
    if (mark.startsWith(u"$."_s))
        mark.remove(0, 2);
    else if (mark.startsWith(u'$'))
        mark.remove(0, 1);
    QString pattern = QRegularExpression::escape(mark);
    pattern.replace(u"\\[\\*\\]"_s, u"\\[[0-9]+\\]"_s);
    const QRegularExpression re(u"^(?:"_s + pattern + u")(?:$|[.\\[])"_s,
                                mark.startsWith(u"header:"_s) ? QRegularExpression::CaseInsensitiveOption
                                                              : QRegularExpression::NoPatternOption);
    return re.match(path).hasMatch();
}

QString markPath(const RedactionSlot &slot)
{
    switch (slot.part) {
    case Redaction::Part::Header: return u"header:"_s + slot.location;
    case Redaction::Part::Query: return u"query:"_s + slot.location;
    case Redaction::Part::Body: break;
    }
    return slot.location;
}

bool isJsonSpace(QChar c)
{
    return c == u' ' || c == u'\t' || c == u'\n' || c == u'\r';
}

// The string and number values of valid JSON text, with their paths and where their tokens are.
class JsonSlots
{
public:
    JsonSlots(QStringView text, QList<RedactionSlot> &found, QList<qsizetype> &starts, QList<qsizetype> &lengths)
        : m_text(text), m_slots(found), m_starts(starts), m_lengths(lengths)
    {
    }
    void walk(const QString &prefix, const QString &name) { value(prefix, name); }

private:
    void skipSpace()
    {
        while (m_i < m_text.size() && isJsonSpace(m_text[m_i]))
            ++m_i;
    }
    qsizetype stringEnd(qsizetype open) const
    {
        qsizetype i = open + 1;
        while (i < m_text.size() && m_text[i] != u'"')
            i += m_text[i] == u'\\' ? 2 : 1;
        return std::min(i, m_text.size() - 1);
    }
    static QString decode(QStringView token)
    {
        const auto v = parseJson(token.toUtf8());
        return v && v->isString() ? v->toString() : QString();
    }
    void add(const QString &path, const QString &name, qsizetype start, qsizetype length, QString text, bool number)
    {
        m_slots.append({Redaction::Part::Body, path, name, std::move(text), number});
        m_starts.append(start);
        m_lengths.append(length);
    }
    void value(const QString &path, const QString &name)
    {
        skipSpace();
        if (m_i >= m_text.size())
            return;
        const QChar c = m_text[m_i];
        if (c == u'{' || c == u'[') {
            const bool object = c == u'{';
            const QChar close = object ? u'}' : u']';
            ++m_i;
            for (int index = 0;; ++index) {
                skipSpace();
                if (m_i >= m_text.size() || m_text[m_i] == close) {
                    ++m_i;
                    return;
                }
                if (object) {
                    const qsizetype end = stringEnd(m_i);
                    const QString key = decode(m_text.mid(m_i, end - m_i + 1));
                    m_i = end + 1;
                    skipSpace();
                    ++m_i; // ':'
                    value(path.isEmpty() ? key : path + u'.' + key, key);
                } else {
                    value(path + u'[' + QString::number(index) + u']', name);
                }
                skipSpace();
                if (m_i < m_text.size() && m_text[m_i] == u',')
                    ++m_i;
            }
        }
        if (c == u'"') {
            const qsizetype end = stringEnd(m_i);
            add(path, name, m_i, end - m_i + 1, decode(m_text.mid(m_i, end - m_i + 1)), false);
            m_i = end + 1;
            return;
        }
        const qsizetype start = m_i;
        while (m_i < m_text.size() && !isJsonSpace(m_text[m_i]) && m_text[m_i] != u',' && m_text[m_i] != u'}' && m_text[m_i] != u']')
            ++m_i;
        if (c == u'-' || c.isDigit())
            add(path, name, start, m_i - start, m_text.mid(start, m_i - start).toString(), true);
    }

    QStringView m_text;
    qsizetype m_i = 0;
    QList<RedactionSlot> &m_slots;
    QList<qsizetype> &m_starts;
    QList<qsizetype> &m_lengths;
};

bool isJsonContainer(const QString &text)
{
    const QString t = text.trimmed();
    return (t.startsWith(u'{') || t.startsWith(u'[')) && parseJson(t.toUtf8()).has_value();
}

} // namespace

QString Redaction::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Secret: return u"secret"_s;
    case Kind::Token: return u"token"_s;
    case Kind::Credential: return u"credential"_s;
    case Kind::Password: return u"password"_s;
    case Kind::Email: return u"email"_s;
    case Kind::IpAddress: return u"ip"_s;
    case Kind::Marked: return u"marked"_s;
    }
    return {};
}

QString Redaction::where() const
{
    switch (part) {
    case Part::Header: return u"header "_s + location;
    case Part::Query: return u"query "_s + location;
    case Part::Body: break;
    }
    return location.isEmpty() ? u"body"_s : u"body "_s + location;
}

bool Redactor::isSecretName(QStringView name)
{
    QStringList words = nameWords(name);
    while (!words.isEmpty() && words.back().front().isDigit())
        words.removeLast();
    if (words.isEmpty())
        return false;
    const QString &last = words.back();
    if (kSecretLastWords.contains(last))
        return true;
    return last == u"key" && words.size() >= 2 && kKeyQualifiers.contains(words[words.size() - 2]);
}

bool Redactor::isSecretValue(QStringView value)
{
    if (value.size() < 4 || std::any_of(value.begin(), value.end(), [](QChar c) { return c.isSpace(); }))
        return false;
    if (std::all_of(value.begin(), value.end(), [&](QChar c) { return c == value.front(); }))
        return false; // "****", "xxxx"
    return !kPlaceholders.contains(value.toString().toLower());
}

bool Redactor::isReservedEmailDomain(QStringView domain)
{
    const QString d = domain.toString().toLower();
    for (const QString &base : {u"example.com"_s, u"example.net"_s, u"example.org"_s}) {
        if (d == base || d.endsWith(u'.' + base))
            return true;
    }
    for (const QString &tld : {u"example"_s, u"test"_s, u"invalid"_s, u"localhost"_s}) {
        if (d == tld || d.endsWith(u'.' + tld))
            return true;
    }
    return false;
}

bool Redactor::isReservedAddress(QStringView address)
{
    const QHostAddress a(address.toString());
    if (a.isNull())
        return false;
    if (a.isLoopback() || a == QHostAddress(QHostAddress::AnyIPv4) || a == QHostAddress(QHostAddress::AnyIPv6)
        || a == QHostAddress(QHostAddress::Broadcast))
        return true;
    if (a.protocol() == QAbstractSocket::IPv4Protocol) {
        for (const char *net : {"192.0.2.0", "198.51.100.0", "203.0.113.0"}) {
            if (a.isInSubnet(QHostAddress(QString::fromLatin1(net)), 24))
                return true;
        }
        return false;
    }
    return a.isInSubnet(QHostAddress(u"2001:db8::"_s), 32);
}

QString Redactor::makeFake(Kind kind, const QString &original, qsizetype keepPrefix, bool number, int attempt) const
{
    const QByteArray salt = "hookbench-redaction/" + QByteArray::number(attempt) + '/';
    switch (kind) {
    case Kind::Email: {
        HashStream hash(salt + "email/" + original.toLower().toUtf8());
        return u"user-"_s + hex(hash.next(), hash.next()).rightJustified(4, u'0') + hex(hash.next(), hash.next()).rightJustified(4, u'0')
               + u"@example.com"_s;
    }
    case Kind::IpAddress: {
        HashStream hash(salt + "ip/" + original.toLower().toUtf8());
        if (original.contains(u':'))
            return u"2001:db8:%1:%2::%3"_s.arg(hex(hash.next(), hash.next()), hex(hash.next(), hash.next()), hex(hash.next(), hash.next()));
        static const QStringList nets = {u"192.0.2."_s, u"198.51.100."_s, u"203.0.113."_s};
        const QString &net = nets[hash.next() % 3];
        return net + QString::number(1 + hash.next() % 254);
    }
    default: break;
    }
    HashStream hash(salt + "shape/" + original.toUtf8());
    QString fake = shapedFake(original, keepPrefix, number, hash);
    // A JWT stays one: each part that opened with eyJ (base64 of '{"') still does.
    for (qsizetype at = original.indexOf(u'.'); original.startsWith(u"eyJ"_s) && at >= 0; at = original.indexOf(u'.', at + 1)) {
        if (QStringView(original).mid(at + 1).startsWith(u"eyJ"_s))
            fake.replace(at + 1, 3, u"eyJ"_s);
    }
    return fake;
}

QString Redactor::fakeFor(Kind kind, const QString &original, qsizetype keepPrefix, bool number)
{
    if (const auto it = m_fakes.constFind(original); it != m_fakes.constEnd())
        return *it;
    QString fake;
    for (int attempt = 0; attempt < 64; ++attempt) {
        fake = makeFake(kind, original, keepPrefix, number, attempt);
        if (fake != original && !m_used.contains(fake) && !m_fakes.contains(fake))
            break;
    }
    m_fakes.insert(original, fake);
    m_used.insert(fake);
    return fake;
}

QList<Redaction> findRedactions(Redactor &redactor, const RedactionSlot &slot, int slotIndex, const QStringList &pathMarks,
                                const QStringList &literalMarks)
{
    const QString &text = slot.text;
    QList<Candidate> candidates; // in priority order
    const QString path = markPath(slot);
    const bool marked = std::any_of(pathMarks.begin(), pathMarks.end(), [&](const QString &m) { return pathCovers(m, path); });
    if (marked && !text.isEmpty())
        candidates.append({Kind::Marked, 0, text.size()});
    else if (!slot.number && Redactor::isSecretName(slot.name) && Redactor::isSecretValue(text))
        candidates.append({Kind::Secret, 0, text.size()});
    if (!slot.number) {
        findTokens(text, candidates);
        findCredentials(text, candidates);
        findEmails(text, candidates);
        if (!nameWords(slot.name).contains(u"version"_s))
            findAddresses(text, candidates);
        for (const QString &literal : literalMarks) {
            for (qsizetype at = text.indexOf(literal); !literal.isEmpty() && at >= 0; at = text.indexOf(literal, at + literal.size()))
                candidates.append({Kind::Marked, at, literal.size()});
        }
    }
    QList<Candidate> accepted;
    for (const Candidate &c : candidates) {
        const bool overlaps = std::any_of(accepted.begin(), accepted.end(), [&](const Candidate &a) {
            return c.start < a.start + a.length && a.start < c.start + c.length;
        });
        if (!overlaps && c.length > 0)
            accepted.append(c);
    }
    std::sort(accepted.begin(), accepted.end(), [](const Candidate &a, const Candidate &b) { return a.start < b.start; });
    QList<Redaction> out;
    for (const Candidate &c : accepted) {
        Redaction r;
        r.kind = c.kind;
        r.part = slot.part;
        r.location = slot.location;
        r.original = text.mid(c.start, c.length);
        r.fake = redactor.fakeFor(c.kind, r.original, c.keepPrefix, slot.number);
        r.slot = slotIndex;
        r.start = c.start;
        r.length = c.length;
        out.append(r);
    }
    return out;
}

RequestRedaction::RequestRedaction(QByteArray body, BodyFormat format, HeaderList headers, ParamList query, QStringList marks)
    : m_body(std::move(body)), m_format(format), m_headers(std::move(headers)), m_query(std::move(query)), m_marks(std::move(marks))
{
    collectSlots();
    // A mark is a path when it covers some value; otherwise it is literal text.
    QStringList pathMarks, literalMarks;
    for (const QString &mark : std::as_const(m_marks)) {
        const bool isPath = std::any_of(m_slots.begin(), m_slots.end(), [&](const RedactionSlot &s) { return pathCovers(mark, markPath(s)); });
        (isPath ? pathMarks : literalMarks).append(mark);
    }
    Redactor redactor;
    for (int i = 0; i < m_slots.size(); ++i)
        m_redactions += findRedactions(redactor, m_slots[i], i, pathMarks, literalMarks);
    for (const QString &mark : literalMarks) {
        const bool used = std::any_of(m_redactions.begin(), m_redactions.end(), [&](const Redaction &r) { return r.original.contains(mark); });
        if (!used)
            m_unusedMarks.append(mark);
    }
}

void RequestRedaction::collectSlots()
{
    switch (m_format) {
    case BodyFormat::Json:
        m_jsonText = QString::fromUtf8(m_body);
        JsonSlots(m_jsonText, m_slots, m_slotStart, m_slotLength).walk({}, {});
        break;
    case BodyFormat::Form:
        for (const QByteArray &raw : m_body.split('&')) {
            FormField field;
            const qsizetype eq = raw.indexOf('=');
            field.rawName = eq < 0 ? raw : raw.left(eq);
            const ParamList decoded = parseUrlEncoded(raw);
            field.name = decoded.isEmpty() ? QString() : decoded.first().first;
            field.value = decoded.isEmpty() ? QString() : decoded.first().second;
            field.json = isJsonContainer(field.value);
            field.firstSlot = int(m_slots.size());
            if (field.json) {
                JsonSlots(field.value, m_slots, m_slotStart, m_slotLength).walk(field.name, field.name);
            } else if (!raw.isEmpty()) {
                m_slots.append({Redaction::Part::Body, field.name, field.name, field.value, false});
                m_slotStart.append(0);
                m_slotLength.append(field.value.size());
            }
            field.slotCount = int(m_slots.size()) - field.firstSlot;
            m_fields.append(field);
        }
        break;
    case BodyFormat::Text:
        if (!m_body.isEmpty()) {
            m_slots.append({Redaction::Part::Body, QString(), QString(), QString::fromUtf8(m_body), false});
            m_slotStart.append(0);
            m_slotLength.append(m_body.size());
        }
        break;
    }
    for (const auto &[name, value] : m_headers) {
        m_slots.append({Redaction::Part::Header, QString::fromUtf8(name), QString::fromUtf8(name), QString::fromUtf8(value), false});
        m_slotStart.append(0);
        m_slotLength.append(0);
    }
    for (const auto &[name, value] : m_query) {
        m_slots.append({Redaction::Part::Query, name, name, value, false});
        m_slotStart.append(0);
        m_slotLength.append(0);
    }
}

void RequestRedaction::setApplied(qsizetype index, bool applied)
{
    if (index >= 0 && index < m_redactions.size())
        m_redactions[index].applied = applied;
}

void RequestRedaction::setAllApplied(bool applied)
{
    for (Redaction &r : m_redactions)
        r.applied = applied;
}

QString RequestRedaction::rebuiltSlot(int slot) const
{
    QString text = m_slots[slot].text;
    // Redactions of a slot are in order and do not overlap: replace from the end.
    for (auto it = m_redactions.crbegin(); it != m_redactions.crend(); ++it) {
        if (it->slot == slot && it->applied)
            text.replace(it->start, it->length, it->fake);
    }
    return text;
}

QByteArray RequestRedaction::rebuiltJson(const QString &text, int firstSlot, const QList<qsizetype> &starts,
                                         const QList<qsizetype> &lengths) const
{
    QString out = text;
    for (int i = int(starts.size()) - 1; i >= 0; --i) {
        const int slot = firstSlot + i;
        const bool touched = std::any_of(m_redactions.begin(), m_redactions.end(), [&](const Redaction &r) { return r.slot == slot && r.applied; });
        if (!touched)
            continue;
        const QString value = rebuiltSlot(slot);
        out.replace(starts[i], lengths[i], m_slots[slot].number ? value : QString::fromUtf8(jsonQuote(value)));
    }
    return out.toUtf8();
}

QByteArray RequestRedaction::body() const
{
    const auto touched = [&](int first, int count) {
        return std::any_of(m_redactions.begin(), m_redactions.end(), [&](const Redaction &r) {
            return r.applied && r.slot >= first && r.slot < first + count;
        });
    };
    switch (m_format) {
    case BodyFormat::Json: {
        int count = 0;
        while (count < m_slots.size() && m_slots[count].part == Redaction::Part::Body)
            ++count;
        if (!touched(0, count))
            return m_body;
        return rebuiltJson(m_jsonText, 0, m_slotStart.mid(0, count), m_slotLength.mid(0, count));
    }
    case BodyFormat::Form: {
        QByteArrayList fields;
        const QByteArrayList raw = m_body.split('&');
        for (qsizetype f = 0; f < m_fields.size(); ++f) {
            const FormField &field = m_fields[f];
            if (!touched(field.firstSlot, field.slotCount)) {
                fields.append(raw[f]);
                continue;
            }
            const QByteArray value = field.json
                ? rebuiltJson(field.value, field.firstSlot, m_slotStart.mid(field.firstSlot, field.slotCount),
                              m_slotLength.mid(field.firstSlot, field.slotCount))
                : rebuiltSlot(field.firstSlot).toUtf8();
            fields.append(field.rawName + '=' + QUrl::toPercentEncoding(QString::fromUtf8(value)));
        }
        return fields.join('&');
    }
    case BodyFormat::Text:
        return touched(0, 1) && !m_slots.isEmpty() && m_slots[0].part == Redaction::Part::Body ? rebuiltSlot(0).toUtf8() : m_body;
    }
    return m_body;
}

HeaderList RequestRedaction::headers() const
{
    HeaderList out;
    for (int i = 0; i < m_slots.size(); ++i) {
        if (m_slots[i].part == Redaction::Part::Header)
            out.append({m_slots[i].location.toUtf8(), rebuiltSlot(i).toUtf8()});
    }
    return out;
}

ParamList RequestRedaction::query() const
{
    ParamList out;
    for (int i = 0; i < m_slots.size(); ++i) {
        if (m_slots[i].part == Redaction::Part::Query)
            out.append({m_slots[i].location, rebuiltSlot(i)});
    }
    return out;
}

QString RequestRedaction::substitute(QString text) const
{
    // An original that is still in the redacted request (a marked "lumen" inside a URL that was not
    // redacted) is still in what the handler renders from it: leave that one alone.
    QString kept = QString::fromUtf8(body());
    for (const auto &[name, value] : headers())
        kept += u'\n' + QString::fromUtf8(value);
    for (const auto &[name, value] : query())
        kept += u'\n' + value;
    QList<const Redaction *> applied;
    for (const Redaction &r : m_redactions) {
        if (r.applied && !kept.contains(r.original))
            applied.append(&r);
    }
    std::stable_sort(applied.begin(), applied.end(), [](const Redaction *a, const Redaction *b) { return a->original.size() > b->original.size(); });
    for (const Redaction *r : applied)
        text.replace(r->original, r->fake);
    return text;
}

QString RequestRedaction::summary(bool appliedOnly) const
{
    QStringList lines;
    for (const Redaction &r : m_redactions) {
        if (!appliedOnly || r.applied)
            lines.append(u"%1  %2  %3 → %4"_s.arg(Redaction::kindName(r.kind), r.where(), r.original, r.fake));
    }
    return lines.join(u'\n');
}

} // namespace hb
