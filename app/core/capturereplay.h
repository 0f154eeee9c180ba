// SPDX-License-Identifier: MIT
#pragma once

#include "capturestore.h"
#include "dispatcher.h"

#include <QByteArrayView>

#include <optional>

namespace hb {

// The request a capture holds, as the listener handed it to the dispatcher: method, target (path
// and query), headers, body and arrival time (so time-dependent messages come out the same).
WebhookRequest requestFromCapture(const Capture &capture);

// Runs the captured request again through the registry's handlers.
Outcome replayCapture(const Registry &registry, const Capture &capture, const DispatchOptions &options);

// The outcome a capture stored (Outcome::toJson()); nullopt when the text is not one.
std::optional<Outcome> outcomeFromJson(QByteArrayView json);

// Same messages, reason or error, and notes.
bool sameOutcome(const Outcome &a, const Outcome &b);

} // namespace hb
