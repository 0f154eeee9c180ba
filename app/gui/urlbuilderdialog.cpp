// SPDX-License-Identifier: MIT
#include "urlbuilderdialog.h"

#include "workbench.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace hb::gui {

UrlBuilderDialog::UrlBuilderDialog(Workbench &workbench, const IntegrationEntry &entry, QWidget *parent)
    : QDialog(parent)
    , m_workbench(workbench)
    , m_entry(entry)
    , m_stream(new QLineEdit(this))
    , m_singleTopic(new QCheckBox(tr("Send all notifications to a single topic"), this))
    , m_topic(new QLineEdit(this))
    , m_filterEvents(new QCheckBox(tr("Filter events that will trigger notifications"), this))
    , m_filterMode(new QButtonGroup(this))
    , m_events(new QListWidget(this))
    , m_result(new QLineEdit(this))
{
    setWindowTitle(tr("Webhook URL for %1").arg(entry.displayName));
    const QString key = u"urlBuilder/%1/"_s.arg(entry.name);
    QSettings s;
    m_stream->setText(s.value(key + u"stream"_s, entry.name).toString());
    m_stream->setPlaceholderText(tr("empty: direct messages to the bot owner"));
    m_topic->setPlaceholderText(tr("Topic"));

    auto *form = new QFormLayout;
    form->addRow(tr("Channel:"), m_stream);
    form->addRow(m_singleTopic);
    form->addRow(tr("Topic:"), m_topic);

    auto *filterBox = new QGroupBox(this);
    auto *filterLayout = new QVBoxLayout(filterBox);
    auto *only = new QRadioButton(tr("Only these events"), filterBox);
    auto *exclude = new QRadioButton(tr("All events except these"), filterBox);
    only->setChecked(true);
    m_filterMode->addButton(only, int(WebhookUrlSpec::Filter::Only));
    m_filterMode->addButton(exclude, int(WebhookUrlSpec::Filter::Exclude));
    auto *modes = new QHBoxLayout;
    modes->addWidget(only);
    modes->addWidget(exclude);
    filterLayout->addWidget(m_filterEvents);
    filterLayout->addLayout(modes);
    for (const QString &event : entry.eventTypes) {
        auto *item = new QListWidgetItem(event, m_events);
        item->setCheckState(Qt::Unchecked);
    }
    filterLayout->addWidget(m_events);
    filterBox->setEnabled(!entry.eventTypes.isEmpty());
    if (entry.eventTypes.isEmpty())
        m_filterEvents->setText(tr("%1 has no event types to filter").arg(entry.displayName));

    auto *options = new QFormLayout;
    for (const UrlOption &o : entry.urlOptions) {
        QWidget *editor;
        if (o.kind == UrlOption::Kind::Bool) {
            auto *box = new QCheckBox(o.label, this);
            connect(box, &QCheckBox::toggled, this, &UrlBuilderDialog::update);
            editor = box;
        } else {
            auto *line = new QLineEdit(this);
            line->setPlaceholderText(o.label);
            connect(line, &QLineEdit::textChanged, this, &UrlBuilderDialog::update);
            editor = line;
        }
        options->addRow(o.name + u':', editor);
        m_options.append({o.name, editor});
    }

    m_result->setReadOnly(true);
    m_result->setMinimumWidth(560);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *copy = buttons->addButton(tr("&Copy URL"), QDialogButtonBox::ActionRole);
    copy->setDefault(true);
    connect(copy, &QPushButton::clicked, this, [this] {
        QGuiApplication::clipboard()->setText(url());
        QSettings().setValue(u"urlBuilder/%1/stream"_s.arg(m_entry.name), m_stream->text());
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(filterBox);
    if (!m_options.isEmpty()) {
        auto *optionsBox = new QGroupBox(tr("%1 options").arg(entry.displayName), this);
        optionsBox->setLayout(options);
        layout->addWidget(optionsBox);
    } else {
        delete options;
    }
    layout->addWidget(m_result);
    layout->addWidget(buttons);

    for (QLineEdit *e : {m_stream, m_topic})
        connect(e, &QLineEdit::textChanged, this, &UrlBuilderDialog::update);
    for (QCheckBox *c : {m_singleTopic, m_filterEvents})
        connect(c, &QCheckBox::toggled, this, &UrlBuilderDialog::update);
    connect(m_filterMode, &QButtonGroup::idToggled, this, &UrlBuilderDialog::update);
    connect(m_events, &QListWidget::itemChanged, this, &UrlBuilderDialog::update);
    update();
}

WebhookUrlSpec UrlBuilderDialog::spec() const
{
    WebhookUrlSpec spec;
    const QString full = m_workbench.webhookUrl(m_entry);
    spec.baseUrl = full.left(full.size() - m_entry.urlPath().size());
    spec.apiKey = m_workbench.listenerConfig().apiKey;
    spec.stream = m_stream->text().trimmed();
    if (m_singleTopic->isChecked())
        spec.topic = m_topic->text().trimmed();
    if (m_filterEvents->isChecked()) {
        spec.filter = WebhookUrlSpec::Filter(m_filterMode->checkedId());
        for (int i = 0; i < m_events->count(); ++i) {
            if (m_events->item(i)->checkState() == Qt::Checked)
                spec.events.append(m_events->item(i)->text());
        }
    }
    for (const auto &[name, editor] : m_options) {
        if (auto *box = qobject_cast<QCheckBox *>(editor))
            spec.options.append({name, box->isChecked() ? u"true"_s : QString()});
        else if (auto *line = qobject_cast<QLineEdit *>(editor))
            spec.options.append({name, line->text().trimmed()});
    }
    return spec;
}

QString UrlBuilderDialog::url() const
{
    return buildWebhookUrl(m_entry, spec());
}

void UrlBuilderDialog::update()
{
    m_topic->setEnabled(m_singleTopic->isChecked() && !m_stream->text().trimmed().isEmpty());
    m_singleTopic->setEnabled(!m_stream->text().trimmed().isEmpty());
    const bool filtering = m_filterEvents->isChecked();
    m_events->setEnabled(filtering);
    for (QAbstractButton *b : m_filterMode->buttons())
        b->setEnabled(filtering);
    m_result->setText(url());
}

} // namespace hb::gui
