// SPDX-License-Identifier: MIT
#include "messagescreenshot.h"

#include <QAbstractTextDocumentLayout>
#include <QBuffer>
#include <QDir>
#include <QPainter>
#include <QSaveFile>
#include <QSvgGenerator>
#include <QSvgRenderer>
#include <QTextDocument>
#include <QUrl>

#include <cmath>

using namespace Qt::StringLiterals;

namespace hb::gui {

namespace {

// A document that draws data: images only (the avatar is an SVG data URI); anything else is empty.
class ScreenshotDocument final : public QTextDocument
{
public:
    using QTextDocument::QTextDocument;

protected:
    QVariant loadResource(int type, const QUrl &name) override
    {
        if (type != QTextDocument::ImageResource || name.scheme() != u"data")
            return {};
        const QString text = name.toString(QUrl::FullyEncoded);
        const qsizetype comma = text.indexOf(u',');
        if (comma < 0)
            return {};
        const QString header = text.mid(5, comma - 5);
        const QByteArray data = header.endsWith(u";base64"_s)
                                    ? QByteArray::fromBase64(text.mid(comma + 1).toLatin1())
                                    : QByteArray::fromPercentEncoding(text.mid(comma + 1).toLatin1());
        if (header.startsWith(u"image/svg+xml"_s)) {
            QSvgRenderer svg(data);
            if (!svg.isValid())
                return {};
            // Twice the display size, so that the image stays sharp when it is scaled down.
            const QSize size = svg.defaultSize().isEmpty() ? QSize(70, 70) : svg.defaultSize() * 2;
            QImage image(size, QImage::Format_ARGB32_Premultiplied);
            image.fill(Qt::transparent);
            QPainter p(&image);
            svg.render(&p);
            return image;
        }
        QImage image;
        image.loadFromData(data);
        return image.isNull() ? QVariant() : QVariant(image);
    }
};

bool writeFile(const QString &path, const QByteArray &bytes, QString *error)
{
    QSaveFile file(path);
    if (file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size() && file.commit())
        return true;
    *error = u"cannot write %1: %2"_s.arg(path, file.errorString());
    return false;
}

} // namespace

MessageScreenshot::MessageScreenshot(const IntegrationEntry &entry, const Outcome &outcome, const QDateTime &time,
                                     ViewTheme theme, int width)
    : m_document(std::make_unique<ScreenshotDocument>())
{
    MessageViewOptions options;
    options.theme = theme;
    options.time = time;
    const MessageView view(&entry, options);
    const MessageView::Colors colors = MessageView::colors(theme);
    m_background = colors.background;
    m_text = colors.text;
    m_title = u"%1 message"_s.arg(entry.displayName);
    m_document->setDefaultStyleSheet(view.styleSheet());
    m_document->setHtml(view.textBrowserHtml(outcome));
    m_document->setTextWidth(width);
}

MessageScreenshot::~MessageScreenshot() = default;

QSize MessageScreenshot::size() const
{
    return QSize(int(m_document->textWidth()), int(std::ceil(m_document->size().height())));
}

void MessageScreenshot::paint(QPaintDevice *device) const
{
    QPainter p(device);
    p.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing | QPainter::SmoothPixmapTransform);
    p.fillRect(QRect(QPoint(), size()), QColor::fromString(m_background));
    QAbstractTextDocumentLayout::PaintContext context;
    context.palette.setColor(QPalette::Text, QColor::fromString(m_text));
    context.palette.setColor(QPalette::Base, QColor::fromString(m_background));
    m_document->documentLayout()->draw(&p, context);
}

QImage MessageScreenshot::image() const
{
    QImage image(size(), QImage::Format_ARGB32_Premultiplied);
    paint(&image);
    return image;
}

QByteArray MessageScreenshot::svg() const
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator generator;
    generator.setOutputDevice(&buffer);
    generator.setSize(size());
    generator.setViewBox(QRect(QPoint(), size()));
    generator.setTitle(m_title);
    generator.setDescription(u"Made by Hookbench from the message view"_s);
    paint(&generator);
    return buffer.data();
}

bool MessageScreenshot::write(const QString &dir, QStringList *written, QString *error) const
{
    if (!QDir().mkpath(dir)) {
        *error = u"cannot create the folder %1"_s.arg(dir);
        return false;
    }
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    if (!image().save(&buffer, "PNG")) {
        *error = u"cannot encode the PNG image"_s;
        return false;
    }
    const QString pngPath = QDir(dir).filePath(u"001.png"_s);
    const QString svgPath = QDir(dir).filePath(u"001.svg"_s);
    if (!writeFile(pngPath, png, error))
        return false;
    written->append(pngPath);
    if (!writeFile(svgPath, svg(), error))
        return false;
    written->append(svgPath);
    return true;
}

} // namespace hb::gui
