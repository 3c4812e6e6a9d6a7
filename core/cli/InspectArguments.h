#pragma once

#include "common/Error.h"
#include "inspect/InspectRequest.h"

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace rediscope {

// The arguments of `rediscope inspect` (the list after the word "inspect"):
//     rediscope inspect <url> [options]
// Option names follow redis-cli where one exists; both "--opt value" and "--opt=value" work, and
// "--" ends the options. A password is taken from the URL, else from REDISCLI_AUTH; it is never
// accepted as an option, and never appears in an error message.
struct InspectArguments
{
    InspectRequest request;
    QString format = QStringLiteral("text"); // text | json
    bool askPassword = false; // --askpass: the app reads the password from the terminal
    bool help = false;        // -h is NOT help (redis-cli uses -h for host); --help is

    // Errors are ErrorCode::InvalidArgument (exit status 2). With --help anywhere before "--",
    // the result has only `help` set and nothing else is checked.
    static Result<InspectArguments> parse(const QStringList& arguments,
                                          const QProcessEnvironment& environment);
    static QString usage(); // complete --help text for `rediscope inspect`, listing every option
};

} // namespace rediscope
