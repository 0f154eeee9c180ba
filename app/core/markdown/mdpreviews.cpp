// SPDX-License-Identifier: MIT
// Inline image previews: a link to an image gets a preview after its paragraph (or at the end of
// its list item), in Zulip's shape. The preview's image goes through Zulip's /thumbnail endpoint,
// a relative URL, so rendering a message never fetches a remote image. Previews Zulip makes from
// the network (YouTube, Vimeo, tweets, Dropbox, page embeds) and video previews are left out.
#include "mdinline.h"

#include <QSet>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace hb::markdown::detail {

namespace {

constexpr int kPreviewLimit = 24; // Zulip previews nothing when a message links more images

struct FoundLink
{
    Node *a = nullptr;
    Node *parent = nullptr;
    Node *grandparent = nullptr;
    bool quoted = false;
    QString url;
    QString text; // the link's text before any child element; empty when none
};

// Every link, breadth first, with its parent and grandparent.
std::vector<FoundLink> findLinks(Node *root)
{
    struct Entry
    {
        Node *node;
        qsizetype parent;
        bool quoted; // the node or an ancestor is a quote
    };
    std::vector<Entry> entries{{root, -1, false}};
    std::vector<FoundLink> found;
    for (size_t i = 0; i < entries.size(); ++i) {
        const Entry current = entries[i];
        for (Node *child : current.node->children) {
            entries.push_back(Entry{child, qsizetype(i), current.quoted || child->tag == u"blockquote"});
            if (child->tag != u"a")
                continue;
            FoundLink f;
            f.a = child;
            f.parent = current.node;
            f.grandparent = current.parent >= 0 ? entries[size_t(current.parent)].node : nullptr;
            f.quoted = current.quoted;
            f.url = child->attr(u"href"_s);
            f.text = child->text;
            found.push_back(f);
        }
    }
    return found;
}

bool isImage(const QString &url)
{
    const auto parts = splitUrl(url);
    if (!parts || parts->netloc == u"pasteboard.co")
        return false;
    const QString path = parts->path.toLower();
    for (const char16_t *ext : {u".bmp", u".gif", u".jpe", u".jpeg", u".jpg", u".png", u".webp"}) {
        if (path.endsWith(QStringView(ext)))
            return true;
    }
    return false;
}

// Wikipedia file pages and linx.li pages stand for an image elsewhere.
std::optional<QString> correctedImageSource(const QString &url)
{
    auto parts = splitUrl(url);
    if (!parts)
        return std::nullopt;
    if (parts->netloc.toLower().endsWith(u".wikipedia.org"_s) && parts->path.startsWith(u"/wiki/File:"_s)) {
        parts->path.replace(0, 11, u"/wiki/Special:FilePath/File:"_s);
        return joinUrl(*parts);
    }
    if (parts->netloc == u"linx.li")
        return u"https://linx.li/s"_s + parts->path;
    return std::nullopt;
}

// GitHub "blob" pages of images: the raw file.
QString actualImageUrl(const QString &url)
{
    const auto parts = splitUrl(url);
    if (!parts || !(parts->netloc == u"github.com" || parts->netloc.endsWith(u".github.com"_s)))
        return url;
    QStringList path = parts->path.split(u'/');
    if (path.size() > 3 && path[3] == u"blob") {
        path.removeAt(3);
        QString joined = path.join(u'/');
        if (!joined.startsWith(u'/'))
            joined.prepend(u'/');
        return u"https://raw.githubusercontent.com"_s + joined;
    }
    return url;
}

qsizetype insertionIndex(Node *grandparent, Node *parent, qsizetype parentIndex)
{
    QStringList links;
    std::vector<Node *> stack{parent};
    while (!stack.empty()) {
        Node *n = stack.back();
        stack.pop_back();
        if (n->tag == u"a")
            links.append(n->attr(u"href"_s));
        for (auto it = n->children.rbegin(); it != n->children.rend(); ++it)
            stack.push_back(*it);
    }
    qsizetype i = parentIndex;
    while (true) {
        ++i;
        if (i >= qsizetype(grandparent->children.size()))
            return i;
        Node *uncle = grandparent->children[size_t(i)];
        const QStringList classes = uncle->attr(u"class"_s).split(u' ', Qt::SkipEmptyParts);
        const bool preview = uncle->tag == u"div"
            && (classes.contains(u"message_inline_image"_s) || classes.contains(u"message_inline_ref"_s)
                || classes.contains(u"inline-preview-twitter"_s));
        if (!preview)
            return i;
        const auto link = std::find_if(uncle->children.begin(), uncle->children.end(),
                                       [](const Node *c) { return c->tag == u"a"; });
        if (link == uncle->children.end() || !links.contains((*link)->attr(u"href"_s)))
            return i;
    }
}

void addPreview(Document &doc, Node *parent, const QString &imageUrl, const QString &link,
                const std::optional<QString> &title, std::optional<qsizetype> index)
{
    Node *div = doc.create(u"div"_s);
    if (index)
        parent->insert(*index, div);
    else
        parent->children.push_back(div);
    div->set(u"class"_s, u"message_inline_image"_s);
    Node *a = doc.subElement(div, u"a"_s);
    a->set(u"href"_s, link);
    if (title)
        a->set(u"title"_s, *title);
    Node *img = doc.subElement(a, u"img"_s);
    const auto parts = splitUrl(imageUrl);
    const bool thumbnailed = parts && (!parts->scheme.isEmpty() || parts->path.startsWith(u"/user_uploads/"_s));
    if (thumbnailed) {
        QString source = imageUrl;
        while (source.startsWith(u'/'))
            source.remove(0, 1);
        const QString encoded = percentEncode(source);
        img->set(u"src"_s, u"/thumbnail?url="_s + encoded + u"&size=thumbnail"_s);
        img->set(u"data-src-fullsize"_s, u"/thumbnail?url="_s + encoded + u"&size=full"_s);
    } else {
        img->set(u"src"_s, imageUrl);
    }
}

void inlineImage(Document &doc, const FoundLink &f)
{
    const bool urlIsText = f.text.isEmpty() || f.url == f.text;
    const std::optional<QString> title = urlIsText ? std::nullopt : std::optional<QString>(f.text);
    Node *target = doc.root();
    std::optional<qsizetype> index;
    Node *remove = nullptr;
    if (f.parent->tag == u"li") {
        target = f.parent;
        if (f.parent->text.isEmpty() && f.a->tail.isEmpty() && urlIsText)
            remove = f.a;
    } else if (f.parent->tag == u"p" && f.grandparent) {
        target = f.grandparent;
        const qsizetype parentIndex = f.grandparent->indexOf(f.parent);
        if (f.parent->children.size() == 1 && (f.parent->text.isEmpty() || f.parent->text == u"\n")
            && f.a->tail.isEmpty() && urlIsText)
            remove = f.parent;
        if (parentIndex >= 0)
            index = insertionIndex(f.grandparent, f.parent, parentIndex);
    }
    addPreview(doc, target, actualImageUrl(f.url), f.url, title, index);
    if (remove)
        target->remove(remove);
}

} // namespace

void addImagePreviews(Document &doc)
{
    std::vector<FoundLink> found = findLinks(doc.root());
    if (found.empty())
        return;
    QSet<QString> previewable;
    for (const FoundLink &f : found) {
        if (!f.quoted)
            previewable.insert(f.url);
    }
    if (previewable.size() > kPreviewLimit)
        return;
    QSet<QString> processed;
    for (FoundLink &f : found) {
        if (!previewable.contains(f.url) || processed.contains(f.url))
            continue;
        processed.insert(f.url);
        if (!isImage(f.url))
            continue;
        if (const auto source = correctedImageSource(f.url)) {
            f.url = *source;
            f.text = *source;
        }
        inlineImage(doc, f);
    }
}

} // namespace hb::markdown::detail
