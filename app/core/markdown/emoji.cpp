// SPDX-License-Identifier: MIT
#include "emoji.h"

// PLACEHOLDER until the generated table lands.
namespace hb::emoji {

std::optional<Emoji> byName(QStringView)
{
    return std::nullopt;
}

std::optional<Emoji> matchAt(QStringView, qsizetype, qsizetype *)
{
    return std::nullopt;
}

std::optional<QString> emoticonName(QStringView)
{
    return std::nullopt;
}

} // namespace hb::emoji
