// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringList>

#include <optional>

// Zulip's message rules, each in one place: lengths, normalisation and event filters.
namespace hb::zulip {

inline constexpr int kMaxTopicLength = 60;          // MAX_TOPIC_NAME_LENGTH
inline constexpr int kMaxMessageLength = 10000;     // MAX_MESSAGE_LENGTH
inline constexpr qint64 kMaxBodyBytes = 25 * 1024 * 1024; // request bodies we accept

// truncate_content(): lengths are Python string lengths (code points).
QString truncate(const QString &text, int maxLength, const QString &suffix);
QString truncateTopic(const QString &topic);

// normalize_body() + truncation; nullopt with *error set when Zulip would refuse the content.
std::optional<QString> normalizeContent(const QString &content, QString *error);
// Topic as check_stream_topic() + truncate_topic() leave it; nullopt with *error when refused.
std::optional<QString> normalizeTopic(const QString &topic, QString *error);

// Python's fnmatch.fnmatchcase: *, ?, [seq], [!seq].
bool wildcardMatch(QStringView pattern, QStringView name);
// only_events / exclude_events value: a JSON list of strings, or a comma-separated list.
std::optional<QStringList> parseEventList(const QString &value);
// true when the event passes both filters (either may be absent).
bool eventPassesFilters(const QString &eventType, const std::optional<QStringList> &onlyEvents,
                        const std::optional<QStringList> &excludeEvents);

qsizetype codePointLength(QStringView s);

} // namespace hb::zulip
