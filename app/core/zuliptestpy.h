// SPDX-License-Identifier: MIT
#pragma once

#include "casefile.h"
#include "integration.h"

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>

namespace hb {

// Python source text for Zulip's tests.
namespace python {
// A Python string literal of `text` ("…", escapes for backslash, quotes and control characters).
QString stringLiteral(const QString &text);
// A multi-line text as Zulip's tests write it: """\n<text>\n""".strip() when that gives the text back
// exactly; otherwise stringLiteral(text).
QString textLiteral(const QString &text);
// `name` as a Python identifier (other characters become '_'; a leading digit gets '_').
QString identifier(const QString &name);
} // namespace python

// Zulip's test class name for an integration: "<WebhookName>HookTests" ("GiteaHookTests").
QString zulipTestClassName(const IntegrationEntry &entry);
// The Zulip test method name of a case: test_<case>, made an identifier ("test_" not doubled).
QString zulipTestMethodName(const QString &caseName);

// Writes zerver/webhooks/<name>/tests.py for the cases of `suite` that address `entry`: one
// WebhookTestCase subclass, one test per case, with the exact expected topics and messages. Zulip's
// conventions (zulip-reference.md §4): check_webhook with HTTP_* keyword headers and expect_noop;
// client_post + assert_json_error for errors; build_webhook_url for URL options; a get_body override
// for .txt and form-encoded fixtures. `errorMessages` maps a case name to the status and full error
// text the case gives now (cases may pin only the start of the text); missing entries use the case's.
class ZulipTestsWriter final
{
public:
    ZulipTestsWriter(const IntegrationEntry &entry, const CaseSuite &suite);

    QByteArray source(const QHash<QString, std::pair<int, QString>> &errorMessages = {}) const;
    // The cases written (those of this endpoint), and the fixtures they read.
    QList<TestCase> cases() const;
    QStringList fixtures() const;
    // Things a reader should know (cases written in a less usual form, clocks), for the export report.
    QStringList notes() const;

private:
    const IntegrationEntry &m_entry;
    const CaseSuite &m_suite;
};

} // namespace hb
