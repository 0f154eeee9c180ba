// SPDX-License-Identifier: MIT
#pragma once

#include "casefile.h"

#include <QObject>
#include <QStringList>

#include <atomic>
#include <memory>

namespace hb {

// Runs fixtures/<name>/cases.json of several integrations on a worker thread, reporting progress
// and the results to the thread that started it.
class CaseRunner final : public QObject
{
    Q_OBJECT

public:
    explicit CaseRunner(const Registry &registry, QObject *parent = nullptr);
    ~CaseRunner() override;

    // folders: fixture folders to run (empty = every registered integration). Ignored while running.
    void run(const QString &fixturesDir, const QStringList &folders = {});
    void cancel();
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    void progress(int done, int total);
    // One integration finished: its results (a suite that cannot be read gives one failed result).
    void suiteFinished(const QString &integration, const QList<hb::CaseResult> &results);
    void finished(bool cancelled);

private:
    const Registry &m_registry;
    bool m_running = false;
    std::shared_ptr<std::atomic_bool> m_cancel;
    QThread *m_thread = nullptr;
};

} // namespace hb
