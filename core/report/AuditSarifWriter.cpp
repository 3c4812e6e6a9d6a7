#include "AuditSarifWriter.h"

#include "report/AuditReportSupport.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QRegularExpression>
#include <QUrl>

namespace rediscope {

namespace {

const QString kSchema = QStringLiteral("https://json.schemastore.org/sarif-2.1.0.json");
const QString kSourceRoot = QStringLiteral("SRCROOT");
const QString kFingerprintKey = QStringLiteral("rediscope/v1");

// One result to write: a finding, and the audit target it belongs to (null for lint findings).
struct Item
{
    const Finding* finding = nullptr;
    const AuditResult* target = nullptr;
};

// "cert.expires_soon" → "CertExpiresSoon": the rule's friendly name.
QString ruleName(const QString& id)
{
    QString name;
    bool upper = true;
    for (const QChar c : id) {
        if (c == QLatin1Char('.') || c == QLatin1Char('_')) {
            upper = true;
            continue;
        }
        name += upper ? c.toUpper() : c;
        upper = false;
    }
    return name;
}

QString securitySeverityText(Severity severity)
{
    return QString::number(sarifSecuritySeverity(severity), 'f', 1);
}

QJsonObject ruleFor(const QString& id, const Finding& example)
{
    const CheckDefinition* definition = findCheck(id);
    const QString title = definition ? definition->title : example.title;
    const QString help = definition ? definition->help : example.detail;
    const Severity severity =
        (definition ? catalogueDefaultSeverity(definition->severity) : std::nullopt)
            .value_or(example.severity);
    QString helpText = help;
    if (definition)
        helpText += QStringLiteral(" Severity: %1.").arg(definition->severity);
    return QJsonObject{
        {QStringLiteral("id"), id},
        {QStringLiteral("name"), ruleName(id)},
        {QStringLiteral("shortDescription"), QJsonObject{{QStringLiteral("text"), title}}},
        {QStringLiteral("fullDescription"), QJsonObject{{QStringLiteral("text"), help}}},
        {QStringLiteral("help"), QJsonObject{{QStringLiteral("text"), helpText}}},
        {QStringLiteral("defaultConfiguration"),
         QJsonObject{{QStringLiteral("level"), sarifLevel(severity)}}},
        {QStringLiteral("properties"),
         QJsonObject{
             {QStringLiteral("tags"), QJsonArray{QStringLiteral("security"), findingFamily(id)}},
             {QStringLiteral("security-severity"), securitySeverityText(severity)},
             {QStringLiteral("precision"), QStringLiteral("high")},
         }},
    };
}

QString withFullStop(const QString& text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty() || trimmed.endsWith(QLatin1Char('.')) ||
        trimmed.endsWith(QLatin1Char('!')) || trimmed.endsWith(QLatin1Char('?')))
        return trimmed;
    return trimmed + QLatin1Char('.');
}

QString messageText(const Item& item)
{
    const Finding& finding = *item.finding;
    QString text;
    if (item.target)
        text = QStringLiteral("[%1] ").arg(auditTargetName(*item.target));
    text += withFullStop(finding.title);
    if (!finding.detail.isEmpty())
        text += QLatin1Char(' ') + withFullStop(finding.detail);
    if (!finding.evidence.isEmpty())
        text += QStringLiteral(" Evidence: ") + withFullStop(finding.evidence);
    return text;
}

class ArtifactUris
{
public:
    explicit ArtifactUris(const QString& baseDirectory)
    {
        if (!baseDirectory.isEmpty())
            m_base = QDir::cleanPath(QFileInfo(baseDirectory).absoluteFilePath());
    }

    // {"uri": …, "uriBaseId": "SRCROOT"} for a file below the base directory; else {"uri":
    // "file:///…"}.
    QJsonObject locate(const QString& file)
    {
        const QString absolute = QDir::cleanPath(QFileInfo(file).absoluteFilePath());
        if (!m_base.isEmpty()) {
            const QString relative = QDir(m_base).relativeFilePath(absolute);
            const bool inside = !relative.isEmpty() && relative != QLatin1String(".") &&
                                relative != QLatin1String("..") &&
                                !relative.startsWith(QLatin1String("../")) &&
                                !QDir::isAbsolutePath(relative);
            if (inside) {
                m_usedBase = true;
                return QJsonObject{
                    {QStringLiteral("uri"),
                     QString::fromLatin1(QUrl::toPercentEncoding(relative, "/"))},
                    {QStringLiteral("uriBaseId"), kSourceRoot},
                };
            }
        }
        return QJsonObject{
            {QStringLiteral("uri"),
             QString::fromLatin1(QUrl::fromLocalFile(absolute).toEncoded(QUrl::FullyEncoded))},
        };
    }

    // run.originalUriBaseIds, when a relative URI was written.
    std::optional<QJsonObject> baseIds() const
    {
        if (!m_usedBase)
            return std::nullopt;
        QString base = m_base;
        if (!base.endsWith(QLatin1Char('/')))
            base += QLatin1Char('/');
        return QJsonObject{
            {kSourceRoot, QJsonObject{{QStringLiteral("uri"),
                                       QString::fromLatin1(QUrl::fromLocalFile(base).toEncoded(
                                           QUrl::FullyEncoded))}}},
        };
    }

private:
    QString m_base;
    bool m_usedBase = false;
};

QJsonObject physicalLocation(ArtifactUris& uris, const QString& file, int line)
{
    QJsonObject location{{QStringLiteral("artifactLocation"), uris.locate(file)}};
    if (line > 0)
        location.insert(QStringLiteral("region"), QJsonObject{{QStringLiteral("startLine"), line}});
    return location;
}

QJsonArray locationsFor(const Item& item, ArtifactUris& uris)
{
    const Finding& finding = *item.finding;
    QJsonObject location;
    if (!finding.file.isEmpty())
        location.insert(QStringLiteral("physicalLocation"),
                        physicalLocation(uris, finding.file, finding.line));
    else if (item.target && !item.target->sourceFile.isEmpty())
        location.insert(QStringLiteral("physicalLocation"),
                        physicalLocation(uris, item.target->sourceFile, item.target->sourceLine));
    if (item.target)
        location.insert(QStringLiteral("logicalLocations"),
                        QJsonArray{QJsonObject{
                            {QStringLiteral("name"), auditTargetName(*item.target)},
                            {QStringLiteral("fullyQualifiedName"), auditEndpointUri(*item.target)},
                            {QStringLiteral("kind"), QStringLiteral("resource")},
                        }});
    if (location.isEmpty())
        return {};
    return QJsonArray{location};
}

QString fingerprintKey(const Item& item, const QJsonArray& locations)
{
    const Finding& finding = *item.finding;
    QStringList parts{finding.id};
    if (item.target) {
        parts << auditEndpointUri(*item.target)
              << (item.target->fromUrl ? QString() : item.target->profile.name);
    } else {
        const QJsonObject artifact = locations.isEmpty()
                                         ? QJsonObject()
                                         : locations.first()
                                               .toObject()
                                               .value(QStringLiteral("physicalLocation"))
                                               .toObject()
                                               .value(QStringLiteral("artifactLocation"))
                                               .toObject();
        parts << artifact.value(QStringLiteral("uri")).toString() << finding.detail;
    }
    return parts.join(QChar(0x1f)); // a separator no field contains
}

QJsonObject resultFor(const Item& item, int ruleIndex, ArtifactUris& uris,
                      QHash<QString, int>& seenKeys)
{
    const Finding& finding = *item.finding;
    const QJsonArray locations = locationsFor(item, uris);

    QString key = fingerprintKey(item, locations);
    const int occurrence = ++seenKeys[key];
    if (occurrence > 1) // the same check twice for one target: keep them apart, deterministically
        key += QChar(0x1f) + QString::number(occurrence);
    const QByteArray hash = QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha256);

    QJsonObject properties{{QStringLiteral("severity"), severityName(finding.severity)}};
    if (item.target) {
        properties.insert(QStringLiteral("target"), auditTargetName(*item.target));
        properties.insert(QStringLiteral("endpoint"), auditEndpointUri(*item.target));
        properties.insert(QStringLiteral("environment"), auditEnvironment(*item.target));
        if (!item.target->fromUrl && !item.target->profile.name.isEmpty())
            properties.insert(QStringLiteral("profile"), item.target->profile.name);
    }
    if (!finding.remediation.isEmpty())
        properties.insert(QStringLiteral("remediation"), finding.remediation);

    QJsonObject result{
        {QStringLiteral("ruleId"), finding.id},
        {QStringLiteral("ruleIndex"), ruleIndex},
        {QStringLiteral("level"), sarifLevel(finding.severity)},
        {QStringLiteral("message"), QJsonObject{{QStringLiteral("text"), messageText(item)}}},
        {QStringLiteral("partialFingerprints"),
         QJsonObject{{kFingerprintKey, QString::fromLatin1(hash.toHex())}}},
        {QStringLiteral("properties"), properties},
    };
    if (!locations.isEmpty())
        result.insert(QStringLiteral("locations"), locations);
    return result;
}

QJsonObject sarifLog(const QList<Item>& items, const SarifOptions& options)
{
    // Rules: one per id that occurs, in catalogue order (ids outside the catalogue last).
    QList<QString> ids;
    QHash<QString, const Finding*> examples;
    for (const Item& item : items)
        if (!examples.contains(item.finding->id)) {
            examples.insert(item.finding->id, item.finding);
            ids << item.finding->id;
        }
    QList<QString> ordered;
    for (const CheckDefinition& definition : checkCatalogue())
        if (examples.contains(definition.id))
            ordered << definition.id;
    for (const QString& id : std::as_const(ids))
        if (!ordered.contains(id))
            ordered << id;

    QJsonArray rules;
    QHash<QString, int> ruleIndex;
    for (const QString& id : std::as_const(ordered)) {
        ruleIndex.insert(id, static_cast<int>(rules.size()));
        rules.append(ruleFor(id, *examples.value(id)));
    }

    ArtifactUris uris(options.baseDirectory);
    QHash<QString, int> seenKeys;
    QJsonArray results;
    for (const Item& item : items)
        results.append(resultFor(item, ruleIndex.value(item.finding->id), uris, seenKeys));

    QJsonObject driver{
        {QStringLiteral("name"), QStringLiteral("rediscope")},
        {QStringLiteral("version"), options.toolVersion},
        {QStringLiteral("rules"), rules},
    };
    if (!options.informationUri.isEmpty())
        driver.insert(QStringLiteral("informationUri"), options.informationUri);

    QJsonObject run{
        {QStringLiteral("tool"), QJsonObject{{QStringLiteral("driver"), driver}}},
        {QStringLiteral("results"), results},
        {QStringLiteral("columnKind"), QStringLiteral("utf16CodeUnits")},
    };
    if (const auto baseIds = uris.baseIds())
        run.insert(QStringLiteral("originalUriBaseIds"), *baseIds);

    return QJsonObject{
        {QStringLiteral("$schema"), kSchema},
        {QStringLiteral("version"), QStringLiteral("2.1.0")},
        {QStringLiteral("runs"), QJsonArray{run}},
    };
}

} // namespace

QString sarifLevel(Severity severity)
{
    switch (severity) {
    case Severity::Critical:
    case Severity::High:
        return QStringLiteral("error");
    case Severity::Medium:
        return QStringLiteral("warning");
    case Severity::Low:
    case Severity::Info:
        return QStringLiteral("note");
    }
    return QStringLiteral("note");
}

double sarifSecuritySeverity(Severity severity)
{
    switch (severity) {
    case Severity::Critical:
        return 9.5;
    case Severity::High:
        return 8.0;
    case Severity::Medium:
        return 5.5;
    case Severity::Low:
        return 3.0;
    case Severity::Info:
        return 0.0;
    }
    return 0.0;
}

std::optional<Severity> catalogueDefaultSeverity(const QString& severityText)
{
    static const QRegularExpression word(QStringLiteral("\\b(critical|high|medium|low|info)\\b"));
    const QString text = severityText.trimmed().toLower();
    QString scope = text;
    if (text.startsWith(QLatin1String("env"))) {
        const qsizetype prod = text.indexOf(QLatin1String("prod"));
        if (prod >= 0)
            scope = text.mid(prod);
    }
    const QRegularExpressionMatch match = word.match(scope);
    if (!match.hasMatch())
        return std::nullopt;
    return severityFromName(match.captured(1));
}

QJsonObject auditSarif(const QList<AuditResult>& results, const SarifOptions& options)
{
    QList<Item> items;
    for (const AuditResult& result : results)
        for (const Finding& finding : result.findings)
            items << Item{&finding, &result};
    return sarifLog(items, options);
}

QJsonObject findingsSarif(const QList<Finding>& findings, const SarifOptions& options)
{
    QList<Item> items;
    for (const Finding& finding : findings)
        items << Item{&finding, nullptr};
    return sarifLog(items, options);
}

} // namespace rediscope
