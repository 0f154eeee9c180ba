// SPDX-License-Identifier: MIT
// Redaction before a capture becomes a fixture: every kind found and replaced by a fake of the right
// shape, stable fakes, undo, marks, the stable fixture layout kept, nothing found where nothing is
// secret (our whole fixture corpus), and a redacted capture saved as a case that passes.
#include "capturefixture.h"
#include "capturereplay.h"
#include "casefile.h"
#include "fixturefolder.h"
#include "jsontext.h"
#include "redaction.h"
#include "registry.h"

#include <QDirIterator>
#include <QHostAddress>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace hb;
using namespace Qt::StringLiterals;
using Kind = Redaction::Kind;

namespace {

const QString kFixtures = QStringLiteral(HOOKBENCH_SOURCE_DIR "/fixtures");

RequestRedaction redactJson(const QByteArray &json, const QStringList &marks = {}, HeaderList headers = {}, ParamList query = {})
{
    const QByteArray stable = stableJson(QString::fromUtf8(json)).toUtf8();
    return RequestRedaction(stable, RequestRedaction::BodyFormat::Json, std::move(headers), std::move(query), marks);
}

QList<Redaction> ofKind(const RequestRedaction &r, Kind kind)
{
    QList<Redaction> out;
    for (const Redaction &x : r.redactions()) {
        if (x.kind == kind)
            out.append(x);
    }
    return out;
}

// Each character keeps its class: digit, lower, upper, or itself.
bool sameShape(const QString &a, const QString &b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        const QChar x = a[i], y = b[i];
        const bool same = (x.isDigit() && y.isDigit()) || (x.isLower() && y.isLower()) || (x.isUpper() && y.isUpper())
                          || (!x.isLetterOrNumber() && x == y);
        if (!same)
            return false;
    }
    return true;
}

bool inDocumentationRange(const QString &address)
{
    const QHostAddress a(address);
    if (a.protocol() == QAbstractSocket::IPv6Protocol)
        return a.isInSubnet(QHostAddress(u"2001:db8::"_s), 32);
    return a.isInSubnet(QHostAddress(u"192.0.2.0"_s), 24) || a.isInSubnet(QHostAddress(u"198.51.100.0"_s), 24)
           || a.isInSubnet(QHostAddress(u"203.0.113.0"_s), 24);
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestRedaction : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void secretNames_data();
    void secretNames();
    void secretValueByName();
    void tokenFormats_data();
    void tokenFormats();
    void credentialsAndPasswords();
    void emails();
    void addresses();
    void notSecrets_data();
    void notSecrets();
    void stableAndConsistent();
    void idempotentForSafeValues();
    void undoOneByOne();
    void layoutKept();
    void marks();
    void headersQueryAndForms();
    void corpusHasNoFalsePositives();
    void redactedCaptureRoundTrip();
};

void TestRedaction::secretNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("secret");
    for (const char *yes : {"token", "access_token", "X-Gitlab-Token", "webhookSecret", "client_secret", "password", "X-Api-Key",
                            "apiKey", "APIKey", "api_key", "private_key", "X-Hub-Signature-256", "signature", "Authorization",
                            "Cookie", "refresh-tokens", "basic_auth", "apikey"})
        QTest::newRow(yes) << QString::fromLatin1(yes) << true;
    for (const char *no : {"author", "key", "issue_key", "token_type", "password_changed_at", "monkey", "keyboard",
                           "authorized", "secretary", "signature_count", "tokenizer", "authority", "passage", ""})
        QTest::newRow(no) << QString::fromLatin1(no) << false;
}

void TestRedaction::secretNames()
{
    QFETCH(QString, name);
    QFETCH(bool, secret);
    QCOMPARE(Redactor::isSecretName(name), secret);
}

void TestRedaction::secretValueByName()
{
    const RequestRedaction r = redactJson(
        "{\"hook\":{\"config\":{\"secret\":\"s3cr3t-Val_ue9\",\"token_type\":\"bearer\",\"author\":\"marta.k\",\"password\":\"****\"}},\"key\":\"TIDE-42\"}");
    const QList<Redaction> found = ofKind(r, Kind::Secret);
    QCOMPARE(found.size(), 1);
    QCOMPARE(found[0].location, u"hook.config.secret"_s);
    QCOMPARE(found[0].original, u"s3cr3t-Val_ue9"_s);
    QVERIFY(sameShape(found[0].original, found[0].fake));
    QVERIFY(found[0].fake != found[0].original);
    QVERIFY(r.body().contains(found[0].fake.toUtf8()));
    QVERIFY(!r.body().contains("s3cr3t-Val_ue9"));
    QCOMPARE(r.redactions().size(), 1); // "bearer", "marta.k", "****" and the Jira key stay
}

void TestRedaction::tokenFormats_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("prefix");
    QTest::newRow("github classic") << u"ghp_R2d9kQ7xLm4Np8Vt3Ws6Yz1Ab5Cd0Ef7Gh2J"_s << u"ghp_"_s;
    QTest::newRow("github fine-grained") << u"github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstu"_s << u"github_pat_"_s;
    QTest::newRow("gitlab") << u"glpat-xY7kQ2mN9pL4vR8tW3zA"_s << u"glpat-"_s;
    QTest::newRow("slack bot") << u"xoxb-2048-1357913579-aBcDeFgHiJkLmNoP"_s << u"xoxb-"_s;
    QTest::newRow("stripe") << u"sk_live_4eC39HqLyjWDarjtT1zdp7dc"_s << u"sk_live_"_s;
    QTest::newRow("aws") << u"AKIAIOSFODNN7EXAMPLQ"_s << u"AKIA"_s;
    QTest::newRow("jwt") << u"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"_s << u"eyJ"_s;
}

void TestRedaction::tokenFormats()
{
    QFETCH(QString, token);
    QFETCH(QString, prefix);
    const QString note = u"deploy used " + token + u" for the release";
    const QByteArray json = "{\"note\":" + jsonQuote(note) + '}';
    const RequestRedaction r = redactJson(json);
    const QList<Redaction> found = ofKind(r, Kind::Token);
    QCOMPARE(found.size(), 1);
    QCOMPARE(found[0].original, token);
    QCOMPARE(found[0].location, u"note"_s);
    QVERIFY(found[0].fake.startsWith(prefix));
    QVERIFY2(sameShape(token, found[0].fake), qPrintable(found[0].fake));
    QVERIFY(found[0].fake != token);
    QCOMPARE(found[0].start, 12);
    const auto doc = parseJson(r.body());
    QCOMPARE(doc->find(u"note")->toString(), u"deploy used " + found[0].fake + u" for the release");
}

void TestRedaction::credentialsAndPasswords()
{
    const RequestRedaction r = redactJson(
        "{\"request\":\"Authorization: Bearer 9f8e7d6c5b4a3210\",\"basic\":\"Basic Ym90OnNlY3JldA==\",\"plan\":\"Basic information\","
        "\"remote\":\"https://deploy:hunter2pass@git.corp.io/tide.git\"}");
    const QList<Redaction> credentials = ofKind(r, Kind::Credential);
    QCOMPARE(credentials.size(), 2);
    QCOMPARE(credentials[0].original, u"9f8e7d6c5b4a3210"_s);
    QCOMPARE(credentials[1].original, u"Ym90OnNlY3JldA=="_s);
    for (const Redaction &c : credentials)
        QVERIFY(sameShape(c.original, c.fake));
    const QList<Redaction> passwords = ofKind(r, Kind::Password);
    QCOMPARE(passwords.size(), 1);
    QCOMPARE(passwords[0].original, u"hunter2pass"_s);
    const auto doc = parseJson(r.body());
    QCOMPARE(doc->find(u"remote")->toString(), u"https://deploy:"_s + passwords[0].fake + u"@git.corp.io/tide.git"_s);
    QCOMPARE(doc->find(u"plan")->toString(), u"Basic information"_s);
    QCOMPARE(r.redactions().size(), 3);
}

void TestRedaction::emails()
{
    const RequestRedaction r = redactJson(
        "{\"author\":{\"email\":\"Marta.K@lumen.io\"},\"message\":\"Reviewed-by: idris@harbour-tools.co.uk\",\"safe\":\"ops@lumen.example\"}");
    const QList<Redaction> found = ofKind(r, Kind::Email);
    QCOMPARE(found.size(), 2);
    static const QRegularExpression fake(u"^user-[0-9a-f]{8}@example\\.com$"_s);
    for (const Redaction &e : found) {
        QVERIFY2(fake.match(e.fake).hasMatch(), qPrintable(e.fake));
        QVERIFY(Redactor::isReservedEmailDomain(e.fake.section(u'@', 1)));
    }
    QCOMPARE(found[0].original, u"Marta.K@lumen.io"_s);
    QCOMPARE(found[1].original, u"idris@harbour-tools.co.uk"_s);
    QCOMPARE(found[1].location, u"message"_s);
    QVERIFY(found[0].fake != found[1].fake);
}

void TestRedaction::addresses()
{
    const RequestRedaction r = redactJson(
        "{\"ip\":\"85.12.7.3\",\"log\":\"connect to 10.4.2.17:5432 failed, retry via [2a02:1811:c13:1f00::5]:443\",\"docs\":\"203.0.113.7\","
        "\"local\":\"127.0.0.1 and ::1\",\"v6doc\":\"2001:db8::42\"}");
    const QList<Redaction> found = ofKind(r, Kind::IpAddress);
    QCOMPARE(found.size(), 3);
    QCOMPARE(found[0].original, u"85.12.7.3"_s);
    QCOMPARE(found[1].original, u"10.4.2.17"_s);
    QCOMPARE(found[2].original, u"2a02:1811:c13:1f00::5"_s);
    for (const Redaction &a : found) {
        QVERIFY2(inDocumentationRange(a.fake), qPrintable(a.fake));
        QCOMPARE(QHostAddress(a.fake).protocol(), QHostAddress(a.original).protocol());
    }
    QVERIFY(parseJson(r.body())->find(u"log")->toString().startsWith(u"connect to "_s + found[1].fake + u":5432"_s));
}

void TestRedaction::notSecrets_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("git sha") << QByteArray("{\"after\":\"c07a5e31f9d84b62a1e3f7c05d98b2a46e1f3d95\",\"id\":\"9f1c2ab4e07\"}");
    QTest::newRow("uuid") << QByteArray("{\"delivery\":\"7d1f0a52-3c1e-4b8a-9f0e-2a6c1d3b5e7f\"}");
    QTest::newRow("scp remote") << QByteArray("{\"ssh_url\":\"git@github.com:lanternworks/tidepool.git\"}");
    QTest::newRow("reserved domains") << QByteArray("{\"a\":\"ops@lumen.example\",\"b\":\"x@example.com\",\"c\":\"y@mail.example.org\",\"d\":\"z@host.test\"}");
    QTest::newRow("documentation addresses") << QByteArray("{\"a\":\"192.0.2.1\",\"b\":\"198.51.100.23\",\"c\":\"2001:db8::1\",\"d\":\"0.0.0.0\"}");
    QTest::newRow("version") << QByteArray("{\"version\":\"1.2.3.4\",\"app_version\":\"10.0.0.1\",\"release\":\"v2.10.3\"}");
    QTest::newRow("times and macs") << QByteArray("{\"t\":\"12:30:45\",\"mac\":\"aa:bb:cc:dd:ee:ff\",\"cpp\":\"std::vector and Foo::Bar\"}");
    QTest::newRow("dates and numbers") << QByteArray("{\"d\":\"2026.04.07\",\"n\":1234567890,\"f\":3.14159}");
    QTest::newRow("prose") << QByteArray("{\"title\":\"Token bucket and Basic auth docs\",\"key\":\"PROJ-123\",\"author\":\"idris\"}");
    QTest::newRow("url without password") << QByteArray("{\"url\":\"https://git.lumen.example/lumen/tidewater\"}");
}

void TestRedaction::notSecrets()
{
    QFETCH(QByteArray, json);
    const RequestRedaction r = redactJson(json);
    QVERIFY2(r.redactions().isEmpty(), qPrintable(r.summary()));
    QCOMPARE(r.body(), stableJson(QString::fromUtf8(json)).toUtf8());
}

void TestRedaction::stableAndConsistent()
{
    const QByteArray json = "{\"a\":{\"email\":\"marta@lumen.io\",\"token\":\"tok_9Xk2mPq7\"},\"b\":{\"email\":\"marta@lumen.io\"},"
                            "\"c\":\"from 85.12.7.3 to 85.12.7.3\",\"d\":\"idris@lumen.io\"}";
    const RequestRedaction first = redactJson(json);
    const RequestRedaction second = redactJson(json);
    QCOMPARE(first.body(), second.body()); // the same fakes every time
    const QList<Redaction> emails = ofKind(first, Kind::Email);
    QCOMPARE(emails.size(), 3);
    QCOMPARE(emails[0].fake, emails[1].fake); // a repeated address stays one address
    QVERIFY(emails[0].fake != emails[2].fake);
    const QList<Redaction> ips = ofKind(first, Kind::IpAddress);
    QCOMPARE(ips.size(), 2);
    QCOMPARE(ips[0].fake, ips[1].fake);
    // Another request with the same address gets the same fake.
    const RequestRedaction other = redactJson("{\"committer\":\"marta@lumen.io\"}");
    QCOMPARE(other.redactions().first().fake, emails[0].fake);
}

void TestRedaction::idempotentForSafeValues()
{
    const RequestRedaction first = redactJson("{\"email\":\"marta@lumen.io\",\"ip\":\"85.12.7.3\",\"v6\":\"2a02:1811::9\",\"note\":\"see 10.1.2.3\"}");
    QCOMPARE(first.redactions().size(), 4);
    const RequestRedaction again(first.body(), RequestRedaction::BodyFormat::Json, {}, {});
    QVERIFY2(again.redactions().isEmpty(), qPrintable(again.summary()));
    QCOMPARE(again.body(), first.body());
}

void TestRedaction::undoOneByOne()
{
    RequestRedaction r = redactJson("{\"a\":\"marta@lumen.io\",\"b\":\"marta@lumen.io\",\"c\":\"85.12.7.3\"}");
    QCOMPARE(r.redactions().size(), 3);
    r.setApplied(1, false);
    auto doc = parseJson(r.body());
    QCOMPARE(doc->find(u"a")->toString(), r.redactions()[0].fake);
    QCOMPARE(doc->find(u"b")->toString(), u"marta@lumen.io"_s);
    QCOMPARE(doc->find(u"c")->toString(), r.redactions()[2].fake);
    QVERIFY(r.summary().contains(u"email  body a  marta@lumen.io → "_s));
    QVERIFY(!r.summary().contains(u"body b"_s));
    QVERIFY(r.summary(false).contains(u"body b"_s));
    r.setApplied(1, true);
    QCOMPARE(parseJson(r.body())->find(u"b")->toString(), r.redactions()[0].fake);
    r.setAllApplied(false);
    QCOMPARE(r.body(), stableJson(QString::fromUtf8("{\"a\":\"marta@lumen.io\",\"b\":\"marta@lumen.io\",\"c\":\"85.12.7.3\"}")).toUtf8());
    QCOMPARE(r.substitute(u"by marta@lumen.io"_s), u"by marta@lumen.io"_s);
    r.setAllApplied(true);
    QCOMPARE(r.substitute(u"by marta@lumen.io from 85.12.7.3"_s),
             u"by "_s + r.redactions()[0].fake + u" from "_s + r.redactions()[2].fake);
}

void TestRedaction::layoutKept()
{
    // Only the redacted strings change: keys, order, numbers as spelled, escapes elsewhere, indent.
    const QByteArray json = "{\"z\": 1.0, \"name\": \"caf\\u00e9\", \"list\": [1e-05, true, null],\n"
                            " \"email\": \"marta@lumen.io\", \"empty\": {}, \"a\": []}";
    const RequestRedaction r = redactJson(json);
    QCOMPARE(r.redactions().size(), 1);
    QByteArray expected = stableJson(QString::fromUtf8(json)).toUtf8();
    expected.replace("marta@lumen.io", r.redactions()[0].fake.toUtf8());
    QCOMPARE(r.body(), expected);
    QVERIFY(r.body().endsWith("}\n"));
    QVERIFY(r.body().contains("\"z\": 1.0,\n  \"name\": \"caf\\u00e9\""));
}

void TestRedaction::marks()
{
    const QByteArray json = "{\"account\":{\"id\":4815162342,\"name\":\"Harbour Ops\"},\"users\":[{\"login\":\"marta\"},{\"login\":\"idris\"}],"
                            "\"note\":\"ping the CodeName-7 team\"}";
    const RequestRedaction r = redactJson(json, {u"$.account.id"_s, u"users[*].login"_s, u"CodeName-7"_s, u"nowhere"_s});
    const QList<Redaction> marked = ofKind(r, Kind::Marked);
    QCOMPARE(marked.size(), 4);
    QCOMPARE(marked[0].location, u"account.id"_s);
    QVERIFY(sameShape(marked[0].original, marked[0].fake));
    QVERIFY(marked[0].fake.front() != u'0');
    const auto doc = parseJson(r.body());
    QVERIFY(doc);
    QVERIFY(doc->find(u"account")->find(u"id")->isNumber()); // a number stays a number
    QCOMPARE(doc->find(u"account")->find(u"name")->toString(), u"Harbour Ops"_s);
    QCOMPARE(marked[1].location, u"users[0].login"_s);
    QCOMPARE(marked[2].location, u"users[1].login"_s);
    QCOMPARE(marked[3].original, u"CodeName-7"_s);
    QCOMPARE(doc->find(u"note")->toString(), u"ping the "_s + marked[3].fake + u" team"_s);
    QCOMPARE(r.unusedMarks(), QStringList{u"nowhere"_s});
    // A whole object marked: every value under it.
    const RequestRedaction whole = redactJson(json, {u"account"_s});
    QCOMPARE(whole.redactions().size(), 2);
}

void TestRedaction::headersQueryAndForms()
{
    const RequestRedaction r = redactJson("{\"ok\":true}", {u"header:X-Tenant"_s},
                                          {{"X-Request-Id", "req-1"}, {"X-Forwarded-Note", "from 85.12.7.3"}, {"X-Tenant", "lumen-prod"}},
                                          {{u"stream"_s, u"ops"_s}, {u"access_token"_s, u"aBc123XyZ789"_s}, {u"topic"_s, u"Deploys"_s}});
    QCOMPARE(r.redactions().size(), 3);
    QCOMPARE(r.redactions()[0].where(), u"header X-Forwarded-Note"_s);
    QCOMPARE(r.redactions()[1].where(), u"header X-Tenant"_s);
    QCOMPARE(r.redactions()[2].where(), u"query access_token"_s);
    QCOMPARE(r.headers()[0], (std::pair<QByteArray, QByteArray>{"X-Request-Id", "req-1"}));
    QCOMPARE(r.headers()[1].second, ("from " + r.redactions()[0].fake).toUtf8());
    QCOMPARE(r.query()[1].second, r.redactions()[2].fake);
    QVERIFY(sameShape(u"aBc123XyZ789"_s, r.query()[1].second));
    QCOMPARE(r.body(), QByteArray("{\n  \"ok\": true\n}\n"));

    const QByteArray form = "payload=%7B%22user%22%3A%7B%22email%22%3A%22marta%40lumen.io%22%7D%7D&secret=Zq8xYw3v&note=a+b";
    const RequestRedaction f(form, RequestRedaction::BodyFormat::Form, {}, {});
    QCOMPARE(f.redactions().size(), 2);
    QCOMPARE(f.redactions()[0].location, u"payload.user.email"_s);
    QCOMPARE(f.redactions()[1].location, u"secret"_s);
    const ParamList fields = parseUrlEncoded(f.body());
    QCOMPARE(fields.size(), 3);
    QCOMPARE(fields[0].second, u"{\"user\":{\"email\":\""_s + f.redactions()[0].fake + u"\"}}"_s);
    QCOMPARE(fields[1].second, f.redactions()[1].fake);
    QVERIFY(f.body().endsWith("&note=a+b")); // untouched fields keep their bytes

    const RequestRedaction text("mail marta@lumen.io\r\n", RequestRedaction::BodyFormat::Text, {}, {});
    QCOMPARE(text.body(), ("mail " + text.redactions()[0].fake + "\r\n").toUtf8());
}

// The rule for our corpus (every fixture file and the headers and query of every case): it is made
// of reserved domains and documentation addresses, so no e-mail is found at all; an address found is
// a valid address outside every reserved range that the fixture gives as an address (its key is ip,
// ipv6 or *_ip, or it stands in a message: Pingdom's probe servers, Papertrail's sources); a secret
// found stands under a name whose last word is a secret word (Updown's check token); a credential
// found is the Basic credential of a case's Authorization header (Basic-auth integrations); a token
// found has a known token prefix. Nothing else — no SHA, id, version, remote or plain word.
void TestRedaction::corpusHasNoFalsePositives()
{
    int files = 0;
    QMap<QString, int> counts;
    QStringList problems;
    const auto check = [&](const QString &file, const RequestRedaction &r) {
        for (const Redaction &x : r.redactions()) {
            ++counts[Redaction::kindName(x.kind)];
            const QString where = file + u": "_s + x.where() + u" "_s + x.original;
            switch (x.kind) {
            case Kind::Credential: // the Basic-auth integrations' cases send their bot's credentials
                if (x.part != Redaction::Part::Header || x.location.compare(u"Authorization"_s, Qt::CaseInsensitive) != 0)
                    problems.append(where);
                break;
            case Kind::Email:
            case Kind::Password:
            case Kind::Marked:
                problems.append(where);
                break;
            case Kind::IpAddress: {
                const QString key = x.location.section(u'.', -1).toLower();
                const bool givenAsAddress = key == u"ip" || key == u"ipv6" || key.endsWith(u"_ip"_s) || key.contains(u"message"_s);
                if (QHostAddress(x.original).isNull() || Redactor::isReservedAddress(x.original) || !givenAsAddress)
                    problems.append(where);
                break;
            }
            case Kind::Secret:
                if (!Redactor::isSecretName(x.location.section(u'.', -1).section(u'[', 0, 0)))
                    problems.append(where);
                break;
            case Kind::Token:
                if (!QRegularExpression(u"^(gh[pousr]_|github_pat_|glpat-|xox[abposr]-|xapp-|[sr]k_(live|test)_|whsec_|AKIA|ASIA|eyJ)"_s)
                         .match(x.original).hasMatch())
                    problems.append(where);
                break;
            }
        }
    };
    QDirIterator it(kFixtures, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString name = QDir(kFixtures).relativeFilePath(path);
        const QByteArray bytes = readAll(path);
        ++files;
        if (path.endsWith(u"/cases.json"_s)) {
            QString error;
            const auto suite = loadCaseSuite(path, &error);
            QVERIFY2(suite, qPrintable(error));
            for (const TestCase &c : suite->cases)
                check(name + u" "_s + c.name, RequestRedaction({}, RequestRedaction::BodyFormat::Text, c.headers, c.query));
            continue;
        }
        const bool json = !findJsonError(QString::fromUtf8(bytes));
        const bool form = !json && bytes.contains('=') && !bytes.contains(' ') && !bytes.contains('\n');
        check(name, RequestRedaction(json ? stableJson(QString::fromUtf8(bytes)).toUtf8() : bytes,
                                     json ? RequestRedaction::BodyFormat::Json
                                          : form ? RequestRedaction::BodyFormat::Form : RequestRedaction::BodyFormat::Text, {}, {}));
    }
    QVERIFY(files > 100);
    qInfo("%d files; findings by kind: %s", files, qPrintable([&] {
              QStringList parts;
              for (auto c = counts.cbegin(); c != counts.cend(); ++c)
                  parts.append(u"%1 %2"_s.arg(c.key()).arg(c.value()));
              return parts.join(u", "_s);
          }()));
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
}

void TestRedaction::redactedCaptureRoundTrip()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QByteArray body = readAll(kFixtures + u"/gitea/push__3_commits.json"_s);
    QVERIFY(!body.isEmpty());
    // The commit authors' addresses become real-looking ones, and the repository gets a secret.
    body.replace("@lumen.example", "@lumen-harbour.io");
    body.replace("\"ref\":", "\"secret\": \"wh-9Xk2mPq7Lz\", \"ref\":");
    Capture c;
    c.receivedAt = QDateTime(QDate(2026, 4, 7), QTime(14, 5, 9), Qt::UTC);
    c.method = "POST";
    c.target = "/api/v1/external/gitea?api_key=k&stream=commits";
    c.path = u"/api/v1/external/gitea"_s;
    c.query = "api_key=k&stream=commits";
    c.integration = u"gitea"_s;
    c.headers = {{"Content-Type", "application/json"}, {"X-Gitea-Event", "push"}, {"X-Forwarded-For-Note", "85.12.7.3"}};
    c.body = body;
    c.bodySize = body.size();
    const Outcome o = replayCapture(builtinRegistry(), c, {.apiKey = u"k"_s});
    QVERIFY(o.isMessage());
    c.outcomeKind = o.kind();
    c.httpStatus = o.httpStatus();
    c.outcomeJson = o.toJson();
    c.responseBody = o.httpBody();

    CaptureFixture fixture(*builtinRegistry().find(u"gitea"), c);
    const RequestRedaction redaction = fixture.redaction();
    QVERIFY(ofKind(redaction, Kind::Email).size() >= 3);
    QCOMPARE(ofKind(redaction, Kind::Secret).size(), 1);
    QCOMPARE(ofKind(redaction, Kind::IpAddress).size(), 1);
    fixture.setRedaction(redaction);
    FixtureFolder folder(dir.filePath(u"gitea"_s), u"gitea"_s);
    QString error;
    QVERIFY2(fixture.save(folder, u"push__redacted.json"_s, false, &error), qPrintable(error));
    const QByteArray file = readAll(folder.filePath(u"push__redacted.json"_s));
    const QByteArray cases = readAll(folder.casesPath());
    for (const QByteArray &secret : {QByteArray("lumen-harbour.io"), QByteArray("wh-9Xk2mPq7Lz"), QByteArray("85.12.7.3")}) {
        QVERIFY2(!file.contains(secret), secret.constData());
        QVERIFY2(!cases.contains(secret), secret.constData());
    }
    QVERIFY(file.endsWith("}\n"));
    QVERIFY(file.startsWith("{\n  \"secret\": \""));
    const std::optional<CaseResult> result = CaptureFixture::runSavedCase(builtinRegistry(), folder, u"push__redacted.json"_s);
    QVERIFY(result);
    QVERIFY2(result->passed, qPrintable(result->detail));
}

QTEST_MAIN(TestRedaction)
#include "tst_redaction.moc"
