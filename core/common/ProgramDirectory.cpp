#include "ProgramDirectory.h"

#include <QFileInfo>

namespace rediscope {

QDir programDirectory()
{
    const QString program = QFileInfo(QStringLiteral("/proc/self/exe")).symLinkTarget();
    return QFileInfo(program).absoluteDir();
}

} // namespace rediscope
