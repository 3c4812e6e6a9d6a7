#pragma once

#include "audit/AuditResult.h"
#include "profile/EnvironmentPolicy.h"
#include "profile/Profile.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QUuid>
#include <optional>

namespace rediscope {

// Services × environments: one column per environment (development, staging, production, then
// custom ones), one row per service — more when a service has several profiles in one
// environment (its "lanes"). Each cell stands for one profile and tells, from the profile and
// its latest audit, whether it uses TLS, verifies the chain and the hostname, which protocol it
// negotiated, how many days its leaf certificate has left, and its grade.
//
// Drift — the env.* and cert.shared_across_envs checks (EnvironmentChecks) — is computed here
// across all profiles from their settings and, when audited, their observed protocols and leaf
// certificates, so it shows before any audit and stays right as profiles change.
class EnvironmentMatrixModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    // What one cell shows.
    struct Cell
    {
        QUuid profileId;
        QString profileName;
        QString service;
        QString environment;
        QString endpoint; // host:port
        EnvironmentPolicy policy;
        bool tls = false; // the profile's settings
        bool verifyPeer = false;
        bool verifyHostname = false;
        bool audited = false; // the rest is known once audited
        QString connectError; // the audit could not connect
        std::optional<bool> chainVerified;
        std::optional<bool> hostnameMatch;
        QString protocol;
        std::optional<int> leafDaysLeft;
        QString grade;
        QString gradeIfTrustFixed;
        std::optional<Severity> worstSeverity;
        QList<Finding> drift;   // env.* and cert.shared_across_envs findings for this profile
        QStringList driftShort; // one short line per drift finding, for the cell
    };

    enum Role
    {
        ProfileIdRole = Qt::UserRole + 1, // QUuid, null for an empty cell
        GradeRole,                        // QString
        DriftRole,                        // QStringList of finding ids
        DriftTextRole,                    // QStringList of short lines
        HasDriftRole,                     // bool
    };

    explicit EnvironmentMatrixModel(QObject* parent = nullptr);

    // The profiles to show and the environments' policies. Audit results of profiles that are
    // still there are kept.
    void setProfiles(const QList<Profile>& profiles,
                     const EnvironmentPolicies& policies = EnvironmentPolicies());
    // The latest audit of a profile (ignored for unknown profiles).
    void setAuditResult(const QUuid& profileId, const AuditResult& result);
    void clearAuditResults();

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

    // The cell at `index`, or nullptr for an empty cell.
    const Cell* cell(const QModelIndex& index) const;
    QModelIndex indexOf(const QUuid& profileId) const;
    QString environmentAt(int column) const { return m_environments.value(column); }
    QString serviceAt(int row) const;
    const EnvironmentPolicy& policyAt(int column) const;
    // Profiles with drift, and services with at least one.
    int driftCount() const;

private:
    struct Row
    {
        QString service;
        int lane = 0;
    };

    void rebuild();
    void computeCell(Cell& cell, const Profile& profile) const;
    void computeDrift();
    QString describeDrift(const Finding& finding, const Cell& cell) const;

    QList<Profile> m_profiles;
    EnvironmentPolicies m_policies;
    QHash<QUuid, AuditResult> m_results;

    QStringList m_environments;
    QList<EnvironmentPolicy> m_columnPolicies;
    QList<Row> m_rows;
    QHash<QUuid, Cell> m_cells;
    QHash<QPair<int, int>, QUuid> m_grid; // (row, column) → profile
};

} // namespace rediscope
