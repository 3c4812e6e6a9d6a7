// The layout the user chose is kept across sessions: the inner splitters of the inspection views
// and the profile editor, table column widths, the editor's geometry. Each view is built, shown,
// changed, closed and built again, with QSettings in the test location.

#include "LabAudit.h"
#include "dialogs/ProfileEditorDialog.h"
#include "views/CertificatesView.h"
#include "views/FindingsView.h"
#include "views/KeysView.h"
#include "views/ProtocolsView.h"
#include "views/ServerView.h"
#include "widgets/LayoutMemory.h"

#include <QHeaderView>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QTreeView>
#include <memory>

using namespace rediscope;
using namespace rediscope::test;

namespace {

enum class Kind
{
    Findings,
    Certificates,
    Protocols,
    Server,
    Keys,
    ProfileEditor,
};

} // namespace

class tst_LayoutMemory : public QObject
{
    Q_OBJECT

    AuditResult m_audit;

    // The widget of `kind`, showing the lab audit where it has one, shown and exposed.
    std::unique_ptr<QWidget> make(Kind kind) const
    {
        std::unique_ptr<QWidget> widget;
        switch (kind) {
        case Kind::Findings: {
            auto* view = new FindingsView;
            view->setAuditResult(m_audit);
            widget.reset(view);
            break;
        }
        case Kind::Certificates: {
            auto* view = new CertificatesView;
            view->setAuditResult(m_audit);
            widget.reset(view);
            break;
        }
        case Kind::Protocols: {
            auto* view = new ProtocolsView;
            view->setAuditResult(m_audit);
            widget.reset(view);
            break;
        }
        case Kind::Server: {
            auto* view = new ServerView;
            view->setAuditResult(m_audit);
            widget.reset(view);
            break;
        }
        case Kind::Keys:
            widget = std::make_unique<KeysView>();
            break;
        case Kind::ProfileEditor:
            widget =
                std::make_unique<ProfileEditorDialog>(Profile(), EnvironmentPolicies(), nullptr);
            break;
        }
        if (kind != Kind::ProfileEditor)
            widget->resize(1000, 700);
        widget->show();
        if (!QTest::qWaitForWindowExposed(widget.get()))
            return {};
        return widget;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY2(lab::LabEnvironment::shared().setupError().isEmpty(),
                 qPrintable(lab::LabEnvironment::shared().setupError()));
        QString error;
        m_audit = labAudit(QStringLiteral("good"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(m_audit.probe);
    }

    void init() { QSettings().clear(); }

    void splitterSizesAreRestored_data()
    {
        QTest::addColumn<Kind>("kind");
        QTest::addColumn<QString>("splitterName");
        QTest::newRow("findings") << Kind::Findings << QStringLiteral("findingsSplitter");
        QTest::newRow("certificates")
            << Kind::Certificates << QStringLiteral("certificatesSplitter");
        QTest::newRow("protocols") << Kind::Protocols << QStringLiteral("protocolsSplitter");
        QTest::newRow("server") << Kind::Server << QStringLiteral("serverSplitter");
        QTest::newRow("keys") << Kind::Keys << QStringLiteral("keysSplitter");
        QTest::newRow("profile editor") << Kind::ProfileEditor << QStringLiteral("editorSplitter");
    }

    void splitterSizesAreRestored()
    {
        QFETCH(Kind, kind);
        QFETCH(QString, splitterName);
        QList<int> chosen;
        QList<int> initial;
        {
            const std::unique_ptr<QWidget> widget = make(kind);
            QVERIFY(widget);
            auto* splitter = widget->findChild<QSplitter*>(splitterName);
            QVERIFY(splitter && splitter->isVisible());
            initial = splitter->sizes();
            QCOMPARE(initial.size(), 2);
            // Moved as far as the panes' minimum and maximum sizes let it.
            for (int delta : {-120, 120}) {
                splitter->setSizes({initial.at(0) + delta, initial.at(1) - delta});
                chosen = splitter->sizes();
                if (chosen != initial)
                    break;
            }
            QVERIFY2(chosen != initial, qPrintable(splitterName));
            widget->close();
        }
        const std::unique_ptr<QWidget> widget = make(kind);
        QVERIFY(widget);
        auto* splitter = widget->findChild<QSplitter*>(splitterName);
        QVERIFY(splitter);
        QCOMPARE(splitter->sizes(), chosen);
    }

    // Deleting a shown window saves too (the application quits without closing every view).
    void deletingAShownWindowSaves()
    {
        QList<int> chosen;
        {
            const std::unique_ptr<QWidget> widget = make(Kind::Keys);
            auto* splitter = widget->findChild<QSplitter*>(QStringLiteral("keysSplitter"));
            splitter->setSizes({200, 800});
            chosen = splitter->sizes();
        }
        const std::unique_ptr<QWidget> widget = make(Kind::Keys);
        QCOMPARE(widget->findChild<QSplitter*>(QStringLiteral("keysSplitter"))->sizes(), chosen);
    }

    // Column widths the user set survive, also when a new audit comes in: the view no longer
    // fits them to the contents.
    void columnWidthsAreRestored_data()
    {
        QTest::addColumn<Kind>("kind");
        QTest::addColumn<QString>("tableName");
        QTest::newRow("findings") << Kind::Findings << QStringLiteral("findingsTable");
        QTest::newRow("certificates") << Kind::Certificates << QStringLiteral("certificateTree");
        QTest::newRow("server info") << Kind::Server << QStringLiteral("infoTable");
    }

    void columnWidthsAreRestored()
    {
        QFETCH(Kind, kind);
        QFETCH(QString, tableName);
        int width = 0;
        {
            const std::unique_ptr<QWidget> widget = make(kind);
            QVERIFY(widget);
            auto* table = widget->findChild<QTreeView*>(tableName);
            QVERIFY(table && table->isVisible());
            width = table->columnWidth(0) + 37;
            table->setColumnWidth(0, width);
            widget->close();
        }
        const std::unique_ptr<QWidget> widget = make(kind);
        QVERIFY(widget);
        QCOMPARE(widget->findChild<QTreeView*>(tableName)->columnWidth(0), width);
    }

    void editorGeometryIsRestored()
    {
        QSize size;
        {
            const std::unique_ptr<QWidget> dialog = make(Kind::ProfileEditor);
            QVERIFY(dialog);
            dialog->resize(dialog->size() + QSize(60, 40));
            QTRY_VERIFY(dialog->size() != QSize(1040, 660));
            size = dialog->size();
            dialog->close();
        }
        const std::unique_ptr<QWidget> dialog = make(Kind::ProfileEditor);
        QVERIFY(dialog);
        QCOMPARE(dialog->size(), size);
    }
};

QTEST_MAIN(tst_LayoutMemory)
#include "tst_LayoutMemory.moc"
