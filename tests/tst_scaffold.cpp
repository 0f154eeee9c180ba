// SPDX-License-Identifier: MIT
// The new-integration scaffold: name checks, the registry edit, all-or-nothing writing, fixtures made
// from captures, and `hookbench new`. tst_scaffold_build builds a scaffolded integration for real.
#include "casefile.h"
#include "json.h"
#include "scaffold.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace hb;
using namespace Qt::StringLiterals;

namespace {

QString sourceDir()
{
    return QStringLiteral(HOOKBENCH_SOURCE_DIR);
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

QString realRegistry()
{
    return QString::fromUtf8(readFile(sourceDir() + u"/integrations/registry.cpp"_s));
}

// The entry names of a registry.cpp text, in file order.
QStringList entryNames(const QString &text)
{
    static const QRegularExpression entry(u"^\\s*\\{\\.name = u\"([^\"]*)\"_s,"_s, QRegularExpression::MultilineOption);
    QStringList names;
    for (auto it = entry.globalMatch(text); it.hasNext();)
        names.append(it.next().captured(1));
    return names;
}

QStringList includeDirs(const QString &text)
{
    static const QRegularExpression include(u"^#include \"([a-z0-9_]+)/[a-z0-9_]+\\.h\"$"_s, QRegularExpression::MultilineOption);
    QStringList dirs;
    for (auto it = include.globalMatch(text); it.hasNext();)
        dirs.append(it.next().captured(1));
    return dirs;
}

// A project tree with the real registry.cpp and empty integrations/ and fixtures/ otherwise.
struct Project
{
    QTemporaryDir dir;
    QString root() const { return dir.path(); }
    QString path(const QString &relative) const { return QDir(dir.path()).filePath(relative); }
    bool init() { return dir.isValid() && QDir().mkpath(path(u"fixtures"_s)) && writeFile(path(u"integrations/registry.cpp"_s), realRegistry().toUtf8()); }
    // Every file under the root, relative, sorted.
    QStringList listing() const
    {
        QStringList files;
        QDirIterator it(root(), QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext())
            files.append(QDir(root()).relativeFilePath(it.next()));
        files.sort();
        return files;
    }
};

Capture jsonCapture(qint64 id, const QByteArray &body, const QByteArray &event)
{
    Capture c;
    c.id = id;
    c.method = "POST";
    c.target = "/api/v1/external/acme_deploy?api_key=secret123&stream=deploys&topic=prod";
    c.path = u"/api/v1/external/acme_deploy"_s;
    c.query = "api_key=secret123&stream=deploys&topic=prod";
    c.headers = {{"Host", "127.0.0.1:9991"}, {"Content-Type", "application/json"}, {"X-Acme-Event", event},
                 {"Authorization", "Bearer abc"}, {"X-Acme-Delivery", "42"}, {"User-Agent", "Acme/1.0"}};
    c.body = body;
    c.bodySize = body.size();
    c.receivedAt = QDateTime::currentDateTimeUtc();
    return c;
}

} // namespace

class TestScaffold : public QObject
{
    Q_OBJECT

private slots:
    void goodNames_data()
    {
        QTest::addColumn<QString>("name");
        for (const char *n : {"acme", "acme_deploy", "a1", "x2_y3", "zz", "abcdefghijklmnopqrstuvwxyz0123456789abcd"})
            QTest::newRow(n) << QString::fromLatin1(n);
    }
    void goodNames()
    {
        QFETCH(QString, name);
        QCOMPARE(Scaffold::nameError(name), QString());
    }

    void badNames_data()
    {
        QTest::addColumn<QString>("name");
        const QStringList names{u""_s, u"a"_s, u"Acme"_s, u"ACME"_s, u"1acme"_s, u"_acme"_s, u"acme-deploy"_s,
                                u"acme deploy"_s, u"acme.deploy"_s, u"../etc"_s, u".."_s, u"acme/../x"_s, u"acme/"_s,
                                u"/tmp/acme"_s, u"acme\\x"_s, u"acme\n"_s, u"acm\u00e9"_s, u"acme__x"_s, u"acme_"_s,
                                u"new"_s, u"class"_s, u"namespace"_s, u"std"_s, u"hb"_s, u"integrations"_s,
                                u"abcdefghijklmnopqrstuvwxyz0123456789abcde"_s};
        for (const QString &n : names)
            QTest::addRow("%s", qPrintable(n.isEmpty() ? u"(empty)"_s : QString(n).replace(u'\n', u"\\n"_s))) << n;
    }
    void badNames()
    {
        QFETCH(QString, name);
        QVERIFY(!Scaffold::nameError(name).isEmpty());
    }

    void otherFieldsChecked()
    {
        QCOMPARE(Scaffold::displayNameError(u"Acme Deploy"_s), QString());
        QVERIFY(!Scaffold::displayNameError(u"  "_s).isEmpty());
        QVERIFY(!Scaffold::displayNameError(QString(61, u'x')).isEmpty());
        QVERIFY(!Scaffold::displayNameError(u"Acme\nDeploy"_s).isEmpty());
        QCOMPARE(Scaffold::eventHeaderError("X-Acme-Event"), QString());
        QVERIFY(!Scaffold::eventHeaderError("X Acme").isEmpty());
        QVERIFY(!Scaffold::eventHeaderError("X-Acme-Event\r\nHost: x").isEmpty());
        QVERIFY(!Scaffold::eventHeaderError("X-Acme-Event\n").isEmpty());
        QVERIFY(!Scaffold::eventHeaderError("Authorization").isEmpty());
        QCOMPARE(Scaffold::defaultDisplayName(u"acme_deploy"_s), u"Acme Deploy"_s);
    }

    void placeholderContent()
    {
        QCOMPARE(Scaffold::placeholderContent(u"deploy.finished"_s, {u"app"_s, u"status"_s}),
                 u"Placeholder message for the **deploy.finished** event. The payload's fields: `app`, `status`."_s);
        QCOMPARE(Scaffold::placeholderContent({}, {}), u"Placeholder message. The payload has no fields."_s);
        QStringList many;
        for (int i = 0; i < 13; ++i)
            many.append(u"k%1"_s.arg(i));
        const QString text = Scaffold::placeholderContent({}, many);
        QVERIFY2(text.endsWith(u"`k9` and 3 more."_s), qPrintable(text));
        QVERIFY(!text.contains(u"`k10`"_s));
    }

    // The real registry.cpp gains the entry and the include at the right place, every other line kept.
    void registryInsertion_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("first") << u"aaa_first"_s;
        QTest::newRow("middle") << u"mmm_middle"_s;
        QTest::newRow("last") << u"zzz_last"_s;
    }
    void registryInsertion()
    {
        QFETCH(QString, name);
        const QString before = realRegistry();
        const QStringList namesBefore = entryNames(before);
        QVERIFY(namesBefore.size() > 10);
        QVERIFY(!namesBefore.contains(name));
        const QString entry = u"{.name = u\"%1\"_s, .displayName = u\"X\"_s, .categories = {u\"misc\"_s},\n"
                              " .handler = integrations::%1::handle, .eventTypes = integrations::%1::eventTypes(),\n"
                              " .webhookName = u\"X\"_s, .urlOptions = {}},"_s.arg(name);
        QString error;
        const std::optional<QString> after = Scaffold::insertIntoRegistry(before, name, entry, &error);
        QVERIFY2(after, qPrintable(error));

        // Names: the old ones in their order, the new one where it sorts.
        QStringList expected = namesBefore;
        expected.append(name);
        std::sort(expected.begin(), expected.end());
        QCOMPARE(entryNames(*after), expected);
        QStringList dirs = includeDirs(before);
        dirs.append(name);
        std::sort(dirs.begin(), dirs.end());
        QCOMPARE(includeDirs(*after), dirs);
        if (name == u"aaa_first")
            QCOMPARE(entryNames(*after).first(), name);
        if (name == u"zzz_last")
            QCOMPARE(entryNames(*after).last(), name);

        // Removing the four added lines gives back the file byte for byte.
        QStringList lines = after->split(u'\n');
        const QStringList beforeLines = before.split(u'\n');
        QCOMPARE(lines.size(), beforeLines.size() + 4);
        const qsizetype include = lines.indexOf(u"#include \"%1/%1.h\""_s.arg(name));
        QVERIFY(include > 0);
        lines.removeAt(include);
        const qsizetype first = lines.indexOf(QRegularExpression(u"\\s*\\{\\.name = u\"%1\"_s,.*"_s.arg(name)));
        QVERIFY(first > 0);
        QVERIFY(lines[first].startsWith(u"        {.name"_s)); // the file's own indentation
        QVERIFY(lines[first + 1].startsWith(u"         .handler"_s));
        lines.remove(first, 3);
        QCOMPARE(lines, beforeLines);
    }

    void registryRefusals()
    {
        const QString real = realRegistry();
        const QString entry = u"{.name = u\"x1\"_s},"_s;
        QString error;
        // A name the table has, even without a folder of its own.
        QVERIFY(!Scaffold::insertIntoRegistry(real, u"githubsponsors"_s, entry, &error));
        QVERIFY2(error.contains(u"already"_s), qPrintable(error));
        QVERIFY(!Scaffold::insertIntoRegistry(real, u"insping"_s, entry, &error));
        // Files not in the expected shape.
        QString noTable = real;
        noTable.replace(u"QList<IntegrationEntry>{"_s, u"QList<IntegrationEntry>({"_s);
        QVERIFY(!Scaffold::insertIntoRegistry(noTable, u"x1"_s, entry, &error));
        QVERIFY2(error.contains(u"expected shape"_s), qPrintable(error));
        QString unsorted = real;
        unsorted.replace(u"{.name = u\"airbrake\"_s"_s, u"{.name = u\"zzzz\"_s"_s);
        QVERIFY(!Scaffold::insertIntoRegistry(unsorted, u"x1"_s, entry, &error));
        QVERIFY2(error.contains(u"alphabetical"_s), qPrintable(error));
        QString noIncludes = real;
        noIncludes.replace(QRegularExpression(u"^#include \"[a-z0-9_]+/.*$"_s, QRegularExpression::MultilineOption), QString());
        QVERIFY(!Scaffold::insertIntoRegistry(noIncludes, u"x1"_s, entry, &error));
        QString unclosed = real;
        unclosed.replace(QRegularExpression(u"^    \\}\\);$"_s, QRegularExpression::MultilineOption), u"    }"_s);
        QVERIFY(!Scaffold::insertIntoRegistry(unclosed, u"x1"_s, entry, &error));
        QString stray = real;
        stray.replace(u"{.name = u\"airbrake\"_s"_s, u"int x;\n        {.name = u\"airbrake\"_s"_s);
        QVERIFY(!Scaffold::insertIntoRegistry(stray, u"x1"_s, entry, &error));
    }

    void createsEverything()
    {
        Project p;
        QVERIFY(p.init());
        const QByteArray registryBefore = readFile(p.path(u"integrations/registry.cpp"_s));
        Scaffold s(p.root(), {.name = u"acme_deploy"_s, .displayName = u"Acme \"Deploy\""_s,
                              .categories = {u"deployment"_s, u"continuous-integration"_s}, .eventHeader = "X-Acme-Event",
                              .captures = {}});
        QCOMPARE(s.problem(), QString());
        QStringList created;
        QString error;
        QVERIFY2(s.create(&created, &error), qPrintable(error));
        const QStringList expected{u"integrations/acme_deploy/acme_deploy.h"_s, u"integrations/acme_deploy/acme_deploy.cpp"_s,
                                   u"integrations/acme_deploy/doc.md"_s, u"integrations/acme_deploy/logo.svg"_s,
                                   u"fixtures/acme_deploy/example.json"_s, u"fixtures/acme_deploy/cases.json"_s,
                                   u"integrations/registry.cpp"_s};
        QCOMPARE(created, expected);
        for (const QString &f : expected)
            QVERIFY2(QFileInfo(p.path(f)).isFile(), qPrintable(f));
        // No staging folder left behind.
        QCOMPARE(QDir(p.root()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
                 (QStringList{u"fixtures"_s, u"integrations"_s}));

        const QString registry = QString::fromUtf8(readFile(p.path(u"integrations/registry.cpp"_s)));
        QVERIFY(registry.contains(u"{.name = u\"acme_deploy\"_s, .displayName = u\"Acme \\\"Deploy\\\"\"_s, "
                                  ".categories = {u\"deployment\"_s, u\"continuous-integration\"_s},"_s));
        QVERIFY(registry.contains(u".eventHeader = \"X-Acme-Event\""_s));
        QCOMPARE(registry.split(u'\n').size(), QString::fromUtf8(registryBefore).split(u'\n').size() + 4);
        QVERIFY(entryNames(registry).contains(u"acme_deploy"_s));

        const QString source = QString::fromUtf8(readFile(p.path(u"integrations/acme_deploy/acme_deploy.cpp"_s)));
        QVERIFY(source.startsWith(u"// SPDX-License-Identifier: MIT\n"_s));
        QVERIFY(source.contains(u"namespace hb::integrations::acme_deploy {"_s));
        QVERIFY(source.contains(u"return {u\"example\"_s};"_s));
        QVERIFY(readFile(p.path(u"integrations/acme_deploy/acme_deploy.h"_s)).contains("Outcome handle(const WebhookContext &ctx);"));

        // The cases: a message case expecting the placeholder, a no-op and an error case.
        QString loadError;
        const auto suite = loadCaseSuite(p.path(u"fixtures/acme_deploy/cases.json"_s), &loadError);
        QVERIFY2(suite, qPrintable(loadError));
        QCOMPARE(suite->integration, u"acme_deploy"_s);
        QCOMPARE(suite->cases.size(), 3);
        QCOMPARE(suite->cases[0].expect, u"message"_s);
        QCOMPARE(suite->cases[0].fixture, u"example.json"_s);
        QCOMPARE(suite->cases[0].headers, (HeaderList{{"X-Acme-Event", "example"}}));
        QCOMPARE(suite->cases[0].expectedMessages.size(), 1);
        QCOMPARE(suite->cases[0].expectedMessages[0].topic, u"Acme \"Deploy\""_s);
        QCOMPARE(suite->cases[0].expectedMessages[0].content,
                 Scaffold::placeholderContent(u"example"_s, {u"id"_s, u"name"_s, u"note"_s}));
        QCOMPARE(suite->cases[1].expect, u"noop"_s);
        QVERIFY(suite->cases[1].expectedResponseContains.contains(u"isn't currently supported by the Acme \"Deploy\" webhook"_s));
        QCOMPARE(suite->cases[2].expect, u"error"_s);
        QCOMPARE(suite->cases[2].expectedErrorStatus, 400);
        // The fixture is in the stable layout and parses.
        const QByteArray fixture = readFile(p.path(u"fixtures/acme_deploy/example.json"_s));
        QVERIFY(fixture.startsWith("{\n  \"id\": 1,\n"));
        QVERIFY(fixture.endsWith("}\n"));
        QVERIFY(parseJson(fixture));

        // The logo: a well-formed monogram SVG.
        const QByteArray logo = readFile(p.path(u"integrations/acme_deploy/logo.svg"_s));
        QXmlStreamReader xml(logo);
        QStringList elements;
        while (!xml.atEnd()) {
            if (xml.readNext() == QXmlStreamReader::StartElement)
                elements.append(xml.name().toString());
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QCOMPARE(elements, (QStringList{u"svg"_s, u"title"_s, u"desc"_s, u"rect"_s, u"text"_s}));
        QVERIFY(logo.contains("<desc>monogram</desc>"));
        QVERIFY(logo.contains(">AD</text>"));
        QVERIFY(logo.contains("<title>Acme &quot;Deploy&quot;</title>"));

        const QByteArray doc = readFile(p.path(u"integrations/acme_deploy/doc.md"_s));
        QVERIFY(doc.startsWith("# Acme \"Deploy\"\n"));
        QVERIFY(doc.contains("{{ api_url }}/v1/external/acme_deploy?api_key=API_KEY&stream=STREAM"));
        QVERIFY(doc.contains("- `example`:"));

        // A second run finds it all there and writes nothing.
        const QStringList listing = p.listing();
        const QByteArray registryAfter = readFile(p.path(u"integrations/registry.cpp"_s));
        QVERIFY(!s.create(&created, &error));
        QVERIFY2(error.contains(u"already exists"_s), qPrintable(error));
        QCOMPARE(p.listing(), listing);
        QCOMPARE(readFile(p.path(u"integrations/registry.cpp"_s)), registryAfter);
    }

    void withoutEventHeader()
    {
        Project p;
        QVERIFY(p.init());
        Scaffold s(p.root(), {.name = u"pingly"_s, .displayName = {}, .categories = {}, .eventHeader = {}, .captures = {}});
        QStringList created;
        QString error;
        QVERIFY2(s.create(&created, &error), qPrintable(error));
        QString loadError;
        const auto suite = loadCaseSuite(p.path(u"fixtures/pingly/cases.json"_s), &loadError);
        QVERIFY2(suite, qPrintable(loadError));
        QCOMPARE(suite->cases.size(), 3);
        QCOMPARE(suite->cases[0].expectedMessages.value(0).topic, u"Pingly"_s);
        QCOMPARE(suite->cases[0].expectedMessages.value(0).content,
                 u"Placeholder message. The payload's fields: `id`, `name`, `note`."_s);
        QCOMPARE(suite->cases[1].method, QByteArray("HEAD"));
        QCOMPARE(suite->cases[1].expect, u"noop"_s);
        QVERIFY(suite->cases[0].headers.isEmpty());
        const QString registry = QString::fromUtf8(readFile(p.path(u"integrations/registry.cpp"_s)));
        QVERIFY(registry.contains(u"{.name = u\"pingly\"_s, .displayName = u\"Pingly\"_s, .categories = {u\"misc\"_s},"_s));
        QVERIFY(!readFile(p.path(u"integrations/pingly/pingly.cpp"_s)).contains("unsupportedEvent"));
    }

    // Any target that exists, or a registry that cannot take the entry: nothing at all is written.
    void allOrNothing_data()
    {
        QTest::addColumn<QString>("conflict");
        QTest::newRow("integration folder") << u"integrations/acme_deploy/notes.txt"_s;
        QTest::newRow("fixtures folder") << u"fixtures/acme_deploy/cases.json"_s;
        QTest::newRow("fixtures file") << u"fixtures/acme_deploy"_s;
        QTest::newRow("registry entry") << u"registry"_s;
        QTest::newRow("registry shape") << u"shape"_s;
    }
    void allOrNothing()
    {
        QFETCH(QString, conflict);
        Project p;
        QVERIFY(p.init());
        const QString registryPath = p.path(u"integrations/registry.cpp"_s);
        if (conflict == u"registry") {
            const QString entry = u"{.name = u\"acme_deploy\"_s, .displayName = u\"A\"_s},"_s;
            QString error;
            const auto text = Scaffold::insertIntoRegistry(realRegistry(), u"acme_deploy"_s, entry, &error);
            QVERIFY2(text, qPrintable(error));
            // The entry is there but not the include: the table check must catch it.
            QString withoutInclude = *text;
            withoutInclude.remove(u"#include \"acme_deploy/acme_deploy.h\"\n"_s);
            QVERIFY(writeFile(registryPath, withoutInclude.toUtf8()));
        } else if (conflict == u"shape") {
            QVERIFY(writeFile(registryPath, "// SPDX-License-Identifier: MIT\n// nothing here\n"));
        } else {
            QVERIFY(writeFile(p.path(conflict), "mine\n"));
        }
        const QStringList listing = p.listing();
        const QByteArray registry = readFile(registryPath);

        Scaffold s(p.root(), {.name = u"acme_deploy"_s, .displayName = {}, .categories = {}, .eventHeader = "X-Acme-Event",
                              .captures = {}});
        QVERIFY(!s.problem().isEmpty());
        QStringList created;
        QString error;
        QVERIFY(!s.create(&created, &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(created.isEmpty());
        QCOMPARE(p.listing(), listing);
        QCOMPARE(readFile(registryPath), registry);
        if (conflict.contains(u'/'))
            QCOMPARE(readFile(p.path(conflict)), QByteArray("mine\n"));
    }

    void notAProject()
    {
        QTemporaryDir empty;
        Scaffold s(empty.path(), {.name = u"acme"_s, .displayName = {}, .categories = {}, .eventHeader = {}, .captures = {}});
        QStringList created;
        QString error;
        QVERIFY(!s.create(&created, &error));
        QVERIFY2(error.contains(u"not a Hookbench project"_s), qPrintable(error));
        QVERIFY(QDir(empty.path()).isEmpty(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot));
        Scaffold badCategory(empty.path(), {.name = u"acme"_s, .displayName = {}, .categories = {u"nonsense"_s},
                                            .eventHeader = {}, .captures = {}});
        QVERIFY(badCategory.problem().contains(u"categories"_s));
    }

    void fixturesFromCaptures()
    {
        Project p;
        QVERIFY(p.init());
        QList<Capture> captures{
            jsonCapture(7, "{\"app\":{\"name\":\"billing\"},\"status\":\"failed\",\"app\":1}", "deploy.finished"),
            jsonCapture(9, "{\"app\": \"billing\", \"n\": 1.50}", "Deploy Started"),
            jsonCapture(11, "{}", "deploy.finished"),
        };
        Scaffold s(p.root(), {.name = u"acme_deploy"_s, .displayName = u"Acme Deploy"_s, .categories = {u"deployment"_s},
                              .eventHeader = "X-Acme-Event", .captures = captures});
        QStringList created;
        QString error;
        QVERIFY2(s.create(&created, &error), qPrintable(error));
        QVERIFY(created.contains(u"fixtures/acme_deploy/deploy_finished__captured.json"_s));
        QVERIFY(created.contains(u"fixtures/acme_deploy/deploy_started__captured.json"_s));
        QVERIFY(created.contains(u"fixtures/acme_deploy/deploy_finished__captured_2.json"_s));
        QVERIFY(!created.contains(u"fixtures/acme_deploy/example.json"_s));
        // Bodies in the stable layout, numbers and keys as sent.
        QCOMPARE(readFile(p.path(u"fixtures/acme_deploy/deploy_started__captured.json"_s)),
                 QByteArray("{\n  \"app\": \"billing\",\n  \"n\": 1.50\n}\n"));
        QCOMPARE(readFile(p.path(u"fixtures/acme_deploy/deploy_finished__captured_2.json"_s)), QByteArray("{}\n"));
        // The events seen become the handler's event types.
        const QByteArray source = readFile(p.path(u"integrations/acme_deploy/acme_deploy.cpp"_s));
        QVERIFY2(source.contains("return {u\"deploy.finished\"_s, u\"Deploy Started\"_s};"), source.constData());

        QString loadError;
        const auto suite = loadCaseSuite(p.path(u"fixtures/acme_deploy/cases.json"_s), &loadError);
        QVERIFY2(suite, qPrintable(loadError));
        QCOMPARE(suite->cases.size(), 5);
        const TestCase &first = suite->cases[0];
        QCOMPARE(first.name, u"deploy_finished__captured"_s);
        QVERIFY(first.contentType == std::optional<QByteArray>("application/json"));
        // The event header and the service's own headers stay; secrets and transport headers go.
        QCOMPARE(first.headers, (HeaderList{{"X-Acme-Event", "deploy.finished"}, {"X-Acme-Delivery", "42"}}));
        QCOMPARE(first.query, (ParamList{{u"stream"_s, u"deploys"_s}, {u"topic"_s, u"prod"_s}}));
        QCOMPARE(first.expectedMessages.value(0).topic, u"Acme Deploy"_s);
        QCOMPARE(first.expectedMessages.value(0).content,
                 u"Placeholder message for the **deploy.finished** event. The payload's fields: `app`, `status`."_s);
        QCOMPARE(suite->cases[2].expectedMessages.value(0).content,
                 u"Placeholder message for the **deploy.finished** event. The payload has no fields."_s);
        QCOMPARE(suite->cases[3].expect, u"noop"_s);
        QCOMPARE(suite->cases[4].expect, u"error"_s);
        QVERIFY(!readFile(p.path(u"fixtures/acme_deploy/cases.json"_s)).contains("secret123"));
    }

    void unusableCaptures_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("event");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not json") << QByteArray("a=1&b=2") << QByteArray("x") << u"not JSON"_s;
        QTest::newRow("array") << QByteArray("[1]") << QByteArray("x") << u"not an object"_s;
        QTest::newRow("empty") << QByteArray() << QByteArray("x") << u"no body"_s;
        QTest::newRow("no event") << QByteArray("{}") << QByteArray() << u"no X-Acme-Event header"_s;
    }
    void unusableCaptures()
    {
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, event);
        QFETCH(QString, expected);
        Project p;
        QVERIFY(p.init());
        Capture c = jsonCapture(5, body, event);
        if (event.isEmpty())
            c.headers.removeIf([](const auto &h) { return h.first == "X-Acme-Event"; });
        const QStringList listing = p.listing();
        Scaffold s(p.root(), {.name = u"acme_deploy"_s, .displayName = {}, .categories = {}, .eventHeader = "X-Acme-Event",
                              .captures = {c}});
        QStringList created;
        QString error;
        QVERIFY(!s.create(&created, &error));
        QVERIFY2(error.contains(expected), qPrintable(error));
        QVERIFY2(error.contains(u"Capture 5"_s), qPrintable(error));
        QCOMPARE(p.listing(), listing);
    }

    void command()
    {
        Project p;
        QVERIFY(p.init());
        QProcess run;
        run.start(QStringLiteral(HOOKBENCH_BINARY), {u"new"_s, u"acme_deploy"_s, u"--root"_s, p.root(), u"--display-name"_s,
                                                     u"Acme Deploy"_s, u"--category"_s, u"deployment"_s, u"--event-header"_s,
                                                     u"X-Acme-Event"_s});
        QVERIFY(run.waitForFinished(60000));
        const QString output = QString::fromUtf8(run.readAllStandardOutput());
        QCOMPARE(run.exitCode(), 0);
        QVERIFY2(output.contains(u"integrations/acme_deploy/acme_deploy.cpp"_s), qPrintable(output));
        QVERIFY(output.contains(u"hookbench test acme_deploy"_s));
        QVERIFY(QFileInfo(p.path(u"fixtures/acme_deploy/cases.json"_s)).isFile());

        // Again: refused, exit 1, nothing changed.
        const QStringList listing = p.listing();
        run.start(QStringLiteral(HOOKBENCH_BINARY), {u"new"_s, u"acme_deploy"_s, u"--root"_s, p.root()});
        QVERIFY(run.waitForFinished(60000));
        QCOMPARE(run.exitCode(), 1);
        QVERIFY(run.readAllStandardError().contains("already exists"));
        QCOMPARE(p.listing(), listing);

        // Bad names and options are usage errors.
        for (const QStringList &args : {QStringList{u"new"_s, u"../evil"_s, u"--root"_s, p.root()},
                                        QStringList{u"new"_s, u"Evil"_s, u"--root"_s, p.root()},
                                        QStringList{u"new"_s, u"okay"_s, u"--category"_s, u"nope"_s, u"--root"_s, p.root()},
                                        QStringList{u"new"_s, u"okay"_s, u"--event-header"_s, u"Bad Header"_s, u"--root"_s, p.root()},
                                        QStringList{u"new"_s, u"okay"_s, u"--from-capture"_s, u"x"_s, u"--db"_s,
                                                    p.path(u"missing.db"_s), u"--root"_s, p.root()},
                                        QStringList{u"new"_s}}) {
            run.start(QStringLiteral(HOOKBENCH_BINARY), args);
            QVERIFY(run.waitForFinished(60000));
            QVERIFY2(run.exitCode() == 2, qPrintable(args.join(u' ')));
        }
        QCOMPARE(p.listing(), listing);
    }
};

QTEST_GUILESS_MAIN(TestScaffold)
#include "tst_scaffold.moc"
