// SPDX-License-Identifier: MIT
#pragma once

#include "deliveryrun.h"
#include "outcome.h"
#include "replaysource.h"

#include <QDialog>
#include <QPointer>

#include <optional>

class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;

namespace hb::gui {

// "Forward to URL…" and "Send to Zulip…" for one capture: asks for the target (the last one is
// remembered in QSettings; a Zulip API key only as the path of the zuliprc it came from), sends
// without blocking the window (429 and Retry-After honoured) and shows what the target answered.
class SendDialog final : public QDialog
{
    Q_OBJECT

public:
    enum class Mode { Url, Zulip };

    // `outcome`: the messages to post (Zulip mode); the source's request is what a forward sends.
    SendDialog(Mode mode, ReplaySource source, std::optional<Outcome> outcome, QWidget *parent = nullptr);
    ~SendDialog() override;

    Mode mode() const { return m_mode; }
    QLineEdit *urlEdit() const { return m_url; }
    QLineEdit *siteEdit() const { return m_site; }
    QLineEdit *emailEdit() const { return m_email; }
    QLineEdit *apiKeyEdit() const { return m_key; }
    QLineEdit *streamEdit() const { return m_stream; }
    QLineEdit *topicEdit() const { return m_topic; }
    QLineEdit *directToEdit() const { return m_directTo; }
    QPushButton *sendButton() const { return m_send; }
    QString resultText() const;
    QString responseText() const;
    bool isSending() const { return m_run != nullptr; }

public Q_SLOTS:
    void send();
    bool loadZuliprc(const QString &path);

Q_SIGNALS:
    void sent(bool delivered);

private:
    void buildUrlForm(QFormLayout *form);
    void buildZulipForm(QFormLayout *form);
    void restoreSettings();
    void saveSettings() const;
    void showError(const QString &text);
    void showResult(const QString &html, const QString &response);
    void setBusy(bool busy);
    void sendForward();
    void sendMessages();

    Mode m_mode;
    ReplaySource m_source;
    std::optional<Outcome> m_outcome;
    QString m_zuliprc;               // where the key came from, remembered instead of the key
    QLineEdit *m_url = nullptr;
    QLineEdit *m_site = nullptr;
    QLineEdit *m_email = nullptr;
    QLineEdit *m_key = nullptr;
    QLineEdit *m_stream = nullptr;
    QLineEdit *m_topic = nullptr;
    QLineEdit *m_directTo = nullptr;
    QLabel *m_note = nullptr;
    QLabel *m_result;
    QPlainTextEdit *m_response;
    QProgressBar *m_progress;
    QPushButton *m_send;
    QDialogButtonBox *m_buttons;
    QPointer<DeliveryRun> m_run;
};

} // namespace hb::gui
