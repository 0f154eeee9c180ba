// SPDX-License-Identifier: MIT
#include "docpane.h"

#include "docmacros.h"
#include "integrationspane.h"
#include "markdown.h"
#include "screenshotcommand.h"
#include "workbench.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QGridLayout>
#include <QImageReader>
#include <QLabel>
#include <QPainter>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace hb::gui {

namespace {

// Stays within what QTextBrowser understands (HTML 4 / CSS 2 subset).
const QString kDocStyle = u"h1 { font-size: 20px; margin: 6px 0 10px 0; } h2 { font-size: 16px; margin: 14px 0 6px 0; }"
                          " h3 { font-size: 14px; } code { font-family: monospace; background-color: rgba(127,127,127,0.15); }"
                          " pre { font-family: monospace; background-color: rgba(127,127,127,0.12); padding: 6px; }"
                          " table { border-collapse: collapse; } th, td { border: 1px solid #888888; padding: 3px 6px; }"
                          " blockquote { margin-left: 12px; }"_s;

QLabel *tile(const QIcon &icon, int size, bool dark, QWidget *parent)
{
    auto *label = new QLabel(parent);
    // The logo at its real size on a light or dark tile, as it will sit in Zulip's two themes.
    QPixmap canvas(size + 8, size + 8);
    canvas.fill(dark ? QColor(0x1f, 0x20, 0x23) : QColor(Qt::white));
    QPainter p(&canvas);
    p.drawPixmap(4, 4, icon.pixmap(size, size));
    p.end();
    label->setPixmap(canvas);
    label->setToolTip(QObject::tr("%1 px on %2").arg(size).arg(dark ? QObject::tr("dark") : QObject::tr("light")));
    return label;
}

} // namespace

DocPane::DocPane(Workbench &workbench, QWidget *parent)
    : QWidget(parent)
    , m_workbench(workbench)
    , m_logos(new QWidget(this))
    , m_title(new QLabel(this))
    , m_flags(new QLabel(this))
    , m_browser(new QTextBrowser(this))
{
    m_browser->setOpenExternalLinks(true); // a click opens the system browser; nothing is fetched here
    m_browser->document()->setDefaultStyleSheet(kDocStyle);
    m_flags->setWordWrap(true);
    m_flags->setStyleSheet(u"color: #be1931;"_s);
    QFont f = m_title->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.3);
    m_title->setFont(f);
    new QGridLayout(m_logos);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_title);
    layout->addWidget(m_logos);
    layout->addWidget(m_flags);
    layout->addWidget(m_browser, 1);

    connect(&workbench, &Workbench::currentIntegrationChanged, this, &DocPane::show);
    connect(&workbench.listener(), &ListenerService::stateChanged, this, [this] { show(m_workbench.currentIntegration()); });
    show(workbench.currentIntegration());
}

QString DocPane::documentHtml() const
{
    return m_html;
}

void DocPane::refresh()
{
    show(m_workbench.currentIntegration());
}

QString DocPane::problems() const
{
    return m_flags->isVisible() ? m_flags->text() : QString();
}

void DocPane::show(const IntegrationEntry *entry)
{
    auto *grid = static_cast<QGridLayout *>(m_logos->layout());
    while (QLayoutItem *item = grid->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    if (!entry) {
        m_title->setText(tr("Select an integration"));
        m_flags->hide();
        m_html.clear();
        m_screenshot.clear();
        m_browser->clear();
        return;
    }
    m_title->setText(entry->displayName);
    QStringList flags;
    const bool hasLogo = QFileInfo::exists(entry->logoResource());
    if (!hasLogo)
        flags.append(tr("No logo.svg in integrations/%1/: a monogram stands in for it.").arg(entry->folder()));
    const QIcon icon = IntegrationListModel::logo(entry->logoResource(), entry->displayName);
    int column = 0;
    for (int size : {16, 32, 64, 128}) {
        grid->addWidget(tile(icon, size, false, m_logos), 0, column, Qt::AlignBottom | Qt::AlignHCenter);
        grid->addWidget(tile(icon, size, true, m_logos), 1, column, Qt::AlignTop | Qt::AlignHCenter);
        ++column;
    }
    grid->setColumnStretch(column, 1);

    QFile file(entry->docResource());
    QString doc;
    if (file.open(QIODevice::ReadOnly)) {
        doc = QString::fromUtf8(file.readAll());
    } else {
        flags.append(tr("No doc.md in integrations/%1/.").arg(entry->folder()));
        doc = tr("*%1 has no documentation yet.*").arg(entry->displayName);
    }
    QStringList unknown;
    const QString url = m_workbench.webhookUrl(*entry);
    const QString expanded = expandDocMacros(doc, *entry, url.left(url.size() - entry->urlPath().size()), &unknown);
    if (!unknown.isEmpty())
        flags.append(tr("Unknown doc macros: %1").arg(unknown.join(u", "_s)));
    m_flags->setText(flags.join(u'\n'));
    m_flags->setVisible(!flags.isEmpty());
    m_html = markdown::toHtml(expanded);
    // The documentation screenshot (hookbench screenshot / Integrations ▸ Make screenshot), a local file.
    const QString png = QDir(defaultScreenshotDir(*entry, m_workbench.fixturesDir())).filePath(u"001.png"_s);
    m_screenshot = QFileInfo::exists(png) ? png : QString();
    if (!m_screenshot.isEmpty()) {
        QImageReader reader(png);
        const QSize size = reader.size();
        const int width = std::min(size.width() > 0 ? size.width() : 600, 600);
        const int height = size.width() > 0 ? size.height() * width / size.width() : 0;
        m_html += u"<h2>%1</h2><p><img src=\"%2\" width=\"%3\"%4></p>"_s.arg(
            tr("Screenshot (001.png)"), QUrl::fromLocalFile(png).toString(QUrl::FullyEncoded).toHtmlEscaped())
                      .arg(width)
                      .arg(height > 0 ? u" height=\"%1\""_s.arg(height) : QString());
    }
    m_browser->document()->clear(); // drops cached images: a remade 001.png is read again
    m_browser->setHtml(m_html);
}

} // namespace hb::gui
