// SPDX-License-Identifier: MIT
// The inspector pane: a capture's tables, JSON tree, raw bytes, form, outcome, replay and error path.
#include "capturereplay.h"
#include "capturestore.h"
#include "inspectorpane.h"
#include "jsonpanel.h"
#include "jsontreemodel.h"
#include "keyvaluetable.h"
#include "outcomeview.h"
#include "registry.h"
#include "workbench.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace hb;
using namespace hb::gui;
using namespace Qt::StringLiterals;

namespace {

const QByteArray kApiKey = "inspector-key";

const QByteArray kFiringBody =
    "{\"version\":\"4\",\"status\":\"firing\",\"receiver\":\"zulip-ops\","
    "\"alerts\":[{\"status\":\"firing\",\"labels\":{\"instance\":\"db-1\",\"alertname\":\"DiskFull\"},"
    "\"annotations\":{\"summary\":\"Disk almost full\"},"
    "\"generatorURL\":\"http://prom.example.test/graph?g0.expr=disk&g0.tab=1\"}]}";
// Line 3 has a doubled comma: the parser stops at the second one, column 25.
const QByteArray kMalformedBody = "{\n  \"alerts\": [\n    {\"status\": \"firing\",,}\n  ]\n}\n";
const QByteArray kNoUrlBody = "{\"alerts\":[{\"status\":\"firing\",\"labels\":{\"instance\":\"h1\"}}]}";
const QByteArray kBadStatusBody =
    "{\"alerts\":[{\"status\":\"paused\",\"labels\":{\"instance\":\"h1\"},\"generatorURL\":\"http://p.example.test/\"}]}";

Capture request(const QByteArray &body, const QByteArray &contentType = "application/json",
                const QByteArray &target = "/api/v1/external/alertmanager?api_key=" + kApiKey + "&stream=ops%20team")
{
    Capture c;
    c.receivedAt = QDateTime(QDate(2026, 3, 2), QTime(9, 30, 15, 250), Qt::UTC);
    c.method = "POST";
    c.target = target;
    WebhookRequest r;
    r.setTarget(target);
    c.path = r.path;
    c.query = target.contains('?') ? target.sliced(target.indexOf('?') + 1) : QByteArray();
    c.integration = Dispatcher::integrationName(c.path).value_or(QString());
    c.headers = {{"Host", "127.0.0.1:9991"}, {"User-Agent", "Alertmanager/0.27.0"},
                 {"Content-Type", contentType}, {"X-Trace", "b"}, {"Accept", "*/*"}};
    c.body = body;
    c.bodySize = body.size();
    c.remoteAddress = u"127.0.0.1"_s;
    c.remotePort = 50123;
    c.durationUs = 420;
    return c;
}

// As the listener stores it: with the outcome the dispatcher gives now.
Capture dispatched(Capture c)
{
    const Outcome o = replayCapture(builtinRegistry(), c, {.apiKey = QString::fromLatin1(kApiKey)});
    c.outcomeKind = o.kind();
    c.httpStatus = o.httpStatus();
    c.outcomeJson = o.toJson();
    c.responseBody = o.httpBody();
    return c;
}

// As an older handler answered it: a no-op the current handler no longer gives.
Capture stale(Capture c)
{
    c.outcomeKind = Outcome::Kind::NoOp;
    c.httpStatus = 200;
    c.outcomeJson = "{\"outcome\":\"noop\",\"reason\":\"an older handler ignored it\"}";
    return c;
}

QStringList column(const QAbstractItemModel *model, int col, const QModelIndex &parent = {})
{
    QStringList out;
    for (int row = 0; row < model->rowCount(parent); ++row)
        out.append(model->index(row, col, parent).data().toString());
    return out;
}

} // namespace

class TestGuiInspector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();

    // Tables and tree
    void headersAndQueryInOrder();
    void bodyTreeInDocumentOrder();
    void jsonTreeModelIsConsistent();
    void jsonTreePaths();
    void expandAndCollapseAll();
    // Bodies that are not plain JSON
    void malformedBodyShowsLineAndColumn();
    void formBodyDecodedWithPayloadTree();
    void binaryBodyAsHexDump();
    void largeBodyIsCapped();
    // Outcome, replay, error path
    void storedOutcomeShown();
    void replaySameOutcome();
    void replayChangedOutcome();
    void errorPathSelectsNearestParent();
    void errorPathSelectsExactNode();
    void noCaptureShowsPlaceholder();

private:
    qint64 add(const Capture &capture);
    bool select(qint64 id);

    QTemporaryDir m_dir;
    std::unique_ptr<Workbench> m_workbench;
    std::unique_ptr<InspectorPane> m_pane;
    qint64 m_firing = 0, m_malformed = 0, m_noUrl = 0, m_badStatus = 0, m_stale = 0, m_form = 0, m_binary = 0, m_large = 0;
};

qint64 TestGuiInspector::add(const Capture &capture)
{
    CaptureStore store;
    if (!store.open(m_dir.filePath(u"captures.sqlite"_s)))
        return 0;
    return store.append(capture).value_or(0);
}

bool TestGuiInspector::select(qint64 id)
{
    QSignalSpy shown(m_pane.get(), &InspectorPane::captureShown);
    m_workbench->setCurrentCapture(id);
    return (!shown.isEmpty() || shown.wait(5000)) && m_pane->shownCapture() == id;
}

void TestGuiInspector::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.filePath(u"settings"_s));

    m_firing = add(dispatched(request(kFiringBody)));
    m_malformed = add(dispatched(request(kMalformedBody)));
    m_noUrl = add(dispatched(request(kNoUrlBody)));
    m_badStatus = add(dispatched(request(kBadStatusBody)));
    m_stale = add(stale(request(kFiringBody)));
    m_form = add(dispatched(request("note=hi+there&payload=%7B%22event%22%3A%7B%22id%22%3A7%2C%22tags%22%3A%5B%22a%22%5D%7D%7D",
                                    "application/x-www-form-urlencoded", "/api/v1/external/nosuchservice?api_key=x")));
    m_binary = add(dispatched(request(QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16), "image/png")));
    QByteArray large = "{\"items\":[";
    for (int i = 0; i < 40000; ++i)
        large += QByteArray(i ? "," : "") + "{\"n\":" + QByteArray::number(i) + ",\"text\":\"line of filler text\"}";
    large += "]}";
    m_large = add(dispatched(request(large)));
    for (qint64 id : {m_firing, m_malformed, m_noUrl, m_badStatus, m_stale, m_form, m_binary, m_large})
        QVERIFY(id > 0);

    m_workbench = std::make_unique<Workbench>(builtinRegistry(), m_dir.filePath(u"captures.sqlite"_s),
                                              QStringLiteral(HOOKBENCH_SOURCE_DIR "/fixtures"));
    ListenerConfig config = m_workbench->listenerConfig();
    config.apiKey = QString::fromLatin1(kApiKey);
    m_workbench->setListenerConfig(config);
    m_pane = std::make_unique<InspectorPane>(*m_workbench);
    m_pane->resize(1200, 500);
    m_pane->show();
}

void TestGuiInspector::cleanupTestCase()
{
    m_pane.reset();
    m_workbench.reset();
}

void TestGuiInspector::init()
{
    m_workbench->setCurrentCapture(0);
}

void TestGuiInspector::headersAndQueryInOrder()
{
    QVERIFY(select(m_firing));
    const QAbstractItemModel *headers = m_pane->headersTable()->model();
    QCOMPARE(column(headers, 0), (QStringList{u"Host"_s, u"User-Agent"_s, u"Content-Type"_s, u"X-Trace"_s, u"Accept"_s}));
    QCOMPARE(headers->index(1, 1).data().toString(), u"Alertmanager/0.27.0"_s);
    const QAbstractItemModel *query = m_pane->queryTable()->model();
    QCOMPARE(column(query, 0), (QStringList{u"api_key"_s, u"stream"_s}));
    QCOMPARE(query->index(1, 1).data().toString(), u"ops team"_s); // decoded
    QCOMPARE(m_pane->tabs()->tabText(InspectorPane::HeadersTab), u"Headers (5)"_s);
    QVERIFY(m_pane->summaryText().contains(u"POST"_s));
    QVERIFY(m_pane->summaryText().contains(u"/api/v1/external/alertmanager?api_key="_s));
    QVERIFY(m_pane->summaryText().contains(u"127.0.0.1:50123"_s));
    QVERIFY(m_pane->summaryText().contains(u"message"_s));
    QCOMPARE(m_pane->tabs()->tabText(InspectorPane::FormTab), u"Form"_s); // not form-encoded
    QCOMPARE(m_pane->formTable()->model()->rowCount(), 0);
}

void TestGuiInspector::bodyTreeInDocumentOrder()
{
    QVERIFY(select(m_firing));
    const JsonTreeModel *tree = m_pane->bodyPanel()->model();
    QCOMPARE(column(tree, JsonTreeModel::KeyColumn), (QStringList{u"version"_s, u"status"_s, u"receiver"_s, u"alerts"_s}));
    const QModelIndex labels = tree->indexOfPath(u"alerts[0].labels");
    QVERIFY(labels.isValid());
    QCOMPARE(column(tree, JsonTreeModel::KeyColumn, labels), (QStringList{u"instance"_s, u"alertname"_s}));
    QCOMPARE(column(tree, JsonTreeModel::ValueColumn, labels), (QStringList{u"\"db-1\""_s, u"\"DiskFull\""_s}));
    QCOMPARE(column(tree, JsonTreeModel::TypeColumn, labels), (QStringList{u"string"_s, u"string"_s}));
    QCOMPARE(tree->index(3, JsonTreeModel::TypeColumn).data().toString(), u"array"_s);
    QVERIFY(m_pane->bodyPanel()->view()->isExpanded(labels)); // small documents open fully
    QCOMPARE(m_pane->rawView()->toPlainText(), QString::fromUtf8(kFiringBody));
    QVERIFY(m_pane->rawNote().contains(u"text"_s));
}

void TestGuiInspector::jsonTreeModelIsConsistent()
{
    JsonTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setDocument(parseForDisplay(kFiringBody).document);
    model.setDocument(parseForDisplay("42").document);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, JsonTreeModel::ValueColumn).data().toString(), u"42"_s);
    model.setDocument(nullptr);
    QCOMPARE(model.rowCount(), 0);
}

void TestGuiInspector::jsonTreePaths()
{
    JsonTreeModel model;
    model.setDocument(parseForDisplay("{\"a.b\":{\"c\":[1,{\"d\":null}]},\"a\":{\"b\":true}}").document);
    bool exact = false;
    QModelIndex i = model.indexOfPath(u"a.b.c[1].d", &exact); // the longest key wins
    QVERIFY(exact);
    QCOMPARE(model.pathOf(i), u"a.b.c[1].d"_s);
    QCOMPARE(i.data(JsonTreeModel::CopyTextRole).toString(), u"null"_s);
    i = model.indexOfPath(u"a.b.c[5]", &exact);
    QVERIFY(!exact);
    QCOMPARE(model.pathOf(i), u"a.b.c"_s);
    i = model.indexOfPath(u"a.b", &exact);
    QVERIFY(exact);
    QCOMPARE(i.data().toString(), u"a.b"_s);
    QVERIFY(!model.indexOfPath(u"zzz", &exact).isValid());
    QVERIFY(!exact);
}

void TestGuiInspector::expandAndCollapseAll()
{
    QVERIFY(select(m_firing));
    JsonPanel *panel = m_pane->bodyPanel();
    const QModelIndex alerts = panel->model()->indexOfPath(u"alerts");
    panel->collapseAll();
    QVERIFY(!panel->view()->isExpanded(alerts));
    panel->expandAll();
    QVERIFY(panel->view()->isExpanded(panel->model()->indexOfPath(u"alerts[0].annotations")));
}

void TestGuiInspector::malformedBodyShowsLineAndColumn()
{
    QVERIFY(select(m_malformed));
    const QString message = m_pane->bodyPanel()->messageText();
    QVERIFY2(message.contains(u"Invalid JSON"_s), qPrintable(message));
    QVERIFY2(message.contains(u"line 3, column 25"_s), qPrintable(message));
    QVERIFY2(message.contains(u"offset %1"_s.arg(kMalformedBody.indexOf(",,") + 1)), qPrintable(message));
    QVERIFY(message.contains(u"{&quot;status&quot;: &quot;firing&quot;,,}"_s));
    QCOMPARE(m_pane->bodyPanel()->model()->rowCount(), 0);
    QVERIFY(m_pane->storedOutcomeView()->text().contains(u"Malformed JSON"_s));
    QCOMPARE(m_pane->rawView()->toPlainText(), QString::fromUtf8(kMalformedBody));
}

void TestGuiInspector::formBodyDecodedWithPayloadTree()
{
    QVERIFY(select(m_form));
    QCOMPARE(m_pane->tabs()->tabText(InspectorPane::FormTab), u"Form (2)"_s);
    const QAbstractItemModel *form = m_pane->formTable()->model();
    QCOMPARE(column(form, 0), (QStringList{u"note"_s, u"payload"_s}));
    QCOMPARE(form->index(0, 1).data().toString(), u"hi there"_s);
    const JsonTreeModel *payload = m_pane->formPayloadPanel()->model();
    QCOMPARE(payload->indexOfPath(u"event.id").siblingAtColumn(JsonTreeModel::ValueColumn).data().toString(), u"7"_s);
    QCOMPARE(payload->indexOfPath(u"event.tags[0]").data(JsonTreeModel::CopyTextRole).toString(), u"a"_s);
    QVERIFY(m_pane->bodyPanel()->messageText().contains(u"form-encoded"_s));
    QVERIFY(m_pane->storedOutcomeView()->text().contains(u"is not a valid webhook integration"_s));
}

void TestGuiInspector::binaryBodyAsHexDump()
{
    QVERIFY(select(m_binary));
    QVERIFY(m_pane->rawNote().contains(u"hex dump"_s));
    QCOMPARE(m_pane->rawView()->toPlainText(),
             u"00000000  89 50 4e 47 0d 0a 1a 0a  00 00 00 0d 49 48 44 52  |.PNG........IHDR|\n"_s);
    QVERIFY(m_pane->bodyPanel()->messageText().contains(u"Invalid JSON"_s));
}

void TestGuiInspector::largeBodyIsCapped()
{
    QVERIFY(select(m_large));
    QVERIFY2(m_pane->rawNote().startsWith(u"Showing the first"_s), qPrintable(m_pane->rawNote()));
    // One long line (minified JSON): cut at the line limit, which keeps the text view quick.
    QCOMPARE(m_pane->rawView()->toPlainText().size(), RawLimits{}.lineBytes);
    const JsonTreeModel *tree = m_pane->bodyPanel()->model();
    const QModelIndex items = tree->indexOfPath(u"items");
    QCOMPARE(tree->rowCount(items), 40000);
    QVERIFY(!m_pane->bodyPanel()->view()->isExpanded(items)); // too big to open on its own
    QElapsedTimer timer;
    timer.start();
    m_pane->bodyPanel()->expandAll(); // bounded: not 40,000 expansions in a list of 120,000 rows
    QVERIFY(m_pane->bodyPanel()->view()->isExpanded(items));
    QVERIFY(!m_pane->bodyPanel()->view()->isExpanded(tree->indexOfPath(u"items[0]")));
    QVERIFY(m_pane->bodyPanel()->noteText().contains(u"expanded as far as"_s));
    QVERIFY2(timer.elapsed() < 1000, qPrintable(u"expand all took %1 ms"_s.arg(timer.elapsed())));
}

void TestGuiInspector::storedOutcomeShown()
{
    QVERIFY(select(m_firing));
    const QString text = m_pane->storedOutcomeView()->text();
    QVERIFY2(text.contains(u"#ops team > db-1"_s), qPrintable(text));
    QVERIFY(text.contains(u":alert: **FIRING** DiskFull ([source](http://prom.example.test/graph?g0.expr=disk&g0.tab=0))"_s));
    QVERIFY(m_pane->storedOutcomeView()->errorPath().isEmpty());
    QVERIFY(m_pane->replayOutcomeView()->isHidden());
}

void TestGuiInspector::replaySameOutcome()
{
    QVERIFY(select(m_firing));
    QSignalSpy replayed(m_pane.get(), &InspectorPane::replayed);
    QTest::keyClick(m_pane.get(), Qt::Key_R, Qt::ControlModifier);
    QCOMPARE(replayed.size(), 1);
    QCOMPARE(replayed.first().first().toBool(), false);
    QVERIFY(m_pane->replayOutcomeView()->isVisible());
    QCOMPARE(m_pane->replayOutcomeView()->title(), u"Replay: unchanged"_s);
    QVERIFY(m_pane->replayOutcomeView()->text().contains(u"#ops team > db-1"_s));
}

void TestGuiInspector::replayChangedOutcome()
{
    QVERIFY(select(m_stale));
    QVERIFY(m_pane->storedOutcomeView()->text().contains(u"an older handler ignored it"_s));
    QSignalSpy replayed(m_pane.get(), &InspectorPane::replayed);
    m_pane->replayAction()->trigger();
    QCOMPARE(replayed.size(), 1);
    QCOMPARE(replayed.first().first().toBool(), true);
    QCOMPARE(m_pane->replayOutcomeView()->title(), u"Replay: changed"_s);
    QVERIFY(m_pane->replayOutcomeView()->text().contains(u"#ops team > db-1"_s));
    QVERIFY(m_pane->replayOutcomeView()->text().contains(u":alert: **FIRING** DiskFull"_s));
    // Selecting another capture hides the replay of the previous one.
    QVERIFY(select(m_firing));
    QVERIFY(m_pane->replayOutcomeView()->isHidden());
}

void TestGuiInspector::errorPathSelectsNearestParent()
{
    QVERIFY(select(m_noUrl));
    OutcomeView *outcome = m_pane->storedOutcomeView();
    QVERIFY(outcome->text().contains(u"alerts[0].generatorURL is missing"_s));
    QCOMPARE(outcome->errorPath(), u"alerts[0].generatorURL"_s);
    m_pane->tabs()->setCurrentIndex(InspectorPane::HeadersTab);
    QTest::mouseClick(outcome->pathButton(), Qt::LeftButton);
    QCOMPARE(m_pane->tabs()->currentIndex(), int(InspectorPane::BodyTab));
    const QTreeView *view = m_pane->bodyPanel()->view();
    QCOMPARE(view->currentIndex().data(JsonTreeModel::PathRole).toString(), u"alerts[0]"_s);
    QVERIFY(view->isExpanded(view->currentIndex()));
    QVERIFY(m_pane->bodyPanel()->noteText().contains(u"not in the document"_s));
}

void TestGuiInspector::errorPathSelectsExactNode()
{
    QVERIFY(select(m_badStatus));
    OutcomeView *outcome = m_pane->storedOutcomeView();
    QCOMPARE(outcome->errorPath(), u"alerts[0].status"_s);
    QTest::mouseClick(outcome->pathButton(), Qt::LeftButton);
    const QModelIndex current = m_pane->bodyPanel()->view()->currentIndex();
    QCOMPARE(current.data(JsonTreeModel::PathRole).toString(), u"alerts[0].status"_s);
    QCOMPARE(current.siblingAtColumn(JsonTreeModel::ValueColumn).data().toString(), u"\"paused\""_s);
}

void TestGuiInspector::noCaptureShowsPlaceholder()
{
    QVERIFY(select(m_firing));
    m_workbench->setCurrentCapture(0);
    QCOMPARE(m_pane->shownCapture(), 0);
    QVERIFY(!m_pane->replayAction()->isEnabled());
}

QTEST_MAIN(TestGuiInspector)
#include "tst_gui_inspector.moc"
