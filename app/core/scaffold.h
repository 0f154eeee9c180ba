// SPDX-License-Identifier: MIT
#pragma once

#include "capturestore.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace hb {

// What `hookbench new` and the New integration wizard ask for.
struct ScaffoldSpec
{
    QString name;            // machine name: a-z, 0-9 and _, starting with a letter
    QString displayName;     // empty: made from the name ("acme_deploy" -> "Acme Deploy")
    QStringList categories;  // Zulip's category keys; empty: misc
    QByteArray eventHeader;  // the header that names the event ("X-Acme-Event"); empty: none
    QList<Capture> captures; // requests to turn into fixtures; none: one placeholder fixture
};

// One file the scaffold writes, relative to the project root ("integrations/acme/acme.cpp").
struct ScaffoldFile
{
    QString path;
    QByteArray bytes;
    bool replaces = false;   // true only for integrations/registry.cpp, which gains one entry
};

// Creates a new integration in a project tree (the folder holding integrations/ and fixtures/):
// the handler (a placeholder that compiles and renders a message from the payload), its include and
// entry in integrations/registry.cpp (alphabetical), fixtures/<name>/ with fixtures and a
// cases.json that the placeholder passes, doc.md and a monogram logo. Everything or nothing: the
// files are written to a staging folder inside the root and moved in place at the end; nothing is
// written when any target exists.
class Scaffold final
{
    Q_DECLARE_TR_FUNCTIONS(Scaffold)

public:
    static constexpr int kMinNameLength = 2;
    static constexpr int kMaxNameLength = 40;
    static constexpr int kMaxDisplayNameLength = 60; // it is the placeholder's topic
    static constexpr int kPlaceholderFieldsShown = 10;

    // Why a name is refused, empty when it is fine: syntax, length, C++ keywords and names that
    // would not make a usable namespace.
    static QString nameError(const QString &name);
    static QString displayNameError(const QString &displayName);
    static QString eventHeaderError(const QByteArray &header);
    // "acme_deploy" -> "Acme Deploy".
    static QString defaultDisplayName(const QString &name);

    // The placeholder handler's message content for a payload with these top-level keys, and the
    // event (empty when the integration has no event header). The generated handler computes the
    // same text; the cases expect it.
    static QString placeholderContent(const QString &event, const QStringList &keys);

    // registry.cpp with the integration's #include and entry added in alphabetical order; every
    // other line is kept. nullopt (with *error) when the file is not in the expected shape or
    // already has the name.
    static std::optional<QString> insertIntoRegistry(const QString &registryText, const QString &name,
                                                     const QString &entryText, QString *error);

    Scaffold(QString root, ScaffoldSpec spec);

    const ScaffoldSpec &spec() const { return m_spec; }
    QString root() const { return m_root; }
    QString displayName() const;

    // Everything checked before the disk is touched: the spec, the project layout, that no target
    // exists and that registry.cpp can take the entry. Empty when creating can go ahead.
    QString problem() const;
    // The files that create() would write, with their contents.
    std::optional<QList<ScaffoldFile>> files(QString *error) const;
    // Writes them all, or nothing. `created` gets the paths written (relative to the root).
    bool create(QStringList *created, QString *error) const;

    // What to do next, one step a line, for the command's output and the wizard's last words.
    QStringList nextSteps() const;

private:
    QString handlerHeader() const;
    QString handlerSource(const QStringList &events) const;
    QString registryEntry() const;
    QString docText(const QStringList &events) const;
    QString logoSvg() const;
    bool fixtureFiles(QList<ScaffoldFile> &out, QStringList *events, QString *error) const;

    QString m_root;
    ScaffoldSpec m_spec;
};

} // namespace hb
