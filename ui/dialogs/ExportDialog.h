#pragma once

#include "common/Error.h"
#include "profile/EnvironmentPolicy.h"
#include "profile/Profile.h"

#include <QDialog>
#include <optional>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace rediscope {

// Exports profiles for other tools and people, never with a secret: the selected profile as a
// redis:// / rediss:// URL and as a redis-cli command line (each with Copy), and the selected
// or every profile as a Rediscope profiles file (references only, as `rediscope profiles
// export` writes it).
class ExportDialog : public QDialog
{
    Q_OBJECT

public:
    // `current` may be empty (no profile selected): then only the file export is offered.
    ExportDialog(const std::optional<Profile>& current, const QList<Profile>& all,
                 const EnvironmentPolicies& policies, QWidget* parent = nullptr);

    QString url() const;
    QString redisCliCommand() const;
    bool exportsAll() const;
    // The profiles file's bytes for the chosen scope.
    QByteArray profilesFileBytes() const;
    // Writes them atomically.
    Result<void> writeProfilesFile(const QString& path) const;

private:
    void chooseFile();

    std::optional<Profile> m_current;
    QList<Profile> m_all;
    EnvironmentPolicies m_policies;
    QLineEdit* m_url = nullptr;
    QLineEdit* m_redisCli = nullptr;
    QCheckBox* m_scopeAll = nullptr;
    QLabel* m_status = nullptr;
};

} // namespace rediscope
