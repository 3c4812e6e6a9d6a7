#include "LintConfigCommand.h"

#include "ReportOutput.h"
#include "audit/ConfigChecks.h"
#include "cli/LintConfigArguments.h"
#include "profile/EnvironmentPolicy.h"
#include "report/AuditMarkdownWriter.h"
#include "report/AuditSarifWriter.h"
#include "report/AuditTextWriter.h"
#include "report/LintJsonWriter.h"
#include "server/ConfigLoader.h"

#include <QDir>
#include <QJsonDocument>
#include <QTextStream>

namespace rediscope {

int runLintConfig(const QStringList& argumentList)
{
    QTextStream err(stderr);
    auto parsed = LintConfigArguments::parse(argumentList);
    if (!parsed) {
        err << "rediscope lint-config: " << parsed.error().message << "\n"
            << "Try \"rediscope lint-config --help\".\n";
        return 2;
    }
    const LintConfigArguments& arguments = *parsed;
    if (arguments.help) {
        QTextStream(stdout) << LintConfigArguments::usage();
        return 0;
    }
    auto config = loadServerConfig(arguments.file, arguments.kind);
    if (!config) {
        err << "rediscope lint-config: " << config.error().message << "\n";
        return 2;
    }
    const EnvironmentPolicy policy = EnvironmentPolicies().forEnvironment(arguments.environment);
    const QList<Finding> findings = lintConfig(*config, policy);

    ReportOutput output(arguments.output);
    if (auto ok = output.open(); !ok) {
        err << "rediscope lint-config: " << ok.error().message << "\n";
        return 2;
    }
    QByteArray report;
    if (arguments.format == QLatin1String("json")) {
        report = QJsonDocument(lintDocument(*config, arguments.environment, findings))
                     .toJson(QJsonDocument::Indented);
    } else if (arguments.format == QLatin1String("sarif")) {
        SarifOptions options;
        options.baseDirectory = QDir::currentPath();
        report = QJsonDocument(findingsSarif(findings, options)).toJson(QJsonDocument::Indented);
    } else if (arguments.format == QLatin1String("markdown")) {
        report = findingsToMarkdown(QStringLiteral("Configuration lint: %1 (%2, %3)")
                                        .arg(QDir::toNativeSeparators(config->source),
                                             serverKindName(config->kind), arguments.environment),
                                    findings)
                     .toUtf8();
    } else {
        const bool colour = output.isTerminal() && qEnvironmentVariableIsEmpty("NO_COLOR");
        report = (QStringLiteral("Rediscope lint-config — %1 (%2 configuration, judged as %3)\n\n")
                      .arg(config->source, serverKindName(config->kind), arguments.environment) +
                  findingsToText(findings, colour))
                     .toUtf8();
    }
    if (auto ok = output.write(report); !ok) {
        err << "rediscope lint-config: " << ok.error().message << "\n";
        return 2;
    }
    if (!arguments.failOn)
        return 0;
    for (const Finding& finding : findings)
        if (finding.severity >= *arguments.failOn)
            return 1;
    return 0;
}

} // namespace rediscope
