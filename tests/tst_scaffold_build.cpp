// SPDX-License-Identifier: MIT
// The scaffold's real proof (slow: a full build of the application): copy the source tree, run
// `hookbench new` for an integration with an event header and one without, configure and build the
// copy, and run the new integrations' cases with the copy's own hookbench. Registered with the
// label "slow"; set HOOKBENCH_SKIP_SLOW to skip it.
#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

// The tree to copy: this build's source, or HOOKBENCH_SCAFFOLD_SOURCE (another checkout or snapshot).
QString sourceDir()
{
    const QString other = qEnvironmentVariable("HOOKBENCH_SCAFFOLD_SOURCE");
    return other.isEmpty() ? QStringLiteral(HOOKBENCH_SOURCE_DIR) : other;
}

// Top-level entries that are not source: build trees, version control, scaffold staging folders.
bool isSkipped(const QFileInfo &entry)
{
    const QString name = entry.fileName();
    return name.startsWith(u"build"_s) || name == u".git" || name.startsWith(u".hookbench-new-"_s)
        || (entry.isDir() && QFileInfo::exists(entry.filePath() + u"/CMakeCache.txt"_s));
}

bool copyTree(const QString &from, const QString &to, int *files, QString *error)
{
    const QDir source(from);
    for (const QFileInfo &top : source.entryInfoList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot)) {
        if (isSkipped(top))
            continue;
        QStringList paths;
        if (top.isDir() && !top.isSymLink()) {
            QDirIterator it(top.filePath(), QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
            while (it.hasNext())
                paths.append(it.next());
        } else if (top.isFile()) {
            paths.append(top.filePath());
        }
        for (const QString &path : std::as_const(paths)) {
            const QString target = QDir(to).filePath(source.relativeFilePath(path));
            if (!QDir().mkpath(QFileInfo(target).absolutePath()) || !QFile::copy(path, target)) {
                *error = u"cannot copy %1 to %2"_s.arg(path, target);
                return false;
            }
            ++*files;
        }
    }
    return true;
}

struct Run
{
    int exitCode = -1;
    QString output; // stdout and stderr
    qint64 seconds = 0;
};

Run run(const QString &program, const QStringList &args, const QString &workingDir, int timeoutMinutes)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(u"HOOKBENCH_FIXTURES"_s); // the copy's own fixtures, found from the working directory
    p.setProcessEnvironment(env);
    p.setWorkingDirectory(workingDir);
    p.setProcessChannelMode(QProcess::MergedChannels);
    QElapsedTimer timer;
    timer.start();
    p.start(program, args);
    Run r;
    if (!p.waitForStarted(60000)) {
        r.output = u"%1 did not start: %2"_s.arg(program, p.errorString());
        return r;
    }
    if (!p.waitForFinished(timeoutMinutes * 60 * 1000)) {
        p.kill();
        p.waitForFinished(10000);
        r.output = u"%1 did not finish within %2 minutes\n"_s.arg(program).arg(timeoutMinutes);
    }
    r.output += QString::fromUtf8(p.readAll());
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.seconds = timer.elapsed() / 1000;
    return r;
}

QString tail(const QString &text, int lines = 40)
{
    QStringList all = text.split(u'\n');
    return all.mid(qMax(0, int(all.size()) - lines)).join(u'\n');
}

} // namespace

class TestScaffoldBuild : public QObject
{
    Q_OBJECT

private slots:
    void newIntegrationBuildsAndPasses()
    {
        if (qEnvironmentVariableIsSet("HOOKBENCH_SKIP_SLOW"))
            QSKIP("HOOKBENCH_SKIP_SLOW is set: this test copies the source tree and builds hookbench (many minutes)");
        QTemporaryDir temp;
        QVERIFY(temp.isValid());
        const QString root = temp.filePath(u"src"_s);
        int files = 0;
        QString error;
        QVERIFY2(copyTree(sourceDir(), root, &files, &error), qPrintable(error));
        QVERIFY2(QFileInfo(root + u"/integrations/registry.cpp"_s).isFile(), "the copy has no registry.cpp");
        qInfo("copied %d files of the source tree to %s", files, qPrintable(root));

        const QString hookbench = QStringLiteral(HOOKBENCH_BINARY);
        Run r = run(hookbench, {u"new"_s, u"acme_deploy"_s, u"--root"_s, root, u"--display-name"_s, u"Acme Deploy"_s,
                                u"--category"_s, u"deployment"_s, u"--event-header"_s, u"X-Acme-Event"_s}, root, 2);
        QVERIFY2(r.exitCode == 0, qPrintable(r.output));
        QVERIFY2(r.output.contains(u"integrations/acme_deploy/acme_deploy.cpp"_s), qPrintable(r.output));
        r = run(hookbench, {u"new"_s, u"acme_ping"_s, u"--root"_s, root}, root, 2);
        QVERIFY2(r.exitCode == 0, qPrintable(r.output));

        const QString build = root + u"/build"_s;
        // Unoptimised and without debug information: the quickest build that proves the code compiles.
        r = run(u"cmake"_s, {u"-S"_s, root, u"-B"_s, build, u"-G"_s, u"Ninja"_s, u"-DCMAKE_BUILD_TYPE=Debug"_s,
                             u"-DCMAKE_CXX_FLAGS_DEBUG=-O0"_s}, root, 15);
        QVERIFY2(r.exitCode == 0, qPrintable(tail(r.output)));
        qInfo("configured in %llds", r.seconds);
        r = run(u"ninja"_s, {u"-C"_s, build, u"hookbench"_s}, root, 85);
        QVERIFY2(r.exitCode == 0, qPrintable(tail(r.output)));
        qInfo("built hookbench in %llds", r.seconds);
        // The generated code compiles without warnings (CI builds with -Werror).
        for (const QString &line : r.output.split(u'\n')) {
            if (line.contains(u"acme_"_s) && line.contains(u"warning:"_s))
                QFAIL(qPrintable(u"warning in the generated code: "_s + line));
        }

        const QString built = build + u"/app/hookbench"_s;
        r = run(built, {u"test"_s, u"acme_deploy"_s, u"acme_ping"_s, u"--verbose"_s}, root, 2);
        qInfo("%s", qPrintable(r.output.trimmed()));
        QVERIFY2(r.exitCode == 0, qPrintable(r.output));
        QVERIFY2(r.output.contains(u"6 passed, 0 failed"_s), qPrintable(r.output));
        QVERIFY(r.output.contains(u"PASS acme_deploy example"_s));
        QVERIFY(r.output.contains(u"PASS acme_ping head_probe"_s));

        // The new integrations are registered, with their docs and logos compiled in.
        r = run(built, {u"integrations"_s}, root, 2);
        QVERIFY2(r.exitCode == 0, qPrintable(r.output));
        QVERIFY2(r.output.contains(u"acme_deploy"_s) && r.output.contains(u"acme_ping"_s), qPrintable(r.output));
        for (const QString &line : r.output.split(u'\n')) {
            if (line.startsWith(u"acme_"_s))
                QVERIFY2(line.contains(u"logo: monogram"_s), qPrintable(line));
        }
    }
};

int main(int argc, char **argv)
{
    // The build takes longer than QTest's default five-minute watchdog allows.
    if (!qEnvironmentVariableIsSet("QTEST_FUNCTION_TIMEOUT"))
        qputenv("QTEST_FUNCTION_TIMEOUT", "5700000");
    QCoreApplication app(argc, argv);
    TestScaffoldBuild test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_scaffold_build.moc"
