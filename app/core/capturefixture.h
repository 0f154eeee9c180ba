// SPDX-License-Identifier: MIT
#pragma once

#include "capturestore.h"
#include "casefile.h"
#include "integration.h"
#include "json.h"
#include "redaction.h"

#include <QCoreApplication>
#include <QString>

#include <optional>

namespace hb {

class FixtureFolder;

// "Save capture as fixture": a capture of a registered integration becomes a fixture file of
// fixtures/<folder>/ and a case of its cases.json that sends the same request again and expects the
// outcome the capture stored. What identifies the sender or its secrets stays out of the case.
class CaptureFixture final
{
    Q_DECLARE_TR_FUNCTIONS(CaptureFixture)

public:
    CaptureFixture(const IntegrationEntry &entry, Capture capture);

    // Why the capture cannot be saved, empty when it can: its body must have been read (not refused
    // unread) and its stored outcome must be readable.
    QString problem() const;

    // "<event>__captured.json" from the event header's value when the integration has one, else
    // "<integration>_captured.json" (.txt for a body that is not JSON), made unique in the folder:
    // no such file, no case of that name.
    QString suggestedName(const FixtureFolder &folder) const;

    // The fixture file: a JSON body in the stable fixture layout (two-space indent, keys and literals
    // as sent, final newline); any other body byte for byte, except that a form body loses its api_key.
    // With a redaction set, its applied redactions are in it.
    QByteArray fileBytes() const;

    // What to redact in the file and in the case's headers and query (every finding applied), with the
    // user's marks (JSON paths or literals, see findRedactions()).
    RequestRedaction redaction(const QStringList &marks = {}) const;
    // From now on the file, the case's headers and query, and its expected texts (each applied
    // original replaced by its fake) come from `redaction`; nullopt saves the capture as it is.
    void setRedaction(std::optional<RequestRedaction> redaction) { m_redaction = std::move(redaction); }
    const std::optional<RequestRedaction> &currentRedaction() const { return m_redaction; }

    // The case for a fixture saved as `name`: test (the name without its extension), method, fixture,
    // body null, content_type, headers (without the left-out ones), query (without api_key) and
    // expect with expected_messages, expected_response (a no-op answered with a code) or expected_error.
    std::optional<JsonValue> testCase(const QString &name, QString *error) const;

    // Writes the file and adds the case. The name is checked before the disk is touched; a name that
    // is taken (file or case) is refused unless `replace`, which replaces both.
    bool save(FixtureFolder &folder, const QString &name, bool replace, QString *error) const;

    // The case saved for the fixture `name`, run with the registry's handlers; nullopt if there is none.
    static std::optional<CaseResult> runSavedCase(const Registry &registry, const FixtureFolder &folder, const QString &name);
    // "push__captured.json" -> "push__captured": the case's test name.
    static QString testName(const QString &fixtureName);
    // The file exists, or cases.json has a case of the name without its extension.
    static bool isTaken(const FixtureFolder &folder, const QString &name);
    // Transport and hop-by-hop headers (Host, Content-Length, Connection, …), Content-Type (the case's
    // content_type), and headers that carry secrets (Authorization, Cookie, names with auth, token,
    // secret, signature, password or key). `eventHeader` is never left out.
    static bool isLeftOutHeader(QByteArrayView name, QByteArrayView eventHeader = {});
    // What isLeftOutHeader() drops, for a tooltip.
    static QString leftOutDescription();

private:
    bool isJsonBody() const;
    QByteArray plainFileBytes() const;
    QString redacted(const QString &text) const;
    JsonValue headersObject() const;
    JsonValue queryObject() const;
    bool addExpectation(std::vector<JsonValue::Member> &members, QString *error) const;

    const IntegrationEntry &m_entry;
    Capture m_capture;
    WebhookRequest m_request;
    std::optional<RequestRedaction> m_redaction;
};

} // namespace hb
