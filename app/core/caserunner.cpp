// SPDX-License-Identifier: MIT
#include "caserunner.h"

#include <QDir>
#include <QFileInfo>
#include <QPointer>
#include <QThread>

using namespace Qt::StringLiterals;

namespace hb {

CaseRunner::CaseRunner(const Registry &registry, QObject *parent) : QObject(parent), m_registry(registry) {}

CaseRunner::~CaseRunner()
{
    cancel();
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
    }
}

void CaseRunner::cancel()
{
    if (m_cancel)
        *m_cancel = true;
}

void CaseRunner::run(const QString &fixturesDir, const QStringList &folders)
{
    if (m_running)
        return;
    QStringList names = folders;
    if (names.isEmpty()) {
        for (const IntegrationEntry &e : m_registry.entries()) {
            if (!names.contains(e.folder()))
                names.append(e.folder());
        }
    }
    m_running = true;
    m_cancel = std::make_shared<std::atomic_bool>(false);
    QPointer<CaseRunner> self(this);
    const Registry &registry = m_registry;
    m_thread = QThread::create([self, &registry, fixturesDir, names, cancel = m_cancel] {
        // Load every suite first so progress knows the total.
        QList<std::pair<QString, std::optional<CaseSuite>>> suites;
        QList<QString> errors;
        int total = 0;
        for (const QString &name : names) {
            QString error;
            auto suite = loadCaseSuite(QDir(fixturesDir).filePath(name + u"/cases.json"_s), &error);
            total += suite ? int(suite->cases.size()) : 1;
            suites.append({name, std::move(suite)});
            errors.append(error);
        }
        int done = 0;
        for (qsizetype i = 0; i < suites.size() && !*cancel; ++i) {
            const auto &[name, suite] = suites[i];
            QList<CaseResult> results;
            if (!suite) {
                CaseResult r;
                r.integration = name;
                r.name = u"cases.json"_s;
                r.detail = errors[i];
                results.append(r);
                ++done;
            } else {
                for (const TestCase &t : suite->cases) {
                    if (*cancel)
                        break;
                    results.append(runCase(registry, *suite, t));
                    ++done;
                }
            }
            QMetaObject::invokeMethod(self, [self, name, results, done, total] {
                if (!self)
                    return;
                emit self->suiteFinished(name, results);
                emit self->progress(done, total);
            }, Qt::QueuedConnection);
        }
        const bool cancelled = *cancel;
        QMetaObject::invokeMethod(self, [self, cancelled] {
            if (!self)
                return;
            self->m_running = false;
            self->m_thread->deleteLater();
            self->m_thread = nullptr;
            emit self->finished(cancelled);
        }, Qt::QueuedConnection);
    });
    m_thread->start();
}

} // namespace hb
