// The server view: INFO by section in a searchable table (from a real connection), the
// configuration the audit read with what it observed, and no secret anywhere; screenshots for
// review.

#include "LabAudit.h"
#include "views/ServerView.h"

#include <QLineEdit>
#include <QRegularExpression>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>

using namespace rediscope;
using namespace rediscope::test;

class tst_ServerView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(lab::LabEnvironment::shared().setupError().isEmpty(),
                 qPrintable(lab::LabEnvironment::shared().setupError()));
    }

    void infoSections()
    {
        const QList<InfoField> fields = ServerIdentity::parseInfoFields(
            "# Server\r\nredis_version:7.0.15\r\nredis_mode:standalone\r\n\r\n# Clients\r\n"
            "connected_clients:1\r\n");
        QCOMPARE(fields.size(), 3);
        QCOMPARE(fields.at(0).section, QStringLiteral("Server"));
        QCOMPARE(fields.at(0).name, QStringLiteral("redis_version"));
        QCOMPARE(fields.at(0).value, QStringLiteral("7.0.15"));
        QCOMPARE(fields.at(2).section, QStringLiteral("Clients"));
        QCOMPARE(fields.at(2).name, QStringLiteral("connected_clients"));
    }

    void emptyState()
    {
        ServerView view;
        QVERIFY(!view.isShowingContent());
        QVERIFY(view.emptyText().startsWith(QLatin1String("Connect to see")));
        InspectResult stopped;
        stopped.error = Error{ErrorCode::VerifyFailed, Stage::Verify, QStringLiteral("x"), {}};
        view.setInspectResult(stopped);
        QVERIFY(!view.isShowingContent());
        QVERIFY(view.emptyText().contains(QLatin1String("Chain verification")));
    }

    void connectionInfo()
    {
        QString error;
        const InspectResult result = labInspect(QStringLiteral("good"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        ServerView view;
        view.setInspectResult(result);
        QVERIFY(view.isShowingContent());
        QSortFilterProxyModel* info = view.infoProxy();
        QCOMPARE(info->rowCount(), result.server->infoFields.size());
        QVERIFY(info->rowCount() > 20);
        QStringList sections;
        for (int row = 0; row < info->rowCount(); ++row)
            sections << info->index(row, 0).data().toString();
        QVERIFY(sections.contains(QStringLiteral("Server")));
        QVERIFY(sections.contains(QStringLiteral("Clients")));
        QVERIFY(visibleText(&view).contains(QLatin1String("Audit this profile to read")));

        view.setFilterText(QStringLiteral("REDIS_VERSION"));
        QCOMPARE(info->rowCount(), 1);
        QCOMPARE(info->index(0, 1).data().toString(), QStringLiteral("redis_version"));
        QCOMPARE(info->index(0, 2).data().toString(), result.server->version);
        view.setFilterText(QStringLiteral("tcp_port"));
        QCOMPARE(info->rowCount(), 1);
        QCOMPARE(info->index(0, 1).data().toString(), QStringLiteral("tcp_port"));
        QCOMPARE(info->index(0, 2).data().toString(),
                 result.server->info.value(QStringLiteral("tcp_port")));
        view.setFilterText(QString());
        QCOMPARE(info->rowCount(), result.server->infoFields.size());
    }

    void auditConfiguration()
    {
        QString error;
        const AuditResult result = labAudit(QStringLiteral("good"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(result.serverConfig.has_value());
        ServerView view;
        view.setAuditResult(result);
        QStandardItemModel* config = view.configModel();
        QStringList names;
        for (int row = 0; row < config->rowCount(); ++row)
            names << config->index(row, 0).data().toString();
        QVERIFY(names.contains(QStringLiteral("tls-port")));
        QVERIFY(names.contains(QStringLiteral("tls-protocols")));
        // TLS settings come first.
        QVERIFY(names.constFirst().contains(QLatin1String("tls")) ||
                names.constFirst() == QLatin1String("port"));
        const int protocols = static_cast<int>(names.indexOf(QStringLiteral("tls-protocols")));
        QCOMPARE(config->index(protocols, 1).data().toString(),
                 result.serverConfig->value(QStringLiteral("tls-protocols")));
        const QString text = visibleText(&view);
        QVERIFY(text.contains(QLatin1String("secret settings are never read")));
        // The lab's paths contain the password's letters; the password itself appears nowhere.
        const QStringList words = text.split(QRegularExpression(QStringLiteral("\\s+")));
        QVERIFY(!words.contains(QLatin1String(lab::LabPassword)));
        QVERIFY(!text.contains(QStringLiteral("requirepass ") + QLatin1String(lab::LabPassword)));
        QVERIFY(!writeScreenshot(&view, QStringLiteral("server-good")).isEmpty());
        view.clear();
        QVERIFY(!view.isShowingContent());
        QCOMPARE(config->rowCount(), 0);
    }
};

QTEST_MAIN(tst_ServerView)
#include "tst_ServerView.moc"
