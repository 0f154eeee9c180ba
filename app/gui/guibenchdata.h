// SPDX-License-Identifier: MIT
#pragma once

#include "capturestore.h"
#include "integration.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

// The material of `hookbench bench gui`: realistic captures and the request the load sends.
namespace hb::gui::bench {

// Every case of every suite under fixturesDir as the listener would have stored it: the request
// with the headers a sender adds, and what the dispatcher answered. Empty (with *error) when no
// suite could be read.
QList<Capture> fixtureCaptures(const Registry &registry, const QString &fixturesDir, QString *error);

// Capture n (0 = the oldest) of a store of `total`: the samples in turn, one every few seconds up
// to `newest`, from varying ports, now and then pinned.
Capture nthCapture(const QList<Capture> &samples, qint64 n, qint64 total, const QDateTime &newest);

// The smallest JSON request among the samples that makes a message: what the load repeats.
const Capture *smallestJsonMessage(const QList<Capture> &samples);

// The capture's request as bytes on the wire (HTTP/1.1, keep-alive).
QByteArray httpRequest(const Capture &capture);

} // namespace hb::gui::bench
