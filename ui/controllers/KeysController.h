#pragma once

#include "audit/AuditTarget.h"
#include "inspect/InspectResult.h"

#include <QObject>
#include <memory>

namespace rediscope {

class WorkerConnection;

// One key as the browser lists it.
struct KeyEntry
{
    QByteArray key;
    QString type;      // string, list, hash, set, zset, stream, … ("none" when it vanished)
    qint64 ttlMs = -1; // PTTL: -1 no expiry, -2 the key no longer exists

    bool operator==(const KeyEntry&) const = default;
};

// A bounded look at one key's value: the first elements only.
struct KeyPreview
{
    QByteArray key;
    QString type;
    qint64 ttlMs = -1;
    qint64 length = 0;             // bytes (string) or elements (collections)
    QByteArray text;               // string: the first bytes
    QStringList columns;           // collections: e.g. Field, Value
    QList<QList<QByteArray>> rows; // collections: the first elements
    bool truncated = false;        // more than what is shown
    QString message;               // no preview possible, or why it failed
};

// The key browser of one profile: SCAN with a pattern and a type filter, page by page, with
// each key's type and TTL fetched in one pipelined round trip per page; and a bounded preview of
// a key's value. Every call runs in a worker off the GUI thread, one at a time on one
// connection; a new scan drops the pages of the previous one, and only the latest preview is
// delivered.
//
// Read-only where the environment's policy locks writes (production): deleteKey() is refused
// there unless writes were unlocked for the session with setWritesUnlocked(true).
class KeysController : public QObject
{
    Q_OBJECT

public:
    explicit KeysController(QObject* parent = nullptr);
    ~KeysController() override;

    void setTarget(const AuditTarget& target);
    bool hasTarget() const { return m_hasTarget; }

    // Keys per page (SCAN calls go on until a page is full or the scan ends), default 200.
    void setPageSize(int keys) { m_pageSize = std::max(1, keys); }
    // Elements (or for strings, bytes / 16) a preview shows at most, default 100.
    void setPreviewLimit(int elements) { m_previewLimit = std::max(1, elements); }
    int previewLimit() const { return m_previewLimit; }

    bool writesLocked() const { return m_policy.consoleWritesLocked && !m_unlocked; }
    void setWritesUnlocked(bool unlocked);

    // Starts a new scan: `pattern` is a glob (empty: every key), `type` a Redis type name
    // (empty: all). The first page follows with pageLoaded().
    void scan(const QString& pattern, const QString& type = QString());
    // The next page of the current scan.
    void fetchMore();
    bool canFetchMore() const;
    bool isScanning() const { return m_scanPending; }

    void loadPreview(const QByteArray& key);
    // Deletes a key (UNLINK); refused while writes are locked. deleted() or failed() follows.
    void deleteKey(const QByteArray& key);

    void cancel();
    bool isBusy() const { return m_running || !m_queue.isEmpty(); }

Q_SIGNALS:
    void scanStarted();
    // One page of the current scan; `more` is false once the scan has gone through every key.
    void pageLoaded(const QList<rediscope::KeyEntry>& keys, bool more);
    void previewLoaded(const rediscope::KeyPreview& preview);
    void deleted(const QByteArray& key);
    // Something could not be done; in words.
    void failed(const QString& message);
    void connected(const rediscope::InspectResult& result);
    void busyChanged(bool busy);
    void writesLockChanged(bool locked);

private:
    struct Job
    {
        enum class Kind
        {
            Page,
            Preview,
            Delete,
        };
        Kind kind = Kind::Page;
        quint64 generation = 0; // scan generation (pages) or preview request
        QByteArray cursor = "0";
        QByteArray pattern;
        QByteArray type;
        bool typeOption = true; // the server accepts SCAN … TYPE
        int count = 0;
        QByteArray key;
    };
    struct JobResult;

    void enqueue(Job job);
    void dispatch();
    void done(const std::shared_ptr<WorkerConnection>& connection, const Job& job,
              JobResult result);
    void updateBusy();
    static JobResult work(WorkerConnection& connection, const Job& job);

    bool m_hasTarget = false;
    InspectRequest m_request;
    EnvironmentPolicy m_policy;
    bool m_unlocked = false;
    int m_pageSize = 200;
    int m_previewLimit = 100;
    std::shared_ptr<WorkerConnection> m_connection;
    QList<Job> m_queue;
    bool m_running = false;
    bool m_wasBusy = false;

    quint64 m_scanGeneration = 0;
    quint64 m_previewGeneration = 0;
    QByteArray m_pattern;
    QByteArray m_type;
    bool m_typeOption = true;
    QByteArray m_cursor = "0";
    bool m_scanPending = false; // a page of the current scan is queued or running
    bool m_scanComplete = true;
};

} // namespace rediscope
