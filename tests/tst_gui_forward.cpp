// SPDX-License-Identifier: MIT
// The inspector's "Forward to URL…" and "Send to Zulip…": what reaches a loopback server the test
// runs, what the dialog shows, and what it remembers (never the API key).
#include "capturereplay.h"
#include "capturestore.h"
#include "inspectorpane.h"
#include "registry.h"
#include "senddialog.h"
#include "webhookrequest.h"
#include "workbench.h"

#include "recordingserver.h"

#include <QAction>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace hb;
using namespace hb::gui;
using namespace hb::testing;
using namespace Qt::StringLiterals;

namespace {

const QByteArray kBody = "{\"version\":\"4\",\"status\":\"firing\",\"alerts\":[{\"status\":\"firing\",\"labels\":"
                         "{\"instance\":\"db-1\",\"alertname\":\"DiskFull\"},\"annotations\":{\"summary\":\"Disk full\"},"
                         "\"generatorURL\":\"http://prom.example.test/graph\"}]}";

Capture alert(const QByteArray &target)
{
    Capture c;
    c.receivedAt = QDateTime(QDate(2026, 3, 2), QTime(9, 30, 15), Qt::UTC);
    c.method = "POST";
    c.target = target;
    WebhookRequest r;
    r.setTarget(target);
    c.path = r.path;
    c.query = target.contains('?') ? target.sliced(target.indexOf('?') + 1) : QByteArray();
    c.integration = u"alertmanager"_s;
    c.headers = {{"Host", "127.0.0.1:9991"}, {"User-Agent", "Alertmanager/0.27.0"}, {"Content-Type", "application/json"},
                 {"Content-Length", QByteArray::number(kBody.size())}};
    c.body = kBody;
    c.bodySize = kBody.size();
    c.remoteAddress = u"127.0.0.1"_s;
    const Outcome o = replayCapture(builtinRegistry(), c, {});
    c.outcomeKind = o.kind();
    c.httpStatus = o.httpStatus();
    c.outcomeJson = o.toJson();
    return c;
}

bool waitUntilSent(SendDialog *dialog)
{
    return QTest::qWaitFor([dialog] { return !dialog->isSending(); }, 10000);
}

quint16 closedPort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost);
    const quint16 port = probe.serverPort();
    probe.close();
    return port;
}

} // namespace

class TestGuiForward : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanupTestCase();

    void actionsFollowTheSelection();
    void forwardSendsTheCaptureAsReceived();
    void forwardErrorsAreClear();
    void sendToZulipPostsTheMessages();
    void sendToZulipExplainsWhatIsMissing();
    void zuliprcIsRememberedNotTheKey();

private:
    bool select(qint64 id);

    QTemporaryDir m_dir;
    std::unique_ptr<Workbench> m_workbench;
    std::unique_ptr<InspectorPane> m_pane;
    qint64 m_stream = 0;
    qint64 m_direct = 0;
};

bool TestGuiForward::select(qint64 id)
{
    QSignalSpy shown(m_pane.get(), &InspectorPane::captureShown);
    m_workbench->setCurrentCapture(id);
    return (!shown.isEmpty() || shown.wait(5000)) && m_pane->shownCapture() == id;
}

void TestGuiForward::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.filePath(u"settings"_s));
    {
        CaptureStore store;
        QVERIFY(store.open(m_dir.filePath(u"captures.sqlite"_s)));
        m_stream = store.append(alert("/api/v1/external/alertmanager?api_key=k&stream=ops%20team")).value_or(0);
        m_direct = store.append(alert("/api/v1/external/alertmanager?api_key=k")).value_or(0);
    }
    QVERIFY(m_stream > 0 && m_direct > 0);
    m_workbench = std::make_unique<Workbench>(builtinRegistry(), m_dir.filePath(u"captures.sqlite"_s),
                                              QStringLiteral(HOOKBENCH_SOURCE_DIR "/fixtures"));
    m_pane = std::make_unique<InspectorPane>(*m_workbench);
    m_pane->resize(1000, 500);
    m_pane->show();
}

void TestGuiForward::init()
{
    QSettings().clear();
    m_workbench->setCurrentCapture(0);
}

void TestGuiForward::cleanupTestCase()
{
    m_pane.reset();
    m_workbench.reset();
}

void TestGuiForward::actionsFollowTheSelection()
{
    QVERIFY(!m_pane->forwardAction()->isEnabled());
    QVERIFY(!m_pane->sendToZulipAction()->isEnabled());
    QVERIFY(!m_pane->openForwardDialog());
    QVERIFY(select(m_stream));
    QVERIFY(m_pane->forwardAction()->isEnabled());
    QVERIFY(m_pane->sendToZulipAction()->isEnabled());
    QCOMPARE(m_pane->forwardAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_F));
    QCOMPARE(m_pane->sendToZulipAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_P));
}

void TestGuiForward::forwardSendsTheCaptureAsReceived()
{
    RecordingServer server;
    QVERIFY(server.listen());
    QVERIFY(select(m_stream));
    SendDialog *dialog = m_pane->openForwardDialog();
    QVERIFY(dialog);
    QVERIFY(dialog->urlEdit()->text().isEmpty());
    const QString url = server.url(u"/copy?from=gui"_s);
    dialog->urlEdit()->setText(url);
    QSignalSpy sent(dialog, &SendDialog::sent);
    QTest::mouseClick(dialog->sendButton(), Qt::LeftButton);
    QVERIFY(waitUntilSent(dialog));
    QCOMPARE(sent.size(), 1);
    QCOMPARE(sent.first().first().toBool(), true);
    QVERIFY2(dialog->resultText().startsWith(u"Delivered to "_s), qPrintable(dialog->resultText()));
    QCOMPARE(dialog->responseText(), u"{\"result\":\"success\",\"msg\":\"\"}"_s);
    QCOMPARE(server.requests().size(), 1);
    const QByteArray expected = "POST /copy?from=gui HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(server.port())
                                + "\r\nUser-Agent: Alertmanager/0.27.0\r\nContent-Type: application/json\r\n"
                                  "Content-Length: " + QByteArray::number(kBody.size()) + "\r\nConnection: close\r\n\r\n" + kBody;
    QCOMPARE(server.requests().first(), expected);
    dialog->close();

    // The URL is remembered for next time.
    QCOMPARE(QSettings().value(u"send/url"_s).toString(), url);
    SendDialog *again = m_pane->openForwardDialog();
    QCOMPARE(again->urlEdit()->text(), url);
    again->close();
}

void TestGuiForward::forwardErrorsAreClear()
{
    QVERIFY(select(m_stream));
    SendDialog *dialog = m_pane->openForwardDialog();
    dialog->urlEdit()->setText(u"ftp://example.com/"_s);
    dialog->send();
    QVERIFY(!dialog->isSending());
    QCOMPARE(dialog->resultText(), u"Give an http:// or https:// URL."_s);
    QVERIFY(!QSettings().contains(u"send/url"_s)); // nothing sent, nothing remembered

    dialog->urlEdit()->setText(u"http://127.0.0.1:%1/"_s.arg(closedPort()));
    QSignalSpy sent(dialog, &SendDialog::sent);
    dialog->send();
    QVERIFY(dialog->isSending());
    QVERIFY(!dialog->sendButton()->isEnabled());
    QVERIFY(waitUntilSent(dialog));
    QCOMPARE(sent.first().first().toBool(), false);
    QVERIFY2(dialog->resultText().startsWith(u"Not delivered to http://127.0.0.1:"_s), qPrintable(dialog->resultText()));
    QVERIFY(dialog->sendButton()->isEnabled());

    // A final refusal shows the target's answer.
    RecordingServer server;
    QVERIFY(server.listen());
    server.script({RecordingServer::response(400, "Bad Request", "{\"result\":\"error\",\"msg\":\"nope\"}")});
    dialog->urlEdit()->setText(server.url(u"/x"_s));
    dialog->send();
    QVERIFY(waitUntilSent(dialog));
    QVERIFY2(dialog->resultText().contains(u"Not accepted by"_s) && dialog->resultText().contains(u"HTTP 400"_s),
             qPrintable(dialog->resultText()));
    QCOMPARE(dialog->responseText(), u"{\"result\":\"error\",\"msg\":\"nope\"}"_s);
    dialog->close();
}

void TestGuiForward::sendToZulipPostsTheMessages()
{
    RecordingServer server;
    QVERIFY(server.listen());
    server.script({RecordingServer::response(200, "OK", "{\"result\":\"success\",\"msg\":\"\",\"id\":314}")});
    QVERIFY(select(m_stream));
    SendDialog *dialog = m_pane->openSendToZulipDialog();
    QVERIFY(dialog);
    QCOMPARE(dialog->mode(), SendDialog::Mode::Zulip);
    dialog->siteEdit()->setText(server.url());
    dialog->emailEdit()->setText(u"alert-bot@example.com"_s);
    dialog->apiKeyEdit()->setText(u"s3cret-key"_s);
    dialog->send();
    QVERIFY(waitUntilSent(dialog));
    QVERIFY2(dialog->resultText().contains(u"✓ ops team > "_s), qPrintable(dialog->resultText()));
    QVERIFY(dialog->resultText().contains(u"message 314"_s));
    QCOMPARE(server.requests().size(), 1);
    const Parsed got = parse(server.requests().first());
    QCOMPARE(got.requestLine, QByteArray("POST /api/v1/messages HTTP/1.1"));
    QCOMPARE(got.header("Authorization"), "Basic " + QByteArray("alert-bot@example.com:s3cret-key").toBase64());
    QCOMPARE(got.header("Content-Type"), QByteArray("application/x-www-form-urlencoded"));
    const ParamList form = parseUrlEncoded(got.body);
    QCOMPARE(form.value(0), (std::pair{u"type"_s, u"stream"_s}));
    QCOMPARE(form.value(1), (std::pair{u"to"_s, u"ops team"_s}));
    QCOMPARE(form.value(2).first, u"topic"_s);
    QVERIFY(form.value(3).second.contains(u"DiskFull"_s));
    dialog->close();
    // Site and e-mail are remembered; the key is not.
    QSettings settings;
    QCOMPARE(settings.value(u"send/zulipSite"_s).toString(), server.url());
    QCOMPARE(settings.value(u"send/zulipEmail"_s).toString(), u"alert-bot@example.com"_s);
    for (const QString &key : settings.allKeys())
        QVERIFY2(!settings.value(key).toString().contains(u"s3cret"_s), qPrintable(key));
}

void TestGuiForward::sendToZulipExplainsWhatIsMissing()
{
    RecordingServer server;
    QVERIFY(server.listen());
    QVERIFY(select(m_direct)); // no ?stream=: a direct message to the bot's owner
    SendDialog *dialog = m_pane->openSendToZulipDialog();
    dialog->send();
    QCOMPARE(dialog->resultText(), u"no Zulip site."_s);
    dialog->siteEdit()->setText(server.url());
    dialog->emailEdit()->setText(u"bot@example.com"_s);
    dialog->send();
    QCOMPARE(dialog->resultText(), u"no API key."_s);
    dialog->apiKeyEdit()->setText(u"k"_s);
    dialog->send();
    QVERIFY2(dialog->resultText().contains(u"Direct to"_s), qPrintable(dialog->resultText()));
    QCOMPARE(server.requests().size(), 0);
    dialog->directToEdit()->setText(u"owner@example.com"_s);
    dialog->send();
    QVERIFY(waitUntilSent(dialog));
    QCOMPARE(server.requests().size(), 1);
    const ParamList form = parseUrlEncoded(parse(server.requests().first()).body);
    QCOMPARE(form.value(0), (std::pair{u"type"_s, u"private"_s}));
    QCOMPARE(form.value(1), (std::pair{u"to"_s, u"[\"owner@example.com\"]"_s}));
    dialog->close();
}

void TestGuiForward::zuliprcIsRememberedNotTheKey()
{
    QFile rc(m_dir.filePath(u"zuliprc"_s));
    QVERIFY(rc.open(QIODevice::WriteOnly));
    rc.write("[api]\nemail=rc-bot@example.com\nkey=from-the-file\nsite=chat.example.com\n");
    rc.close();
    QVERIFY(select(m_stream));
    SendDialog *dialog = m_pane->openSendToZulipDialog();
    QVERIFY(!dialog->loadZuliprc(m_dir.filePath(u"missing"_s)));
    QVERIFY(dialog->resultText().startsWith(u"Cannot use the zuliprc: cannot read"_s));
    QVERIFY(dialog->loadZuliprc(rc.fileName()));
    QCOMPARE(dialog->siteEdit()->text(), u"chat.example.com"_s);
    QCOMPARE(dialog->emailEdit()->text(), u"rc-bot@example.com"_s);
    QCOMPARE(dialog->apiKeyEdit()->text(), u"from-the-file"_s);
    dialog->streamEdit()->setText(u"elsewhere"_s);
    // Sending saves the settings; point it at a closed port so that nothing leaves the machine.
    dialog->siteEdit()->setText(u"http://127.0.0.1:%1"_s.arg(closedPort()));
    dialog->send();
    QVERIFY(waitUntilSent(dialog));
    QVERIFY(dialog->resultText().contains(u"✗"_s));
    dialog->close();
    SendDialog *again = m_pane->openSendToZulipDialog();
    QCOMPARE(again->apiKeyEdit()->text(), u"from-the-file"_s); // read again from the file
    QCOMPARE(again->streamEdit()->text(), u"elsewhere"_s);
    again->close();
    QSettings settings;
    for (const QString &key : settings.allKeys())
        QVERIFY2(!settings.value(key).toString().contains(u"from-the-file"_s), qPrintable(key));
}

QTEST_MAIN(TestGuiForward)
#include "tst_gui_forward.moc"
