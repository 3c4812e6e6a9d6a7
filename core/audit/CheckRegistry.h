#pragma once

#include <QList>
#include <QString>

namespace rediscope {

// One row of the check catalogue (CHECKS.md): the stable id and how it is judged. Reports,
// SARIF rules and the docs read this table; each check's logic lives in its family's file.
struct CheckDefinition
{
    QString id;       // "profile.verify_disabled"
    QString family;   // profile, conn, tls, cert, server, env, config
    QString title;    // "Certificate verification is off"
    QString severity; // as the catalogue states it: "high", "env (dev medium, staging high, prod
                      // critical)"
    QString help;     // why it matters, one or two sentences
};

const QList<CheckDefinition>& checkCatalogue();
const CheckDefinition* findCheck(const QString& id);

} // namespace rediscope
