#include "controllers/Translations.h"

#include <QCoreApplication>
#include <QTranslator>

namespace rediscope {

bool installTranslations(QCoreApplication* application)
{
    auto* translator = new QTranslator(application);
    if (!translator->load(QStringLiteral(":/i18n/rediscope_en.qm")) ||
        !QCoreApplication::installTranslator(translator)) {
        qWarning("rediscope: the English plural forms (:/i18n/rediscope_en.qm) are missing.");
        delete translator;
        return false;
    }
    return true;
}

} // namespace rediscope
