// The arguments of `rediscope lint-config`: every option, its spellings, and a specific error for
// each kind of nonsense.

#include "cli/LintConfigArguments.h"

#include <QTest>

using namespace rediscope;

class tst_LintConfigArguments : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parses_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("kind"); // "" = detect
        QTest::addColumn<QString>("environment");
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("output");
        QTest::addColumn<QString>("failOn"); // "" = never

        QTest::newRow("file only") << QStringList{QStringLiteral("redis.conf")} << "redis.conf"
                                   << ""
                                   << "production"
                                   << "text"
                                   << ""
                                   << "high";
        QTest::newRow("kind dragonfly")
            << QStringList{QStringLiteral("df.flags"), QStringLiteral("--kind"),
                           QStringLiteral("dragonfly")}
            << "df.flags"
            << "dragonfly"
            << "production"
            << "text"
            << ""
            << "high";
        QTest::newRow("kind valkey is redis syntax")
            << QStringList{QStringLiteral("--kind=valkey"), QStringLiteral("valkey.conf")}
            << "valkey.conf"
            << "redis"
            << "production"
            << "text"
            << ""
            << "high";
        QTest::newRow("kind auto") << QStringList{QStringLiteral("a.conf"),
                                                  QStringLiteral("--kind"), QStringLiteral("AUTO")}
                                   << "a.conf"
                                   << ""
                                   << "production"
                                   << "text"
                                   << ""
                                   << "high";
        QTest::newRow("env and format")
            << QStringList{QStringLiteral("a.conf"), QStringLiteral("--env"),
                           QStringLiteral("Staging"), QStringLiteral("--format=SARIF")}
            << "a.conf"
            << ""
            << "staging"
            << "sarif"
            << ""
            << "high";
        QTest::newRow("environment spelling, output, fail-on never")
            << QStringList{QStringLiteral("--environment=development"),
                           QStringLiteral("-o"),
                           QStringLiteral("out.json"),
                           QStringLiteral("--fail-on"),
                           QStringLiteral("never"),
                           QStringLiteral("a.conf")}
            << "a.conf"
            << ""
            << "development"
            << "text"
            << "out.json"
            << "";
        QTest::newRow("fail-on low")
            << QStringList{QStringLiteral("a.conf"), QStringLiteral("--fail-on"),
                           QStringLiteral("low")}
            << "a.conf"
            << ""
            << "production"
            << "text"
            << ""
            << "low";
        QTest::newRow("dash-named file after --")
            << QStringList{QStringLiteral("--"), QStringLiteral("--weird.conf")} << "--weird.conf"
            << ""
            << "production"
            << "text"
            << ""
            << "high";
    }

    void parses()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, file);
        QFETCH(QString, kind);
        QFETCH(QString, environment);
        QFETCH(QString, format);
        QFETCH(QString, output);
        QFETCH(QString, failOn);
        const auto parsed = LintConfigArguments::parse(arguments);
        QVERIFY2(parsed.has_value(), parsed ? "" : qPrintable(parsed.error().message));
        QCOMPARE(parsed->file, file);
        QCOMPARE(parsed->kind ? serverKindName(*parsed->kind) : QString(), kind);
        QCOMPARE(parsed->environment, environment);
        QCOMPARE(parsed->format, format);
        QCOMPARE(parsed->output, output);
        QCOMPARE(parsed->failOn ? severityName(*parsed->failOn) : QString(), failOn);
        QVERIFY(!parsed->help);
    }

    void rejects_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("no file") << QStringList{} << "Which file?";
        QTest::newRow("two files")
            << QStringList{QStringLiteral("a.conf"), QStringLiteral("b.conf")}
            << "One configuration file";
        QTest::newRow("unknown kind")
            << QStringList{QStringLiteral("a.conf"), QStringLiteral("--kind"),
                           QStringLiteral("memcached")}
            << "Unknown --kind \"memcached\"";
        QTest::newRow("unknown format")
            << QStringList{QStringLiteral("a.conf"), QStringLiteral("--format"),
                           QStringLiteral("junit")}
            << "Unknown --format \"junit\"";
        QTest::newRow("fail-on info is not a threshold")
            << QStringList{QStringLiteral("a.conf"), QStringLiteral("--fail-on"),
                           QStringLiteral("info")}
            << "Unknown --fail-on";
        QTest::newRow("missing value")
            << QStringList{QStringLiteral("a.conf"), QStringLiteral("--env")}
            << "--env needs a value";
        QTest::newRow("empty environment")
            << QStringList{QStringLiteral("a.conf"), QStringLiteral("--env=")}
            << "needs an environment name";
        QTest::newRow("unknown option")
            << QStringList{QStringLiteral("a.conf"), QStringLiteral("--probe")}
            << "Unknown option \"--probe\"";
    }

    void rejects()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const auto parsed = LintConfigArguments::parse(arguments);
        QVERIFY(!parsed.has_value());
        QCOMPARE(parsed.error().code, ErrorCode::InvalidArgument);
        QVERIFY2(parsed.error().message.contains(message), qPrintable(parsed.error().message));
    }

    void helpWinsAndUsageNamesEveryOption()
    {
        const auto parsed = LintConfigArguments::parse(
            {QStringLiteral("--kind"), QStringLiteral("x"), QStringLiteral("--help")});
        // --kind x is checked first: an error before --help is reached is still an error.
        QVERIFY(!parsed.has_value());
        const auto help = LintConfigArguments::parse({QStringLiteral("--help")});
        QVERIFY(help.has_value() && help->help);
        const QString usage = LintConfigArguments::usage();
        for (const char* option : {"--kind", "--env", "--format", "--output", "--fail-on"})
            QVERIFY2(usage.contains(QLatin1String(option)), option);
    }
};

QTEST_GUILESS_MAIN(tst_LintConfigArguments)
#include "tst_LintConfigArguments.moc"
