// SPDX-License-Identifier: MIT
#include "newintegrationwizard.h"

#include "capturestore.h"
#include "integration.h"
#include "registry.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSet>
#include <QVBoxLayout>
#include <QWizardPage>

#include <functional>

using namespace Qt::StringLiterals;

namespace hb::gui {

namespace {

constexpr int kCaptureIdRole = Qt::UserRole + 1;
constexpr int kCapturesListed = 300;

// A page whose "Next"/"Finish" follows a predicate.
class CheckedPage final : public QWizardPage
{
public:
    explicit CheckedPage(std::function<bool()> complete) : m_complete(std::move(complete)) {}
    bool isComplete() const override { return m_complete(); }
    void changed() { emit completeChanged(); }

private:
    std::function<bool()> m_complete;
};

QLabel *statusLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    return label;
}

void showStatus(QLabel *label, const QString &problem, const QString &fine = {})
{
    label->setText(problem.isEmpty() ? fine : problem);
    label->setStyleSheet(problem.isEmpty() ? QString() : u"color: #c0392b;"_s);
}

} // namespace

NewIntegrationWizard::NewIntegrationWizard(QString projectRoot, QString storePath, QWidget *parent)
    : QWizard(parent), m_storePath(std::move(storePath))
{
    setWindowTitle(tr("New integration"));
    setObjectName(u"newIntegrationWizard"_s);
    setOption(QWizard::NoBackButtonOnStartPage);
    m_root = new QLineEdit(QDir::toNativeSeparators(projectRoot), this);
    m_root->setObjectName(u"root"_s);
    createNamePage();
    createCategoriesPage();
    createCapturesPage();
    createSummaryPage();
    resize(720, 560);
}

void NewIntegrationWizard::createNamePage()
{
    auto *page = new CheckedPage([this] { return nameProblem().isEmpty() && Scaffold::displayNameError(m_displayName->text()).isEmpty()
                                                 && (m_eventHeader->text().isEmpty()
                                                     || Scaffold::eventHeaderError(m_eventHeader->text().toLatin1()).isEmpty()); });
    page->setTitle(tr("Name"));
    page->setSubTitle(tr("The machine name is the URL's last part (/api/v1/external/<name>) and the folder name: "
                         "lower-case letters, digits and _, starting with a letter."));
    m_name = new QLineEdit(page);
    m_name->setObjectName(u"name"_s);
    m_name->setPlaceholderText(u"acme_deploy"_s);
    m_name->setMaxLength(Scaffold::kMaxNameLength + 1);
    m_nameStatus = statusLabel(page);
    m_nameStatus->setObjectName(u"nameStatus"_s);
    m_displayName = new QLineEdit(page);
    m_displayName->setObjectName(u"displayName"_s);
    m_displayName->setPlaceholderText(tr("Acme Deploy"));
    m_eventHeader = new QLineEdit(page);
    m_eventHeader->setObjectName(u"eventHeader"_s);
    m_eventHeader->setPlaceholderText(tr("X-Acme-Event (leave empty if the service sends none)"));
    m_eventHeaderStatus = statusLabel(page);

    auto *form = new QFormLayout(page);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(QString(), m_nameStatus);
    form->addRow(tr("&Display name:"), m_displayName);
    form->addRow(tr("&Event header:"), m_eventHeader);
    form->addRow(QString(), m_eventHeaderStatus);

    connect(m_name, &QLineEdit::textChanged, this, [this, page] {
        if (!m_displayNameEdited)
            m_displayName->setText(Scaffold::nameError(m_name->text()).isEmpty() ? Scaffold::defaultDisplayName(m_name->text())
                                                                                 : QString());
        updateNameStatus();
        page->changed();
    });
    connect(m_displayName, &QLineEdit::textEdited, this, [this, page] {
        m_displayNameEdited = !m_displayName->text().isEmpty();
        updateNameStatus();
        page->changed();
    });
    connect(m_eventHeader, &QLineEdit::textChanged, this, [this, page] {
        const QString header = m_eventHeader->text();
        showStatus(m_eventHeaderStatus, header.isEmpty() ? QString() : Scaffold::eventHeaderError(header.toLatin1()),
                   header.isEmpty() ? tr("No event header: the no-op case will be a HEAD probe.")
                                    : tr("Requests without this header are refused, as Zulip does."));
        page->changed();
    });
    updateNameStatus();
    showStatus(m_eventHeaderStatus, {}, tr("No event header: the no-op case will be a HEAD probe."));
    addPage(page);
}

QString NewIntegrationWizard::nameProblem() const
{
    const QString name = m_name->text();
    if (QString e = Scaffold::nameError(name); !e.isEmpty())
        return e;
    const QDir root(projectRoot());
    for (const QString &folder : {u"integrations/"_s, u"fixtures/"_s}) {
        if (QFileInfo::exists(root.filePath(folder + name)))
            return tr("%1%2 exists: there is an integration of that name.").arg(folder, name);
    }
    if (builtinRegistry().find(name))
        return tr("The registry has an integration named %1.").arg(name);
    return {};
}

void NewIntegrationWizard::updateNameStatus()
{
    const QString problem = m_name->text().isEmpty() ? QString() : nameProblem();
    QString fine;
    if (!m_name->text().isEmpty() && problem.isEmpty())
        fine = tr("Its URL: /api/v1/external/%1").arg(m_name->text());
    const QString displayProblem = m_displayName->text().isEmpty() ? QString() : Scaffold::displayNameError(m_displayName->text());
    showStatus(m_nameStatus, problem.isEmpty() ? displayProblem : problem, fine);
}

void NewIntegrationWizard::createCategoriesPage()
{
    auto *page = new CheckedPage([this] {
        for (int i = 0; i < m_categories->count(); ++i) {
            if (m_categories->item(i)->checkState() == Qt::Checked)
                return true;
        }
        return false;
    });
    page->setTitle(tr("Categories"));
    page->setSubTitle(tr("Where Zulip lists the integration. Check one or more (Space toggles)."));
    m_categories = new QListWidget(page);
    m_categories->setObjectName(u"categories"_s);
    for (const QString &key : categoryKeys()) {
        auto *item = new QListWidgetItem(u"%1  (%2)"_s.arg(categoryDisplayName(key), key), m_categories);
        item->setData(Qt::UserRole, key);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
        item->setCheckState(key == u"misc" ? Qt::Checked : Qt::Unchecked);
    }
    connect(m_categories, &QListWidget::itemChanged, page, &CheckedPage::changed);
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(m_categories);
    addPage(page);
}

void NewIntegrationWizard::createCapturesPage()
{
    auto *page = new QWizardPage(this);
    page->setTitle(tr("Fixtures from captures (optional)"));
    page->setSubTitle(tr("Each checked capture becomes a fixture (its JSON body in the fixture layout) and a case "
                         "(its headers and query, without secrets). With none, one placeholder fixture is made."));
    m_captures = new QListWidget(page);
    m_captures->setObjectName(u"captures"_s);
    m_capturesStatus = statusLabel(page);
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(m_captures);
    layout->addWidget(m_capturesStatus);
    addPage(page);
    connect(this, &QWizard::currentIdChanged, this, [this, page](int) {
        if (currentPage() == page)
            loadCaptures();
    });
}

void NewIntegrationWizard::loadCaptures()
{
    QSet<qint64> checked;
    for (int i = 0; i < m_captures->count(); ++i) {
        if (m_captures->item(i)->checkState() == Qt::Checked)
            checked.insert(m_captures->item(i)->data(kCaptureIdRole).toLongLong());
    }
    m_captures->clear();
    CaptureStore store;
    if (m_storePath.isEmpty() || !QFileInfo(m_storePath).isFile() || !store.open(m_storePath)) {
        showStatus(m_capturesStatus, m_storePath.isEmpty() || !QFileInfo(m_storePath).isFile()
                                         ? tr("There is no capture store yet.") : store.errorString());
        return;
    }
    const QByteArray header = m_eventHeader->text().toLatin1();
    const QLocale locale;
    const QList<Capture> captures = store.page({}, {.limit = kCapturesListed, .withBodies = false});
    for (const Capture &c : captures) {
        QString text = u"#%1  %2 %3"_s.arg(c.id).arg(QString::fromLatin1(c.method), c.path);
        if (!header.isEmpty()) {
            for (const auto &[name, value] : c.headers) {
                if (name.compare(header, Qt::CaseInsensitive) == 0) {
                    text += u"  %1: %2"_s.arg(QString::fromLatin1(name), QString::fromUtf8(value).left(60));
                    break;
                }
            }
        }
        text += u"  (%1, %2)"_s.arg(locale.formattedDataSize(c.bodySize), c.receivedAt.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s));
        auto *item = new QListWidgetItem(text, m_captures);
        item->setData(kCaptureIdRole, c.id);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
        item->setCheckState(checked.contains(c.id) ? Qt::Checked : Qt::Unchecked);
    }
    showStatus(m_capturesStatus, {}, captures.isEmpty() ? tr("The capture store is empty.")
                                                        : tr("The newest %n capture(s).", nullptr, int(captures.size())));
}

void NewIntegrationWizard::createSummaryPage()
{
    auto *page = new CheckedPage([this] { return m_summaryOk; });
    page->setTitle(tr("Summary"));
    page->setSubTitle(tr("These files will be created. Nothing is written if any of them exists."));
    page->setFinalPage(true);
    auto *browse = new QPushButton(tr("&Browse…"), page);
    auto *rootRow = new QHBoxLayout;
    rootRow->addWidget(m_root);
    rootRow->addWidget(browse);
    m_summary = new QPlainTextEdit(page);
    m_summary->setObjectName(u"summary"_s);
    m_summary->setReadOnly(true);
    m_summary->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_summaryStatus = statusLabel(page);
    m_summaryStatus->setObjectName(u"summaryStatus"_s);
    auto *form = new QFormLayout;
    auto *rootLabel = new QLabel(tr("&Project folder:"), page);
    rootLabel->setBuddy(m_root); // a row holding a layout gets no buddy by itself
    form->addRow(rootLabel, rootRow);
    auto *layout = new QVBoxLayout(page);
    layout->addLayout(form);
    layout->addWidget(m_summary, 1);
    layout->addWidget(m_summaryStatus);
    addPage(page);

    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Project folder (with integrations/ and fixtures/)"),
                                                              projectRoot());
        if (!dir.isEmpty())
            m_root->setText(QDir::toNativeSeparators(dir));
    });
    connect(m_root, &QLineEdit::textChanged, this, [this, page] {
        updateSummary();
        page->changed();
    });
    connect(this, &QWizard::currentIdChanged, this, [this, page](int) {
        if (currentPage() == page) {
            updateSummary();
            page->changed();
        }
    });
}

QString NewIntegrationWizard::projectRoot() const
{
    return QDir::fromNativeSeparators(m_root->text().trimmed());
}

ScaffoldSpec NewIntegrationWizard::spec() const
{
    ScaffoldSpec s;
    s.name = m_name->text();
    s.displayName = m_displayName->text().trimmed();
    s.eventHeader = m_eventHeader->text().trimmed().toLatin1();
    for (int i = 0; i < m_categories->count(); ++i) {
        if (m_categories->item(i)->checkState() == Qt::Checked)
            s.categories.append(m_categories->item(i)->data(Qt::UserRole).toString());
    }
    QList<qint64> ids;
    for (int i = 0; i < m_captures->count(); ++i) {
        if (m_captures->item(i)->checkState() == Qt::Checked)
            ids.append(m_captures->item(i)->data(kCaptureIdRole).toLongLong());
    }
    if (!ids.isEmpty()) {
        CaptureStore store;
        if (store.open(m_storePath)) {
            for (qint64 id : std::as_const(ids)) {
                if (std::optional<Capture> c = store.byId(id))
                    s.captures.append(std::move(*c));
            }
        }
    }
    return s;
}

void NewIntegrationWizard::updateSummary()
{
    const ScaffoldSpec s = spec();
    const Scaffold scaffold(projectRoot(), s);
    QString text = tr("Integration: %1 (%2)\nURL: /api/v1/external/%1\nCategories: %3\nEvent header: %4\nCaptures: %5\n\n")
                       .arg(s.name, scaffold.displayName(), scaffold.spec().categories.join(u", "_s),
                            s.eventHeader.isEmpty() ? tr("none") : QString::fromLatin1(s.eventHeader),
                            s.captures.isEmpty() ? tr("none (a placeholder fixture)") : QString::number(s.captures.size()));
    QString error;
    const std::optional<QList<ScaffoldFile>> files = scaffold.files(&error);
    const QString problem = scaffold.problem();
    if (files) {
        text += tr("Files:\n");
        for (const ScaffoldFile &f : *files)
            text += u"  %1%2\n"_s.arg(f.path, f.replaces ? tr("  (one #include and one entry added)") : QString());
    }
    m_summary->setPlainText(text);
    m_summaryOk = problem.isEmpty();
    showStatus(m_summaryStatus, problem, tr("Finish creates them; then rebuild (the window will say how)."));
}

void NewIntegrationWizard::accept()
{
    const Scaffold scaffold(projectRoot(), spec());
    QString error;
    if (!scaffold.create(&m_created, &error)) {
        showStatus(m_summaryStatus, error);
        m_summaryOk = false;
        return; // the wizard stays open with the reason
    }
    QString text = tr("Created %1 in %2:\n").arg(scaffold.spec().name, QDir::toNativeSeparators(projectRoot()));
    for (const QString &path : std::as_const(m_created))
        text += u"  %1\n"_s.arg(path);
    text += tr("\nThe running Hookbench does not have it yet. Next steps:\n");
    const QStringList steps = scaffold.nextSteps();
    for (int i = 0; i < steps.size(); ++i)
        text += u"  %1. %2\n"_s.arg(i + 1).arg(steps[i]);
    m_resultText = text;
    QWizard::accept();
}

} // namespace hb::gui
