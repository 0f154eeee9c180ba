// SPDX-License-Identifier: MIT
// Runs every fixtures/<name>/cases.json and Zulip's shared conformance cases, one test row per case.
#include "casefile.h"
#include "registry.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace hb;
using namespace Qt::StringLiterals;

namespace {

QString sourceDir()
{
    return QStringLiteral(HOOKBENCH_SOURCE_DIR);
}

QString conformanceDir()
{
    const QString env = qEnvironmentVariable("HOOKBENCH_CONFORMANCE");
    return env.isEmpty() ? sourceDir() + u"/../shared/conformance/zulip"_s : env;
}

// Adds one row per case of the suites found in `files`; rows carry the suite file and case index.
void addCaseRows(const QStringList &files, bool onlyShipped)
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("index");
    for (const QString &file : files) {
        QString error;
        const auto suite = loadCaseSuite(file, &error);
        if (!suite) {
            QTest::newRow(qPrintable(file)) << file << -1;
            continue;
        }
        if (onlyShipped && !builtinRegistry().find(suite->integration))
            continue;
        for (int i = 0; i < suite->cases.size(); ++i)
            QTest::addRow("%s/%s#%d", qPrintable(suite->integration), qPrintable(suite->cases[i].name), i) << file << i;
    }
}

void runRow()
{
    QFETCH(QString, file);
    QFETCH(int, index);
    QString error;
    const auto suite = loadCaseSuite(file, &error);
    QVERIFY2(suite, qPrintable(error));
    QVERIFY2(index >= 0, qPrintable(file));
    const CaseResult r = runCase(builtinRegistry(), *suite, suite->cases[index]);
    QVERIFY2(r.passed, qPrintable(r.detail));
}

QStringList ownSuites()
{
    QStringList files;
    for (const IntegrationEntry &e : builtinRegistry().entries())
        files.append(sourceDir() + u"/fixtures/"_s + e.folder() + u"/cases.json"_s);
    files.removeDuplicates();
    return files;
}

} // namespace

class TestCases : public QObject
{
    Q_OBJECT

private slots:
    void registryIsValid()
    {
        const QStringList problems = builtinRegistry().validate();
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    }

    void everyIntegrationHasCasesAndDoc()
    {
        for (const IntegrationEntry &e : builtinRegistry().entries()) {
            QVERIFY2(QFileInfo::exists(sourceDir() + u"/fixtures/"_s + e.folder() + u"/cases.json"_s), qPrintable(e.name));
            QVERIFY2(QFileInfo::exists(e.docResource()), qPrintable(e.name + u": no doc.md in the resources"_s));
            QString error;
            const auto suite = loadCaseSuite(sourceDir() + u"/fixtures/"_s + e.folder() + u"/cases.json"_s, &error);
            QVERIFY2(suite, qPrintable(error));
            QSet<QString> kinds;
            for (const TestCase &t : suite->cases)
                kinds.insert(t.expect);
            QVERIFY2(kinds.contains(u"message"_s) && kinds.contains(u"noop"_s) && kinds.contains(u"error"_s),
                     qPrintable(e.name + u": cases need a message, a no-op and an error case"_s));
        }
    }

    void ownCases_data() { addCaseRows(ownSuites(), false); }
    void ownCases() { runRow(); }

    // Our fixtures are our own: none may be a byte copy of a conformance fixture.
    void fixturesAreOurs()
    {
        if (!QFileInfo(conformanceDir()).isDir())
            QSKIP("../shared/conformance is absent");
        QSet<QByteArray> theirs;
        QDirIterator it(conformanceDir(), QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile f(it.next());
            if (f.open(QIODevice::ReadOnly) && f.size() > 200)
                theirs.insert(QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha1));
        }
        QDirIterator ours(sourceDir() + u"/fixtures"_s, QDir::Files, QDirIterator::Subdirectories);
        while (ours.hasNext()) {
            QFile f(ours.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            QVERIFY2(!theirs.contains(QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha1)),
                     qPrintable(f.fileName() + u" is a copy of a conformance fixture"_s));
        }
    }

    // "clock" as an object fixes "now" only for the tests it names; a number fixes it for all.
    void clockAppliesToNamedTests()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"cases.json"_s);
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"integration\": \"x\", \"clock\": {\"mock_time_time\": 1517739100, \"applies_to\": [\"test_late\"]},"
                " \"cases\": [{\"test\": \"test_late[1]\", \"expect\": \"noop\"},"
                " {\"test\": \"test_other\", \"expect\": \"noop\"}]}");
        f.close();
        QString error;
        const auto suite = loadCaseSuite(path, &error);
        QVERIFY2(suite, qPrintable(error));
        QCOMPARE(suite->cases.size(), 2);
        QCOMPARE(suite->clockFor(suite->cases[0]), std::optional<qint64>(1517739100));
        QCOMPARE(suite->clockFor(suite->cases[1]), std::nullopt);

        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write("{\"integration\": \"x\", \"clock\": 42, \"cases\": [{\"test\": \"test_other\", \"expect\": \"noop\"}]}");
        f.close();
        const auto all = loadCaseSuite(path, &error);
        QVERIFY2(all, qPrintable(error));
        QCOMPARE(all->clockFor(all->cases[0]), std::optional<qint64>(42));
    }

    void conformance_data()
    {
        QStringList files;
        QDir dir(conformanceDir());
        for (const QString &sub : dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
            if (QFileInfo::exists(dir.filePath(sub + u"/cases.json"_s)))
                files.append(dir.filePath(sub + u"/cases.json"_s));
        }
        addCaseRows(files, true);
    }
    void conformance()
    {
        if (!QFileInfo(conformanceDir()).isDir())
            QSKIP("../shared/conformance is absent: Zulip's conformance cases were not run");
        runRow();
    }
};

QTEST_MAIN(TestCases)
#include "tst_cases.moc"
