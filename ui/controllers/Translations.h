#pragma once

class QCoreApplication;

namespace rediscope {

// Installs the translation embedded in rediscope_ui (:/i18n/rediscope_en.qm) into the
// application. The source strings are English already; the translation supplies the numerus
// forms of the tr("%n day(s)", nullptr, n) strings, so that users read "1 day" and "31 days".
// It is installed whatever the system locale, as English is the only language of the UI. False
// (and a warning) when the translation is missing; the UI then shows the "day(s)" forms.
bool installTranslations(QCoreApplication* application);

} // namespace rediscope
