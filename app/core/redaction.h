// SPDX-License-Identifier: MIT
#pragma once

#include "webhookrequest.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace hb {

// One value (or part of one) replaced before a capture becomes a fixture.
struct Redaction
{
    enum class Kind {
        Secret,     // the value of a key, header or parameter whose name says it is a credential
        Token,      // a known token format anywhere: ghp_…, github_pat_…, glpat-…, xoxb-…, sk_live_…, AKIA…, a JWT
        Credential, // the credential after "Bearer", "Basic" or "Token"
        Password,   // the password of user:password@ in a URL
        Email,
        IpAddress,
        Marked,     // a JSON path or a literal the user marked
    };
    enum class Part { Body, Header, Query };

    Kind kind = Kind::Secret;
    Part part = Part::Body;
    QString location; // JSON path in the body ("commits[0].author.email"), header or parameter name
    QString original;
    QString fake;
    bool applied = true;

    // Where exactly: the index of the value among its part's values, and the range in its text.
    int slot = 0;
    qsizetype start = 0;
    qsizetype length = 0;

    static QString kindName(Kind kind); // "secret", "token", "credential", "password", "email", "ip", "marked"
    QString where() const;              // "body commits[0].author.email", "header X-Request-Id", "query token"
};

// The rules that say what is sensitive, and the fakes that replace it. Fakes are stable: derived from
// the original alone (a hash), so the same original gets the same fake in every capture, and one
// Redactor never gives two originals the same fake.
//  - Tokens, secrets, credentials, passwords and marked text keep their length and the class of each
//    character (digit, lower or upper case letter, hex digit when the whole value is hex); punctuation
//    and a token's known prefix (ghp_, xoxb-, sk_live_, AKIA…) stay. Marked numbers stay numbers.
//  - E-mail addresses become user-<8 hex>@example.com.
//  - IPv4 addresses go to 192.0.2.0/24, 198.51.100.0/24 or 203.0.113.0/24; IPv6 to 2001:db8::/32.
// Already safe values are left alone, so redacting twice changes nothing more for them: e-mail at a
// reserved domain (example.com/.net/.org and their subdomains, .example, .test, .invalid, .localhost),
// addresses in the documentation ranges, loopback, 0.0.0.0 and ::.
class Redactor final
{
public:
    // Whether a key, header or parameter name names a credential. The name is split into words
    // (camelCase, '_', '-', '.', digits dropped at the end); its last word must be token(s), secret(s),
    // password(s), passwd, passphrase, pwd, signature, sig, hmac, credential(s), cookie, authorization,
    // auth, apikey, or "key" after api, private, secret, access, signing, client, auth, encryption or
    // webhook. So "access_token", "X-Api-Key", "webhookSecret" are; "author", "key" (Jira's issue key),
    // "token_type", "password_changed_at" and "monkey" are not.
    static bool isSecretName(QStringView name);
    // What a value under such a name must look like to be replaced whole: at least 4 characters, no
    // white space (a credential is one word), not a placeholder ("****", "xxxx", "redacted", "null"…).
    static bool isSecretValue(QStringView value);
    static bool isReservedEmailDomain(QStringView domain);
    static bool isReservedAddress(QStringView address); // documentation ranges, loopback, unspecified

    // `number`: the value is a JSON number (its fake is one too).
    QString fakeFor(Redaction::Kind kind, const QString &original, qsizetype keepPrefix = 0, bool number = false);

private:
    QString makeFake(Redaction::Kind kind, const QString &original, qsizetype keepPrefix, bool number, int attempt) const;

    QHash<QString, QString> m_fakes; // original -> fake
    QSet<QString> m_used;
};

// One piece of text to look at: a JSON string or number, a header value, a parameter.
struct RedactionSlot
{
    Redaction::Part part = Redaction::Part::Body;
    QString location; // path or name, as Redaction::location
    QString name;     // the key, header or parameter it is the value of
    QString text;
    bool number = false;
};

// Finds what to redact in one slot. Marks are JSON paths ("commits[0].author", "$.user.email", with
// [*] for any index; a path covers everything under it, "header:NAME" and "query:NAME" name a header
// or a parameter) or literal strings (replaced wherever they occur).
QList<Redaction> findRedactions(Redactor &redactor, const RedactionSlot &slot, int slotIndex, const QStringList &pathMarks,
                                const QStringList &literalMarks);

// A request on its way to a fixture: the file's bytes, the case's headers and query, and what is
// redacted in them. Every finding is applied at first; setApplied() undoes (or redoes) one, and
// body()/headers()/query() give the result with the applied ones.
class RequestRedaction final
{
    Q_DECLARE_TR_FUNCTIONS(RequestRedaction)

public:
    enum class BodyFormat { Json, Form, Text };

    RequestRedaction() = default;
    // `body` in the form it will be written (for Json, valid JSON text in UTF-8).
    RequestRedaction(QByteArray body, BodyFormat format, HeaderList headers, ParamList query, QStringList marks = {});

    const QList<Redaction> &redactions() const { return m_redactions; }
    void setApplied(qsizetype index, bool applied);
    void setAllApplied(bool applied);
    QStringList marks() const { return m_marks; }
    // Marks that matched nothing (neither a path nor a literal that occurs).
    QStringList unusedMarks() const { return m_unusedMarks; }

    QByteArray body() const;
    HeaderList headers() const;
    ParamList query() const;
    // `text` with each applied redaction's original replaced by its fake (longest originals first),
    // except originals still found unredacted elsewhere in the request: for the expected messages of
    // the case, which quote the request.
    QString substitute(QString text) const;

    // "email  body commits[0].author.email  marta@lumen.io → user-1f2e3d4c@example.com", one per line.
    QString summary(bool appliedOnly = true) const;

private:
    struct FormField { QByteArray rawName; QString name; QString value; bool json = false; int firstSlot = 0; int slotCount = 0; };

    void collectSlots();
    QString rebuiltSlot(int slot) const;
    QByteArray rebuiltJson(const QString &text, int firstSlot, const QList<qsizetype> &starts, const QList<qsizetype> &lengths) const;

    QByteArray m_body;
    BodyFormat m_format = BodyFormat::Text;
    HeaderList m_headers;
    ParamList m_query;
    QStringList m_marks;
    QStringList m_unusedMarks;
    QList<RedactionSlot> m_slots;
    QList<qsizetype> m_slotStart;  // JSON: where the slot's token starts in the body text (or in its form field's value)
    QList<qsizetype> m_slotLength; // and its length
    QList<FormField> m_fields;
    QString m_jsonText;            // BodyFormat::Json: the body as text
    QList<Redaction> m_redactions;
};

} // namespace hb
