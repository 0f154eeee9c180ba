// SPDX-License-Identifier: MIT
#pragma once

#include "zulipclient.h"

#include <QString>

#include <optional>

namespace hb {

// Reads the [api] section of a zuliprc file (email, key, site) the way Zulip's own tools read it
// with Python's ConfigParser: "key=value" or "key: value", names case-insensitive, values
// stripped, '#' and ';' comment lines, indented continuation lines. "~" at the start of the path
// is the home directory. nullopt (with *error) when the file cannot be read, has no [api] section
// or lacks email or key (site may be absent, then the caller must give one).
std::optional<ZulipAccount> readZuliprc(const QString &path, QString *error);
std::optional<ZulipAccount> parseZuliprc(QByteArrayView text, QString *error);

} // namespace hb
