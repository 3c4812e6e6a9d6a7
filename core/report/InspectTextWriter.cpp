#include "InspectTextWriter.h"

#include "common/ErrorNames.h"
#include "common/Plural.h"
#include "report/AuditReportSupport.h"
#include "report/TerminalPaint.h"

#include <QSet>
#include <QStringList>
#include <algorithm>

namespace rediscope {

namespace {

constexpr qsizetype kWidth = 100;
constexpr qsizetype kLabelWidth = 15;      // "Peer temp key" and a gap
constexpr qsizetype kStageTitleWidth = 18; // "Chain verification"

// Lays `chunks` out in lines of at most `width` characters, separated by spaces. A chunk that
// does not fit on the current line starts the next one; a chunk longer than a whole line is
// broken at its spaces; a single word longer than a line stays whole.
QStringList wrapChunks(const QStringList& chunks, qsizetype width)
{
    QStringList lines;
    width = std::max<qsizetype>(width, 20);
    QString line;
    const auto add = [&](const QString& piece) {
        if (line.isEmpty()) {
            line = piece;
        } else if (line.size() + 1 + piece.size() <= width) {
            line += QLatin1Char(' ') + piece;
        } else {
            lines << line;
            line = piece;
        }
    };
    for (const QString& chunk : chunks) {
        if (chunk.isEmpty())
            continue;
        if (chunk.size() <= width) {
            add(chunk);
            continue;
        }
        const QStringList words = chunk.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        for (const QString& word : words)
            add(word);
    }
    if (!line.isEmpty() || lines.isEmpty())
        lines << line;
    return lines;
}

class Report
{
public:
    explicit Report(bool colour)
        : m_colour(colour)
    {}

    QString paint(const QString& text, Paint paint) const
    {
        return paintText(text, paint, m_colour);
    }

    void line(const QString& text = QString()) { m_lines << text; }

    void heading(const QString& title)
    {
        if (!m_lines.isEmpty())
            line();
        line(paint(title, Paint::Bold));
    }

    // `prefix` (already visible width `prefixWidth`) followed by `value` wrapped so that
    // continuation lines line up under the value's first character.
    void wrapped(const QString& prefix, qsizetype prefixWidth, const QString& value,
                 Paint valuePaint = Paint::None)
    {
        wrappedChunks(prefix, prefixWidth, value.split(QLatin1Char(' '), Qt::SkipEmptyParts),
                      valuePaint);
    }

    // As wrapped(), keeping each chunk on one line when it fits.
    void wrappedChunks(const QString& prefix, qsizetype prefixWidth, const QStringList& chunks,
                       Paint valuePaint = Paint::None)
    {
        const QStringList parts = wrapChunks(chunks, kWidth - prefixWidth);
        const QString indent(prefixWidth, QLatin1Char(' '));
        for (qsizetype i = 0; i < parts.size(); ++i)
            line((i == 0 ? prefix : indent) + paint(parts.at(i), valuePaint));
    }

    // "  Label          value", the label column `labelWidth` wide after `indent` spaces.
    void field(qsizetype indent, const QString& label, const QString& value,
               Paint valuePaint = Paint::None, qsizetype labelWidth = kLabelWidth)
    {
        fieldChunks(indent, label, value.split(QLatin1Char(' '), Qt::SkipEmptyParts), valuePaint,
                    labelWidth);
    }

    // A field whose value is made of phrases that should each stay on one line when possible.
    void fieldChunks(qsizetype indent, const QString& label, const QStringList& chunks,
                     Paint valuePaint = Paint::None, qsizetype labelWidth = kLabelWidth)
    {
        const QString prefix = QString(indent, QLatin1Char(' ')) +
                               label.leftJustified(labelWidth - 1) + QLatin1Char(' ');
        wrappedChunks(prefix, prefix.size(), chunks, valuePaint);
    }

    QString text() const { return m_lines.join(QLatin1Char('\n')) + QLatin1Char('\n'); }

private:
    bool m_colour;
    QStringList m_lines;
};

QString statusWord(StageResult::Status status)
{
    switch (status) {
    case StageResult::Status::Ok:
        return QStringLiteral("OK");
    case StageResult::Status::Warning:
        return QStringLiteral("WARN");
    case StageResult::Status::Failed:
        return QStringLiteral("FAIL");
    case StageResult::Status::Skipped:
        return QStringLiteral("SKIP");
    }
    return QStringLiteral("FAIL");
}

Paint statusPaint(StageResult::Status status)
{
    switch (status) {
    case StageResult::Status::Ok:
        return Paint::Green;
    case StageResult::Status::Warning:
        return Paint::Yellow;
    case StageResult::Status::Failed:
        return Paint::Red;
    case StageResult::Status::Skipped:
        return Paint::Dim;
    }
    return Paint::Red;
}

void writeHeader(Report& report, const InspectResult& result)
{
    const QString environment = result.environment.isEmpty() ? QStringLiteral("(none)")
                                                             : reportSafeText(result.environment);
    report.line(report.paint(reportSafeText(endpointUrl(result.endpoint)), Paint::Bold) +
                QStringLiteral("  ·  environment: ") + environment);

    QStringList facts;
    if (!result.peer.isEmpty())
        facts << QStringLiteral("peer ") + reportSafeText(result.peer);
    facts << QString::number(result.totalMs, 'f', 1) + QStringLiteral(" ms");
    int warnings = 0;
    for (const StageResult& stage : result.stages)
        if (stage.status == StageResult::Status::Warning)
            ++warnings;
    QString verdict;
    Paint verdictPaint = Paint::Green;
    if (result.error) {
        const Stage failed = result.error->stage;
        verdict = failed == Stage::None
                      ? QStringLiteral("FAILED")
                      : QStringLiteral("FAILED at ") + stageTitle(failed).toLower();
        verdictPaint = Paint::Red;
    } else if (warnings > 0) {
        verdict = QStringLiteral("connected with ") + countOf(warnings, "warning", "warnings");
        verdictPaint = Paint::Yellow;
    } else {
        verdict = QStringLiteral("connected, every stage passed");
    }
    report.line(QStringLiteral("  ") + facts.join(QStringLiteral(" · ")) + QStringLiteral(" · ") +
                report.paint(verdict, verdictPaint));
}

void writeStages(Report& report, const InspectResult& result)
{
    report.heading(QStringLiteral("Stages"));
    if (result.stages.isEmpty()) {
        report.line(QStringLiteral("  (no stage ran)"));
        return;
    }
    for (const StageResult& stage : result.stages) {
        const QString word = statusWord(stage.status);
        const QString title = stageTitle(stage.stage).leftJustified(kStageTitleWidth);
        const QString ms =
            QString::number(stage.ms, 'f', 1).rightJustified(7) + QStringLiteral(" ms  ");
        const QString plain =
            QStringLiteral("  ") + word.leftJustified(6) + title + QStringLiteral("  ") + ms;
        const QString prefix =
            QStringLiteral("  ") + report.paint(word, statusPaint(stage.status)) +
            QString(6 - word.size(), QLatin1Char(' ')) + title + QStringLiteral("  ") + ms;
        report.wrapped(prefix, plain.size(), reportSafeText(stage.message));
    }
}

void writeDiagnosis(Report& report, const Error& error)
{
    report.heading(QStringLiteral("Diagnosis"));
    QString where;
    if (error.stage != Stage::None)
        where = stageTitle(error.stage) + QStringLiteral(" failed");
    else
        where = QStringLiteral("Failed");
    report.line(QStringLiteral("  ") + report.paint(where, Paint::Red) + QStringLiteral(" (") +
                errorCodeName(error.code) + QLatin1Char(')'));
    report.wrapped(QStringLiteral("  "), 2, reportSafeText(error.message));
    if (!error.detail.isEmpty()) {
        const QStringList detailLines = error.detail.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        for (qsizetype i = 0; i < detailLines.size(); ++i) {
            const QString prefix =
                i == 0 ? QStringLiteral("  Detail: ") : QStringLiteral("          ");
            report.wrapped(prefix, prefix.size(), reportSafeText(detailLines.at(i).trimmed()),
                           Paint::Dim);
        }
    }
}

const CertificateInfo* leafOf(const TlsFacts& facts)
{
    if (!facts.chainSent.isEmpty())
        return &facts.chainSent.constFirst();
    if (!facts.chainVerified.isEmpty())
        return &facts.chainVerified.constFirst();
    return nullptr;
}

QStringList cipherText(const TlsFacts& facts)
{
    const QString bits = facts.cipherBits > 0
                             ? QString::number(facts.cipherBits) + QStringLiteral("-bit")
                             : QString();
    if (facts.cipherIana.isEmpty() && facts.cipherOpenssl.isEmpty())
        return {QStringLiteral("unknown")};
    if (facts.cipherIana.isEmpty() || facts.cipherIana == facts.cipherOpenssl) {
        const QString name = facts.cipherIana.isEmpty() ? facts.cipherOpenssl : facts.cipherIana;
        if (bits.isEmpty())
            return {reportSafeText(name)};
        return {reportSafeText(name), QLatin1Char('(') + bits + QLatin1Char(')')};
    }
    QString openssl = QStringLiteral("(OpenSSL ") + reportSafeText(facts.cipherOpenssl);
    if (!bits.isEmpty())
        openssl += QStringLiteral(", ") + bits;
    return {reportSafeText(facts.cipherIana), openssl + QLatin1Char(')')};
}

void writeTls(Report& report, const InspectResult& result)
{
    report.heading(QStringLiteral("TLS"));
    if (!result.tls) {
        if (result.endpoint.tls)
            report.line(
                QStringLiteral("  ") +
                report.paint(QStringLiteral("No TLS session was established."), Paint::Red));
        else
            report.wrapped(QStringLiteral("  "), 2,
                           QStringLiteral("Not used: everything on this connection, the password "
                                          "included, travels in plaintext."),
                           Paint::Yellow);
        return;
    }
    const TlsFacts& tls = *result.tls;
    report.field(2, QStringLiteral("Protocol"),
                 tls.protocol.isEmpty() ? QStringLiteral("unknown") : reportSafeText(tls.protocol));
    report.fieldChunks(2, QStringLiteral("Cipher"), cipherText(tls));
    report.field(2, QStringLiteral("Group"),
                 tls.group.isEmpty() ? QStringLiteral("none negotiated")
                                     : reportSafeText(tls.group));
    report.field(2, QStringLiteral("Peer temp key"),
                 tls.peerTempKey.isEmpty() ? QStringLiteral("none")
                                           : reportSafeText(tls.peerTempKey));
    const QString sni = !tls.sniSent.isEmpty() ? tls.sniSent : result.sni;
    report.field(2, QStringLiteral("SNI sent"),
                 sni.isEmpty() ? QStringLiteral("none") : reportSafeText(sni));

    if (tls.verified)
        report.field(2, QStringLiteral("Verification"), QStringLiteral("verified"), Paint::Green);
    else
        report.field(2, QStringLiteral("Verification"),
                     tls.verifyError.isEmpty()
                         ? QStringLiteral("NOT verified")
                         : QStringLiteral("NOT verified: ") + reportSafeText(tls.verifyError),
                     Paint::Red);

    if (tls.hostnameChecked.isEmpty()) {
        report.field(2, QStringLiteral("Hostname"), QStringLiteral("not checked"), Paint::Yellow);
    } else if (tls.hostnameMatch) {
        report.field(2, QStringLiteral("Hostname"),
                     reportSafeText(tls.hostnameChecked) +
                         QStringLiteral(" matches the certificate"),
                     Paint::Green);
    } else {
        QString names;
        if (const CertificateInfo* leaf = leafOf(tls)) {
            names = leaf->san.isEmpty()
                        ? QStringLiteral("no SAN; CN=") + reportSafeText(leaf->commonName)
                        : QStringLiteral("SAN: ") +
                              reportSafeText(leaf->san.join(QStringLiteral(", ")));
        } else {
            names = QStringLiteral("no certificate");
        }
        report.fieldChunks(2, QStringLiteral("Hostname"),
                           {reportSafeText(tls.hostnameChecked) +
                                QStringLiteral(" does NOT match the certificate"),
                            QLatin1Char('(') + names + QLatin1Char(')')},
                           Paint::Red);
    }

    report.field(2, QStringLiteral("Resumption"),
                 tls.resumed ? QStringLiteral("resumed session")
                             : QStringLiteral("full handshake (not resumed)"));
    report.field(2, QStringLiteral("OCSP staple"),
                 tls.ocspStapled ? QStringLiteral("stapled") : QStringLiteral("none"));
    QString clientCert;
    if (!tls.clientCertRequested)
        clientCert = QStringLiteral("not requested");
    else if (tls.clientCertSent)
        clientCert = QStringLiteral("requested, sent");
    else
        clientCert = QStringLiteral("requested, none sent");
    report.field(2, QStringLiteral("Client cert"), clientCert);
}

QString dateText(const QDateTime& time)
{
    return time.isValid() ? time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm"))
                          : QStringLiteral("?");
}

void writeValidity(Report& report, const CertificateInfo& certificate, const QDateTime& now)
{
    const QString range = dateText(certificate.notBefore) + QStringLiteral(" → ") +
                          dateText(certificate.notAfter) + QStringLiteral(" UTC");
    QString state;
    Paint paint = Paint::None;
    if (!certificate.notAfter.isValid() || !certificate.notBefore.isValid()) {
        state = QStringLiteral("validity unknown");
        paint = Paint::Yellow;
    } else if (now > certificate.notAfter) {
        const qint64 days = certificate.notAfter.secsTo(now) / 86400;
        state = days == 0 ? QStringLiteral("expired less than a day ago")
                          : QStringLiteral("expired ") + countOf(days, "day", "days") +
                                QStringLiteral(" ago");
        paint = Paint::Red;
    } else if (now < certificate.notBefore) {
        const qint64 days = (now.secsTo(certificate.notBefore) + 86399) / 86400;
        state = QStringLiteral("not valid for ") + countOf(days, "more day", "more days");
        paint = Paint::Red;
    } else {
        const int days = certificate.daysLeft(now);
        state = days == 0 ? QStringLiteral("less than a day left")
                          : countOf(days, "day", "days") + QStringLiteral(" left");
        if (days < 30)
            paint = Paint::Yellow;
    }
    const QString prefix = QStringLiteral("      ") + QStringLiteral("Valid").leftJustified(12);
    report.line(prefix + range + QStringLiteral(" (") + report.paint(state, paint) +
                QLatin1Char(')'));
}

void writeCertificate(Report& report, int index, const CertificateInfo& certificate,
                      bool sentByServer, const QDateTime& now)
{
    constexpr qsizetype indent = 6;
    constexpr qsizetype labelWidth = 12;
    const QString number = QStringLiteral("[%1]").arg(index).leftJustified(indent - 2);
    report.wrapped(QStringLiteral("  ") + number, indent,
                   reportSafeText(certificate.subject.isEmpty() ? QStringLiteral("(empty subject)")
                                                                : certificate.subject),
                   Paint::Bold);
    report.field(indent, QStringLiteral("Issuer"), reportSafeText(certificate.issuer), Paint::None,
                 labelWidth);
    writeValidity(report, certificate, now);

    QString key = certificate.keyType.isEmpty() ? QStringLiteral("unknown")
                                                : reportSafeText(certificate.keyType);
    if (certificate.keyBits > 0)
        key += QLatin1Char(' ') + QString::number(certificate.keyBits) + QStringLiteral(" bits");
    if (!certificate.curve.isEmpty())
        key += QStringLiteral(" (") + reportSafeText(certificate.curve) + QLatin1Char(')');
    report.field(indent, QStringLiteral("Key"), key, Paint::None, labelWidth);
    report.field(indent, QStringLiteral("Signature"),
                 reportSafeText(certificate.signatureAlgorithm), Paint::None, labelWidth);
    report.field(
        indent, QStringLiteral("SAN"),
        certificate.san.isEmpty()
            ? (certificate.hasSanExtension ? QStringLiteral("(empty)") : QStringLiteral("none"))
            : reportSafeText(certificate.san.join(QStringLiteral(", "))),
        Paint::None, labelWidth);
    QStringList usage = certificate.keyUsage;
    usage += certificate.extendedKeyUsage;
    if (!usage.isEmpty())
        report.field(indent, QStringLiteral("Usage"),
                     reportSafeText(usage.join(QStringLiteral(", "))), Paint::None, labelWidth);

    // 32 bytes as "AB:" pairs is 95 columns: two lines of 16 bytes keep it within the width.
    const QString fingerprint = colonFingerprint(certificate.sha256);
    const QString fingerprintPrefix =
        QString(indent, QLatin1Char(' ')) + QStringLiteral("SHA-256").leftJustified(labelWidth);
    if (fingerprint.isEmpty()) {
        report.line(fingerprintPrefix + QStringLiteral("unknown"));
    } else {
        constexpr qsizetype perLine = 16 * 3; // "AB:" × 16
        for (qsizetype at = 0; at < fingerprint.size(); at += perLine)
            report.line((at == 0 ? fingerprintPrefix
                                 : QString(fingerprintPrefix.size(), QLatin1Char(' '))) +
                        fingerprint.mid(at, perLine));
    }

    QStringList flags;
    if (certificate.isCa)
        flags << (certificate.pathLength >= 0
                      ? QStringLiteral("CA (path length %1)").arg(certificate.pathLength)
                      : QStringLiteral("CA"));
    else
        flags << QStringLiteral("not a CA");
    if (certificate.selfSigned)
        flags << QStringLiteral("self-signed");
    report.field(indent, QStringLiteral("Flags"), flags.join(QStringLiteral(", ")), Paint::None,
                 labelWidth);
    report.field(indent, QStringLiteral("Sent"),
                 sentByServer ? QStringLiteral("by the server")
                              : QStringLiteral("no: taken from the local trust store"),
                 Paint::None, labelWidth);
    if (certificate.verifyErrors.isEmpty()) {
        report.field(indent, QStringLiteral("Verify"), QStringLiteral("no errors"), Paint::Green,
                     labelWidth);
    } else {
        for (qsizetype i = 0; i < certificate.verifyErrors.size(); ++i)
            report.field(indent, i == 0 ? QStringLiteral("Verify") : QString(),
                         reportSafeText(certificate.verifyErrors.at(i)), Paint::Red, labelWidth);
    }
}

void writeChain(Report& report, const TlsFacts& tls, const QDateTime& now)
{
    report.heading(QStringLiteral("Certificate chain (leaf → root)"));
    const bool verifiedChain = !tls.chainVerified.isEmpty();
    const QList<CertificateInfo>& chain = verifiedChain ? tls.chainVerified : tls.chainSent;
    if (chain.isEmpty()) {
        report.line(QStringLiteral("  (the server sent no certificate)"));
        return;
    }
    if (!verifiedChain)
        report.wrapped(QStringLiteral("  "), 2,
                       QStringLiteral("As the server sent it: verification built no chain."),
                       Paint::Dim);

    QSet<QString> sent;
    for (const CertificateInfo& certificate : tls.chainSent)
        sent.insert(certificate.sha256);
    QSet<QString> shown;
    for (qsizetype i = 0; i < chain.size(); ++i) {
        const CertificateInfo& certificate = chain.at(i);
        shown.insert(certificate.sha256);
        if (i > 0)
            report.line();
        writeCertificate(report, static_cast<int>(i), certificate,
                         !certificate.sha256.isEmpty() && sent.contains(certificate.sha256), now);
    }

    QStringList extra;
    for (const CertificateInfo& certificate : tls.chainSent)
        if (!shown.contains(certificate.sha256))
            extra << reportSafeText(certificate.subject);
    if (!extra.isEmpty()) {
        report.line();
        report.wrapped(QStringLiteral("  "), 2,
                       QStringLiteral("The server also sent ") +
                           countOf(extra.size(), "certificate", "certificates") +
                           QStringLiteral(" outside this chain: ") +
                           extra.join(QStringLiteral("; ")));
    }
}

void writeServer(Report& report, const InspectResult& result)
{
    report.line();
    const QString label = report.paint(QStringLiteral("Server"), Paint::Bold);
    if (result.server)
        report.line(label + QStringLiteral("  ") + reportSafeText(result.server->displayName()));
    else
        report.line(label + QStringLiteral("  ") +
                    report.paint(QStringLiteral("not identified (INFO did not run)"), Paint::Dim));
}

} // namespace

QString endpointUrl(const Endpoint& endpoint)
{
    const QString host = endpoint.host.contains(QLatin1Char(':'))
                             ? QLatin1Char('[') + endpoint.host + QLatin1Char(']')
                             : endpoint.host;
    return (endpoint.tls ? QStringLiteral("rediss://") : QStringLiteral("redis://")) + host +
           QLatin1Char(':') + QString::number(endpoint.port) + QLatin1Char('/') +
           QString::number(endpoint.db);
}

QString colonFingerprint(const QString& hex)
{
    QStringList pairs;
    const QString upper = hex.toUpper();
    for (qsizetype i = 0; i < upper.size(); i += 2)
        pairs << upper.mid(i, 2);
    return pairs.join(QLatin1Char(':'));
}

QString inspectToText(const InspectResult& result, bool colour, const QDateTime& now)
{
    Report report(colour);
    writeHeader(report, result);
    writeStages(report, result);
    if (result.error)
        writeDiagnosis(report, *result.error);
    writeTls(report, result);
    if (result.tls)
        writeChain(report, *result.tls, now);
    writeServer(report, result);
    return report.text();
}

} // namespace rediscope
