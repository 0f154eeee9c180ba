// SPDX-License-Identifier: MIT
// The line stage, before any block is recognised: lists that hang off a paragraph get their blank
// line, whitespace is normalised, and fenced blocks (``` and ~~~: code, quote, spoiler, math) are
// resolved. Code becomes stashed HTML; quotes and spoilers become Markdown again ("> " lines,
// spoiler frames around their content) for the block parser.
#include "mdcore.h"

#include <QHash>

#include <algorithm>
#include <optional>

using namespace Qt::StringLiterals;

namespace hb::markdown::detail {

namespace {

// Fences nest (quotes in quotes); past this depth an opening fence is an ordinary line, which keeps
// the "> " prefixes of nested quotes from growing without bound.
constexpr int kMaxFenceDepth = 32;

struct FenceLine
{
    QString fence;  // the run of ~ or `
    QString lang;   // may be empty
    QString header; // spoiler title; empty when absent
};

bool isLangChar(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '_'
        || u == '+' || u == ',' || u == '-' || u == '.' || u == '/' || u == '#';
}

// A fence line: ``` or ~~~ (three or more) at the start, then optionally a language and a header.
std::optional<FenceLine> matchFence(QStringView line)
{
    if (line.size() < 3 || (line[0] != u'`' && line[0] != u'~'))
        return std::nullopt;
    const QChar f = line[0];
    qsizetype i = 0;
    while (i < line.size() && line[i] == f)
        ++i;
    if (i < 3)
        return std::nullopt;
    FenceLine m;
    m.fence = line.left(i).toString();
    while (i < line.size() && line[i] == u' ')
        ++i;
    if (i == line.size())
        return m;
    // {.lang header}
    qsizetype p = i;
    if (line[p] == u'{')
        ++p;
    qsizetype dot = -1;
    if (p < line.size() && line[p] == u'.')
        dot = p++;
    qsizetype e = p;
    while (e < line.size() && isLangChar(line[e]))
        ++e;
    if (e == p && dot >= 0) { // the dot is the language
        p = dot;
        e = p;
        while (e < line.size() && isLangChar(line[e]))
            ++e;
    }
    if (e == p)
        return std::nullopt;
    m.lang = line.mid(p, e - p).toString();
    while (e < line.size() && line[e] == u' ')
        ++e;
    const QStringView rest = line.mid(e);
    if (rest.contains(u'~') || rest.contains(u'`'))
        return std::nullopt;
    m.header = rest.toString();
    return m;
}

// "* item", "- item", "+ item" (length 1) or "1. item" (length 2), after any indentation.
int listMarker(QStringView line)
{
    qsizetype i = 0;
    while (i < line.size() && line[i] == u' ')
        ++i;
    if (i >= line.size())
        return 0;
    int length = 0;
    qsizetype after = i;
    if (line[i] == u'*' || line[i] == u'+' || line[i] == u'-') {
        length = 1;
        after = i + 1;
    } else if (isDigitAt(line, i)) {
        const qsizetype d = line[i].isHighSurrogate() ? 2 : 1;
        if (i + d < line.size() && line[i + d] == u'.') {
            length = 2;
            after = i + d + 1;
        }
    }
    if (length == 0 || after >= line.size() || line[after] != u' ')
        return 0;
    return length;
}

// A list line directly under a paragraph line (or a list of the other kind) gets a blank line
// before it, so that the list "hangs" off the paragraph. Lines in code fences are left alone.
QStringList separateHangingLists(const QStringList &lines)
{
    QStringList out;
    out.reserve(lines.size() + 8);
    std::vector<std::pair<QString, bool>> open; // fence, is code
    int openCode = 0;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        out.append(lines[i]);
        if (i + 1 >= lines.size())
            break;
        if (const auto m = matchFence(lines[i])) {
            const bool isCode = m->lang != u"quote" && m->lang != u"quoted";
            const bool closes = m->lang.isEmpty() && !open.empty() && open.back().first == m->fence;
            if (closes) {
                openCode -= open.back().second ? 1 : 0;
                open.pop_back();
            } else {
                open.emplace_back(m->fence, isCode);
                openCode += isCode ? 1 : 0;
            }
        }
        const int li1 = listMarker(lines[i]);
        const int li2 = listMarker(lines[i + 1]);
        if (openCode == 0 && !lines[i].isEmpty()
            && ((li2 && !li1) || (li1 && li2 && (li1 == 1) != (li2 == 1))))
            out.append(QString());
    }
    return out;
}

// Python's str.expandtabs(4): columns count code points.
QString expandTabs(const QString &s)
{
    if (!s.contains(u'\t'))
        return s;
    QString out;
    out.reserve(s.size() + 64);
    qsizetype column = 0;
    for (qsizetype i = 0; i < s.size(); ++i) {
        const QChar c = s[i];
        if (c == u'\t') {
            const qsizetype n = 4 - column % 4;
            out += QString(n, u' ');
            column += n;
        } else if (c == u'\n' || c == u'\r') {
            out += c;
            column = 0;
        } else {
            out += c;
            if (!c.isLowSurrogate())
                ++column;
        }
    }
    return out;
}

QStringList normalizeWhitespace(const QStringList &lines)
{
    QString source = lines.join(u'\n');
    source.remove(QChar(kStx));
    source.remove(QChar(kEtx));
    source.replace(u"\r\n"_s, u"\n"_s);
    source.replace(u'\r', u'\n');
    source += u"\n\n"_s;
    source = expandTabs(source);
    QStringList out = source.split(u'\n');
    // A line of spaces after a line break (and before another) is emptied.
    for (qsizetype i = 1; i + 1 < out.size(); ++i) {
        const QString &l = out[i];
        if (!l.isEmpty() && std::all_of(l.begin(), l.end(), [](QChar c) { return c == u' '; }))
            out[i].clear();
    }
    return out;
}

QString djangoEscape(QStringView s)
{
    QString out = escapeHtml(s, false);
    out.replace(u'"', u"&quot;"_s);
    out.replace(u'\'', u"&#x27;"_s);
    return out;
}

class FencedBlocks
{
public:
    explicit FencedBlocks(Document &doc)
        : m_doc(doc)
    {
    }

    QStringList run(const QStringList &lines)
    {
        m_stack.clear();
        m_stack.push_back(Handler{Kind::Outer, {}, {}, {}, {}});
        for (const QString &line : lines)
            handleLine(line);
        while (!m_stack.empty())
            done();
        QStringList &output = m_output;
        if (output.size() > 2 && !output[output.size() - 2].isEmpty())
            output.append(QString());
        return output;
    }

private:
    enum class Kind { Outer, Code, Quote, Spoiler, Math };
    struct Handler
    {
        Kind kind;
        QString fence;
        QString lang;
        QString header;
        QStringList lines;
    };

    // Where a handler's finished lines go: its parent's lines (the outer output at the bottom).
    QStringList &outputOf(size_t index)
    {
        return index <= 1 ? m_output : m_stack[index - 1].lines;
    }

    void handleLine(const QString &line)
    {
        Handler &h = m_stack.back();
        const size_t index = m_stack.size() - 1;
        switch (h.kind) {
        case Kind::Outer:
            checkForNewFence(m_output, line);
            break;
        case Kind::Code:
        case Kind::Math:
            if (pyRStrip(line) == h.fence)
                done();
            else
                h.lines.append(pyRStrip(line).toString());
            break;
        case Kind::Quote:
        case Kind::Spoiler:
            if (pyRStrip(line) == h.fence)
                done();
            else
                checkForNewFence(m_stack[index].lines, line);
            break;
        }
    }

    void checkForNewFence(QStringList &output, const QString &line)
    {
        const auto m = m_stack.size() < size_t(kMaxFenceDepth) ? matchFence(line) : std::nullopt;
        if (!m) {
            output.append(line);
            return;
        }
        const QString lang = m->lang.toLower();
        Kind kind = Kind::Code;
        if (lang == u"quote" || lang == u"quoted")
            kind = Kind::Quote;
        else if (lang == u"math")
            kind = Kind::Math;
        else if (lang == u"spoiler")
            kind = Kind::Spoiler;
        m_stack.push_back(Handler{kind, m->fence, lang, m->header, {}});
    }

    void done()
    {
        const size_t index = m_stack.size() - 1;
        Handler h = std::move(m_stack.back());
        m_stack.pop_back();
        if (h.kind == Kind::Outer || h.lines.isEmpty())
            return;
        QStringList &output = outputOf(index);
        const QString text = h.lines.join(u'\n');
        QStringList produced;
        switch (h.kind) {
        case Kind::Code:
            produced.append(m_doc.stashHtml(codeBlockHtml(text, h.lang, false)));
            break;
        case Kind::Math: {
            // No TeX engine here: Zulip's rendering for TeX it cannot typeset.
            QStringList parts;
            for (const QString &paragraph : text.split(u"\n\n"_s))
                parts.append(u"<span class=\"tex-error\">"_s + djangoEscape(paragraph) + u"</span>"_s);
            produced.append(m_doc.stashHtml(parts.join(u"\n\n"_s)));
            break;
        }
        case Kind::Quote:
            for (const QString &l : h.lines)
                produced.append(u"> "_s + l);
            break;
        case Kind::Spoiler: {
            QStringList parts;
            parts.append(m_doc.stashHtml(u"<div class=\"spoiler-block\"><div class=\"spoiler-header\">"_s));
            if (!h.header.isEmpty())
                parts.append(h.header);
            parts.append(m_doc.stashHtml(u"</div><div class=\"spoiler-content\" aria-hidden=\"true\">"_s));
            parts.append(text);
            parts.append(m_doc.stashHtml(u"</div></div>"_s));
            produced = parts.join(u"\n\n"_s).split(u'\n');
            break;
        }
        case Kind::Outer:
            break;
        }
        output.append(QString());
        output.append(produced);
        output.append(QString());
    }

    Document &m_doc;
    std::vector<Handler> m_stack;
    QStringList m_output;
};

// Pygments' names of the languages people write most, by the alias a fence may use; anything
// else is shown as written (Zulip does the same for languages Pygments does not know).
QString languageName(const QString &lang)
{
    static const QHash<QString, QString> kNames = [] {
        QHash<QString, QString> h;
        const auto add = [&h](std::initializer_list<const char16_t *> aliases, const char16_t *name) {
            for (const char16_t *a : aliases)
                h.insert(QString::fromUtf16(a), QString::fromUtf16(name));
        };
        add({u"python", u"py", u"sage", u"python3", u"py3", u"bazel", u"starlark", u"pyi"}, u"Python");
        add({u"python2", u"py2"}, u"Python 2.x");
        add({u"pycon", u"python-console"}, u"Python console session");
        add({u"pytb", u"py3tb", u"py2tb"}, u"Python Traceback");
        add({u"javascript", u"js", u"mjs", u"cjs"}, u"JavaScript");
        add({u"jsx", u"react"}, u"JSX");
        add({u"typescript", u"ts"}, u"TypeScript");
        add({u"tsx"}, u"TSX");
        add({u"java"}, u"Java");
        add({u"kotlin"}, u"Kotlin");
        add({u"scala"}, u"Scala");
        add({u"groovy"}, u"Groovy");
        add({u"c"}, u"C");
        add({u"cpp", u"c++"}, u"C++");
        add({u"csharp", u"c#", u"cs"}, u"C#");
        add({u"objective-c", u"objectivec", u"obj-c", u"objc"}, u"Objective-C");
        add({u"go", u"golang"}, u"Go");
        add({u"rust", u"rs"}, u"Rust");
        add({u"swift"}, u"Swift");
        add({u"ruby", u"rb", u"duby"}, u"Ruby");
        add({u"php", u"php3", u"php4", u"php5"}, u"PHP");
        add({u"perl", u"pl"}, u"Perl");
        add({u"lua"}, u"Lua");
        add({u"haskell", u"hs"}, u"Haskell");
        add({u"elixir", u"ex", u"exs"}, u"Elixir");
        add({u"erlang"}, u"Erlang");
        add({u"clojure", u"clj"}, u"Clojure");
        add({u"ocaml"}, u"OCaml");
        add({u"fsharp", u"f#"}, u"F#");
        add({u"dart"}, u"Dart");
        add({u"julia", u"jl"}, u"Julia");
        add({u"r", u"s", u"splus"}, u"S");
        add({u"matlab"}, u"Matlab");
        add({u"bash", u"sh", u"ksh", u"zsh", u"shell", u"openrc"}, u"Bash");
        add({u"console", u"shell-session"}, u"Bash Session");
        add({u"powershell", u"pwsh", u"posh", u"ps1", u"psm1"}, u"PowerShell");
        add({u"batch", u"bat", u"dosbatch", u"winbatch"}, u"Batchfile");
        add({u"html"}, u"HTML");
        add({u"xml"}, u"XML");
        add({u"css"}, u"CSS");
        add({u"scss"}, u"SCSS");
        add({u"json", u"json-object"}, u"JSON");
        add({u"yaml"}, u"YAML");
        add({u"toml"}, u"TOML");
        add({u"ini", u"cfg", u"dosini"}, u"INI");
        add({u"sql"}, u"SQL");
        add({u"mysql"}, u"MySQL");
        add({u"postgresql", u"postgres"}, u"PostgreSQL SQL dialect");
        add({u"diff", u"udiff"}, u"Diff");
        add({u"markdown", u"md"}, u"Markdown");
        add({u"rst", u"rest", u"restructuredtext"}, u"reStructuredText");
        add({u"tex", u"latex"}, u"TeX");
        add({u"text"}, u"Text only");
        add({u"docker", u"dockerfile"}, u"Docker");
        add({u"make", u"makefile", u"mf", u"bsdmake"}, u"Makefile");
        add({u"cmake"}, u"CMake");
        add({u"nginx"}, u"Nginx configuration file");
        add({u"vim"}, u"VimL");
        add({u"graphql"}, u"GraphQL");
        add({u"protobuf", u"proto"}, u"Protocol Buffer");
        add({u"terraform", u"tf", u"hcl"}, u"Terraform");
        add({u"nix", u"nixos"}, u"Nix");
        add({u"http"}, u"HTTP");
        add({u"coffeescript", u"coffee-script", u"coffee"}, u"CoffeeScript");
        add({u"emacs-lisp", u"elisp", u"emacs"}, u"EmacsLisp");
        return h;
    }();
    return kNames.value(lang, lang);
}

} // namespace

QString codeBlockHtml(const QString &code, const QString &language, bool trailingNewline)
{
    qsizetype b = 0;
    qsizetype e = code.size();
    while (b < e && code[b] == u'\n')
        ++b;
    while (e > b && code[e - 1] == u'\n')
        --e;
    // Pygments escapes quotes too; Zulip's re-serialization of a block with a language does not.
    const QString body = escapeHtml(QStringView(code).mid(b, e - b), language.isEmpty());
    QString html = u"<div class=\"codehilite\""_s;
    if (!language.isEmpty())
        html += u" data-code-language=\""_s + escapeHtml(languageName(language), true) + u'"';
    html += u"><pre><span></span><code>"_s + body + u"\n</code></pre></div>"_s;
    if (trailingNewline)
        html += u'\n';
    return html;
}

QStringList preprocess(Document &doc, const QString &source)
{
    QStringList lines = separateHangingLists(source.split(u'\n'));
    lines = normalizeWhitespace(lines);
    return FencedBlocks(doc).run(lines);
}

} // namespace hb::markdown::detail
