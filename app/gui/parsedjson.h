// SPDX-License-Identifier: MIT
#pragma once

#include "json.h"

#include <QString>

#include <memory>
#include <optional>

namespace hb::gui {

// Where a JSON text stops being valid, as a person reads it: line and column as well as the offset.
struct JsonSyntaxError
{
    QString message;       // the parser's words ("unexpected end of input")
    qsizetype offset = 0;  // bytes from the start of the text
    int line = 1;          // 1-based
    int column = 1;        // 1-based, in characters
    QString excerpt;       // the text around the error, on one line
    int excerptColumn = 0; // where the error is in the excerpt (0-based, in characters)

    // "unexpected end of input at offset 12 (line 1, column 13)"
    QString describe() const;
};

// A JSON text parsed for display: the document (shared, so models and copies stay cheap) or the
// syntax error.
struct ParsedJson
{
    std::shared_ptr<const JsonValue> document;
    std::optional<JsonSyntaxError> error;

    bool isValid() const { return document != nullptr; }
};

ParsedJson parseForDisplay(QByteArrayView text);
JsonSyntaxError locateSyntaxError(QByteArrayView text, const JsonParseError &error);

} // namespace hb::gui
