// SPDX-License-Identifier: MIT
#include "zuliptestpy.h"

#include <QDateTime>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace hb {

namespace python {

namespace {

QString escapeChar(QChar c)
{
    switch (c.unicode()) {
    case '\\': return u"\\\\"_s;
    case '\n': return u"\\n"_s;
    case '\r': return u"\\r"_s;
    case '\t': return u"\\t"_s;
    default: break;
    }
    if (c.unicode() < 0x20 || c.unicode() == 0x7f)
        return u"\\x%1"_s.arg(int(c.unicode()), 2, 16, QChar(u'0'));
    // Line and paragraph separators end a line in some editors: keep them visible.
    if (c.unicode() == 0x2028 || c.unicode() == 0x2029 || c.unicode() == 0x85)
        return u"\\u%1"_s.arg(int(c.unicode()), 4, 16, QChar(u'0'));
    // A lone surrogate cannot be written as UTF-8 source.
    if (c.isSurrogate())
        return u"\\u%1"_s.arg(int(c.unicode()), 4, 16, QChar(u'0'));
    return QString(c);
}

bool isPythonSpace(QChar c)
{
    return c.isSpace() || c.unicode() == 0x1c || c.unicode() == 0x1d || c.unicode() == 0x1e || c.unicode() == 0x1f;
}

} // namespace

QString stringLiteral(const QString &text)
{
    QString out = u"\""_s;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        // A valid surrogate pair is one character in Python: keep it as it is.
        if (c.isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate()) {
            out += c;
            out += text[++i];
            continue;
        }
        out += c == u'"' ? u"\\\""_s : escapeChar(c);
    }
    return out + u'"';
}

QString textLiteral(const QString &text)
{
    const bool multiLine = text.contains(u'\n');
    const bool stripSafe = !text.isEmpty() && !isPythonSpace(text.front()) && !isPythonSpace(text.back());
    if (!multiLine || !stripSafe || text.contains(u'\r'))
        return stringLiteral(text);
    QString body;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c == u'\n') {
            body += c;
        } else if (c.isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate()) {
            body += c;
            body += text[++i];
        } else if (c == u'"') {
            // Never three quotes in a row, and never a quote right before the closing ones.
            body += i + 1 < text.size() && text[i + 1] == u'"' ? u"\\\""_s : u"\""_s;
        } else {
            body += escapeChar(c);
        }
    }
    return u"\"\"\"\n"_s + body + u"\n\"\"\".strip()"_s;
}

QString identifier(const QString &name)
{
    QString out;
    for (const QChar c : name)
        out += (c.isLetterOrNumber() && c.unicode() < 128) || c == u'_' ? c : u'_';
    if (out.isEmpty() || out.front().isDigit())
        out.prepend(u'_');
    return out;
}

} // namespace python

namespace {

const QSet<QString> &pythonKeywords()
{
    static const QSet<QString> words{u"False"_s, u"None"_s, u"True"_s, u"and"_s, u"as"_s, u"assert"_s, u"async"_s,
                                     u"await"_s, u"break"_s, u"class"_s, u"continue"_s, u"def"_s, u"del"_s, u"elif"_s,
                                     u"else"_s, u"except"_s, u"finally"_s, u"for"_s, u"from"_s, u"global"_s, u"if"_s,
                                     u"import"_s, u"in"_s, u"is"_s, u"lambda"_s, u"nonlocal"_s, u"not"_s, u"or"_s,
                                     u"pass"_s, u"raise"_s, u"return"_s, u"try"_s, u"while"_s, u"with"_s, u"yield"_s};
    return words;
}

bool isIdentifier(const QString &name)
{
    static const QRegularExpression re(u"^[A-Za-z_][A-Za-z0-9_]*$"_s);
    return re.match(name).hasMatch() && !pythonKeywords().contains(name);
}

// key=value, or **{"key": value} when the key cannot be a keyword argument.
QString keywordArgument(const QString &key, const QString &valueExpression)
{
    if (isIdentifier(key))
        return key + u'=' + valueExpression;
    return u"**{"_s + python::stringLiteral(key) + u": "_s + valueExpression + u'}';
}

// build_webhook_url appends values as they are: encode what would change the query's meaning.
QString queryValue(const QString &value)
{
    QString out;
    for (const QChar c : value) {
        if (c == u'%' || c == u'&' || c == u'#' || c == u'+' || c.unicode() < 0x20 || c.unicode() == 0x7f) {
            for (const char byte : QString(c).toUtf8())
                out += u"%%1"_s.arg(int(uchar(byte)), 2, 16, QChar(u'0')).toUpper();
        } else {
            out += c;
        }
    }
    return out;
}

// How check_webhook would have to read a case's body through get_body(fixture_name).
struct BodyMode
{
    enum Kind { Json, Txt, Form, Other } kind = Other;
    QString param; // Form: the field holding the fixture text
    QString ext;   // Form: the fixture's extension
    bool operator==(const BodyMode &o) const { return kind == o.kind && param == o.param && ext == o.ext; }
};

BodyMode bodyMode(const TestCase &t)
{
    if (t.method != "POST" || t.fixture.isEmpty())
        return {};
    const QString ext = QFileInfo(t.fixture).suffix();
    if (t.bodyKind == TestCase::Body::Fixture)
        return {ext == u"txt" ? BodyMode::Txt : BodyMode::Json, {}, {}};
    if (t.bodyKind == TestCase::Body::Form && t.form.size() == 1 && t.form.first().second == u"@fixture")
        return {BodyMode::Form, t.form.first().first, ext};
    return {};
}

QString stem(const QString &fixture)
{
    return QFileInfo(fixture).completeBaseName();
}

QString streamOf(const TestCase &t)
{
    for (const auto &[k, v] : t.query) {
        if (k == u"stream" || k == u"channel")
            return v;
    }
    return {};
}

bool hasStream(const TestCase &t)
{
    return std::any_of(t.query.begin(), t.query.end(), [](const auto &kv) { return kv.first == u"stream" || kv.first == u"channel"; });
}

class Generator
{
public:
    Generator(const IntegrationEntry &entry, const CaseSuite &suite, const QList<TestCase> &cases,
              const QHash<QString, std::pair<int, QString>> &errors)
        : m_entry(entry), m_suite(suite), m_cases(cases), m_errors(errors), m_dir(entry.name)
    {
        m_basicAuth = entry.auth == AuthMode::BasicAuth;
        chooseChannel();
        chooseBodyMode();
    }

    QString source()
    {
        QStringList methods;
        QSet<QString> used;
        for (const TestCase &t : m_cases) {
            QString name = zulipTestMethodName(t.name);
            for (int n = 2; used.contains(name); ++n)
                name = zulipTestMethodName(t.name) + u'_' + QString::number(n);
            used.insert(name);
            methods.append(method(name, t));
        }
        QStringList imports;
        if (m_needUrlencode)
            imports.append(u"from urllib.parse import urlencode"_s);
        QString head;
        if (!imports.isEmpty())
            head += imports.join(u'\n') + u"\n\n"_s;
        head += u"from zerver.lib.test_classes import WebhookTestCase\n"_s;
        if (m_needMessageModel)
            head += u"from zerver.models import Message\n"_s;
        QString cls = u"\n\nclass %1(WebhookTestCase):\n"_s.arg(zulipTestClassName(m_entry));
        cls += u"    CHANNEL_NAME = %1\n"_s.arg(python::stringLiteral(m_channel));
        cls += u"    URL_TEMPLATE = %1\n"_s.arg(python::stringLiteral(urlTemplate(true)));
        if (m_needDm)
            cls += u"    DIRECT_MESSAGE_URL_TEMPLATE = %1\n"_s.arg(python::stringLiteral(urlTemplate(false)));
        cls += u"    WEBHOOK_DIR_NAME = %1\n"_s.arg(python::stringLiteral(m_dir));
        for (const QString &m : methods)
            cls += u'\n' + m;
        cls += getBodyOverride();
        const QString origin = u"# Generated by Hookbench from fixtures/%1/cases.json (hookbench export zulip %2).\n"_s
                                   .arg(m_entry.folder(), m_entry.name);
        return origin + head + cls;
    }

    QStringList notes() const { return m_notes; }

private:
    void chooseChannel()
    {
        QHash<QString, int> counts;
        for (const TestCase &t : m_cases) {
            if (hasStream(t))
                ++counts[streamOf(t)];
        }
        int best = -1;
        for (const TestCase &t : m_cases) {
            if (hasStream(t) && counts.value(streamOf(t)) > best) {
                best = counts.value(streamOf(t));
                m_channel = streamOf(t);
            }
        }
        if (m_channel.isEmpty())
            m_channel = m_entry.name;
    }

    // The most used way of reading fixtures becomes get_body; plain JSON needs no override.
    void chooseBodyMode()
    {
        QList<std::pair<BodyMode, int>> counts;
        for (const TestCase &t : m_cases) {
            const BodyMode mode = bodyMode(t);
            if (mode.kind == BodyMode::Other)
                continue;
            auto it = std::find_if(counts.begin(), counts.end(), [&](const auto &p) { return p.first == mode; });
            if (it == counts.end())
                counts.append({mode, 1});
            else
                ++it->second;
        }
        int best = 0;
        m_override = BodyMode{BodyMode::Json, {}, {}};
        for (const auto &[mode, n] : counts) {
            if (n > best || (n == best && mode.kind == BodyMode::Json)) {
                best = n;
                m_override = mode;
            }
        }
        if (m_override.kind == BodyMode::Form)
            m_needUrlencode = true;
    }

    QString urlTemplate(bool withStream) const
    {
        QString url = m_entry.urlPath() + u'?';
        if (!m_basicAuth)
            url += u"&api_key={api_key}"_s;
        if (withStream)
            url += u"&stream={stream}"_s;
        return url;
    }

    QString getBodyOverride() const
    {
        if (m_override.kind == BodyMode::Json)
            return {};
        const QString read = u"self.webhook_fixture_data(%1, fixture_name, file_type=%2)"_s.arg(
            python::stringLiteral(m_dir),
            python::stringLiteral(m_override.kind == BodyMode::Txt ? u"txt"_s : m_override.ext));
        QString out = u"\n    def get_body(self, fixture_name: str) -> str:\n"_s;
        if (m_override.kind == BodyMode::Txt)
            return out + u"        return "_s + read + u'\n';
        return out + u"        return urlencode({%1: %2})\n"_s.arg(python::stringLiteral(m_override.param), read);
    }

    // The body of a case as a Python expression, for the cases that post it themselves.
    QString bodyExpression(const TestCase &t)
    {
        const auto fixtureRead = [&] {
            return u"self.webhook_fixture_data(%1, %2, file_type=%3)"_s.arg(
                python::stringLiteral(m_dir), python::stringLiteral(stem(t.fixture)),
                python::stringLiteral(QFileInfo(t.fixture).suffix()));
        };
        switch (t.bodyKind) {
        case TestCase::Body::Raw:
            return python::textLiteral(QString::fromUtf8(t.rawBody));
        case TestCase::Body::Form: {
            m_needUrlencode = true;
            QStringList fields;
            for (const auto &[k, v] : t.form)
                fields.append(python::stringLiteral(k) + u": "_s + (v == u"@fixture" ? fixtureRead() : python::stringLiteral(v)));
            return u"urlencode({"_s + fields.join(u", "_s) + u"})"_s;
        }
        case TestCase::Body::Fixture:
            break;
        }
        if (t.fixture.isEmpty())
            return u"\"\""_s;
        // Zulip's own get_body parses JSON fixtures: an error case may post one that is not.
        const bool parsed = m_override.kind == BodyMode::Json;
        if (bodyMode(t) == m_override && !(parsed && t.expect == u"error"))
            return u"self.get_body(%1)"_s.arg(python::stringLiteral(stem(t.fixture)));
        return fixtureRead();
    }

    // HTTP_* keyword arguments for the case's headers (and content_type), as Zulip's tests pass them.
    QStringList requestArguments(const TestCase &t, bool viaCheckWebhook, bool *contentTypeMissing = nullptr) const
    {
        QStringList args;
        if (t.contentType) {
            if (!viaCheckWebhook || *t.contentType != "application/json")
                args.append(u"content_type="_s + python::stringLiteral(QString::fromUtf8(*t.contentType)));
        } else if (viaCheckWebhook) {
            args.append(u"content_type=None"_s);
        } else if (contentTypeMissing) {
            *contentTypeMissing = true;
            args.append(u"content_type=\"text/plain\""_s);
        }
        for (const auto &[name, value] : t.headers) {
            const QString n = QString::fromLatin1(name);
            if (m_basicAuth && n.compare(u"Authorization"_s, Qt::CaseInsensitive) == 0)
                continue; // stands for the bot's credentials: the test user's are sent instead
            if (n.compare(u"Content-Type"_s, Qt::CaseInsensitive) == 0)
                continue;
            const QString key = u"HTTP_"_s + n.toUpper().replace(u'-', u'_');
            args.append(keywordArgument(key, python::stringLiteral(QString::fromUtf8(value))));
        }
        return args;
    }

    static QString call(const QString &function, const QStringList &args)
    {
        const QString oneLine = u"        "_s + function + u'(' + args.join(u", "_s) + u')';
        if (oneLine.size() <= 100 && !oneLine.contains(u'\n'))
            return oneLine + u'\n';
        QString out = u"        "_s + function + u"(\n"_s;
        for (const QString &a : args)
            out += u"            "_s + a + u",\n"_s;
        return out + u"        )\n"_s;
    }

    QString prelude(const TestCase &t, bool dm)
    {
        QString out;
        QStringList options;
        for (const auto &[k, v] : t.query) {
            if (k == u"stream" || k == u"channel" || k == u"api_key")
                continue;
            options.append(keywordArgument(k, python::stringLiteral(queryValue(v))));
        }
        bool rebuild = !options.isEmpty();
        if (dm) {
            m_needDm = true;
            out += u"        self.URL_TEMPLATE = self.DIRECT_MESSAGE_URL_TEMPLATE\n"_s;
            rebuild = true;
        } else if (streamOf(t) != m_channel) {
            out += u"        self.CHANNEL_NAME = %1\n"_s.arg(python::stringLiteral(streamOf(t)));
            rebuild = true;
        }
        if (rebuild)
            out += call(u"self.url = self.build_webhook_url"_s, options);
        if (const auto clock = m_suite.clockFor(t)) {
            out.prepend(u"        # Hookbench runs this case with the clock at %1 (Unix %2): mock the view's time to match.\n"_s
                            .arg(QDateTime::fromSecsSinceEpoch(*clock, Qt::UTC).toString(Qt::ISODate))
                            .arg(*clock));
            m_notes.append(u"%1: the case runs at a fixed time (Unix %2); the test mentions it in a comment"_s.arg(t.name).arg(*clock));
        }
        return out;
    }

    QString method(const QString &name, const TestCase &t)
    {
        const bool dm = !hasStream(t);
        QString out = u"    def %1(self) -> None:\n"_s.arg(name);
        out += prelude(t, dm);
        const bool viaFixture = bodyMode(t) == m_override && bodyMode(t).kind != BodyMode::Other;
        const bool singleMessage = t.expect == u"message" && t.expectedMessages.size() == 1;
        if (viaFixture && singleMessage && !dm)
            return out + checkWebhookMessage(t);
        if (viaFixture && t.expect == u"noop" && !dm)
            return out + checkWebhookNoop(t);
        if (viaFixture && singleMessage && dm)
            return out + privateMessage(t);
        return out + explicitRequest(t, dm);
    }

    QString checkWebhookMessage(const TestCase &t)
    {
        const auto &m = t.expectedMessages.first();
        QString out = u"        expected_topic_name = %1\n"_s.arg(python::stringLiteral(m.topic));
        out += u"        expected_message = %1\n"_s.arg(python::textLiteral(m.content));
        QStringList args;
        if (m_basicAuth)
            args.append(u"self.test_user"_s);
        args << python::stringLiteral(stem(t.fixture)) << u"expected_topic_name"_s << u"expected_message"_s;
        args += requestArguments(t, true);
        return out + call(m_basicAuth ? u"self.api_channel_message"_s : u"self.check_webhook"_s, args);
    }

    QString checkWebhookNoop(const TestCase &t)
    {
        QStringList args;
        if (m_basicAuth)
            args.append(u"self.test_user"_s);
        args << python::stringLiteral(stem(t.fixture)) << u"expect_noop=True"_s;
        args += requestArguments(t, true);
        return call(m_basicAuth ? u"self.api_channel_message"_s : u"self.check_webhook"_s, args);
    }

    QString privateMessage(const TestCase &t)
    {
        QString out = u"        expected_message = %1\n"_s.arg(python::textLiteral(t.expectedMessages.first().content));
        QStringList args{python::stringLiteral(stem(t.fixture)), u"expected_message"_s};
        args += requestArguments(t, true);
        if (m_basicAuth)
            args.append(u"HTTP_AUTHORIZATION=self.encode_user(self.test_user)"_s);
        return out + call(u"self.send_and_test_private_message"_s, args);
    }

    QString explicitRequest(const TestCase &t, bool dm)
    {
        QString out;
        if (!dm)
            out += u"        self.subscribe(self.test_user, self.CHANNEL_NAME)\n"_s;
        const bool head = t.method == "HEAD";
        const bool post = t.method == "POST";
        bool noContentType = false;
        QStringList args{u"self.url"_s};
        if (!head) {
            out += u"        payload = %1\n"_s.arg(bodyExpression(t));
            args.append(u"payload"_s);
        }
        args += requestArguments(t, false, head ? nullptr : &noContentType);
        if (noContentType)
            out += u"        # The case sends no Content-Type; Django's test client needs one.\n"_s;
        if (m_basicAuth)
            args.append(u"HTTP_AUTHORIZATION=self.encode_user(self.test_user)"_s);
        const QString client = head ? u"self.client_head"_s
                                    : post ? u"self.client_post"_s
                                           : u"self.client_"_s + QString::fromLatin1(t.method).toLower();
        out += call(u"result = "_s + client, args);
        if (t.expect == u"error") {
            const auto actual = m_errors.value(t.name, {t.expectedErrorStatus.value_or(400), t.expectedErrorMsg});
            const int status = t.expectedErrorStatus.value_or(actual.first);
            const QString msg = actual.second.isEmpty() ? t.expectedErrorMsg : actual.second;
            if (head)
                return out + u"        self.assertEqual(result.status_code, %1)\n"_s.arg(status);
            QStringList errorArgs{u"result"_s, python::stringLiteral(msg)};
            if (status != 400)
                errorArgs.append(u"status_code=%1"_s.arg(status));
            return out + call(u"self.assert_json_error"_s, errorArgs);
        }
        out += head ? u"        self.assertEqual(result.status_code, 200)\n"_s : u"        self.assert_json_success(result)\n"_s;
        if (t.expect == u"noop") {
            if (!t.expectedResponseContains.isEmpty() && !head)
                out += u"        self.assertIn(%1, result.content.decode())\n"_s.arg(python::stringLiteral(t.expectedResponseContains));
            return out;
        }
        return out + messageAssertions(t, dm);
    }

    QString messageAssertions(const TestCase &t, bool dm)
    {
        const auto assertOne = [&](const QString &var, const TestCase::ExpectedMessage &m) -> QString {
            if (dm)
                return u"        self.assertEqual(%1.content, %2)\n"_s.arg(var, python::textLiteral(m.content));
            return u"        expected_topic_name = %1\n        expected_message = %2\n"_s.arg(python::stringLiteral(m.topic), python::textLiteral(m.content))
                   + call(u"self.assert_channel_message"_s, {var, u"self.CHANNEL_NAME"_s, u"expected_topic_name"_s, u"expected_message"_s});
        };
        const auto &msgs = t.expectedMessages;
        if (msgs.size() == 1)
            return u"        msg = self.get_last_message()\n"_s + assertOne(u"msg"_s, msgs[0]);
        if (msgs.size() == 2) {
            return u"        msg = self.get_second_to_last_message()\n"_s + assertOne(u"msg"_s, msgs[0])
                   + u"        msg = self.get_last_message()\n"_s + assertOne(u"msg"_s, msgs[1]);
        }
        m_needMessageModel = true;
        QString out = u"        expected = [\n"_s;
        for (const auto &m : msgs)
            out += u"            (%1, %2),\n"_s.arg(python::stringLiteral(m.topic), python::stringLiteral(m.content));
        out += u"        ]\n        messages = list(Message.objects.order_by(\"-id\")[: len(expected)])[::-1]\n"_s;
        out += u"        self.assert_length(messages, len(expected))\n"_s;
        out += u"        for msg, (topic_name, content) in zip(messages, expected):\n"_s;
        if (dm)
            return out + u"            self.assertEqual(msg.content, content)\n"_s;
        return out + u"            self.assert_channel_message(msg, self.CHANNEL_NAME, topic_name, content)\n"_s;
    }

    const IntegrationEntry &m_entry;
    const CaseSuite &m_suite;
    const QList<TestCase> &m_cases;
    const QHash<QString, std::pair<int, QString>> &m_errors;
    QString m_dir;
    QString m_channel;
    BodyMode m_override;
    bool m_basicAuth = false;
    bool m_needUrlencode = false;
    bool m_needMessageModel = false;
    bool m_needDm = false;
    QStringList m_notes;
};

} // namespace

QString zulipTestClassName(const IntegrationEntry &entry)
{
    QString out;
    bool upperNext = true;
    for (const QChar c : entry.zulipWebhookName()) {
        if (!(c.isLetterOrNumber() && c.unicode() < 128)) {
            upperNext = true;
            continue;
        }
        out += upperNext ? c.toUpper() : c;
        upperNext = false;
    }
    if (out.isEmpty() || out.front().isDigit())
        out.prepend(u"Webhook"_s); // a class name cannot start with a digit
    return out + u"HookTests"_s;
}

QString zulipTestMethodName(const QString &caseName)
{
    QString name = python::identifier(caseName);
    while (name.startsWith(u'_'))
        name.remove(0, 1);
    return name.startsWith(u"test_"_s) ? name : u"test_"_s + name;
}

ZulipTestsWriter::ZulipTestsWriter(const IntegrationEntry &entry, const CaseSuite &suite) : m_entry(entry), m_suite(suite) {}

QList<TestCase> ZulipTestsWriter::cases() const
{
    QList<TestCase> out;
    for (const TestCase &t : m_suite.cases) {
        if (t.path.isEmpty() ? m_suite.integration == m_entry.name : t.path == m_entry.urlPath())
            out.append(t);
    }
    return out;
}

QStringList ZulipTestsWriter::fixtures() const
{
    QStringList out;
    for (const TestCase &t : cases()) {
        if (!t.fixture.isEmpty() && !out.contains(t.fixture))
            out.append(t.fixture);
    }
    return out;
}

QByteArray ZulipTestsWriter::source(const QHash<QString, std::pair<int, QString>> &errorMessages) const
{
    const QList<TestCase> list = cases();
    Generator g(m_entry, m_suite, list, errorMessages);
    return g.source().toUtf8();
}

QStringList ZulipTestsWriter::notes() const
{
    const QList<TestCase> list = cases();
    Generator g(m_entry, m_suite, list, {});
    g.source();
    return g.notes();
}

} // namespace hb
