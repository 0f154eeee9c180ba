// SPDX-License-Identifier: MIT
// Zulip-flavoured Markdown to HTML. The stages live in the md*.cpp files of this folder:
//   mdsource    lines: hanging lists, whitespace, fenced code/quote/spoiler/math blocks
//   mdblocks    the block tree: paragraphs, lists, quotes, headings, tables, code
//   mdinline    the inline engine, with mdpatterns (emphasis, mentions, emoji, …),
//               mdlinks (links, autolinks, URL rules) and mdtime (<time:…>)
//   mdpreviews  inline image previews
//   mdtree      the element tree, the prettifier and the serializer
#include "markdown.h"

#include "mdcore.h"

namespace hb::markdown {

QString toHtml(const QString &markdown, const Options &options)
{
    using namespace detail;
    if (isBlank(markdown))
        return {};
    Document doc(options);
    parseBlocks(doc, preprocess(doc, markdown));
    highlightCodeBlocks(doc);
    processInlines(doc);
    prettify(doc.root());
    addImagePreviews(doc);
    return serialize(doc);
}

} // namespace hb::markdown
