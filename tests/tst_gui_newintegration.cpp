// SPDX-License-Identifier: MIT
// File ▸ New integration…: the wizard checks the name as it is typed, lists captures, summarises the
// files and creates them on Finish.
#include "capturestore.h"
#include "newintegrationwizard.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QAbstractButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace hb;
using namespace hb::gui;
using namespace Qt::StringLiterals;

namespace {

bool makeProject(const QTemporaryDir &dir)
{
    QFile real(QStringLiteral(HOOKBENCH_SOURCE_DIR "/integrations/registry.cpp"));
    if (!real.open(QIODevice::ReadOnly) || !QDir(dir.path()).mkpath(u"integrations"_s) || !QDir(dir.path()).mkpath(u"fixtures"_s))
        return false;
    QFile copy(dir.filePath(u"integrations/registry.cpp"_s));
    return copy.open(QIODevice::WriteOnly) && copy.write(real.readAll()) > 0;
}

template<typename T>
T *child(QObject *parent, const char *name)
{
    return parent->findChild<T *>(QString::fromLatin1(name));
}

} // namespace

class TestGuiNewIntegration : public QObject
{
    Q_OBJECT

private slots:
    void init() { QSettings().clear(); }

    void nameIsCheckedLive()
    {
        QTemporaryDir dir;
        QVERIFY(makeProject(dir));
        QVERIFY(QDir(dir.path()).mkpath(u"fixtures/taken"_s));
        NewIntegrationWizard wizard(dir.path(), {});
        wizard.show();
        QVERIFY(QTest::qWaitForWindowExposed(&wizard));
        auto *name = child<QLineEdit>(&wizard, "name");
        auto *status = child<QLabel>(&wizard, "nameStatus");
        QVERIFY(name && status);
        QVERIFY(!wizard.currentPage()->isComplete()); // empty

        QTest::keyClicks(name, u"Acme"_s);
        QVERIFY(!wizard.currentPage()->isComplete());
        QVERIFY2(status->text().contains(u"lower-case"_s), qPrintable(status->text()));
        name->setText(u"../x"_s);
        QVERIFY(!wizard.currentPage()->isComplete());
        name->setText(u"taken"_s);
        QVERIFY(!wizard.currentPage()->isComplete());
        QVERIFY2(status->text().contains(u"fixtures/taken exists"_s), qPrintable(status->text()));
        name->setText(u"insping"_s); // in the registry
        QVERIFY(!wizard.currentPage()->isComplete());

        name->clear();
        QTest::keyClicks(name, u"acme_deploy"_s);
        QVERIFY(wizard.currentPage()->isComplete());
        QCOMPARE(child<QLineEdit>(&wizard, "displayName")->text(), u"Acme Deploy"_s);
        QVERIFY(status->text().contains(u"/api/v1/external/acme_deploy"_s));
        child<QLineEdit>(&wizard, "eventHeader")->setText(u"X Bad"_s);
        QVERIFY(!wizard.currentPage()->isComplete());
        child<QLineEdit>(&wizard, "eventHeader")->setText(u"X-Acme-Event"_s);
        QVERIFY(wizard.currentPage()->isComplete());
    }

    void createsFromCaptures()
    {
        QTemporaryDir dir;
        QVERIFY(makeProject(dir));
        const QString storePath = dir.filePath(u"captures.sqlite"_s);
        qint64 id = 0;
        {
            CaptureStore store;
            QVERIFY(store.open(storePath));
            Capture c;
            c.method = "POST";
            c.target = "/api/v1/external/acme_deploy?api_key=k&stream=deploys";
            c.path = u"/api/v1/external/acme_deploy"_s;
            c.query = "api_key=k&stream=deploys";
            c.headers = {{"Content-Type", "application/json"}, {"X-Acme-Event", "deploy.finished"}};
            c.body = "{\"app\": \"billing\", \"ok\": true}";
            c.bodySize = c.body.size();
            c.receivedAt = QDateTime::currentDateTimeUtc();
            c.httpStatus = 404;
            const auto appended = store.append(c);
            QVERIFY(appended);
            id = *appended;
        }

        NewIntegrationWizard wizard(dir.path(), storePath);
        wizard.show();
        QVERIFY(QTest::qWaitForWindowExposed(&wizard));
        child<QLineEdit>(&wizard, "name")->setText(u"acme_deploy"_s);
        child<QLineEdit>(&wizard, "eventHeader")->setText(u"X-Acme-Event"_s);
        wizard.next(); // categories
        auto *categories = child<QListWidget>(&wizard, "categories");
        QVERIFY(wizard.currentPage()->isComplete()); // misc is checked to start with
        for (int i = 0; i < categories->count(); ++i)
            categories->item(i)->setCheckState(Qt::Unchecked);
        QVERIFY(!wizard.currentPage()->isComplete());
        for (int i = 0; i < categories->count(); ++i) {
            if (categories->item(i)->data(Qt::UserRole).toString() == u"deployment")
                categories->item(i)->setCheckState(Qt::Checked);
        }
        QVERIFY(wizard.currentPage()->isComplete());
        wizard.next(); // captures
        auto *captures = child<QListWidget>(&wizard, "captures");
        QCOMPARE(captures->count(), 1);
        QVERIFY2(captures->item(0)->text().contains(u"X-Acme-Event: deploy.finished"_s), qPrintable(captures->item(0)->text()));
        captures->item(0)->setCheckState(Qt::Checked);
        wizard.next(); // summary
        auto *summary = child<QPlainTextEdit>(&wizard, "summary");
        QVERIFY2(wizard.currentPage()->isComplete(), qPrintable(child<QLabel>(&wizard, "summaryStatus")->text()));
        QVERIFY(summary->toPlainText().contains(u"fixtures/acme_deploy/deploy_finished__captured.json"_s));
        QVERIFY(summary->toPlainText().contains(u"Categories: deployment"_s));
        QCOMPARE(wizard.spec().captures.value(0).id, id);

        wizard.button(QWizard::FinishButton)->click(); // Finish
        QCOMPARE(wizard.result(), int(QDialog::Accepted));
        QVERIFY(wizard.createdFiles().contains(u"integrations/acme_deploy/acme_deploy.cpp"_s));
        QVERIFY(QFileInfo::exists(dir.filePath(u"fixtures/acme_deploy/deploy_finished__captured.json"_s)));
        QVERIFY(wizard.resultText().contains(u"hookbench test acme_deploy"_s));
    }

    void finishRefusedWhenTargetAppears()
    {
        QTemporaryDir dir;
        QVERIFY(makeProject(dir));
        NewIntegrationWizard wizard(dir.path(), {});
        wizard.show();
        QVERIFY(QTest::qWaitForWindowExposed(&wizard));
        child<QLineEdit>(&wizard, "name")->setText(u"acme"_s);
        wizard.next();
        wizard.next();
        wizard.next();
        QVERIFY(wizard.currentPage()->isComplete());
        QVERIFY(QDir(dir.path()).mkpath(u"integrations/acme"_s)); // someone else was quicker
        wizard.button(QWizard::FinishButton)->click(); // Finish
        QVERIFY(wizard.result() != int(QDialog::Accepted));
        QVERIFY(wizard.createdFiles().isEmpty());
        QVERIFY2(child<QLabel>(&wizard, "summaryStatus")->text().contains(u"already exists"_s),
                 qPrintable(child<QLabel>(&wizard, "summaryStatus")->text()));
        QVERIFY(!QFileInfo::exists(dir.filePath(u"fixtures/acme"_s)));
    }
};

QTEST_MAIN(TestGuiNewIntegration)
#include "tst_gui_newintegration.moc"
