// SPDX-License-Identifier: MIT
#pragma once

#include "capturestore.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QSet>
#include <QThread>

namespace hb {

class CaptureReader;

// The captures of a store as a table, newest first, for views of any size. The model knows every
// matching id (one cheap query) but loads row data lazily, a block at a time, on a worker thread
// with its own connection: opening 100,000 captures costs one id list, and nothing ever blocks the
// thread the model lives in. Rows not loaded yet show as empty until their block arrives.
class CaptureModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { TimeColumn, MethodColumn, PathColumn, IntegrationColumn, OutcomeColumn, StatusColumn, SizeColumn, ColumnCount };
    enum Role {
        IdRole = Qt::UserRole + 1, // qint64
        OutcomeKindRole,           // int(Outcome::Kind)
        PinnedRole,                // bool
        LoadedRole,                // bool: the row's data has arrived
    };
    static constexpr int kBlockSize = 256;

    explicit CaptureModel(const QString &storePath, QObject *parent = nullptr);
    ~CaptureModel() override;

    void setFilter(const CaptureFilter &filter); // reloads
    const CaptureFilter &filter() const { return m_filter; }
    qint64 idAt(int row) const;
    int rowOf(qint64 id) const;                  // -1 when not in the model
    bool isLoading() const { return m_loading; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

public Q_SLOTS:
    void reload();
    // New captures may exist (the listener stored some): fetch the ids above the newest one.
    void refreshNewer();
    void remove(qint64 id);
    void setPinned(qint64 id, bool pinned);
    void clear(bool keepPinned);
    // Loads one whole capture (bodies included) off this thread; answers with captureFetched().
    void fetchCapture(qint64 id);

Q_SIGNALS:
    void reloaded(int rows);
    void rowsFetched(int firstRow, int lastRow);
    void errorOccurred(const QString &message);
    void captureFetched(const hb::Capture &capture);

private:
    struct Row
    {
        QDateTime time;
        QByteArray method;
        QString path;
        QString integration;
        Outcome::Kind kind = Outcome::Kind::Error;
        int status = 0;
        qint64 size = 0;
        bool pinned = false;
    };
    friend class CaptureReader;

    void requestBlock(int block) const;
    void onIds(int generation, const QList<qint64> &ids);
    void onNewer(int generation, const QList<qint64> &ids);
    void onBlock(int generation, const QList<Capture> &captures);
    static Row rowOf(const Capture &c);

    CaptureFilter m_filter;
    QList<qint64> m_ids;                         // newest first
    mutable QHash<qint64, Row> m_rows;
    mutable QSet<qint64> m_pendingBlocks;        // keyed by the block's first id
    int m_generation = 0;
    bool m_loading = false;
    QThread m_thread;
    CaptureReader *m_reader = nullptr;
};

} // namespace hb
