// SPDX-License-Identifier: MIT
#pragma once

#include "integration.h"
#include "messageview.h"
#include "outcome.h"

#include <QByteArray>
#include <QDateTime>
#include <QImage>
#include <QSize>
#include <QString>
#include <QStringList>

#include <memory>

class QPaintDevice;
class QTextDocument;

namespace hb::gui {

// An outcome drawn by the message view (recipient bar, the bot with the integration's logo, the
// content) at a fixed width, as Zulip's documentation screenshots show a message: to a PNG image
// and to SVG (QSvgGenerator). Needs a QGuiApplication (fonts); works on the offscreen platform.
// Nothing is fetched: only data: images (the avatar) are drawn.
class MessageScreenshot final
{
public:
    MessageScreenshot(const IntegrationEntry &entry, const Outcome &outcome, const QDateTime &time,
                      ViewTheme theme = ViewTheme::Light, int width = 760);
    ~MessageScreenshot();

    QSize size() const;
    QImage image() const;
    QByteArray svg() const;

    // Writes <dir>/001.png and <dir>/001.svg (creating dir), replacing earlier ones. The paths written
    // go to *written; false with *error when a file cannot be written.
    bool write(const QString &dir, QStringList *written, QString *error) const;

private:
    void paint(QPaintDevice *device) const;

    std::unique_ptr<QTextDocument> m_document;
    QString m_background;
    QString m_text;
    QString m_title;
};

} // namespace hb::gui
