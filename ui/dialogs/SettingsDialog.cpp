#include "SettingsDialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace rediscope {

SettingsDialog::SettingsDialog(const AppSettings& settings, QWidget* parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Settings"));

    m_probe = new QCheckBox(tr("Probe protocol versions, cipher suites and groups"), this);
    m_probe->setObjectName(QStringLiteral("settingsProbe"));
    m_probe->setChecked(settings.probe);
    m_probe->setToolTip(tr("The probe makes many short TLS handshakes with the server. Without "
                           "it, an audit judges the negotiated session only and cannot "
                           "award A+."));

    m_probeParallelism = new QSpinBox(this);
    m_probeParallelism->setObjectName(QStringLiteral("settingsProbeParallelism"));
    m_probeParallelism->setRange(0, AppSettings::MaxParallelism);
    m_probeParallelism->setValue(settings.probeParallelism);
    m_probeParallelism->setSuffix(tr(" connections"));
    // 0: the probe picks by the link (a few connections on a fast one, more on a slow one).
    m_probeParallelism->setSpecialValueText(tr("Automatic"));
    m_probeParallelism->setToolTip(
        tr("TLS connections the probe keeps open to one server at a time. Automatic uses 8 on a "
           "fast link and up to 24 where the server's first answer takes 5 ms or more."));

    m_targetConcurrency = new QSpinBox(this);
    m_targetConcurrency->setObjectName(QStringLiteral("settingsTargetConcurrency"));
    m_targetConcurrency->setRange(1, AppSettings::MaxParallelism);
    m_targetConcurrency->setValue(settings.targetConcurrency);
    m_targetConcurrency->setSuffix(tr(" servers"));

    m_timeout = new QSpinBox(this);
    m_timeout->setObjectName(QStringLiteral("settingsTimeout"));
    m_timeout->setRange(1, AppSettings::MaxTimeoutSeconds);
    m_timeout->setValue(settings.defaultTimeoutSeconds);
    m_timeout->setSuffix(tr(" s"));

    connect(m_probe, &QCheckBox::toggled, m_probeParallelism, &QWidget::setEnabled);
    m_probeParallelism->setEnabled(settings.probe);

    auto* form = new QFormLayout;
    form->addRow(m_probe);
    form->addRow(tr("Probe &connections per server:"), m_probeParallelism);
    form->addRow(tr("Audit All &runs at once:"), m_targetConcurrency);
    form->addRow(tr("Default &timeout for new profiles:"), m_timeout);

    auto* note = new QLabel(tr("Settings apply to the next connection or audit."), this);
    note->setForegroundRole(QPalette::PlaceholderText);
    note->setWordWrap(true);

    auto* buttons = new QDialogButtonBox(
        QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::RestoreDefaults, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons->button(QDialogButtonBox::RestoreDefaults), &QPushButton::clicked, this,
            [this] {
                const AppSettings defaults;
                m_probe->setChecked(defaults.probe);
                m_probeParallelism->setValue(defaults.probeParallelism);
                m_targetConcurrency->setValue(defaults.targetConcurrency);
                m_timeout->setValue(defaults.defaultTimeoutSeconds);
            });

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(buttons);
}

AppSettings SettingsDialog::settings() const
{
    AppSettings settings;
    settings.probe = m_probe->isChecked();
    settings.probeParallelism = m_probeParallelism->value();
    settings.targetConcurrency = m_targetConcurrency->value();
    settings.defaultTimeoutSeconds = m_timeout->value();
    return settings;
}

} // namespace rediscope
