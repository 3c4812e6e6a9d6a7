// The session controller against real lab servers: a connection and an audit fill their
// results, progress counts up to its total, cancelling during the probe ends with a cancelled
// result without the probe, a newer request makes the older one's result stale, and destroying
// the controller while work runs is clean.

#include "LabAudit.h"

#include <QThreadPool>

using namespace rediscope;
using namespace rediscope::test;

namespace {

// Waits until no worker of the global pool runs, then delivers what they posted.
bool drainWorkers()
{
    const bool idle = QTest::qWaitFor(
        [] { return QThreadPool::globalInstance()->activeThreadCount() == 0; }, 60000);
    QCoreApplication::processEvents();
    QCoreApplication::processEvents();
    return idle;
}

} // namespace

class tst_ProfileSessionController : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(lab::LabEnvironment::shared().setupError().isEmpty(),
                 qPrintable(lab::LabEnvironment::shared().setupError()));
    }

    void connectFillsInspectResult()
    {
        QString error;
        const AuditTarget target = labTarget(QStringLiteral("good"), {}, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        ProfileSessionController controller;
        QSignalSpy started(&controller, &ProfileSessionController::inspectStarted);
        QSignalSpy finished(&controller, &ProfileSessionController::inspectFinished);
        QSignalSpy busy(&controller, &ProfileSessionController::busyChanged);
        controller.connectProfile(target);
        QCOMPARE(started.size(), 1);
        QVERIFY(controller.isBusy());
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60000);
        const auto result = finished.constFirst().at(0).value<InspectResult>();
        QCOMPARE(finished.constFirst().at(1).toBool(), false);
        QVERIFY2(result.allStagesOk(),
                 qPrintable(result.error ? result.error->toString() : QString()));
        QCOMPARE(result.endpoint.port, target.profile.port);
        QVERIFY(result.tls.has_value());
        QVERIFY(result.tls->verified);
        QVERIFY(result.server.has_value());
        QCOMPARE(result.server->kind, QStringLiteral("redis"));
        QVERIFY(!result.server->infoFields.isEmpty());
        QCOMPARE(result.stages.constLast().stage, Stage::Info);
        QVERIFY(!controller.isBusy());
        QCOMPARE(busy.size(), 2);
        QCOMPARE(busy.at(0).at(0).toBool(), true);
        QCOMPARE(busy.at(1).at(0).toBool(), false);
        QVERIFY(controller.lastInspect().has_value());
        QVERIFY(!controller.lastAudit().has_value());
    }

    void auditFillsResultWithProgress()
    {
        QString error;
        const AuditTarget target = labTarget(QStringLiteral("expired"), {}, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        ProfileSessionController controller;
        QSignalSpy started(&controller, &ProfileSessionController::auditStarted);
        QSignalSpy progress(&controller, &ProfileSessionController::auditProgress);
        QSignalSpy finished(&controller, &ProfileSessionController::auditFinished);
        controller.audit(target);
        QCOMPARE(started.size(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 120000);
        QCOMPARE(finished.constFirst().at(1).toBool(), false);
        const auto result = finished.constFirst().at(0).value<AuditResult>();

        QCOMPARE(result.grade.grade, QStringLiteral("T"));
        QVERIFY(result.probe.has_value());
        QVERIFY(result.probe->complete());
        QStringList ids;
        for (const Finding& finding : result.findings)
            ids << finding.id;
        QVERIFY(ids.contains(QStringLiteral("cert.expired")));
        QVERIFY(controller.lastAudit().has_value());
        QCOMPARE(controller.lastAudit()->grade.grade, QStringLiteral("T"));

        // Progress: the connection, the probe's handshakes, then done == total.
        QVERIFY(progress.size() > 2);
        int lastDone = 0;
        for (const QList<QVariant>& step : std::as_const(progress)) {
            const int done = step.at(0).toInt();
            const int total = step.at(1).toInt();
            QVERIFY(done >= lastDone);
            QVERIFY(done <= total);
            lastDone = done;
        }
        QCOMPARE(progress.constLast().at(0).toInt(), progress.constLast().at(1).toInt());
        QVERIFY(progress.constLast().at(1).toInt() > 2); // the probe's handshakes counted

        // The result holds no secret.
        QVERIFY(result.profile.inlinePassword.isEmpty());
        for (const Finding& finding : result.findings)
            for (const QString& text : {finding.detail, finding.evidence, finding.remediation})
                QVERIFY(!text.contains(QLatin1String(lab::LabPassword)));
    }

    void cancelDuringProbe()
    {
        QString error;
        const AuditTarget target = labTarget(QStringLiteral("legacy"), {}, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        ProfileSessionController controller;
        QSignalSpy progress(&controller, &ProfileSessionController::auditProgress);
        QSignalSpy finished(&controller, &ProfileSessionController::auditFinished);
        controller.audit(target);
        // A total above 2 only comes from the probe: it is running.
        QTRY_VERIFY_WITH_TIMEOUT(!progress.isEmpty() && progress.constLast().at(1).toInt() > 2,
                                 60000);
        QVERIFY(finished.isEmpty());
        controller.cancel();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
        QCOMPARE(finished.constFirst().at(1).toBool(), true);
        const auto result = finished.constFirst().at(0).value<AuditResult>();
        // The connection runs alongside the probe: it either completed before the cancel or
        // stopped with a cancellation, never with another error. The interrupted probe has no
        // result.
        if (!result.inspect.server.has_value()) {
            QVERIFY(result.inspect.error.has_value());
            QCOMPARE(result.inspect.error->code, ErrorCode::Cancelled);
        }
        QVERIFY(!result.probe.has_value());
        QVERIFY(!controller.isBusy());
        QVERIFY(!controller.lastAudit().has_value()); // a cancelled audit is not kept
        QVERIFY(drainWorkers());
        QCOMPARE(finished.size(), 1);
    }

    void staleResultDropped()
    {
        QString error;
        const AuditTarget first = labTarget(QStringLiteral("good"), {}, &error);
        const AuditTarget second = labTarget(QStringLiteral("expired"), {}, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(first.profile.port != second.profile.port);
        ProfileSessionController controller;
        QSignalSpy inspected(&controller, &ProfileSessionController::inspectFinished);
        QSignalSpy audited(&controller, &ProfileSessionController::auditFinished);
        controller.connectProfile(first);
        const quint64 firstRequest = controller.currentRequest();
        controller.connectProfile(second);
        QVERIFY(controller.currentRequest() > firstRequest);
        QTRY_COMPARE_WITH_TIMEOUT(inspected.size(), 1, 60000);
        QVERIFY(drainWorkers());
        // Only the second connection was delivered; the first one's result was dropped.
        QCOMPARE(inspected.size(), 1);
        const auto result = inspected.constFirst().at(0).value<InspectResult>();
        QCOMPARE(result.endpoint.port, second.profile.port);
        QCOMPARE(inspected.constFirst().at(1).toBool(), false);
        QCOMPARE(controller.lastInspect()->endpoint.port, second.profile.port);

        // An audit replaced by a connection: no audit result arrives.
        controller.audit(first);
        controller.connectProfile(second);
        QTRY_COMPARE_WITH_TIMEOUT(inspected.size(), 2, 60000);
        QVERIFY(drainWorkers());
        QCOMPARE(audited.size(), 0);
        QCOMPARE(inspected.size(), 2);
        QVERIFY(!controller.isBusy());
    }

    void destroyWhileAuditing()
    {
        QString error;
        const AuditTarget target = labTarget(QStringLiteral("legacy"), {}, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        int delivered = 0;
        bool probing = false;
        auto* controller = new ProfileSessionController;
        connect(controller, &ProfileSessionController::auditFinished, this,
                [&delivered] { ++delivered; });
        connect(controller, &ProfileSessionController::auditProgress, this,
                [&probing](int, int total) { probing = total > 2; });
        controller->audit(target);
        QTRY_VERIFY_WITH_TIMEOUT(probing, 60000);
        delete controller;
        // The worker notices the cancellation, finishes, and its result and progress reports
        // reach nobody.
        QVERIFY(drainWorkers());
        QCOMPARE(delivered, 0);
    }
};

QTEST_MAIN(tst_ProfileSessionController)
#include "tst_ProfileSessionController.moc"
