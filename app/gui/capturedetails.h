// SPDX-License-Identifier: MIT
#pragma once

#include "capturestore.h"
#include "parsedjson.h"

#include <optional>

namespace hb::gui {

// A body as the Raw tab shows it: text when it is UTF-8 without control characters, otherwise a
// hex dump; either way only the first bytes of a large body.
struct RawBody
{
    QString text;
    bool hex = false;
    qsizetype shownBytes = 0;
    qsizetype totalBytes = 0;

    bool isTruncated() const { return shownBytes < totalBytes; }
};

// Everything the inspector shows of one capture, worked out off the GUI thread: the decoded query
// and form, the body and a form's JSON field parsed, the raw text, the stored outcome.
struct CaptureDetails
{
    Capture capture;
    ParamList query;
    bool formEncoded = false;
    ParamList form;
    QString payloadField;             // the form field (or query parameter) holding JSON; empty if none
    ParsedJson payload;               // that field, parsed
    std::optional<ParsedJson> body;   // nullopt for an empty or form-encoded body
    RawBody raw;
    std::optional<Outcome> storedOutcome;
};

struct RawLimits
{
    qsizetype textBytes = 256 * 1024;
    qsizetype lineBytes = 64 * 1024; // text stops at the first line longer than this
    qsizetype hexBytes = 64 * 1024;
};

// payloadField: the parameter the capture's integration reads its JSON from ("payload").
CaptureDetails analyseCapture(Capture capture, const QString &payloadField, RawLimits limits = {});
RawBody rawBodyOf(QByteArrayView body, RawLimits limits = {});
// "00000010  7b 22 61 22 ...  |{"a"...|", sixteen bytes a line.
QString hexDump(QByteArrayView bytes, qsizetype firstOffset = 0);

// The JSON path a payload error names ("alerts[0].labels is missing" -> "alerts[0].labels");
// nullopt for other outcomes.
std::optional<QString> errorJsonPath(const Outcome &outcome);

} // namespace hb::gui
