// SPDX-License-Identifier: MIT
#include "guibenchload.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>
#include <functional>
#include <memory>
#include <vector>

using namespace Qt::StringLiterals;

namespace hb::gui::bench {

namespace {

constexpr qint64 kGraceNs = 5'000'000'000; // for the last answers, once sending is over

struct Connection
{
    QTcpSocket *socket = nullptr;
    QByteArray buffer;
    qint64 sentAtNs = -1; // -1: no request under way
};

// One complete response at the start of `buffer`: its status and length, or nullopt for more bytes.
std::optional<std::pair<int, qsizetype>> takeResponse(const QByteArray &buffer)
{
    const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return std::nullopt;
    qint64 length = 0;
    for (const QByteArray &line : buffer.left(headEnd).split('\n')) {
        if (line.trimmed().toLower().startsWith("content-length:"))
            length = line.mid(line.indexOf(':') + 1).trimmed().toLongLong();
    }
    if (buffer.size() < headEnd + 4 + length)
        return std::nullopt;
    return std::pair{buffer.mid(9, 3).toInt(), qsizetype(headEnd + 4 + length)};
}

} // namespace

// Lives on the generator's thread. A 1 ms timer keeps the schedule: request i is due at i/rate
// seconds, and goes out on the first idle connection; answers free their connection at once.
class LoadWorker final : public QObject
{
public:
    LoadWorker(LoadPlan plan, std::function<void(const LoadResult &)> done)
        : m_plan(std::move(plan)), m_done(std::move(done)), m_total(qint64(m_plan.rate) * m_plan.seconds)
    {
    }

    void run();

private:
    void connectOne(Connection &c);
    void tick();
    void onReadyRead(Connection &c);
    void onClosed(Connection &c);
    void finish();

    LoadPlan m_plan;
    std::function<void(const LoadResult &)> m_done;
    qint64 m_total;
    std::vector<std::unique_ptr<Connection>> m_connections;
    QTimer *m_timer = nullptr;
    QElapsedTimer m_clock;
    qint64 m_lastSentNs = 0;
    bool m_finished = false;
    LoadResult m_result;
};

void LoadWorker::run()
{
    for (int i = 0; i < m_plan.connections; ++i) {
        auto c = std::make_unique<Connection>();
        c->socket = new QTcpSocket(this);
        Connection *raw = c.get();
        connect(c->socket, &QTcpSocket::readyRead, this, [this, raw] { onReadyRead(*raw); });
        connect(c->socket, &QTcpSocket::disconnected, this, [this, raw] { onClosed(*raw); });
        connect(c->socket, &QTcpSocket::errorOccurred, this, [this, raw] { onClosed(*raw); });
        connectOne(*c);
        c->socket->waitForConnected(2000);
        m_connections.push_back(std::move(c));
    }
    m_timer = new QTimer(this);
    m_timer->setTimerType(Qt::PreciseTimer);
    m_timer->setInterval(1);
    connect(m_timer, &QTimer::timeout, this, &LoadWorker::tick);
    m_clock.start();
    m_timer->start();
    tick();
}

void LoadWorker::connectOne(Connection &c)
{
    c.buffer.clear();
    c.socket->connectToHost(QHostAddress(QHostAddress::LocalHost), m_plan.port);
}

void LoadWorker::tick()
{
    if (m_finished)
        return;
    const qint64 now = m_clock.nsecsElapsed();
    const qint64 due = std::min(m_total, now * m_plan.rate / 1'000'000'000 + 1);
    for (const auto &c : m_connections) {
        if (m_result.sent >= due)
            break;
        if (c->socket->state() == QAbstractSocket::UnconnectedState)
            connectOne(*c); // the listener closed it: a new one, as a client would
        if (c->sentAtNs >= 0 || c->socket->state() != QAbstractSocket::ConnectedState)
            continue;
        c->sentAtNs = m_clock.nsecsElapsed();
        c->socket->write(m_plan.request);
        m_lastSentNs = c->sentAtNs;
        ++m_result.sent;
    }
    m_result.maxBacklog = std::max(m_result.maxBacklog, due - m_result.sent);
    const bool busy = std::any_of(m_connections.cbegin(), m_connections.cend(), [](const auto &c) { return c->sentAtNs >= 0; });
    const bool allSent = m_result.sent == m_total;
    if ((allSent && (!busy || now - m_lastSentNs > kGraceNs)) || now > m_plan.seconds * 1'000'000'000ll + 2 * kGraceNs)
        finish();
}

void LoadWorker::onReadyRead(Connection &c)
{
    c.buffer += c.socket->readAll();
    while (const auto response = takeResponse(c.buffer)) {
        c.buffer.remove(0, response->second);
        if (c.sentAtNs < 0)
            continue; // not ours to count
        (response->first / 100 == 2 ? m_result.answered : m_result.refused) += 1;
        m_result.latencyUs.append((m_clock.nsecsElapsed() - c.sentAtNs) / 1000);
        c.sentAtNs = -1;
    }
    tick();
}

void LoadWorker::onClosed(Connection &c)
{
    if (c.sentAtNs >= 0) {
        ++m_result.lost;
        c.sentAtNs = -1;
    }
}

void LoadWorker::finish()
{
    m_finished = true;
    m_timer->stop();
    for (const auto &c : m_connections) {
        if (c->sentAtNs >= 0)
            ++m_result.lost;
        c->sentAtNs = -1;
        c->socket->abort();
    }
    m_result.seconds = double(m_clock.nsecsElapsed()) / 1e9;
    std::sort(m_result.latencyUs.begin(), m_result.latencyUs.end());
    m_done(m_result);
}

LoadGenerator::LoadGenerator(QObject *parent) : QObject(parent)
{
    m_thread.setObjectName(u"bench-load"_s);
}

LoadGenerator::~LoadGenerator()
{
    m_thread.quit();
    m_thread.wait();
}

void LoadGenerator::start(const LoadPlan &plan)
{
    m_result.reset();
    auto *worker = new LoadWorker(plan, [this](const LoadResult &r) {
        QMetaObject::invokeMethod(this, [this, r] { m_result = r; }, Qt::QueuedConnection);
    });
    worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, worker, &QObject::deleteLater);
    if (!m_thread.isRunning())
        m_thread.start();
    QMetaObject::invokeMethod(worker, [worker] { worker->run(); }, Qt::QueuedConnection);
}

} // namespace hb::gui::bench
