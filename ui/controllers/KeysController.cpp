#include "KeysController.h"

#include "cli/CommandTokenizer.h"
#include "common/SecureBytes.h"
#include "controllers/AsyncTask.h"
#include "controllers/WorkerConnection.h"
#include "net/Session.h"

namespace rediscope {

namespace {

// A string preview shows at most this many bytes.
constexpr int PreviewBytes = 16 * 1024;
// SCAN / HSCAN / SSCAN calls per page at most, so a sparse pattern cannot stall the worker.
constexpr int MaxScanCalls = 32;

std::unexpected<Error> unexpectedReply(const QString& command, const RespValue& reply)
{
    return fail(
        ErrorCode::ServerError, Stage::None,
        reply.isError()
            ? KeysController::tr("%1 was refused: %2").arg(command, QString::fromUtf8(reply.text))
            : KeysController::tr("%1 returned an unexpected reply.").arg(command));
}

bool isScanReply(const RespValue& reply)
{
    return reply.type == RespValue::Type::Array && reply.elements.size() == 2 &&
           reply.elements.at(0).type == RespValue::Type::String &&
           reply.elements.at(1).type == RespValue::Type::Array;
}

// HSCAN / SSCAN from the start until `limit` elements (pairs for hashes) or the end.
Result<void> scanCollection(Session& session, const Deadline& deadline, const char* command,
                            const QByteArray& key, int limit, int width,
                            QList<QList<QByteArray>>& rows)
{
    QByteArray cursor = "0";
    for (int call = 0; call < MaxScanCalls && rows.size() < limit; ++call) {
        auto reply = session.command(
            {command, key, cursor, "COUNT", QByteArray::number(std::max(limit, 10))}, deadline);
        if (!reply)
            return std::unexpected(reply.error());
        if (!isScanReply(*reply))
            return unexpectedReply(QString::fromLatin1(command), *reply);
        cursor = reply->elements.at(0).text;
        const QList<RespValue>& items = reply->elements.at(1).elements;
        for (qsizetype i = 0; i + width <= items.size() && rows.size() < limit; i += width) {
            QList<QByteArray> row;
            for (int column = 0; column < width; ++column)
                row << items.at(i + column).text;
            rows << row;
        }
        if (cursor == "0")
            break;
    }
    return {};
}

} // namespace

struct KeysController::JobResult
{
    QString error; // the job failed, in words
    bool cancelled = false;
    std::optional<InspectResult> opened;
    // Page
    QList<KeyEntry> keys;
    QByteArray cursor = "0";
    bool typeOption = true;
    // Preview
    KeyPreview preview;
};

namespace {

Result<void> readPage(Session& session, const Deadline& deadline, const QByteArray& startCursor,
                      const QByteArray& pattern, const QByteArray& type, bool& typeOption,
                      int count, QList<KeyEntry>& entries, QByteArray& cursor)
{
    cursor = startCursor;
    QList<QByteArray> keys;
    for (int call = 0; call < MaxScanCalls; ++call) {
        QList<QByteArray> arguments{"SCAN",  cursor,
                                    "MATCH", pattern.isEmpty() ? QByteArray("*") : pattern,
                                    "COUNT", QByteArray::number(std::max(count, 10))};
        if (!type.isEmpty() && typeOption)
            arguments << "TYPE" << type;
        auto reply = session.command(arguments, deadline);
        if (!reply)
            return std::unexpected(reply.error());
        if (reply->isError() && !type.isEmpty() && typeOption) {
            typeOption = false; // an older server: filter by TYPE replies instead
            continue;
        }
        if (!isScanReply(*reply))
            return unexpectedReply(QStringLiteral("SCAN"), *reply);
        cursor = reply->elements.at(0).text;
        for (const RespValue& key : reply->elements.at(1).elements)
            keys << key.text;
        if (cursor == "0" || keys.size() >= count)
            break;
    }
    if (keys.isEmpty())
        return {};

    // Type and TTL of every key of the page, in one round trip.
    QList<QList<QByteArray>> commands;
    commands.reserve(keys.size() * 2);
    for (const QByteArray& key : std::as_const(keys)) {
        commands << QList<QByteArray>{"TYPE", key};
        commands << QList<QByteArray>{"PTTL", key};
    }
    auto replies = session.pipeline(commands, deadline);
    if (!replies)
        return std::unexpected(replies.error());
    for (qsizetype i = 0; i < keys.size(); ++i) {
        KeyEntry entry;
        entry.key = keys.at(i);
        entry.type = QString::fromUtf8(replies->at(2 * i).text);
        const RespValue& ttl = replies->at(2 * i + 1);
        entry.ttlMs = ttl.type == RespValue::Type::Integer ? ttl.integer : -1;
        if (entry.type == QLatin1String("none") || entry.ttlMs == -2)
            continue; // gone since SCAN saw it
        if (!type.isEmpty() && !typeOption && entry.type.toUtf8() != type)
            continue;
        entries << entry;
    }
    return {};
}

Result<void> readPreview(Session& session, const Deadline& deadline, const QByteArray& key,
                         int limit, KeyPreview& preview)
{
    preview.key = key;
    auto head = session.pipeline({{"TYPE", key}, {"PTTL", key}}, deadline);
    if (!head)
        return std::unexpected(head.error());
    preview.type = QString::fromUtf8(head->at(0).text);
    preview.ttlMs = head->at(1).type == RespValue::Type::Integer ? head->at(1).integer : -1;
    if (preview.type == QLatin1String("none")) {
        preview.message = KeysController::tr("The key no longer exists.");
        return {};
    }

    const QByteArray last = QByteArray::number(limit - 1);
    const QByteArray count = QByteArray::number(limit);
    const auto lengthAnd = [&](const char* lengthCommand,
                               QList<QByteArray> rangeCommand) -> Result<RespValue> {
        auto replies = session.pipeline({{lengthCommand, key}, rangeCommand}, deadline);
        if (!replies)
            return std::unexpected(replies.error());
        preview.length = replies->at(0).integer;
        if (replies->at(1).isError())
            return unexpectedReply(QString::fromUtf8(rangeCommand.constFirst()), replies->at(1));
        return replies->at(1);
    };

    const QString& type = preview.type;
    if (type == QLatin1String("string")) {
        auto text =
            lengthAnd("STRLEN", {"GETRANGE", key, "0", QByteArray::number(PreviewBytes - 1)});
        if (!text)
            return std::unexpected(text.error());
        preview.text = text->text;
        preview.truncated = preview.length > preview.text.size();
        return {};
    }
    if (type == QLatin1String("list")) {
        preview.columns = {KeysController::tr("Index"), KeysController::tr("Value")};
        auto items = lengthAnd("LLEN", {"LRANGE", key, "0", last});
        if (!items)
            return std::unexpected(items.error());
        for (qsizetype i = 0; i < items->elements.size(); ++i)
            preview.rows << QList<QByteArray>{QByteArray::number(i), items->elements.at(i).text};
    } else if (type == QLatin1String("zset")) {
        preview.columns = {KeysController::tr("Member"), KeysController::tr("Score")};
        auto items = lengthAnd("ZCARD", {"ZRANGE", key, "0", last, "WITHSCORES"});
        if (!items)
            return std::unexpected(items.error());
        for (qsizetype i = 0; i + 1 < items->elements.size(); i += 2)
            preview.rows << QList<QByteArray>{items->elements.at(i).text,
                                              items->elements.at(i + 1).text};
    } else if (type == QLatin1String("stream")) {
        preview.columns = {KeysController::tr("ID"), KeysController::tr("Fields")};
        auto items = lengthAnd("XLEN", {"XRANGE", key, "-", "+", "COUNT", count});
        if (!items)
            return std::unexpected(items.error());
        for (const RespValue& entry : std::as_const(items->elements)) {
            if (entry.elements.size() != 2)
                continue;
            QStringList fields;
            const QList<RespValue>& pairs = entry.elements.at(1).elements;
            for (qsizetype i = 0; i + 1 < pairs.size(); i += 2)
                fields << CommandTokenizer::quote(pairs.at(i).text) + QLatin1Char('=') +
                              CommandTokenizer::quote(pairs.at(i + 1).text);
            preview.rows << QList<QByteArray>{entry.elements.at(0).text,
                                              fields.join(QStringLiteral("  ")).toUtf8()};
        }
    } else if (type == QLatin1String("hash") || type == QLatin1String("set")) {
        const bool hash = type == QLatin1String("hash");
        preview.columns =
            hash ? QStringList{KeysController::tr("Field"), KeysController::tr("Value")}
                 : QStringList{KeysController::tr("Member")};
        auto length = session.command({hash ? "HLEN" : "SCARD", key}, deadline);
        if (!length)
            return std::unexpected(length.error());
        preview.length = length->integer;
        if (auto scanned = scanCollection(session, deadline, hash ? "HSCAN" : "SSCAN", key, limit,
                                          hash ? 2 : 1, preview.rows);
            !scanned)
            return scanned;
    } else {
        preview.message = KeysController::tr("No preview for values of type %1.").arg(type);
        return {};
    }
    preview.truncated = preview.length > preview.rows.size();
    return {};
}

} // namespace

KeysController::KeysController(QObject* parent)
    : QObject(parent)
{}

KeysController::~KeysController()
{
    if (m_connection)
        m_connection->cancel();
    secureWipe(m_request.password);
    secureWipe(m_request.tls.keyPassphrase);
}

void KeysController::setTarget(const AuditTarget& target)
{
    cancel();
    secureWipe(m_request.password);
    secureWipe(m_request.tls.keyPassphrase);
    m_request = target.profile.toRequest(target.password, target.keyPassphrase);
    m_policy = target.policy;
    m_hasTarget = true;
    m_unlocked = false;
    m_scanGeneration = 0;
    m_cursor = "0";
    m_scanComplete = true;
    Q_EMIT writesLockChanged(writesLocked());
}

void KeysController::setWritesUnlocked(bool unlocked)
{
    if (m_unlocked == unlocked)
        return;
    m_unlocked = unlocked;
    Q_EMIT writesLockChanged(writesLocked());
}

void KeysController::scan(const QString& pattern, const QString& type)
{
    if (!m_hasTarget)
        return;
    ++m_scanGeneration;
    m_pattern = pattern.trimmed().toUtf8();
    m_type = type.trimmed().toLower().toUtf8();
    m_typeOption = true;
    m_cursor = "0";
    m_scanComplete = false;
    m_queue.removeIf([](const Job& job) { return job.kind == Job::Kind::Page; });
    Q_EMIT scanStarted();
    m_scanPending = false;
    fetchMore();
}

bool KeysController::canFetchMore() const
{
    return m_hasTarget && m_scanGeneration > 0 && !m_scanComplete && !m_scanPending;
}

void KeysController::fetchMore()
{
    if (!canFetchMore())
        return;
    Job job;
    job.kind = Job::Kind::Page;
    job.generation = m_scanGeneration;
    job.cursor = m_cursor;
    job.pattern = m_pattern;
    job.type = m_type;
    job.typeOption = m_typeOption;
    job.count = m_pageSize;
    m_scanPending = true;
    enqueue(job);
}

void KeysController::loadPreview(const QByteArray& key)
{
    if (!m_hasTarget)
        return;
    Job job;
    job.kind = Job::Kind::Preview;
    job.generation = ++m_previewGeneration;
    job.key = key;
    job.count = m_previewLimit;
    m_queue.removeIf([](const Job& queued) { return queued.kind == Job::Kind::Preview; });
    enqueue(job);
}

void KeysController::deleteKey(const QByteArray& key)
{
    if (!m_hasTarget)
        return;
    if (writesLocked()) {
        Q_EMIT failed(tr("This %1 profile is read-only: the key was not deleted. Unlock writes "
                         "for this session to change data.")
                          .arg(m_policy.name));
        return;
    }
    Job job;
    job.kind = Job::Kind::Delete;
    job.key = key;
    enqueue(job);
}

void KeysController::cancel()
{
    if (m_connection)
        m_connection->cancel();
    m_connection.reset();
    m_queue.clear();
    m_running = false;
    m_scanPending = false;
    updateBusy();
}

void KeysController::enqueue(Job job)
{
    m_queue.append(std::move(job));
    dispatch();
}

void KeysController::dispatch()
{
    if (m_running || m_queue.isEmpty()) {
        updateBusy();
        return;
    }
    const Job job = m_queue.takeFirst();
    if (!m_connection)
        m_connection = std::make_shared<WorkerConnection>(m_request);
    const std::shared_ptr<WorkerConnection> connection = m_connection;
    m_running = true;
    updateBusy();
    runAsync(
        this, [connection, job] { return work(*connection, job); },
        [this, connection, job](JobResult result) { done(connection, job, std::move(result)); });
}

KeysController::JobResult KeysController::work(WorkerConnection& connection, const Job& job)
{
    JobResult result;
    for (int attempt = 0; attempt < 2; ++attempt) {
        auto session = connection.session(&result.opened);
        if (!session) {
            result.cancelled = session.error().code == ErrorCode::Cancelled;
            result.error =
                session.error().stage == Stage::None
                    ? tr("Could not connect: %1").arg(session.error().message)
                    : tr("Could not connect (%1): %2")
                          .arg(stageTitle(session.error().stage), session.error().message);
            return result;
        }
        const bool fresh = result.opened.has_value();
        const Deadline deadline = Deadline::in(std::chrono::seconds(30));
        Result<void> ran;
        switch (job.kind) {
        case Job::Kind::Page:
            result.keys.clear();
            result.typeOption = job.typeOption;
            ran = readPage(**session, deadline, job.cursor, job.pattern, job.type,
                           result.typeOption, job.count, result.keys, result.cursor);
            break;
        case Job::Kind::Preview:
            result.preview = KeyPreview{};
            ran = readPreview(**session, deadline, job.key, job.count, result.preview);
            break;
        case Job::Kind::Delete: {
            auto reply = (*session)->command({"UNLINK", job.key}, deadline);
            if (reply && reply->isError())
                reply = (*session)->command({"DEL", job.key}, deadline);
            if (!reply)
                ran = std::unexpected(reply.error());
            else if (reply->isError())
                ran = unexpectedReply(QStringLiteral("DEL"), *reply);
            break;
        }
        }
        if (ran)
            return result;
        const Error error = ran.error();
        if (!(*session)->isOpen())
            connection.drop();
        if (error.code == ErrorCode::Cancelled) {
            result.cancelled = true;
            result.error = tr("Cancelled.");
            return result;
        }
        // The server dropped an idle connection: reads go again on a new one.
        const bool lost =
            error.code == ErrorCode::ConnectionClosed || error.code == ErrorCode::IoError;
        if (attempt == 0 && lost && !fresh && job.kind != Job::Kind::Delete)
            continue;
        result.error = error.message;
        return result;
    }
    return result;
}

void KeysController::done(const std::shared_ptr<WorkerConnection>& connection, const Job& job,
                          JobResult result)
{
    if (connection != m_connection)
        return; // cancelled or replaced meanwhile
    m_running = false;
    if (result.opened && !result.opened->error)
        Q_EMIT connected(*result.opened);
    switch (job.kind) {
    case Job::Kind::Page:
        if (job.generation != m_scanGeneration)
            break;
        m_scanPending = false;
        if (!result.error.isEmpty()) {
            if (!result.cancelled)
                Q_EMIT failed(result.error);
            break;
        }
        m_cursor = result.cursor;
        m_typeOption = result.typeOption;
        m_scanComplete = m_cursor == "0";
        Q_EMIT pageLoaded(result.keys, !m_scanComplete);
        break;
    case Job::Kind::Preview:
        if (job.generation != m_previewGeneration)
            break;
        if (!result.error.isEmpty() && !result.cancelled) {
            result.preview.key = job.key;
            result.preview.message = result.error;
        }
        Q_EMIT previewLoaded(result.preview);
        break;
    case Job::Kind::Delete:
        if (!result.error.isEmpty()) {
            if (!result.cancelled)
                Q_EMIT failed(tr("The key was not deleted: %1").arg(result.error));
        } else {
            Q_EMIT deleted(job.key);
        }
        break;
    }
    dispatch();
}

void KeysController::updateBusy()
{
    const bool busy = isBusy();
    if (busy == m_wasBusy)
        return;
    m_wasBusy = busy;
    Q_EMIT busyChanged(busy);
}

} // namespace rediscope
