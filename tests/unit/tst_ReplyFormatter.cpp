// Replies rendered as redis-cli renders them on a terminal.

#include "cli/ReplyFormatter.h"

#include <QTest>

using namespace rediscope;

namespace {

RespValue str(const QByteArray& text)
{
    RespValue v;
    v.type = RespValue::Type::String;
    v.text = text;
    return v;
}

RespValue integer(qint64 n)
{
    RespValue v;
    v.type = RespValue::Type::Integer;
    v.integer = n;
    return v;
}

RespValue array(QList<RespValue> elements)
{
    RespValue v;
    v.type = RespValue::Type::Array;
    v.elements = std::move(elements);
    return v;
}

RespValue typed(RespValue::Type type, const QByteArray& text = {})
{
    RespValue v;
    v.type = type;
    v.text = text;
    return v;
}

} // namespace

class tst_ReplyFormatter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void format_data()
    {
        QTest::addColumn<RespValue>("value");
        QTest::addColumn<QString>("expected");

        QTest::newRow("status") << typed(RespValue::Type::Status, "OK") << QStringLiteral("OK");
        QTest::newRow("error") << typed(RespValue::Type::Error, "ERR wrong number")
                               << QStringLiteral("(error) ERR wrong number");
        QTest::newRow("nil") << RespValue{} << QStringLiteral("(nil)");
        QTest::newRow("integer") << integer(-3) << QStringLiteral("(integer) -3");
        QTest::newRow("string") << str("hello") << QStringLiteral("\"hello\"");
        QTest::newRow("string with escapes")
            << str(QByteArray("a\"b\n\x01", 5)) << QStringLiteral("\"a\\\"b\\n\\x01\"");
        QTest::newRow("utf-8 string")
            << str(QStringLiteral(u"naïve").toUtf8()) << QStringLiteral(u"\"naïve\"");
        QTest::newRow("empty array") << array({}) << QStringLiteral("(empty array)");
        QTest::newRow("flat array") << array({str("a"), integer(2), RespValue{}})
                                    << QStringLiteral("1) \"a\"\n2) (integer) 2\n3) (nil)");
        QTest::newRow("nested array")
            << array({str("a"), array({str("b"), array({str("c"), str("d")})}), str("e")})
            << QStringLiteral("1) \"a\"\n"
                              "2) 1) \"b\"\n"
                              "   2) 1) \"c\"\n"
                              "      2) \"d\"\n"
                              "3) \"e\"");
        QList<RespValue> ten;
        for (int i = 1; i <= 10; ++i)
            ten << integer(i);
        QTest::newRow("index width grows") << array({array(ten)})
                                           << QStringLiteral("1)  1) (integer) 1\n"
                                                             "    2) (integer) 2\n"
                                                             "    3) (integer) 3\n"
                                                             "    4) (integer) 4\n"
                                                             "    5) (integer) 5\n"
                                                             "    6) (integer) 6\n"
                                                             "    7) (integer) 7\n"
                                                             "    8) (integer) 8\n"
                                                             "    9) (integer) 9\n"
                                                             "   10) (integer) 10");
        QTest::newRow("empty nested array")
            << array({array({})}) << QStringLiteral("1) (empty array)");
    }

    void format()
    {
        QFETCH(RespValue, value);
        QFETCH(QString, expected);
        QCOMPARE(ReplyFormatter::format(value), expected);
    }

    void boundedOutputSaysWhatWasLeftOut()
    {
        QList<RespValue> many;
        for (int i = 0; i < 100; ++i)
            many << array({str("k"), str("v")});
        const QString text = ReplyFormatter::format(array(many), 10);
        const QStringList lines = text.split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 11);
        QCOMPARE(lines.constFirst(), QStringLiteral("  1) 1) \"k\""));
        // 5 pairs shown (10 lines), 95 pairs = 190 strings left out.
        QCOMPARE(lines.constLast(), QStringLiteral("… 190 more elements not shown"));
    }
};

QTEST_APPLESS_MAIN(tst_ReplyFormatter)
#include "tst_ReplyFormatter.moc"
