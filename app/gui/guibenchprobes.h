// SPDX-License-Identifier: MIT
#pragma once

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QTimer>

#include <optional>

class QWidget;

namespace hb::gui::bench {

// When a widget has finished the first paint after arm(), on a clock of the caller's. The filter
// sees the paint event before the widget handles it, so the time is taken by a call queued
// behind it: once the paint is done and flushed.
class PaintProbe final : public QObject
{
public:
    PaintProbe(QWidget *widget, const QElapsedTimer &clock);

    void arm();
    bool isArmed() const { return m_armed; }
    std::optional<qint64> paintedNs() const { return m_paintedNs; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    const QElapsedTimer &m_clock;
    bool m_armed = false;
    std::optional<qint64> m_paintedNs;
};

// The event loop's stalls on the thread it is started from: a timer that should fire every 5 ms,
// and how much later than that each tick came.
class StallMeter final
{
public:
    static constexpr int kPeriodMs = 5;

    StallMeter();
    void start();
    void stop();

    qsizetype ticks() const { return m_lateNs.size(); }
    double worstMs() const;
    double percentileMs(double percent) const; // after stop()

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_lastNs = 0;
    QList<qint64> m_lateNs;
};

} // namespace hb::gui::bench
