// SPDX-License-Identifier: MIT
#include "senddialog.h"

#include "deliveryrun.h"
#include "zuliprc.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QTextDocument>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace hb::gui {

namespace {

const QString kUrl = u"send/url"_s;
const QString kSite = u"send/zulipSite"_s;
const QString kEmail = u"send/zulipEmail"_s;
const QString kZuliprc = u"send/zuliprc"_s;
const QString kStream = u"send/stream"_s;
const QString kTopic = u"send/topic"_s;
const QString kDirectTo = u"send/directTo"_s;

QString escaped(const QString &s)
{
    return s.toHtmlEscaped();
}

} // namespace

SendDialog::SendDialog(Mode mode, ReplaySource source, std::optional<Outcome> outcome, QWidget *parent)
    : QDialog(parent)
    , m_mode(mode)
    , m_source(std::move(source))
    , m_outcome(std::move(outcome))
    , m_result(new QLabel(this))
    , m_response(new QPlainTextEdit(this))
    , m_progress(new QProgressBar(this))
    , m_send(new QPushButton(mode == Mode::Url ? tr("&Forward") : tr("&Send"), this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Close, this))
{
    setWindowTitle(mode == Mode::Url ? tr("Forward %1 to a URL").arg(m_source.description)
                                     : tr("Send %1 to Zulip").arg(m_source.description));
    auto *form = new QFormLayout;
    if (mode == Mode::Url)
        buildUrlForm(form);
    else
        buildZulipForm(form);
    m_result->setWordWrap(true);
    m_result->setTextFormat(Qt::RichText);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_response->setReadOnly(true);
    m_response->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_response->setVisible(false);
    m_progress->setRange(0, 0);
    m_progress->setVisible(false);
    m_send->setDefault(true);
    m_buttons->addButton(m_send, QDialogButtonBox::ActionRole);
    connect(m_send, &QPushButton::clicked, this, &SendDialog::send);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_note->setWordWrap(true);
    m_note->setForegroundRole(QPalette::PlaceholderText);
    m_response->setMinimumHeight(fontMetrics().lineSpacing() * 6);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_note);
    layout->addWidget(m_progress);
    layout->addWidget(m_result);
    layout->addWidget(m_response, 1);
    layout->addStretch(); // takes the room while there is no answer to show
    layout->addWidget(m_buttons);
    restoreSettings();
    resize(620, mode == Mode::Url ? 380 : 460);
}

SendDialog::~SendDialog() = default;

void SendDialog::buildUrlForm(QFormLayout *form)
{
    m_url = new QLineEdit(this);
    m_url->setPlaceholderText(u"https://example.com/hook"_s);
    m_url->setClearButtonEnabled(true);
    form->addRow(tr("&URL:"), m_url);
    m_note = new QLabel(tr("The request goes as it was received: method, headers in their order, body bytes "
                           "unchanged; Host becomes the target's. A URL without a path keeps the original "
                           "path and query."), this);
}

void SendDialog::buildZulipForm(QFormLayout *form)
{
    m_site = new QLineEdit(this);
    m_site->setPlaceholderText(u"https://chat.example.com"_s);
    m_email = new QLineEdit(this);
    m_email->setPlaceholderText(u"hook-bot@chat.example.com"_s);
    m_key = new QLineEdit(this);
    m_key->setEchoMode(QLineEdit::Password);
    m_key->setToolTip(tr("Not remembered. Load a zuliprc to have its path remembered instead."));
    auto *load = new QPushButton(tr("Load &zuliprc…"), this);
    connect(load, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Load zuliprc"), m_zuliprc);
        if (!path.isEmpty())
            loadZuliprc(path);
    });
    auto *keyRow = new QHBoxLayout;
    keyRow->addWidget(m_key, 1);
    keyRow->addWidget(load);
    m_stream = new QLineEdit(this);
    m_stream->setPlaceholderText(tr("the stream the request named"));
    m_topic = new QLineEdit(this);
    m_topic->setPlaceholderText(tr("the message's topic"));
    m_directTo = new QLineEdit(this);
    m_directTo->setPlaceholderText(tr("e-mails, comma-separated, for messages without a stream"));
    form->addRow(tr("&Site:"), m_site);
    form->addRow(tr("Bot &e-mail:"), m_email);
    auto *keyLabel = new QLabel(tr("API &key:"), this);
    keyLabel->setBuddy(m_key);
    form->addRow(keyLabel, keyRow);
    form->addRow(tr("S&tream:"), m_stream);
    form->addRow(tr("T&opic:"), m_topic);
    form->addRow(tr("&Direct to:"), m_directTo);
    const int count = m_outcome && m_outcome->isMessage() ? int(m_outcome->messages().size()) : 0;
    m_note = new QLabel(count == 0 ? tr("The current handler makes no message of this request: nothing to send.")
                        : count == 1 ? tr("One message from the current handler, posted with POST /api/v1/messages.")
                                     : tr("%1 messages from the current handler, posted with POST /api/v1/messages.").arg(count),
                        this);
}

void SendDialog::restoreSettings()
{
    const QSettings settings;
    if (m_mode == Mode::Url) {
        m_url->setText(settings.value(kUrl).toString());
        return;
    }
    m_zuliprc = settings.value(kZuliprc).toString();
    if (!m_zuliprc.isEmpty())
        loadZuliprc(m_zuliprc);
    if (m_site->text().isEmpty())
        m_site->setText(settings.value(kSite).toString());
    if (m_email->text().isEmpty())
        m_email->setText(settings.value(kEmail).toString());
    m_stream->setText(settings.value(kStream).toString());
    m_topic->setText(settings.value(kTopic).toString());
    m_directTo->setText(settings.value(kDirectTo).toString());
}

void SendDialog::saveSettings() const
{
    QSettings settings;
    if (m_mode == Mode::Url) {
        settings.setValue(kUrl, m_url->text().trimmed());
        return;
    }
    settings.setValue(kSite, m_site->text().trimmed());
    settings.setValue(kEmail, m_email->text().trimmed());
    settings.setValue(kZuliprc, m_zuliprc);
    settings.setValue(kStream, m_stream->text().trimmed());
    settings.setValue(kTopic, m_topic->text().trimmed());
    settings.setValue(kDirectTo, m_directTo->text().trimmed());
}

bool SendDialog::loadZuliprc(const QString &path)
{
    QString error;
    const auto account = readZuliprc(path, &error);
    if (!account) {
        showError(tr("Cannot use the zuliprc: %1").arg(error));
        return false;
    }
    m_zuliprc = path;
    if (!account->site.isEmpty())
        m_site->setText(account->site);
    m_email->setText(account->email);
    m_key->setText(account->apiKey);
    showResult(tr("Loaded %1.").arg(escaped(path)), {});
    return true;
}

void SendDialog::showError(const QString &text)
{
    m_result->setText(u"<span style=\"color:#c0392b\">%1</span>"_s.arg(escaped(text)));
    m_response->setVisible(false);
}

void SendDialog::showResult(const QString &html, const QString &response)
{
    m_result->setText(html);
    m_response->setPlainText(response);
    m_response->setVisible(!response.isEmpty());
}

QString SendDialog::resultText() const
{
    QTextDocument doc;
    doc.setHtml(m_result->text());
    return doc.toPlainText();
}

QString SendDialog::responseText() const
{
    return m_response->toPlainText();
}

void SendDialog::setBusy(bool busy)
{
    m_progress->setVisible(busy);
    m_send->setEnabled(!busy);
    for (QLineEdit *edit : findChildren<QLineEdit *>())
        edit->setReadOnly(busy);
}

void SendDialog::send()
{
    if (m_run)
        return;
    if (m_mode == Mode::Url)
        sendForward();
    else
        sendMessages();
}

void SendDialog::sendForward()
{
    const QUrl url(m_url->text().trimmed(), QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != u"http"_s && url.scheme() != u"https"_s) || url.host().isEmpty()) {
        showError(tr("Give an http:// or https:// URL."));
        m_url->setFocus();
        return;
    }
    if (!m_source.forwardProblem.isEmpty())
        return showError(m_source.forwardProblem);
    QString error;
    const auto request = forwardRequest(m_source.recorded, url, &error);
    if (!request)
        return showError(error);
    saveSettings();
    m_run = new DeliveryRun(Destination::url(url), 15000, this);
    connect(m_run, &DeliveryRun::retrying, this, [this](const QString &, const QString &detail, qint64 delay) {
        showResult(tr("%1: trying again in %2 s…").arg(escaped(detail)).arg(double(delay) / 1000.0, 0, 'f', 1), {});
    });
    connect(m_run, &DeliveryRun::finished, this, [this, url] {
        const DeliveryReport report = m_run->reports().value(0);
        const QString where = escaped(url.toDisplayString());
        if (report.delivered)
            showResult(tr("<b>Delivered</b> to %1: %2").arg(where, escaped(report.verdict.detail)),
                       QString::fromUtf8(report.verdict.responseBody));
        else if (report.verdict.status == 0)
            showError(tr("Not delivered to %1: %2").arg(url.toDisplayString(), report.verdict.detail));
        else
            showResult(tr("<span style=\"color:#c0392b\">Not accepted by %1: %2</span>").arg(where, escaped(report.verdict.detail)),
                       QString::fromUtf8(report.verdict.responseBody));
        m_run->deleteLater();
        m_run = nullptr;
        setBusy(false);
        emit sent(report.delivered);
    });
    setBusy(true);
    showResult(tr("Sending…"), {});
    m_run->start({{request->bytes, m_source.description}});
}

void SendDialog::sendMessages()
{
    const ZulipAccount account{.site = m_site->text(), .email = m_email->text(), .apiKey = m_key->text()};
    if (const QString problem = account.problem(); !problem.isEmpty())
        return showError(problem.section(u" (give"_s, 0, 0) + u'.');
    if (!m_outcome || !m_outcome->isMessage())
        return showError(tr("The current handler makes no message of this request: nothing to send."));
    ZulipRouting routing{.stream = m_stream->text().trimmed(), .topic = m_topic->text().trimmed(), .directTo = {}};
    for (const QString &email : m_directTo->text().split(u',', Qt::SkipEmptyParts))
        routing.directTo.append(email.trimmed());
    QString error;
    const auto messages = zulipMessagesFor(*m_outcome, routing, &error);
    if (!messages)
        return showError(tr("A message has no stream: Zulip would send it to the bot's owner, whom the API cannot "
                            "name. Give a stream, or recipients under Direct to."));
    saveSettings();
    QList<std::pair<QByteArray, QString>> payloads;
    for (const ZulipMessage &m : *messages) {
        payloads.append({m.formBody(), m.type == ZulipMessage::Type::Stream ? u"%1 > %2"_s.arg(m.stream, m.topic)
                                                                            : tr("direct to %1").arg(m.recipients.join(u", "_s))});
    }
    m_run = new DeliveryRun(Destination::zulip(account), 15000, this);
    connect(m_run, &DeliveryRun::retrying, this, [this](const QString &label, const QString &detail, qint64 delay) {
        showResult(tr("%1: %2; trying again in %3 s…").arg(escaped(label), escaped(detail)).arg(double(delay) / 1000.0, 0, 'f', 1), {});
    });
    connect(m_run, &DeliveryRun::finished, this, [this] {
        QStringList lines;
        for (const DeliveryReport &r : m_run->reports()) {
            lines.append(r.delivered ? tr("✓ %1: message %2").arg(escaped(r.label)).arg(r.verdict.messageId)
                                     : u"<span style=\"color:#c0392b\">✗ %1: %2</span>"_s.arg(escaped(r.label), escaped(r.verdict.detail)));
        }
        const bool ok = m_run->allDelivered();
        showResult(lines.join(u"<br/>"_s), {});
        m_run->deleteLater();
        m_run = nullptr;
        setBusy(false);
        emit sent(ok);
    });
    setBusy(true);
    showResult(tr("Sending…"), {});
    m_run->start(payloads);
}

} // namespace hb::gui
