// SPDX-License-Identifier: MIT
#include "capturemodel.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace hb {

// Lives on the model's worker thread and owns the store connection there. Every call arrives as a
// queued functor and every answer goes back the same way, tagged with the model's generation so
// answers to an outdated filter are dropped.
class CaptureReader final : public QObject
{
public:
    explicit CaptureReader(QString path) : m_path(std::move(path)) {}

    CaptureStore &store()
    {
        if (!m_store.isOpen() && !m_store.open(m_path))
            m_error = m_store.errorString();
        return m_store;
    }
    QString takeError()
    {
        QString e = m_error.isEmpty() ? m_store.errorString() : m_error;
        m_error.clear();
        return e;
    }

private:
    QString m_path;
    QString m_error;
    CaptureStore m_store;
};

CaptureModel::CaptureModel(const QString &storePath, QObject *parent)
    : QAbstractTableModel(parent), m_reader(new CaptureReader(storePath))
{
    m_thread.setObjectName(u"capture-reader"_s);
    m_reader->moveToThread(&m_thread);
    // The reader (and its SQLite connection) is destroyed on its own thread as the thread ends.
    connect(&m_thread, &QThread::finished, m_reader, &QObject::deleteLater);
    m_thread.start();
    reload();
}

CaptureModel::~CaptureModel()
{
    m_thread.quit();
    m_thread.wait();
}

void CaptureModel::setFilter(const CaptureFilter &filter)
{
    m_filter = filter;
    reload();
}

void CaptureModel::reload()
{
    const int generation = ++m_generation;
    m_loading = true;
    QMetaObject::invokeMethod(m_reader, [this, r = m_reader, generation, filter = m_filter] {
        const QList<qint64> ids = r->store().ids(filter);
        const QString error = ids.isEmpty() ? r->takeError() : QString();
        QMetaObject::invokeMethod(this, [this, generation, ids, error] {
            if (!error.isEmpty())
                emit errorOccurred(error);
            onIds(generation, ids);
        }, Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

void CaptureModel::onIds(int generation, const QList<qint64> &ids)
{
    if (generation != m_generation)
        return;
    beginResetModel();
    m_ids = ids;
    m_rows.clear();
    m_pendingBlocks.clear();
    m_loading = false;
    endResetModel();
    emit reloaded(int(m_ids.size()));
}

void CaptureModel::refreshNewer()
{
    if (m_loading)
        return; // the running reload will include them
    const int generation = m_generation;
    const qint64 newest = m_ids.isEmpty() ? 0 : m_ids.first();
    QMetaObject::invokeMethod(m_reader, [this, r = m_reader, generation, filter = m_filter, newest] {
        const QList<qint64> ids = r->store().ids(filter, newest);
        QMetaObject::invokeMethod(this, [this, generation, ids] { onNewer(generation, ids); }, Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

void CaptureModel::onNewer(int generation, const QList<qint64> &ids)
{
    if (generation != m_generation || ids.isEmpty())
        return;
    // A second refresh may have fetched some of these already.
    QList<qint64> fresh;
    const qint64 newest = m_ids.isEmpty() ? 0 : m_ids.first();
    for (qint64 id : ids) {
        if (id > newest)
            fresh.append(id);
    }
    if (fresh.isEmpty())
        return;
    beginInsertRows({}, 0, int(fresh.size()) - 1);
    m_ids = fresh + m_ids;
    endInsertRows();
}

void CaptureModel::requestBlock(int block) const
{
    const int first = block * kBlockSize;
    if (first >= m_ids.size())
        return;
    const qint64 firstId = m_ids[first];
    if (m_pendingBlocks.contains(firstId))
        return;
    m_pendingBlocks.insert(firstId);
    const int limit = int(std::min<qsizetype>(kBlockSize, m_ids.size() - first));
    auto *self = const_cast<CaptureModel *>(this);
    QMetaObject::invokeMethod(m_reader, [self, r = m_reader, generation = m_generation, filter = m_filter, firstId, limit] {
        const QList<Capture> rows = r->store().page(filter, {.limit = limit, .beforeId = firstId + 1, .withBodies = false});
        QMetaObject::invokeMethod(self, [self, generation, rows] { self->onBlock(generation, rows); }, Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

void CaptureModel::onBlock(int generation, const QList<Capture> &captures)
{
    if (generation != m_generation || captures.isEmpty())
        return;
    for (const Capture &c : captures)
        m_rows.insert(c.id, rowOf(c));
    const int firstRow = rowOf(captures.first().id);
    const int lastRow = rowOf(captures.last().id);
    if (firstRow >= 0 && lastRow >= firstRow) {
        emit dataChanged(index(firstRow, 0), index(lastRow, ColumnCount - 1));
        emit rowsFetched(firstRow, lastRow);
    }
}

CaptureModel::Row CaptureModel::rowOf(const Capture &c)
{
    return {c.receivedAt, c.method, c.path, c.integration, c.outcomeKind, c.httpStatus, c.bodySize, c.pinned};
}

qint64 CaptureModel::idAt(int row) const
{
    return row >= 0 && row < m_ids.size() ? m_ids[row] : 0;
}

int CaptureModel::rowOf(qint64 id) const
{
    // Ids are sorted descending: binary search.
    const auto it = std::lower_bound(m_ids.cbegin(), m_ids.cend(), id, std::greater<qint64>());
    return it != m_ids.cend() && *it == id ? int(it - m_ids.cbegin()) : -1;
}

int CaptureModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_ids.size());
}

int CaptureModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

namespace {

QString sizeText(qint64 bytes)
{
    return QLocale::system().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

} // namespace

QVariant CaptureModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_ids.size())
        return {};
    const qint64 id = m_ids[index.row()];
    if (role == IdRole)
        return id;
    const auto it = m_rows.constFind(id);
    if (it == m_rows.cend()) {
        requestBlock(index.row() / kBlockSize);
        return role == LoadedRole ? QVariant(false) : QVariant();
    }
    const Row &r = *it;
    switch (role) {
    case LoadedRole: return true;
    case OutcomeKindRole: return int(r.kind);
    case PinnedRole: return r.pinned;
    case Qt::ToolTipRole: return r.path;
    case Qt::TextAlignmentRole:
        return index.column() == StatusColumn || index.column() == SizeColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case Qt::DisplayRole:
        switch (Column(index.column())) {
        case TimeColumn: return r.time.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss.zzz"_s);
        case MethodColumn: return QString::fromLatin1(r.method);
        case PathColumn: return r.path;
        case IntegrationColumn: return r.integration;
        case OutcomeColumn: return Outcome::kindName(r.kind);
        case StatusColumn: return r.status;
        case SizeColumn: return sizeText(r.size);
        case ColumnCount: break;
        }
        break;
    default: break;
    }
    return {};
}

QVariant CaptureModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case TimeColumn: return tr("Time");
    case MethodColumn: return tr("Method");
    case PathColumn: return tr("Path");
    case IntegrationColumn: return tr("Integration");
    case OutcomeColumn: return tr("Outcome");
    case StatusColumn: return tr("Status");
    case SizeColumn: return tr("Size");
    case ColumnCount: break;
    }
    return {};
}

void CaptureModel::remove(qint64 id)
{
    const int row = rowOf(id);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_ids.removeAt(row);
    m_rows.remove(id);
    endRemoveRows();
    QMetaObject::invokeMethod(m_reader, [this, r = m_reader, id] {
        if (!r->store().remove(id)) {
            const QString error = r->takeError();
            QMetaObject::invokeMethod(this, [this, error] { emit errorOccurred(error); }, Qt::QueuedConnection);
        }
    }, Qt::QueuedConnection);
}

void CaptureModel::setPinned(qint64 id, bool pinned)
{
    const int row = rowOf(id);
    if (auto it = m_rows.find(id); it != m_rows.end() && row >= 0) {
        it->pinned = pinned;
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
    QMetaObject::invokeMethod(m_reader, [this, r = m_reader, id, pinned] {
        if (!r->store().setPinned(id, pinned)) {
            const QString error = r->takeError();
            QMetaObject::invokeMethod(this, [this, error] { emit errorOccurred(error); }, Qt::QueuedConnection);
        }
    }, Qt::QueuedConnection);
}

void CaptureModel::clear(bool keepPinned)
{
    ++m_generation; // answers to earlier requests no longer apply
    QMetaObject::invokeMethod(m_reader, [this, r = m_reader, keepPinned] {
        const bool ok = keepPinned ? r->store().clearUnpinned() : r->store().clear();
        const QString error = ok ? QString() : r->takeError();
        QMetaObject::invokeMethod(this, [this, error] {
            if (!error.isEmpty())
                emit errorOccurred(error);
            reload();
        }, Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

void CaptureModel::fetchCapture(qint64 id)
{
    QMetaObject::invokeMethod(m_reader, [this, r = m_reader, id] {
        const std::optional<Capture> capture = r->store().byId(id);
        const QString error = capture ? QString() : r->takeError();
        QMetaObject::invokeMethod(this, [this, capture, error, id] {
            if (capture)
                emit captureFetched(*capture);
            else
                emit errorOccurred(error.isEmpty() ? tr("Capture %1 no longer exists").arg(id) : error);
        }, Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

} // namespace hb
