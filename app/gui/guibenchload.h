// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QThread>

#include <optional>

namespace hb::gui::bench {

// What `hookbench bench gui` sends to the listener: one request again and again, paced to a fixed
// rate, over a few keep-alive connections.
struct LoadPlan
{
    quint16 port = 0;
    QByteArray request;     // a complete HTTP/1.1 request, head and body
    int rate = 1000;        // requests per second
    int seconds = 10;
    int connections = 8;
};

struct LoadResult
{
    qint64 sent = 0;
    qint64 answered = 0;    // 2xx
    qint64 refused = 0;     // any other status
    qint64 lost = 0;        // no answer: connection closed, or none within the grace time
    double seconds = 0;     // from the first request sent to the last answer
    qint64 maxBacklog = 0;  // most requests that were due while every connection was busy
    QList<qint64> latencyUs; // of each answer, sorted
};

// Runs a plan on a thread of its own, so that the client shares nothing with the GUI thread whose
// stalls are measured. The result appears (on the generator's thread) once every request is
// answered or given up.
class LoadGenerator final : public QObject
{
public:
    explicit LoadGenerator(QObject *parent = nullptr);
    ~LoadGenerator() override;

    void start(const LoadPlan &plan);
    const std::optional<LoadResult> &result() const { return m_result; }

private:
    QThread m_thread;
    std::optional<LoadResult> m_result;
};

} // namespace hb::gui::bench
