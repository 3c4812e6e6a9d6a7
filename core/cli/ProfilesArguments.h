#pragma once

#include "common/Error.h"
#include "profile/Profile.h"
#include "profile/SecretRef.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace rediscope {

// The arguments of `rediscope profiles` (the list after the word "profiles"):
//
//     rediscope profiles list   [--env ENV]... [--format text|json]
//     rediscope profiles show   NAME|ID [--format text|json]
//     rediscope profiles add    URL --name NAME [--service NAME] [--env ENV] [connection options]
//                               [--password-source SOURCE] [--askpass] ...
//     rediscope profiles remove NAME|ID...
//     rediscope profiles import FILE|-|URL|"redis-cli ..." [--from FORMAT] [--env ENV]
//                               [--service NAME] [--name NAME] [--password-source keychain|prompt]
//                               [--certs-dir DIR] [--dry-run]
//     rediscope profiles export NAME...|--all [--as url|redis-cli|json]
//     rediscope profiles snippet NAME|ID --client CLIENT
//
// Every action takes --profiles FILE (default: the platform's profiles file). Options may be
// written "--option value" or "--option=value"; "--" ends the options. An option that belongs to
// another action is an error naming the actions it belongs to. A password is never accepted as
// an option: it comes from the URL (add, import) or the terminal (--askpass). REDISCLI_AUTH is
// not read: keeping a password in it is `--password-source env:REDISCLI_AUTH`. Errors are
// ErrorCode::InvalidArgument (exit status 2) and never contain a password.
struct ProfilesArguments
{
    enum class Action
    {
        List,
        Show,
        Add,
        Remove,
        Import,
        Export,
        Snippet,
    };

    enum class ImportInput
    {
        File,  // importSource is a path
        Stdin, // "-"
        Text,  // importSource is the text itself: a URL, or a redis-cli command line
    };

    Action action = Action::List;
    bool help = false; // --help (or `help`): nothing else is checked

    QString profilesFile;                     // --profiles; empty: ProfileStore::defaultPath()
    QString format = QStringLiteral("text");  // list, show: text | json
    QStringList environments;                 // list: --env filters, lower-case
    QStringList names;                        // show (one), remove (one or more), export: NAME|ID
    bool all = false;                         // export --all
    QString exportAs = QStringLiteral("url"); // export: url | redis-cli | json
    QString snippetClient;                    // snippet: a ClientSnippets name (redis-py, ...)

    // add: the profile as the URL and options describe it (null id; the command gives one).
    Profile profile;
    QByteArray password;           // add: the URL's password (a secret; never printed)
    bool askPassword = false;      // add --askpass: read the password from the terminal
    bool askKeyPassphrase = false; // add --ask-key-passphrase: read it from the terminal
    // add: where the password lives. Keychain when the URL holds one or --askpass is given,
    // otherwise none unless --password-source says otherwise.
    SecretRef passwordSource;
    SecretRef keyPassphraseSource; // add: --key-passphrase-source, or keychain when asked

    // import
    ImportInput importInput = ImportInput::File;
    QString importSource;                          // path, or the text itself (may hold a password)
    QString importFormat = QStringLiteral("auto"); // auto, url, redis-cli, respapp, ardm,
                                                   // redisinsight, rediscope
    QString importName;                            // --name: rename the (single) imported profile
    QString importService;                         // --service: for every imported profile
    QString importEnvironment;                     // --env: for every imported profile
    bool importPasswordsToKeychain = true;         // --password-source keychain (default) | prompt
    QString certsDir; // --certs-dir: where embedded certificates and keys are written
    bool dryRun = false;

    static Result<ProfilesArguments> parse(const QStringList& arguments);
    static QString actionName(Action action); // "list", "show", ...
    static QString usage();                   // complete --help text for `rediscope profiles`
};

} // namespace rediscope
