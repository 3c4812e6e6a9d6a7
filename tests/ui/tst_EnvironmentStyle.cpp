// How environments look: policy order, names, and badge colours whose text stays legible on
// light and dark palettes (WCAG contrast ≥ 4.5), custom colours included.

#include "style/EnvironmentStyle.h"

#include <QPalette>
#include <QTest>

using namespace rediscope;

namespace {

QPalette paletteWithBase(const QColor& base)
{
    QPalette palette;
    palette.setColor(QPalette::Base, base);
    return palette;
}

} // namespace

class tst_EnvironmentStyle : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void order()
    {
        QStringList names{QStringLiteral("zeta"),    QStringLiteral("production"),
                          QStringLiteral("Alpha"),   QStringLiteral("development"),
                          QStringLiteral("staging"), QStringLiteral("beta")};
        std::sort(names.begin(), names.end(), EnvironmentStyle::lessThan);
        QCOMPARE(names, (QStringList{QStringLiteral("development"), QStringLiteral("staging"),
                                     QStringLiteral("production"), QStringLiteral("Alpha"),
                                     QStringLiteral("beta"), QStringLiteral("zeta")}));
        QCOMPARE(EnvironmentStyle::displayName(QStringLiteral("production")),
                 QStringLiteral("Production"));
        QCOMPARE(EnvironmentStyle::displayName(QStringLiteral("qa-eu")), QStringLiteral("qa-eu"));
    }

    void colours_data()
    {
        QTest::addColumn<QString>("environment");
        QTest::addColumn<QString>("colour");
        QTest::newRow("development") << "development" << QString();
        QTest::newRow("staging") << "staging" << QString();
        QTest::newRow("production") << "production" << QString();
        QTest::newRow("custom yellow") << "qa"
                                       << "#ffeb3b";
        QTest::newRow("custom navy") << "uat"
                                     << "#0d1b3e";
        QTest::newRow("invalid colour") << "perf"
                                        << "not-a-colour";
    }

    void colours()
    {
        QFETCH(QString, environment);
        QFETCH(QString, colour);
        EnvironmentPolicies policies;
        EnvironmentPolicy policy = policies.forEnvironment(environment);
        if (!colour.isEmpty()) {
            policy.colour = colour;
            policies.setOverride(environment, policy);
            policy = policies.forEnvironment(environment);
        }
        const QColor badge = EnvironmentStyle::badgeColour(policy);
        QVERIFY(badge.isValid());
        if (colour.isEmpty() || !QColor::fromString(colour).isValid())
            QCOMPARE(badge.name(),
                     QColor::fromString(EnvironmentPolicy::builtIn(policy.kind).colour).name());
        // Text on the badge, and badge-coloured text on light and dark bases.
        QVERIFY(EnvironmentStyle::contrastRatio(EnvironmentStyle::textColourOn(badge), badge) >=
                4.5);
        for (const QColor& base : {QColor(Qt::white), QColor(0xf5, 0xf5, 0xf5),
                                   QColor(0x2b, 0x2b, 0x2b), QColor(Qt::black)}) {
            const QColor text = EnvironmentStyle::legibleTextColour(policy, paletteWithBase(base));
            QVERIFY2(EnvironmentStyle::contrastRatio(text, base) >= 4.5,
                     qPrintable(QStringLiteral("%1 on %2").arg(text.name(), base.name())));
        }
        QVERIFY(!EnvironmentStyle::swatchIcon(policy).isNull());
        const QPixmap pill = EnvironmentStyle::badge(policy, QFont());
        QVERIFY(pill.width() > pill.height());
    }

    void contrastRatio()
    {
        QCOMPARE(qRound(EnvironmentStyle::contrastRatio(Qt::black, Qt::white)), 21);
        QCOMPARE(EnvironmentStyle::contrastRatio(Qt::red, Qt::red), 1.0);
    }
};

QTEST_MAIN(tst_EnvironmentStyle)
#include "tst_EnvironmentStyle.moc"
