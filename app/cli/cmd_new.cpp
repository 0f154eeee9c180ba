// SPDX-License-Identifier: MIT
// hookbench new: scaffold a new integration in the project tree (see app/core/scaffold.h).
#include "cli.h"

#include "capturestore.h"
#include "integration.h"
#include "scaffold.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace hb::cli {

namespace {

bool isProjectRoot(const QString &dir)
{
    return QFileInfo(QDir(dir).filePath(u"integrations/registry.cpp"_s)).isFile()
        && QFileInfo(QDir(dir).filePath(u"fixtures"_s)).isDir();
}

// The folder holding integrations/ and fixtures/: the nearest one above the working directory, else
// the one the fixtures folder is in, else the source tree.
QString defaultRoot()
{
    for (QString dir = QDir::currentPath(); !dir.isEmpty();) {
        if (isProjectRoot(dir))
            return dir;
        const QString parent = QFileInfo(dir).absolutePath();
        if (parent == dir)
            break;
        dir = parent;
    }
    const QString fromFixtures = QFileInfo(fixturesDirectory()).absolutePath();
    return isProjectRoot(fromFixtures) ? fromFixtures : QStringLiteral(HOOKBENCH_SOURCE_DIR);
}

} // namespace

int newCommand(const QStringList &args)
{
    const QString cmd = u"new"_s;
    QCommandLineParser p;
    p.setApplicationDescription(
        u"Create a new integration: a placeholder handler, its registry entry, fixtures and cases that pass, "
        "doc.md and a monogram logo. Nothing is written if any of it exists."_s);
    p.addHelpOption();
    p.addOptions({
        {u"display-name"_s, u"The service's name as people write it (default: from the name)."_s, u"TEXT"_s},
        {u"category"_s, u"One of Zulip's category keys; repeat for several (default: misc)."_s, u"KEY"_s},
        {u"event-header"_s, u"The HTTP header that names the event, e.g. X-Acme-Event."_s, u"NAME"_s},
        {u"from-capture"_s, u"Make a fixture and a case of this capture; repeat for several."_s, u"ID"_s},
        {u"db"_s, u"The capture store for --from-capture (default: the application's)."_s, u"FILE"_s},
        {u"root"_s, u"The project folder holding integrations/ and fixtures/ (default: found from here)."_s, u"DIR"_s},
    });
    p.addPositionalArgument(u"name"_s, u"Machine name: lower-case letters, digits and _, starting with a letter."_s);
    if (!p.parse(args))
        return usageError(p.errorText(), cmd);
    if (p.isSet(u"help"_s)) {
        printHelp(p, cmd);
        out(u"\nCategories: %1\n"_s.arg(categoryKeys().join(u", "_s)));
        return 0;
    }
    if (p.positionalArguments().size() != 1)
        return usageError(u"give exactly one name"_s, cmd);

    ScaffoldSpec spec;
    spec.name = p.positionalArguments().first();
    spec.displayName = p.value(u"display-name"_s);
    spec.categories = p.values(u"category"_s);
    spec.eventHeader = p.value(u"event-header"_s).toLatin1();
    if (QString e = Scaffold::nameError(spec.name); !e.isEmpty())
        return usageError(e, cmd);
    if (p.isSet(u"display-name"_s)) {
        if (QString e = Scaffold::displayNameError(spec.displayName); !e.isEmpty())
            return usageError(e, cmd);
    }
    for (const QString &c : std::as_const(spec.categories)) {
        if (categoryDisplayName(c).isEmpty())
            return usageError(u"\"%1\" is not one of Zulip's categories (%2)"_s.arg(c, categoryKeys().join(u", "_s)), cmd);
    }
    if (p.isSet(u"event-header"_s)) {
        if (QString e = Scaffold::eventHeaderError(spec.eventHeader); !e.isEmpty())
            return usageError(e, cmd);
    }

    const QStringList ids = p.values(u"from-capture"_s);
    if (!ids.isEmpty()) {
        CaptureStore store;
        const QString db = p.value(u"db"_s);
        if (!db.isEmpty() && !QFileInfo(db).isFile())
            return usageError(u"no capture store at %1"_s.arg(db), cmd);
        if (!store.open(db)) {
            err(u"hookbench new: cannot open the capture store: %1\n"_s.arg(store.errorString()));
            return 1;
        }
        for (const QString &text : ids) {
            bool ok = false;
            const qint64 id = text.toLongLong(&ok);
            if (!ok || id <= 0)
                return usageError(u"--from-capture takes a capture id, not \"%1\""_s.arg(text), cmd);
            std::optional<Capture> capture = store.byId(id);
            if (!capture) {
                err(u"hookbench new: capture %1 is not in %2%3\n"_s.arg(text, store.path(),
                    store.errorString().isEmpty() ? QString() : u": "_s + store.errorString()));
                return 1;
            }
            spec.captures.append(std::move(*capture));
        }
    }

    const QString root = p.isSet(u"root"_s) ? QDir(p.value(u"root"_s)).absolutePath() : defaultRoot();
    const Scaffold scaffold(root, spec);
    QStringList created;
    QString error;
    if (!scaffold.create(&created, &error)) {
        err(u"hookbench new: %1\n"_s.arg(error));
        return 1;
    }
    QString text = u"Created %1 (%2) in %3:\n"_s.arg(spec.name, scaffold.displayName(), QDir::toNativeSeparators(root));
    for (const QString &path : std::as_const(created))
        text += u"  %1%2\n"_s.arg(path, path.endsWith(u"registry.cpp"_s) ? u" (one #include and one entry added)"_s : QString());
    text += u"\nNext steps:\n"_s;
    const QStringList steps = scaffold.nextSteps();
    for (int i = 0; i < steps.size(); ++i)
        text += u"  %1. %2\n"_s.arg(i + 1).arg(steps[i]);
    out(text);
    return 0;
}

} // namespace hb::cli
