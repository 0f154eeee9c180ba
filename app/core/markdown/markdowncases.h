// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QString>

#include <optional>

// Markdown test cases in the shape of Zulip's markdown_test_cases.json (see
// ../shared/conformance/README.md): "regular_tests" ({name, input, expected_output,
// translate_emoticons}) and "linkify_tests" ([input, template, url]).
namespace hb::markdown {

struct TestCase
{
    QString name; // linkify cases are named "linkify[N]"
    QString input;
    QString expected;
    bool translateEmoticons = false;
};

std::optional<QList<TestCase>> loadTestCases(const QString &path, QString *error = nullptr);

// The HTML a linkify case expects: the template with "%s" replaced by the link to url.
QString linkifyExpectation(const QString &templ, const QString &url);

} // namespace hb::markdown
