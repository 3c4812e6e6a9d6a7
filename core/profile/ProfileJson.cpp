#include "ProfileJson.h"

#include "tls/TlsOptions.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <algorithm>
#include <cmath>
#include <limits>
#include <variant>

namespace rediscope {

namespace {

const QString IdKey = QStringLiteral("id");
const QString NameKey = QStringLiteral("name");
const QString ServiceKey = QStringLiteral("service");
const QString EnvironmentKey = QStringLiteral("environment");
const QString HostKey = QStringLiteral("host");
const QString PortKey = QStringLiteral("port");
const QString DbKey = QStringLiteral("db");
const QString UsernameKey = QStringLiteral("username");
const QString PasswordKey = QStringLiteral("password");
const QString TlsKey = QStringLiteral("tls");
const QString ExpectedServerKey = QStringLiteral("expected_server");
const QString TagsKey = QStringLiteral("tags");
const QString NotesKey = QStringLiteral("notes");
const QString TimeoutKey = QStringLiteral("timeout");

const QString EnabledKey = QStringLiteral("enabled");
const QString VerifyPeerKey = QStringLiteral("verify_peer");
const QString VerifyHostnameKey = QStringLiteral("verify_hostname");
const QString SniKey = QStringLiteral("sni");
const QString CaFileKey = QStringLiteral("ca_file");
const QString CaDirKey = QStringLiteral("ca_dir");
const QString CertFileKey = QStringLiteral("cert_file");
const QString KeyFileKey = QStringLiteral("key_file");
const QString KeyPassphraseKey = QStringLiteral("key_passphrase");
const QString MinProtocolKey = QStringLiteral("min_protocol");
const QString CiphersKey = QStringLiteral("ciphers");
const QString CiphersuitesKey = QStringLiteral("ciphersuites");

const QString SourceKey = QStringLiteral("source");
const QString ValueKey = QStringLiteral("value");

const QStringList ProfileKeys = {
    IdKey,       NameKey,     ServiceKey, EnvironmentKey,    HostKey, PortKey,  DbKey,
    UsernameKey, PasswordKey, TlsKey,     ExpectedServerKey, TagsKey, NotesKey, TimeoutKey};
const QStringList TlsKeys = {EnabledKey,       VerifyPeerKey,  VerifyHostnameKey, SniKey,
                             CaFileKey,        CaDirKey,       CertFileKey,       KeyFileKey,
                             KeyPassphraseKey, MinProtocolKey, CiphersKey,        CiphersuitesKey};
const QStringList ServerKinds = {QStringLiteral("redis"), QStringLiteral("valkey"),
                                 QStringLiteral("dragonfly"), QStringLiteral("keydb")};

constexpr int MaxTimeoutSeconds = 3600;

// What a JSON value is, in words; never the value itself (it could be a secret).
QString describe(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("true/false");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("a list");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("nothing");
}

bool isAbsent(const QJsonValue& value)
{
    return value.isUndefined() || value.isNull();
}

// Reads the fields of one profile, remembering which profile for the messages.
class Reader
{
public:
    Reader(int index, QString name, QString* errorPath)
        : m_index(index)
        , m_name(std::move(name))
        , m_errorPath(errorPath)
    {}

    std::unexpected<Error> error(const QString& path, const QString& problem) const
    {
        if (m_errorPath)
            *m_errorPath = path;
        return fail(
            ErrorCode::InvalidArgument, Stage::None,
            QStringLiteral("%1: \"%2\" %3.").arg(profileLabel(m_index, m_name), path, problem));
    }

    Result<void> readString(const QJsonObject& object, const QString& key, const QString& path,
                            QString& target) const
    {
        const QJsonValue value = object.value(key);
        if (isAbsent(value))
            return {};
        if (!value.isString())
            return error(path, QStringLiteral("must be a string (found %1)").arg(describe(value)));
        target = value.toString();
        return {};
    }

    Result<void> readBool(const QJsonObject& object, const QString& key, const QString& path,
                          bool& target) const
    {
        const QJsonValue value = object.value(key);
        if (isAbsent(value))
            return {};
        if (!value.isBool())
            return error(path,
                         QStringLiteral("must be true or false (found %1)").arg(describe(value)));
        target = value.toBool();
        return {};
    }

    Result<void> readInteger(const QJsonObject& object, const QString& key, const QString& path,
                             qint64 minimum, qint64 maximum, const QString& what,
                             qint64& target) const
    {
        const QJsonValue value = object.value(key);
        if (isAbsent(value))
            return {};
        const QString expected = QStringLiteral("must be %1 from %2 to %3")
                                     .arg(what, QString::number(minimum), QString::number(maximum));
        if (!value.isDouble())
            return error(path, QStringLiteral("%1 (found %2)").arg(expected, describe(value)));
        const double number = value.toDouble();
        if (!std::isfinite(number) || std::floor(number) != number ||
            number < static_cast<double>(minimum) || number > static_cast<double>(maximum))
            return error(
                path,
                QStringLiteral("%1 (found %2)").arg(expected, QString::number(number, 'g', 17)));
        target = static_cast<qint64>(number);
        return {};
    }

    // A secret reference; an inline secret goes to `inlineSecret` (and never back to the file).
    Result<void> readSecret(const QJsonObject& object, const QString& key, const QString& path,
                            SecretRef& reference, QByteArray& inlineSecret, bool& wasInline) const
    {
        const QJsonValue value = object.value(key);
        if (isAbsent(value))
            return {};
        if (value.isString()) {
            const QString text = value.toString();
            if (text.isEmpty()) {
                reference = SecretRef::none();
                return {};
            }
            inlineSecret = text.toUtf8();
            wasInline = true;
            reference = SecretRef::prompt();
            return {};
        }
        if (!value.isObject())
            return error(path, QStringLiteral("must be an object like {\"source\": \"keychain\"} "
                                              "(found %1)")
                                   .arg(describe(value)));
        const QJsonObject secret = value.toObject();
        SecretRef source = SecretRef::none();
        const QJsonValue sourceValue = secret.value(SourceKey);
        if (!isAbsent(sourceValue)) {
            if (!sourceValue.isString())
                return error(
                    path + QStringLiteral(".source"),
                    QStringLiteral("must be a string (found %1)").arg(describe(sourceValue)));
            const auto parsed = SecretRef::fromString(sourceValue.toString());
            // The unknown text is not quoted: someone may have typed the secret itself here.
            if (!parsed)
                return error(path + QStringLiteral(".source"),
                             QStringLiteral("must be keychain, prompt, none or env:VARIABLE "
                                            "(found something else)"));
            source = *parsed;
        }
        const QJsonValue inlineValue = secret.value(ValueKey);
        if (!isAbsent(inlineValue)) {
            if (!inlineValue.isString())
                return error(
                    path + QStringLiteral(".value"),
                    QStringLiteral("must be a string (found %1)").arg(describe(inlineValue)));
            if (!inlineValue.toString().isEmpty()) {
                inlineSecret = inlineValue.toString().toUtf8();
                wasInline = true;
                if (source.source == SecretRef::Source::None)
                    source = SecretRef::prompt();
            }
        }
        reference = source;
        return {};
    }

private:
    int m_index;
    QString m_name;
    QString* m_errorPath;
};

// Walks the raw text of a JSON document to find where a value is written. Iterative (no
// recursion), so deeply nested text cannot exhaust the stack.
class JsonTextCursor
{
public:
    explicit JsonTextCursor(const QByteArray& text)
        : m_text(text)
    {}

    qsizetype offset() const { return m_at; }

    void skipSpace()
    {
        while (m_at < m_text.size() && isSpace(m_text.at(m_at)))
            ++m_at;
    }

    // Skips the value at the cursor; false when the text is not well-formed there.
    bool skipValue()
    {
        skipSpace();
        if (m_at >= m_text.size())
            return false;
        const char first = m_text.at(m_at);
        if (first == '"')
            return skipString();
        if (first != '{' && first != '[') {
            const qsizetype start = m_at;
            while (m_at < m_text.size() && !isSpace(m_text.at(m_at)) &&
                   !QByteArrayView(",:]}").contains(m_text.at(m_at)))
                ++m_at;
            return m_at > start;
        }
        int depth = 0;
        while (m_at < m_text.size()) {
            const char c = m_text.at(m_at);
            if (c == '"') {
                if (!skipString())
                    return false;
                continue;
            }
            if (c == '{' || c == '[') {
                ++depth;
            } else if (c == '}' || c == ']') {
                if (--depth == 0) {
                    ++m_at;
                    return true;
                }
            }
            ++m_at;
        }
        return false;
    }

    // At an object's "{": moves to the value of the member named `key` (its last occurrence).
    bool enterMember(const QString& key)
    {
        if (!consume('{'))
            return false;
        qsizetype found = -1;
        skipSpace();
        if (consume('}'))
            return false;
        while (true) {
            skipSpace();
            const auto name = readString();
            if (!name)
                return false;
            skipSpace();
            if (!consume(':'))
                return false;
            skipSpace();
            if (*name == key)
                found = m_at;
            if (!skipValue())
                return false;
            skipSpace();
            if (consume(','))
                continue;
            if (consume('}'))
                break;
            return false;
        }
        if (found < 0)
            return false;
        m_at = found;
        return true;
    }

    // At an array's "[": moves to its element `index`.
    bool enterElement(qsizetype index)
    {
        if (!consume('['))
            return false;
        skipSpace();
        if (m_at < m_text.size() && m_text.at(m_at) == ']')
            return false;
        for (qsizetype i = 0;; ++i) {
            skipSpace();
            if (i == index)
                return m_at < m_text.size();
            if (!skipValue())
                return false;
            skipSpace();
            if (!consume(','))
                return false;
        }
    }

private:
    static bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

    bool consume(char c)
    {
        if (m_at < m_text.size() && m_text.at(m_at) == c) {
            ++m_at;
            return true;
        }
        return false;
    }

    bool skipString()
    {
        if (!consume('"'))
            return false;
        while (m_at < m_text.size()) {
            const char c = m_text.at(m_at++);
            if (c == '\\')
                ++m_at;
            else if (c == '"')
                return true;
        }
        return false;
    }

    // The decoded string at the cursor.
    std::optional<QString> readString()
    {
        const qsizetype start = m_at;
        if (!skipString())
            return std::nullopt;
        const QByteArray token = m_text.mid(start, m_at - start);
        const QJsonDocument decoded = QJsonDocument::fromJson('[' + token + ']');
        if (!decoded.isArray() || !decoded.array().at(0).isString())
            return std::nullopt;
        return decoded.array().at(0).toString();
    }

    const QByteArray& m_text;
    qsizetype m_at = 0;
};

// "profiles[2].tls.verify_peer" → "profiles", 2, "tls", "verify_peer" (a key, or an index).
std::optional<QList<std::variant<QString, qsizetype>>> pathSteps(const QString& path)
{
    QList<std::variant<QString, qsizetype>> steps;
    qsizetype i = 0;
    while (i < path.size()) {
        if (path.at(i) == QLatin1Char('[')) {
            const qsizetype close = path.indexOf(QLatin1Char(']'), i);
            if (close < 0)
                return std::nullopt;
            bool ok = false;
            const qsizetype index = path.mid(i + 1, close - i - 1).toLongLong(&ok);
            if (!ok || index < 0)
                return std::nullopt;
            steps.append(index);
            i = close + 1;
            if (i < path.size() && path.at(i) == QLatin1Char('.'))
                ++i;
            continue;
        }
        qsizetype end = i;
        while (end < path.size() && path.at(end) != QLatin1Char('.') &&
               path.at(end) != QLatin1Char('['))
            ++end;
        steps.append(path.mid(i, end - i));
        i = end < path.size() && path.at(end) == QLatin1Char('.') ? end + 1 : end;
    }
    return steps;
}

QJsonObject secretToJson(const SecretRef& reference)
{
    return QJsonObject{{SourceKey, reference.toString()}};
}

void insertIfSet(QJsonObject& object, const QString& key, const QString& value)
{
    if (!value.isEmpty())
        object.insert(key, value);
}

} // namespace

QString profileLabel(int index, const QString& name)
{
    if (index >= 0) {
        if (name.isEmpty())
            return QStringLiteral("Profile %1").arg(index + 1);
        return QStringLiteral("Profile %1 (\"%2\")").arg(QString::number(index + 1), name);
    }
    if (name.isEmpty())
        return QStringLiteral("The profile");
    return QStringLiteral("Profile \"%1\"").arg(name);
}

Result<ProfileJsonRead> profileFromJson(const QJsonValue& value, int index, QString* errorPath)
{
    if (!value.isObject()) {
        if (errorPath)
            errorPath->clear();
        return fail(ErrorCode::InvalidArgument, Stage::None,
                    QStringLiteral("%1 must be an object (found %2).")
                        .arg(profileLabel(index, {}), describe(value)));
    }
    const QJsonObject object = value.toObject();
    const QJsonValue nameValue = object.value(NameKey);
    const Reader reader(index, nameValue.isString() ? nameValue.toString() : QString(), errorPath);

    ProfileJsonRead read;
    Profile& profile = read.profile;

    const QJsonValue idValue = object.value(IdKey);
    if (isAbsent(idValue)) {
        profile.id = QUuid::createUuid();
        read.idGenerated = true;
    } else {
        if (!idValue.isString())
            return reader.error(
                IdKey, QStringLiteral("must be a UUID string (found %1)").arg(describe(idValue)));
        profile.id = QUuid::fromString(idValue.toString().trimmed());
        if (profile.id.isNull())
            return reader.error(
                IdKey, QStringLiteral("must be a UUID like 123e4567-e89b-12d3-a456-426614174000"));
    }

    for (const auto& [key, target] : {std::pair<QString, QString*>{NameKey, &profile.name},
                                      {ServiceKey, &profile.service},
                                      {HostKey, &profile.host},
                                      {UsernameKey, &profile.username},
                                      {NotesKey, &profile.notes}})
        if (auto ok = reader.readString(object, key, key, *target); !ok)
            return std::unexpected(ok.error());

    QString environment;
    if (auto ok = reader.readString(object, EnvironmentKey, EnvironmentKey, environment); !ok)
        return std::unexpected(ok.error());
    if (!environment.trimmed().isEmpty())
        profile.environment = environment.trimmed();

    qint64 number = profile.port;
    if (auto ok = reader.readInteger(object, PortKey, PortKey, 1, 65535,
                                     QStringLiteral("a port number"), number);
        !ok)
        return std::unexpected(ok.error());
    profile.port = static_cast<quint16>(number);

    number = profile.db;
    if (auto ok = reader.readInteger(object, DbKey, DbKey, 0, std::numeric_limits<int>::max(),
                                     QStringLiteral("a database number"), number);
        !ok)
        return std::unexpected(ok.error());
    profile.db = static_cast<int>(number);

    number = profile.timeoutSeconds;
    if (auto ok = reader.readInteger(object, TimeoutKey, TimeoutKey, 1, MaxTimeoutSeconds,
                                     QStringLiteral("a number of seconds"), number);
        !ok)
        return std::unexpected(ok.error());
    profile.timeoutSeconds = static_cast<int>(number);

    if (auto ok = reader.readSecret(object, PasswordKey, PasswordKey, profile.password,
                                    profile.inlinePassword, read.inlinePassword);
        !ok)
        return std::unexpected(ok.error());

    QString serverKind;
    if (auto ok = reader.readString(object, ExpectedServerKey, ExpectedServerKey, serverKind); !ok)
        return std::unexpected(ok.error());
    serverKind = serverKind.trimmed().toLower();
    if (!serverKind.isEmpty() && !ServerKinds.contains(serverKind))
        return reader.error(ExpectedServerKey, QStringLiteral("must be one of %1 (or absent)")
                                                   .arg(ServerKinds.join(QStringLiteral(", "))));
    profile.expectedServerKind = serverKind;

    const QJsonValue tagsValue = object.value(TagsKey);
    if (!isAbsent(tagsValue)) {
        if (!tagsValue.isArray())
            return reader.error(
                TagsKey,
                QStringLiteral("must be a list of strings (found %1)").arg(describe(tagsValue)));
        const QJsonArray tags = tagsValue.toArray();
        for (qsizetype i = 0; i < tags.size(); ++i) {
            if (!tags.at(i).isString())
                return reader.error(
                    QStringLiteral("tags[%1]").arg(i),
                    QStringLiteral("must be a string (found %1)").arg(describe(tags.at(i))));
            profile.tags.append(tags.at(i).toString());
        }
    }

    const QJsonValue tlsValue = object.value(TlsKey);
    if (!isAbsent(tlsValue)) {
        if (!tlsValue.isObject())
            return reader.error(
                TlsKey, QStringLiteral("must be an object (found %1)").arg(describe(tlsValue)));
        const QJsonObject tlsObject = tlsValue.toObject();
        ProfileTls& tls = profile.tls;
        const auto path = [](const QString& key) -> QString {
            return QStringLiteral("tls.") + key;
        };
        for (const auto& [key, target] : {std::pair<QString, bool*>{EnabledKey, &tls.enabled},
                                          {VerifyPeerKey, &tls.verifyPeer},
                                          {VerifyHostnameKey, &tls.verifyHostname}})
            if (auto ok = reader.readBool(tlsObject, key, path(key), *target); !ok)
                return std::unexpected(ok.error());
        for (const auto& [key, target] : {std::pair<QString, QString*>{SniKey, &tls.sni},
                                          {CaFileKey, &tls.caFile},
                                          {CaDirKey, &tls.caDir},
                                          {CertFileKey, &tls.certFile},
                                          {KeyFileKey, &tls.keyFile},
                                          {CiphersKey, &tls.ciphers},
                                          {CiphersuitesKey, &tls.ciphersuites}})
            if (auto ok = reader.readString(tlsObject, key, path(key), *target); !ok)
                return std::unexpected(ok.error());
        QString protocol;
        if (auto ok = reader.readString(tlsObject, MinProtocolKey, path(MinProtocolKey), protocol);
            !ok)
            return std::unexpected(ok.error());
        if (!protocol.trimmed().isEmpty()) {
            tls.minProtocol = canonicalProtocolName(protocol);
            if (tls.minProtocol.isEmpty())
                return reader.error(path(MinProtocolKey),
                                    QStringLiteral("must be TLSv1, TLSv1.1, TLSv1.2 or TLSv1.3"));
        }
        if (auto ok = reader.readSecret(tlsObject, KeyPassphraseKey, path(KeyPassphraseKey),
                                        tls.keyPassphrase, profile.inlineKeyPassphrase,
                                        read.inlineKeyPassphrase);
            !ok)
            return std::unexpected(ok.error());
        QJsonObject unknown = tlsObject;
        for (const QString& key : TlsKeys)
            unknown.remove(key);
        tls.unknownFields = unknown;
    }

    QJsonObject unknown = object;
    for (const QString& key : ProfileKeys)
        unknown.remove(key);
    profile.unknownFields = unknown;
    return read;
}

QString TextPosition::toString() const
{
    return QStringLiteral("line %1, column %2").arg(line).arg(column);
}

TextPosition textPositionOf(const QByteArray& text, qsizetype offset)
{
    offset = std::clamp<qsizetype>(offset, 0, text.size());
    TextPosition position{1, 1};
    for (qsizetype i = 0; i < offset; ++i) {
        const auto byte = static_cast<unsigned char>(text.at(i));
        if (byte == '\n') {
            ++position.line;
            position.column = 1;
        } else if ((byte & 0xc0) != 0x80) {
            ++position.column;
        }
    }
    return position;
}

std::optional<TextPosition> jsonValuePosition(const QByteArray& text, const QString& path)
{
    const auto steps = pathSteps(path);
    if (!steps)
        return std::nullopt;
    JsonTextCursor cursor(text);
    cursor.skipSpace();
    for (const auto& step : *steps) {
        const bool entered = std::holds_alternative<QString>(step)
                                 ? cursor.enterMember(std::get<QString>(step))
                                 : cursor.enterElement(std::get<qsizetype>(step));
        if (!entered)
            return std::nullopt;
        cursor.skipSpace();
    }
    if (cursor.offset() >= text.size())
        return std::nullopt;
    return textPositionOf(text, cursor.offset());
}

std::optional<TextPosition> profileFieldPosition(const QByteArray& fileBytes, const QUuid& id,
                                                 const QString& field)
{
    if (id.isNull())
        return std::nullopt;
    const QJsonArray profiles =
        QJsonDocument::fromJson(fileBytes).object().value(QStringLiteral("profiles")).toArray();
    for (qsizetype i = 0; i < profiles.size(); ++i) {
        const QJsonValue idValue = profiles.at(i).toObject().value(IdKey);
        if (idValue.isString() && QUuid::fromString(idValue.toString().trimmed()) == id)
            return jsonValuePosition(fileBytes,
                                     QStringLiteral("profiles[%1].%2").arg(i).arg(field));
    }
    return std::nullopt;
}

QJsonObject profileToJson(const Profile& profile)
{
    QJsonObject tls = profile.tls.unknownFields;
    for (const QString& key : TlsKeys)
        tls.remove(key);
    tls.insert(EnabledKey, profile.tls.enabled);
    tls.insert(VerifyPeerKey, profile.tls.verifyPeer);
    tls.insert(VerifyHostnameKey, profile.tls.verifyHostname);
    insertIfSet(tls, SniKey, profile.tls.sni);
    insertIfSet(tls, CaFileKey, profile.tls.caFile);
    insertIfSet(tls, CaDirKey, profile.tls.caDir);
    insertIfSet(tls, CertFileKey, profile.tls.certFile);
    insertIfSet(tls, KeyFileKey, profile.tls.keyFile);
    if (profile.tls.keyPassphrase.source != SecretRef::Source::None)
        tls.insert(KeyPassphraseKey, secretToJson(profile.tls.keyPassphrase));
    tls.insert(MinProtocolKey, profile.tls.minProtocol.isEmpty() ? QStringLiteral("TLSv1.2")
                                                                 : profile.tls.minProtocol);
    insertIfSet(tls, CiphersKey, profile.tls.ciphers);
    insertIfSet(tls, CiphersuitesKey, profile.tls.ciphersuites);

    QJsonObject object = profile.unknownFields;
    for (const QString& key : ProfileKeys)
        object.remove(key);
    object.insert(IdKey, profile.id.toString(QUuid::WithoutBraces));
    object.insert(NameKey, profile.name);
    object.insert(ServiceKey, profile.service);
    object.insert(EnvironmentKey, profile.environment);
    object.insert(HostKey, profile.host);
    object.insert(PortKey, static_cast<int>(profile.port));
    object.insert(DbKey, profile.db);
    insertIfSet(object, UsernameKey, profile.username);
    object.insert(PasswordKey, secretToJson(profile.password));
    object.insert(TlsKey, tls);
    insertIfSet(object, ExpectedServerKey, profile.expectedServerKind);
    if (!profile.tags.isEmpty())
        object.insert(TagsKey, QJsonArray::fromStringList(profile.tags));
    insertIfSet(object, NotesKey, profile.notes);
    object.insert(TimeoutKey, profile.timeoutSeconds);
    return object;
}

} // namespace rediscope
