#pragma once

#include "audit/Severity.h"
#include "common/Error.h"
#include "server/ServerConfig.h"

#include <QStringList>
#include <optional>

namespace rediscope {

// The arguments of `rediscope lint-config`:
//     rediscope lint-config FILE [--kind redis|dragonfly] [--env ENV]
//                           [--format text|json|sarif|markdown] [--output FILE]
//                           [--fail-on critical|high|medium|low|never]
struct LintConfigArguments
{
    QString file;
    std::optional<ServerKind> kind;                     // nullopt: detected from the content
    QString environment = QStringLiteral("production"); // the policy to judge the file by
    QString format = QStringLiteral("text");
    QString output; // empty: standard output
    std::optional<Severity> failOn = Severity::High;
    bool help = false;

    // Errors are ErrorCode::InvalidArgument (exit status 2).
    static Result<LintConfigArguments> parse(const QStringList& arguments);
    static QString usage();
};

} // namespace rediscope
