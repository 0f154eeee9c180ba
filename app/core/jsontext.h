// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace hb {

// Where the JSON text of an editor stops being valid: 1-based line and column (in UTF-16 units,
// as the editor counts them), the character position, and hb::parseJson's message.
struct JsonTextError
{
    int line = 1;
    int column = 1;
    qsizetype position = 0;
    QString message;

    QString toString() const; // "line L, column C: <message>"
};

// nullopt when the text is one valid JSON document.
std::optional<JsonTextError> findJsonError(QStringView text);

enum class JsonLayout { Indented, Compact };

// Re-lays out VALID JSON text without going through a value: keys keep their order and every string
// and number keeps its exact spelling (1.0 stays 1.0, "\u00e9" stays escaped). Indented is the
// layout of our fixture files (and of Python's json.dumps(indent=2)): two spaces, "key": value,
// empty containers as {} and []. Call findJsonError first: the result of invalid input is unspecified.
QString reformatJson(QStringView text, JsonLayout layout);

// The form a fixture file is written in: indented, with a final newline.
QString stableJson(QStringView text);

} // namespace hb
