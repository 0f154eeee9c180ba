// SPDX-License-Identifier: MIT
#include "capturedetails.h"

#include "capturereplay.h"

#include <QRegularExpression>
#include <QStringDecoder>

using namespace Qt::StringLiterals;

namespace hb::gui {

namespace {

bool isTextByte(unsigned char c)
{
    return c >= 0x20 || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

// Where the shown text ends: at the byte limit, or earlier where a line grows longer than the line
// limit (a text view lays out a whole line at once: minified JSON is one long line), moved back to
// the start of the UTF-8 sequence it would split.
qsizetype textCut(QByteArrayView body, const RawLimits &limits)
{
    qsizetype cut = std::min(limits.textBytes, body.size());
    for (qsizetype lineStart = 0; lineStart < cut;) {
        const qsizetype newline = body.first(cut).indexOf('\n', lineStart);
        const qsizetype lineEnd = newline < 0 ? cut : newline;
        if (lineEnd - lineStart > limits.lineBytes) {
            cut = lineStart + limits.lineBytes;
            break;
        }
        lineStart = lineEnd + 1;
    }
    if (cut < body.size()) {
        while (cut > 0 && (static_cast<unsigned char>(body[cut]) & 0xC0) == 0x80)
            --cut;
    }
    return cut;
}

std::optional<QString> asText(QByteArrayView bytes)
{
    for (char c : bytes) {
        if (!isTextByte(static_cast<unsigned char>(c)))
            return std::nullopt;
    }
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decoder.decode(bytes);
    if (decoder.hasError())
        return std::nullopt;
    return text;
}

std::optional<QString> valueOf(const ParamList &params, const QString &name)
{
    std::optional<QString> found;
    for (const auto &[k, v] : params) {
        if (k == name)
            found = v; // the last one wins, as Django's QueryDict
    }
    return found;
}

} // namespace

QString hexDump(QByteArrayView bytes, qsizetype firstOffset)
{
    static constexpr char digits[] = "0123456789abcdef";
    QString out;
    out.reserve((bytes.size() / 16 + 1) * 78);
    for (qsizetype line = 0; line < bytes.size(); line += 16) {
        out += u"%1  "_s.arg(firstOffset + line, 8, 16, QLatin1Char('0'));
        QString ascii;
        for (qsizetype i = line; i < line + 16; ++i) {
            if (i < bytes.size()) {
                const auto c = static_cast<unsigned char>(bytes[i]);
                out += QLatin1Char(digits[c >> 4]);
                out += QLatin1Char(digits[c & 15]);
                out += u' ';
                ascii += c >= 0x20 && c < 0x7f ? QChar(c) : u'.';
            } else {
                out += u"   "_s;
            }
            if (i == line + 7)
                out += u' ';
        }
        out += u" |"_s + ascii + u"|\n"_s;
    }
    return out;
}

RawBody rawBodyOf(QByteArrayView body, RawLimits limits)
{
    RawBody raw;
    raw.totalBytes = body.size();
    const qsizetype cut = textCut(body, limits);
    if (std::optional<QString> text = asText(body.first(cut))) {
        raw.text = std::move(*text);
        raw.shownBytes = cut;
        return raw;
    }
    raw.hex = true;
    raw.shownBytes = std::min(body.size(), limits.hexBytes);
    raw.text = hexDump(body.first(raw.shownBytes));
    return raw;
}

CaptureDetails analyseCapture(Capture capture, const QString &payloadField, RawLimits limits)
{
    CaptureDetails d;
    const WebhookRequest request = requestFromCapture(capture);
    d.query = request.query;
    d.formEncoded = request.isFormEncoded();
    if (d.formEncoded)
        d.form = request.formFields();
    const std::optional<QString> payload = valueOf(d.form, payloadField) ? valueOf(d.form, payloadField)
                                                                         : valueOf(d.query, payloadField);
    if (payload) {
        d.payloadField = payloadField;
        d.payload = parseForDisplay(payload->toUtf8());
    }
    if (!capture.body.isEmpty() && !d.formEncoded)
        d.body = parseForDisplay(capture.body);
    d.raw = rawBodyOf(capture.body, limits);
    d.storedOutcome = outcomeFromJson(capture.outcomeJson);
    d.capture = std::move(capture);
    return d;
}

std::optional<QString> errorJsonPath(const Outcome &outcome)
{
    if (!outcome.isError() || outcome.error().status != 400)
        return std::nullopt;
    // Payload errors read "<path> is missing", "<path> is not a string (it is null)", "<path> is
    // neither …": the path has no spaces in our notation.
    static const QRegularExpression pattern(u"^(\\S+) is (missing|not |neither )"_s);
    const QRegularExpressionMatch m = pattern.match(outcome.error().msg);
    if (!m.hasMatch())
        return std::nullopt;
    const QString path = m.captured(1);
    if (path == u"only_events" || path == u"exclude_events") // URL options, not payload paths
        return std::nullopt;
    return path; // "payload" names the whole document: no such key selects the top level
}

} // namespace hb::gui
