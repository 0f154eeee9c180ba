// SPDX-License-Identifier: MIT
// The inline engine: runs the patterns over every text of the tree and puts the resulting nodes in
// place, following Python-Markdown's inline processor step for step where its order is visible in
// the output (which texts are processed again, which are left atomic).
#include "mdinline.h"

#include <deque>

using namespace Qt::StringLiterals;

namespace hb::markdown::detail {

namespace {

// Work allowed for a pattern searching again from the start after each match, in characters per
// character of its text: plenty for real messages, a bound for pathological ones (past it the
// pattern carries on from where it stopped instead).
constexpr qint64 kRescanFactor = 16;
constexpr qint64 kRescanSlack = 4096;

} // namespace

InlineEngine::InlineEngine(Document &doc)
    : m_doc(doc)
    , m_patterns(makePatterns(doc.options()))
{
}

InlineEngine::~InlineEngine() = default;

bool InlineEngine::spend(qsizetype chars)
{
    m_allowance -= chars;
    return m_allowance >= 0;
}

void InlineEngine::run()
{
    // The allowance scales with the document.
    qint64 total = 0;
    std::vector<const Node *> walk{m_doc.root()};
    while (!walk.empty()) {
        const Node *n = walk.back();
        walk.pop_back();
        total += n->text.size() + n->tail.size();
        for (const Node *c : n->children)
            walk.push_back(c);
    }
    m_allowance = 64 * total + (1 << 20);

    std::deque<Node *> queue{m_doc.root()};
    while (!queue.empty()) {
        Node *current = queue.front();
        queue.pop_front();
        std::vector<std::pair<Node *, std::vector<Node *>>> inserts;
        // New children inserted after the current one are visited too, as in Python.
        for (size_t i = 0; i < current->children.size(); ++i) {
            Node *child = current->children[i];
            if (!child->text.isEmpty() && !child->textAtomic) {
                const QString text = std::exchange(child->text, QString());
                std::vector<Node *> made = processPlaceholders(handleInline(text, false, 0), false, child, true);
                queue.insert(queue.end(), made.begin(), made.end());
                inserts.emplace_back(child, std::move(made));
            }
            if (!child->tail.isEmpty()) {
                const bool atomic = child->tailAtomic;
                const QString tail = handleInline(std::exchange(child->tail, QString()), atomic, 0);
                child->tailAtomic = false;
                Node holder;
                std::vector<Node *> made = processPlaceholders(tail, atomic, &holder, false);
                if (!holder.tail.isEmpty()) {
                    child->tail = holder.tail;
                    child->tailAtomic = holder.tailAtomic;
                }
                for (size_t k = 0; k < made.size(); ++k)
                    current->insert(qsizetype(i + 1 + k), made[k]);
            }
            if (!child->children.empty())
                queue.push_back(child);
        }
        for (auto &[element, made] : inserts) {
            for (size_t k = 0; k < made.size(); ++k)
                element->insert(qsizetype(k), made[k]);
        }
    }
}

QString InlineEngine::handleInline(QString data, bool atomic, int patternIndex)
{
    if (atomic)
        return data;
    for (int i = patternIndex; i < int(m_patterns.size()); ++i)
        applyPattern(i, data);
    return data;
}

void InlineEngine::applyPattern(int index, QString &data)
{
    Pattern &pattern = *m_patterns[size_t(index)];
    const qint64 budget = kRescanFactor * data.size() + kRescanSlack;
    qint64 work = 0;
    qsizetype from = 0;
    // Python-Markdown: replace the first match, then search the new text from its start.
    if (pattern.searchesAgainFromStart()) {
        while (true) {
            auto hit = pattern.find(*this, data, 0, 0);
            if (!hit)
                return;
            const QString placeholder = stash(*hit, index);
            data = data.left(hit->start) + placeholder + QStringView(data).mid(hit->end);
            work += data.size();
            if (work > budget) {
                from = hit->start + placeholder.size();
                break;
            }
        }
    }
    // One pass from `from`, building the new text as it goes.
    QString out = data.left(from);
    qsizetype pos = from;
    bool changed = false;
    while (pos <= data.size()) {
        const char32_t before = out.isEmpty() ? 0 : codePointBefore(out, out.size());
        auto hit = pattern.find(*this, data, pos, before);
        if (!hit)
            break;
        out += QStringView(data).mid(pos, hit->start - pos);
        out += stash(*hit, index);
        pos = hit->end;
        changed = true;
    }
    if (!changed)
        return;
    out += QStringView(data).mid(pos);
    data = std::move(out);
}

QString InlineEngine::stash(Hit &hit, int patternIndex)
{
    if (Node *node = hit.value.node; node && !node->textAtomic) {
        std::vector<Node *> family{node};
        family.insert(family.end(), node->children.begin(), node->children.end());
        for (Node *child : family) {
            if (!child->text.isEmpty())
                child->text = handleInline(child->text, child->textAtomic, patternIndex + 1);
            if (!child->tail.isEmpty())
                child->tail = handleInline(child->tail, child->tailAtomic, patternIndex);
        }
    }
    if (int(m_stash.size()) >= kMaxStashed) // cannot happen for texts of sane size
        return hit.value.node ? QString() : hit.value.text;
    const int id = int(m_stash.size());
    m_stash.push_back(std::move(hit.value));
    return QChar(kStx) + encodeId(id) + QChar(kEtx);
}

std::vector<Node *> InlineEngine::processPlaceholders(const QString &data, bool atomic, Node *parent, bool isText)
{
    std::vector<Node *> result;
    const auto linkText = [&](const QString &text, bool textAtomic) {
        if (text.isEmpty())
            return;
        QString *target = nullptr;
        bool *targetAtomic = nullptr;
        if (!result.empty()) {
            target = &result.back()->tail;
            targetAtomic = &result.back()->tailAtomic;
        } else if (!isText) {
            target = &parent->tail;
            targetAtomic = &parent->tailAtomic;
        } else {
            target = &parent->text;
            targetAtomic = &parent->textAtomic;
        }
        if (target->isEmpty()) {
            *target = text;
            *targetAtomic = textAtomic;
        } else {
            *target += text;
            *targetAtomic = false;
        }
    };
    qsizetype start = 0;
    while (start < data.size()) {
        qsizetype index = -1;
        int id = -1;
        for (qsizetype i = data.indexOf(QChar(kStx), start); i >= 0; i = data.indexOf(QChar(kStx), i + 1)) {
            id = inlinePlaceholderAt(data, i);
            if (id >= 0 && id < int(m_stash.size())) {
                index = i;
                break;
            }
        }
        if (index < 0) {
            linkText(data.mid(start), atomic);
            break;
        }
        linkText(data.mid(start, index - start), false);
        const InlineValue &value = m_stash[size_t(id)];
        if (Node *node = value.node) {
            std::vector<Node *> family{node};
            family.insert(family.end(), node->children.begin(), node->children.end());
            for (Node *child : family) {
                if (!child->tail.isEmpty() && !isBlank(child->tail))
                    processElementText(node, child, false);
                if (!child->text.isEmpty() && !isBlank(child->text))
                    processElementText(child, child, true);
            }
            result.push_back(node);
        } else {
            linkText(value.text, false);
        }
        start = index + 4;
    }
    return result;
}

void InlineEngine::processElementText(Node *node, Node *subnode, bool isText)
{
    QString &slot = isText ? subnode->text : subnode->tail;
    bool &slotAtomic = isText ? subnode->textAtomic : subnode->tailAtomic;
    const QString text = std::exchange(slot, QString());
    const bool atomic = std::exchange(slotAtomic, false);
    const std::vector<Node *> made = processPlaceholders(text, atomic, subnode, isText);
    const qsizetype pos = (!isText && node != subnode) ? node->indexOf(subnode) + 1 : 0;
    for (size_t k = 0; k < made.size(); ++k)
        node->insert(pos + qsizetype(k), made[k]);
}

QString InlineEngine::textContent(const Node *n) const
{
    QString out = n->text;
    for (const Node *c : n->children)
        out += textContent(c) + c->tail;
    return out;
}

QString InlineEngine::unescape(QStringView text) const
{
    if (!text.contains(QChar(kStx)))
        return text.toString();
    QString out;
    qsizetype i = 0;
    while (i < text.size()) {
        const int id = text[i] == QChar(kStx) ? inlinePlaceholderAt(text, i) : -1;
        if (id >= 0 && id < int(m_stash.size())) {
            const InlineValue &v = m_stash[size_t(id)];
            out += v.node ? textContent(v.node) : v.text;
            i += 4;
        } else {
            out += text[i];
            ++i;
        }
    }
    return out;
}

void processInlines(Document &doc)
{
    InlineEngine(doc).run();
}

} // namespace hb::markdown::detail
