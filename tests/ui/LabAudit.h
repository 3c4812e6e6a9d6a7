#pragma once

// What the inspection views' tests share: targets for lab scenarios, audits and connections run
// through ProfileSessionController (as the application runs them), the text a widget shows, and
// where screenshots go.

#include "LabEnvironment.h"
#include "controllers/ProfileSessionController.h"

#include <QAbstractItemView>
#include <QDir>
#include <QGroupBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTextDocumentFragment>
#include <QTextEdit>
#include <QWidget>

namespace rediscope::test {

inline AuditTarget labTarget(const QString& scenario,
                             const QString& environment = QStringLiteral("production"),
                             QString* error = nullptr)
{
    auto& lab = lab::LabEnvironment::shared();
    AuditTarget target;
    lab::LabServer* server = lab.server(scenario, error);
    if (!server)
        return target;
    target.profile = Profile::create(scenario);
    target.profile.service = QStringLiteral("lab");
    target.profile.environment = environment;
    target.profile.host = QStringLiteral("127.0.0.1");
    target.profile.tls.enabled = server->scenario().tls;
    target.profile.port = server->scenario().tls ? server->tlsPort() : server->plaintextPort();
    target.profile.tls.caFile = lab.pki().rootCa();
    target.profile.timeoutSeconds = 5;
    if (server->scenario().password) {
        target.profile.password = SecretRef::env(QStringLiteral("LAB_PASSWORD"));
        target.password = QByteArray(lab::LabPassword);
    }
    target.policy = EnvironmentPolicies().forEnvironment(environment);
    return target;
}

// The audit of a lab scenario through the controller; cached per scenario for the process.
// `error` says why there is none.
inline AuditResult labAudit(const QString& scenario, QString* error)
{
    static QHash<QString, AuditResult> cache;
    if (auto found = cache.constFind(scenario); found != cache.constEnd())
        return *found;
    const AuditTarget target = labTarget(scenario, QStringLiteral("production"), error);
    if (target.profile.name.isEmpty())
        return {};
    ProfileSessionController controller;
    QSignalSpy finished(&controller, &ProfileSessionController::auditFinished);
    controller.audit(target);
    if (!QTest::qWaitFor([&] { return !finished.isEmpty(); }, 120000)) {
        *error = QStringLiteral("the audit of %1 did not finish").arg(scenario);
        return {};
    }
    if (finished.constFirst().at(1).toBool()) {
        *error = QStringLiteral("the audit of %1 reports cancelled").arg(scenario);
        return {};
    }
    const auto result = finished.constFirst().at(0).value<AuditResult>();
    cache.insert(scenario, result);
    return result;
}

inline InspectResult labInspect(const QString& scenario, QString* error)
{
    const AuditTarget target = labTarget(scenario, QStringLiteral("production"), error);
    if (target.profile.name.isEmpty())
        return {};
    ProfileSessionController controller;
    QSignalSpy finished(&controller, &ProfileSessionController::inspectFinished);
    controller.connectProfile(target);
    if (!QTest::qWaitFor([&] { return !finished.isEmpty(); }, 60000)) {
        *error = QStringLiteral("the connection to %1 did not finish").arg(scenario);
        return {};
    }
    return finished.constFirst().at(0).value<InspectResult>();
}

inline void collectModelText(const QAbstractItemModel* model, const QModelIndex& parent,
                             QStringList& out)
{
    for (int row = 0; row < model->rowCount(parent); ++row)
        for (int column = 0; column < model->columnCount(parent); ++column) {
            const QModelIndex index = model->index(row, column, parent);
            out << index.data().toString();
            if (column == 0)
                collectModelText(model, index, out);
        }
    for (int column = 0; column < model->columnCount(parent); ++column)
        out << model->headerData(column, Qt::Horizontal).toString();
}

// `result` with its leaf certificate (as sent and as verified) valid for `days` more days, or
// expired `-days` days ago when `days` is negative; for the wording of the days.
inline AuditResult withLeafDaysLeft(AuditResult result, int days)
{
    if (!result.inspect.tls)
        return result;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (QList<CertificateInfo>* chain :
         {&result.inspect.tls->chainSent, &result.inspect.tls->chainVerified}) {
        if (chain->isEmpty())
            continue;
        CertificateInfo& leaf = (*chain)[0];
        leaf.notBefore = now.addDays(-400);
        // An hour into the day, so that daysLeft() is exactly `days` either way.
        leaf.notAfter = now.addSecs(qint64(days) * 86400 + 3600);
    }
    return result;
}

// Everything a widget shows as text that is visible: labels (rich text as plain text), group
// box titles, buttons, text edits and the cells of item views.
inline QString visibleText(const QWidget* root)
{
    QStringList out;
    for (const QWidget* widget : root->findChildren<QWidget*>()) {
        if (!widget->isVisibleTo(root))
            continue;
        if (const auto* label = qobject_cast<const QLabel*>(widget))
            out << (Qt::mightBeRichText(label->text())
                        ? QTextDocumentFragment::fromHtml(label->text()).toPlainText()
                        : label->text());
        else if (const auto* box = qobject_cast<const QGroupBox*>(widget))
            out << box->title();
        else if (const auto* button = qobject_cast<const QPushButton*>(widget))
            out << button->text();
        else if (const auto* edit = qobject_cast<const QTextEdit*>(widget))
            out << edit->toPlainText();
        else if (const auto* plain = qobject_cast<const QPlainTextEdit*>(widget))
            out << plain->toPlainText();
        else if (const auto* view = qobject_cast<const QAbstractItemView*>(widget);
                 view && view->model())
            collectModelText(view->model(), view->rootIndex(), out);
    }
    return out.join(QLatin1Char('\n'));
}

// Rows for a test of the leaf's days in words (with withLeafDaysLeft): "days" and the text the
// view must end with — "1 day", "31 days", never "day(s)".
inline void addDaysInWordsRows()
{
    QTest::addColumn<int>("days");
    QTest::addColumn<QString>("expected");
    QTest::newRow("1 day left") << 1 << QStringLiteral("Valid, 1 day left");
    QTest::newRow("31 days left") << 31 << QStringLiteral("Valid, 31 days left");
    QTest::newRow("expired 1 day ago") << -1 << QStringLiteral("Expired 1 day ago");
    QTest::newRow("expired 31 days ago") << -31 << QStringLiteral("Expired 31 days ago");
}

// Shows `widget` at a size a user would give it, grabs it and writes `<name>.png` into
// REDISCOPE_TEST_OUTPUT (or the temporary directory). Returns the path, empty on failure.
inline QString writeScreenshot(QWidget* widget, const QString& name, QSize size = {1000, 700})
{
    widget->resize(size);
    widget->show();
    if (!QTest::qWaitForWindowExposed(widget))
        return {};
    const QPixmap shot = widget->grab();
    const QString directory = qEnvironmentVariable("REDISCOPE_TEST_OUTPUT", QDir::tempPath());
    if (!QDir().mkpath(directory))
        return {};
    const QString path = directory + QLatin1Char('/') + name + QStringLiteral(".png");
    if (shot.isNull() || !shot.save(path))
        return {};
    qInfo("screenshot: %s", qPrintable(path));
    return path;
}

} // namespace rediscope::test
