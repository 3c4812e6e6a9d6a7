#include "InspectCommand.h"

#include "TerminalPassword.h"
#include "cli/InspectArguments.h"
#include "common/SecureBytes.h"
#include "inspect/Inspector.h"
#include "report/InspectJsonWriter.h"
#include "report/InspectTextWriter.h"

#include <QJsonDocument>
#include <QProcessEnvironment>
#include <QTextStream>
#include <unistd.h>

namespace rediscope {

int runInspect(const QStringList& arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    auto parsed = InspectArguments::parse(arguments, QProcessEnvironment::systemEnvironment());
    if (!parsed) {
        err << "rediscope inspect: " << parsed.error().message << "\n"
            << "Try \"rediscope inspect --help\".\n";
        return 2;
    }
    if (parsed->help) {
        out << InspectArguments::usage();
        return 0;
    }
    InspectRequest request = parsed->request;
    if (parsed->askPassword) {
        auto secret = readPasswordFromTerminal(QStringLiteral("Password: "));
        if (!secret) {
            err << "rediscope inspect: --askpass needs a terminal to ask on; set REDISCLI_AUTH "
                   "instead.\n";
            return 2;
        }
        request.password = *secret;
        secureWipe(*secret);
    }

    const InspectResult result = Inspector::run(request);
    secureWipe(request.password);
    if (parsed->format == QLatin1String("json")) {
        out << QJsonDocument(inspectTargetToJson(result)).toJson(QJsonDocument::Indented);
    } else {
        const bool colour = ::isatty(STDOUT_FILENO) == 1 && qEnvironmentVariableIsEmpty("NO_COLOR");
        out << inspectToText(result, colour);
    }
    out.flush();
    return result.allStagesOk() ? 0 : 1;
}

} // namespace rediscope
