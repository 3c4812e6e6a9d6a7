#include "OverviewView.h"

#include "models/CertificateChainModel.h"
#include "report/AuditReportSupport.h"
#include "style/SeverityStyle.h"

#include <QFormLayout>
#include <QFrame>
#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QScrollArea>
#include <QStyle>
#include <QVBoxLayout>

namespace rediscope {

namespace {

QLabel* textLabel(const QString& text, QWidget* parent, bool wrap = true)
{
    auto* label = new QLabel(text, parent);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(wrap);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QLabel* iconLabel(const QIcon& icon, QWidget* parent)
{
    auto* label = new QLabel(parent);
    const int size = parent->style()->pixelMetric(QStyle::PM_SmallIconSize);
    label->setPixmap(icon.pixmap(size, size));
    label->setFixedSize(size, size);
    return label;
}

QIcon stageIcon(StageResult::Status status)
{
    switch (status) {
    case StageResult::Status::Ok:
        return SeverityStyle::okIcon();
    case StageResult::Status::Warning:
        return SeverityStyle::icon(Severity::Medium);
    case StageResult::Status::Failed:
        return SeverityStyle::icon(Severity::Critical);
    case StageResult::Status::Skipped:
        break;
    }
    return SeverityStyle::skippedIcon();
}

QString endpointText(const Endpoint& endpoint)
{
    const QString host = endpoint.host.contains(QLatin1Char(':'))
                             ? QLatin1Char('[') + endpoint.host + QLatin1Char(']')
                             : endpoint.host;
    return QStringLiteral("%1://%2:%3")
        .arg(endpoint.tls ? QStringLiteral("rediss") : QStringLiteral("redis"), host)
        .arg(endpoint.port);
}

QString msText(double ms)
{
    return OverviewView::tr("%1 ms").arg(QString::number(ms, 'f', ms < 10 ? 1 : 0));
}

} // namespace

OverviewView::OverviewView(QWidget* parent)
    : InspectionPane(tr("Connect to see the connection stages, the server, the TLS session and "
                        "the grade."),
                     parent)
{}

void OverviewView::clear()
{
    resetEmptyText();
    showEmpty();
}

void OverviewView::setInspectResult(const InspectResult& result)
{
    build(result, nullptr);
}

void OverviewView::setAuditResult(const AuditResult& result)
{
    build(result.inspect, &result);
}

QString OverviewView::stageStatusText(StageResult::Status status)
{
    switch (status) {
    case StageResult::Status::Ok:
        return tr("OK");
    case StageResult::Status::Warning:
        return tr("Warning");
    case StageResult::Status::Failed:
        return tr("Failed");
    case StageResult::Status::Skipped:
        break;
    }
    return tr("Skipped");
}

QString OverviewView::verificationText(const InspectResult& result)
{
    if (!result.endpoint.tls)
        return tr("Not applicable: TLS is off, the connection is not encrypted.");
    if (!result.tls)
        return tr("Not checked: no TLS handshake completed.");
    const TlsFacts& tls = *result.tls;
    if (tls.verified)
        return tr("Verified: the certificate chain leads to a trusted certificate authority.");
    const QString reason =
        tls.verifyError.isEmpty() ? tr("the chain did not verify") : tls.verifyError;
    const StageResult* stage = result.stage(Stage::Verify);
    if (stage && stage->status == StageResult::Status::Warning)
        return tr("Not verified (%1). Verification is off in this profile, so the connection "
                  "went on: the server's identity is not proven.")
            .arg(reason);
    return tr("Verification failed (%1): the connection was stopped before any credential was "
              "sent.")
        .arg(reason);
}

QString OverviewView::hostnameText(const InspectResult& result)
{
    if (!result.endpoint.tls)
        return tr("Not applicable: TLS is off.");
    const StageResult* stage = result.stage(Stage::Hostname);
    if (!result.tls || !stage)
        return tr("Not checked: the connection stopped earlier.");
    const TlsFacts& tls = *result.tls;
    if (tls.hostnameMatch)
        return tr("Matches: the certificate is valid for %1.").arg(tls.hostnameChecked);
    if (stage->status == StageResult::Status::Warning)
        return tr("Does not match: the certificate is not valid for %1. The hostname check is "
                  "off in this profile, so the connection went on.")
            .arg(tls.hostnameChecked);
    return tr("Does not match: the certificate is not valid for %1; the connection was stopped.")
        .arg(tls.hostnameChecked);
}

void OverviewView::build(const InspectResult& inspect, const AuditResult* audit)
{
    auto* scroll = new QScrollArea;
    scroll->setObjectName(QStringLiteral("overviewScroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* content = new QWidget;
    auto* layout = new QVBoxLayout(content);
    layout->addWidget(headerSection(inspect, audit));
    layout->addWidget(stagesSection(inspect));
    layout->addWidget(sessionSection(inspect, audit));
    if (audit)
        layout->addWidget(findingsSection(*audit));
    layout->addStretch(1);
    scroll->setWidget(content);
    setContent(scroll);
    showContent();
}

QWidget* OverviewView::headerSection(const InspectResult& inspect, const AuditResult* audit)
{
    auto* box = new QFrame;
    box->setObjectName(QStringLiteral("overviewHeader"));
    auto* layout = new QHBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 4);

    auto* grade = new QLabel(box);
    grade->setObjectName(QStringLiteral("gradeLabel"));
    grade->setAlignment(Qt::AlignCenter);
    grade->setMinimumSize(72, 72);
    grade->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    QFont gradeFont = grade->font();
    const QString letter = audit ? audit->grade.grade : QString();
    if (!letter.isEmpty()) {
        gradeFont.setPointSizeF(gradeFont.pointSizeF() * 2.6);
        gradeFont.setBold(true);
        grade->setText(letter);
    } else {
        grade->setText(audit ? tr("not\ngraded") : tr("not\naudited"));
        grade->setWordWrap(true);
    }
    grade->setFont(gradeFont);
    const QColor colour = SeverityStyle::gradeColour(letter, palette());
    grade->setStyleSheet(QStringLiteral("QLabel#gradeLabel { color: %1; border: 2px solid %1; "
                                        "border-radius: 8px; padding: 4px; }")
                             .arg(colour.name()));
    grade->setToolTip(tr("TLS grade"));
    layout->addWidget(grade, 0, Qt::AlignTop);

    auto* facts = new QVBoxLayout;
    facts->setSpacing(2);
    QString title = audit ? auditTargetName(*audit) : endpointText(inspect.endpoint);
    auto* titleLabel = textLabel(title, box);
    titleLabel->setObjectName(QStringLiteral("overviewTitle"));
    QFont titleFont = titleLabel->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    titleLabel->setFont(titleFont);
    facts->addWidget(titleLabel);

    QStringList line;
    if (audit && !audit->profile.name.isEmpty())
        line << endpointText(inspect.endpoint);
    const QString environment = audit ? auditEnvironment(*audit) : inspect.environment;
    if (!environment.isEmpty())
        line << tr("environment: %1").arg(environment);
    if (!inspect.peer.isEmpty())
        line << tr("answered by %1").arg(inspect.peer);
    if (!line.isEmpty())
        facts->addWidget(textLabel(line.join(QStringLiteral(" · ")), box));

    auto* server = textLabel(inspect.server ? inspect.server->displayName()
                                            : tr("Server not identified (INFO did not run)."),
                             box);
    server->setObjectName(QStringLiteral("serverIdentity"));
    facts->addWidget(server);

    QString status;
    if (inspect.error)
        status = tr("Connection failed at %1: %2")
                     .arg(stageTitle(inspect.error->stage), inspect.error->message);
    else
        status = tr("Connected in %1.").arg(msText(inspect.totalMs));
    auto* statusLabel = textLabel(status, box);
    statusLabel->setObjectName(QStringLiteral("connectionStatus"));
    facts->addWidget(statusLabel);

    if (audit) {
        QString gradeLine;
        if (letter.isEmpty())
            gradeLine = tr("No grade: nothing could be graded.");
        else if (!audit->grade.ifTrustFixed.isEmpty())
            gradeLine =
                tr("Grade %1 (%2 if trust were fixed).").arg(letter, audit->grade.ifTrustFixed);
        else
            gradeLine = tr("Grade %1.").arg(letter);
        if (!audit->grade.reasons.isEmpty())
            gradeLine += QLatin1Char(' ') + tr("Capped by:") + QStringLiteral("\n• ") +
                         audit->grade.reasons.join(QStringLiteral("\n• "));
        auto* gradeText = textLabel(gradeLine, box);
        gradeText->setObjectName(QStringLiteral("gradeText"));
        facts->addWidget(gradeText);
    } else {
        facts->addWidget(textLabel(tr("Audit this profile for a grade and findings."), box));
    }
    layout->addLayout(facts, 1);
    return box;
}

QWidget* OverviewView::stagesSection(const InspectResult& inspect)
{
    auto* box = new QGroupBox(tr("Connection stages"));
    box->setObjectName(QStringLiteral("stagesBox"));
    auto* grid = new QGridLayout(box);
    grid->setHorizontalSpacing(12);
    grid->setColumnStretch(4, 1);
    if (inspect.stages.isEmpty()) {
        grid->addWidget(textLabel(tr("No stage ran."), box), 0, 0);
        return box;
    }
    int row = 0;
    for (const StageResult& stage : inspect.stages) {
        grid->addWidget(iconLabel(stageIcon(stage.status), box), row, 0, Qt::AlignTop);
        auto* title = textLabel(stageTitle(stage.stage), box, false);
        grid->addWidget(title, row, 1, Qt::AlignTop);
        grid->addWidget(textLabel(stageStatusText(stage.status), box, false), row, 2, Qt::AlignTop);
        auto* time = textLabel(msText(stage.ms), box, false);
        time->setAlignment(Qt::AlignRight | Qt::AlignTop);
        grid->addWidget(time, row, 3, Qt::AlignTop | Qt::AlignRight);
        grid->addWidget(textLabel(stage.message, box), row, 4, Qt::AlignTop);
        ++row;
    }
    return box;
}

QWidget* OverviewView::sessionSection(const InspectResult& inspect, const AuditResult* audit)
{
    auto* box = new QGroupBox(tr("TLS session"));
    box->setObjectName(QStringLiteral("sessionBox"));
    auto* form = new QFormLayout(box);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    const auto add = [&](const QString& label, const QString& value, const char* name) {
        auto* field = textLabel(value.isEmpty() ? tr("—") : value, box);
        field->setObjectName(QLatin1String(name));
        form->addRow(label, field);
    };
    if (inspect.tls) {
        const TlsFacts& tls = *inspect.tls;
        add(tr("Protocol:"), tls.protocol, "protocolValue");
        QString cipher = tls.cipherIana.isEmpty() ? tls.cipherOpenssl : tls.cipherIana;
        if (tls.cipherBits > 0)
            cipher += QLatin1Char(' ') + tr("(%n bit(s))", nullptr, tls.cipherBits);
        add(tr("Cipher suite:"), cipher, "cipherValue");
        // peerTempKey ("X25519, 253 bits") usually names the group already.
        QString group = tls.peerTempKey.isEmpty() ? tls.group : tls.peerTempKey;
        if (!tls.group.isEmpty() && !tls.peerTempKey.isEmpty() &&
            !tls.peerTempKey.startsWith(tls.group))
            group = tls.group + QStringLiteral(" (") + tls.peerTempKey + QLatin1Char(')');
        add(tr("Key exchange group:"), group, "groupValue");
        add(tr("Server name (SNI):"), tls.sniSent.isEmpty() ? tr("none sent") : tls.sniSent,
            "sniValue");
    } else {
        add(tr("Protocol:"),
            inspect.endpoint.tls ? tr("no TLS session") : tr("plaintext (TLS off)"),
            "protocolValue");
    }
    add(tr("Certificate verification:"), verificationText(inspect), "verificationValue");
    add(tr("Hostname check:"), hostnameText(inspect), "hostnameValue");
    if (inspect.tls && !inspect.tls->chainSent.isEmpty()) {
        const CertificateInfo& leaf = inspect.tls->chainSent.constFirst();
        const QString expiry = tr("%1 — %2").arg(
            leaf.notAfter.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'")),
            CertificateChainModel::validityText(leaf, QDateTime::currentDateTimeUtc()));
        add(tr("Leaf certificate:"),
            (leaf.commonName.isEmpty() ? leaf.subject : leaf.commonName) + QStringLiteral(", ") +
                expiry,
            "leafValue");
    }
    if (audit && audit->probe) {
        const QStringList accepted = audit->probe->acceptedProtocols();
        add(tr("Protocols accepted:"),
            accepted.isEmpty() ? tr("none") : accepted.join(QStringLiteral(", ")),
            "acceptedProtocolsValue");
    }
    return box;
}

QWidget* OverviewView::findingsSection(const AuditResult& audit)
{
    auto* box = new QGroupBox(tr("Top findings"));
    box->setObjectName(QStringLiteral("topFindings"));
    auto* grid = new QGridLayout(box);
    grid->setColumnStretch(1, 1);
    grid->setVerticalSpacing(8);
    if (audit.findings.isEmpty()) {
        grid->addWidget(iconLabel(SeverityStyle::okIcon(), box), 0, 0, Qt::AlignTop);
        grid->addWidget(textLabel(tr("No findings: nothing insecure was seen."), box), 0, 1);
        return box;
    }
    QList<Finding> sorted = audit.findings;
    sortFindings(sorted);
    int row = 0;
    for (const Finding& finding : std::as_const(sorted)) {
        if (row == TopFindings)
            break;
        grid->addWidget(iconLabel(SeverityStyle::icon(finding.severity), box), row, 0,
                        Qt::AlignTop);
        auto* text = new QLabel(box);
        text->setObjectName(QStringLiteral("topFinding"));
        text->setWordWrap(true);
        text->setTextFormat(Qt::RichText);
        text->setTextInteractionFlags(Qt::TextSelectableByMouse);
        QString html = QStringLiteral("<span style=\"color:%1\"><b>%2</b></span> &nbsp;<b>%3</b> "
                                      "&nbsp;<code>%4</code>")
                           .arg(SeverityStyle::colour(finding.severity, palette()).name(),
                                SeverityStyle::word(finding.severity).toHtmlEscaped(),
                                finding.title.toHtmlEscaped(), finding.id.toHtmlEscaped());
        if (!finding.remediation.isEmpty())
            html += QStringLiteral("<br>") + tr("Fix: %1").arg(finding.remediation.toHtmlEscaped());
        text->setText(html);
        grid->addWidget(text, row, 1);
        ++row;
    }
    auto* all = new QLabel(box);
    all->setObjectName(QStringLiteral("allFindingsLink"));
    all->setTextFormat(Qt::RichText);
    all->setText(
        QStringLiteral("<a href=\"findings\">%1</a>")
            .arg(tr("All %n finding(s) (%1)…", nullptr, static_cast<int>(audit.findings.size()))
                     .arg(SeverityCounts(audit.findings).shortSummary())
                     .toHtmlEscaped()));
    connect(all, &QLabel::linkActivated, this, &OverviewView::showFindingsRequested);
    grid->addWidget(all, row, 1);
    return box;
}

} // namespace rediscope
