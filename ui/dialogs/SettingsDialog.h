#pragma once

#include "controllers/AppSettings.h"

#include <QDialog>

class QCheckBox;
class QSpinBox;

namespace rediscope {

// The preferences: whether audits run the active TLS probe, how much they do in parallel, and
// the connection timeout new profiles start with. settings() holds what the form says.
class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit SettingsDialog(const AppSettings& settings, QWidget* parent = nullptr);

    AppSettings settings() const;

private:
    QCheckBox* m_probe = nullptr;
    QSpinBox* m_probeParallelism = nullptr;
    QSpinBox* m_targetConcurrency = nullptr;
    QSpinBox* m_timeout = nullptr;
};

} // namespace rediscope
