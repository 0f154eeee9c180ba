// SPDX-License-Identifier: MIT
#include "guibenchprobes.h"

#include <QEvent>
#include <QWidget>

#include <algorithm>
#include <cmath>

namespace hb::gui::bench {

PaintProbe::PaintProbe(QWidget *widget, const QElapsedTimer &clock) : m_clock(clock)
{
    widget->installEventFilter(this); // removed again when the probe is destroyed
}

void PaintProbe::arm()
{
    m_armed = true;
    m_paintedNs.reset();
}

bool PaintProbe::eventFilter(QObject *watched, QEvent *event)
{
    if (m_armed && event->type() == QEvent::Paint) {
        m_armed = false;
        QMetaObject::invokeMethod(this, [this] { m_paintedNs = m_clock.nsecsElapsed(); }, Qt::QueuedConnection);
    }
    return QObject::eventFilter(watched, event);
}

StallMeter::StallMeter()
{
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(kPeriodMs);
    QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] {
        const qint64 now = m_clock.nsecsElapsed();
        m_lateNs.append(std::max<qint64>(0, now - m_lastNs - qint64(kPeriodMs) * 1'000'000));
        m_lastNs = now;
    });
}

void StallMeter::start()
{
    m_lateNs.clear();
    m_clock.start();
    m_lastNs = 0;
    m_timer.start();
}

void StallMeter::stop()
{
    m_timer.stop();
    std::sort(m_lateNs.begin(), m_lateNs.end());
}

double StallMeter::worstMs() const
{
    return m_lateNs.isEmpty() ? 0 : double(*std::max_element(m_lateNs.cbegin(), m_lateNs.cend())) / 1e6;
}

double StallMeter::percentileMs(double percent) const
{
    if (m_lateNs.isEmpty())
        return 0;
    const auto rank = qsizetype(std::ceil(percent / 100 * double(m_lateNs.size())));
    return double(m_lateNs[std::clamp<qsizetype>(rank - 1, 0, m_lateNs.size() - 1)]) / 1e6;
}

} // namespace hb::gui::bench
