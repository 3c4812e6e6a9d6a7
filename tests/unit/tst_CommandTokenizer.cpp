// The console's command-line splitter: redis-cli's quoting rules, errors with their column, and
// quote() giving back what split() reads.

#include "cli/CommandTokenizer.h"

#include <QTest>

using namespace rediscope;

using Arguments = QList<QByteArray>;

class tst_CommandTokenizer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void split_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<Arguments>("expected");

        QTest::newRow("empty") << QString() << Arguments{};
        QTest::newRow("blanks only") << QStringLiteral(" \t  ") << Arguments{};
        QTest::newRow("words") << QStringLiteral("SET key value")
                               << Arguments{"SET", "key", "value"};
        QTest::newRow("extra blanks")
            << QStringLiteral("  GET\t  key  ") << Arguments{"GET", "key"};
        QTest::newRow("double quotes keep spaces")
            << QStringLiteral("SET k \"hello world\"") << Arguments{"SET", "k", "hello world"};
        QTest::newRow("single quotes keep spaces")
            << QStringLiteral("SET k 'hello world'") << Arguments{"SET", "k", "hello world"};
        QTest::newRow("empty quoted argument")
            << QStringLiteral("SET k \"\"") << Arguments{"SET", "k", ""};
        QTest::newRow("empty single-quoted argument")
            << QStringLiteral("SET k ''") << Arguments{"SET", "k", ""};
        QTest::newRow("escapes in double quotes")
            << QStringLiteral("SET k \"a\\nb\\rc\\td\\be\\af\"")
            << Arguments{"SET", "k", "a\nb\rc\td\be\af"};
        QTest::newRow("escaped quote and backslash")
            << QStringLiteral("SET k \"say \\\"hi\\\" \\\\ there\"")
            << Arguments{"SET", "k", "say \"hi\" \\ there"};
        QTest::newRow("hex escape") << QStringLiteral("SET k \"\\x00\\xff\\x41\"")
                                    << Arguments{"SET", "k", QByteArray("\x00\xff\x41", 3)};
        QTest::newRow("incomplete hex escape is the letter")
            << QStringLiteral("SET k \"\\xZ\"") << Arguments{"SET", "k", "xZ"};
        QTest::newRow("other escape is the character")
            << QStringLiteral("SET k \"\\q\"") << Arguments{"SET", "k", "q"};
        QTest::newRow("single quotes are literal")
            << QStringLiteral("SET k 'a\\nb \"c\"'") << Arguments{"SET", "k", "a\\nb \"c\""};
        QTest::newRow("escaped single quote")
            << QStringLiteral("SET k 'it\\'s'") << Arguments{"SET", "k", "it's"};
        QTest::newRow("unquoted backslash is literal")
            << QStringLiteral("GET a\\nb") << Arguments{"GET", "a\\nb"};
        QTest::newRow("quote inside a word opens a quoted part")
            << QStringLiteral("SET ab\"c d\" v") << Arguments{"SET", "abc d", "v"};
        QTest::newRow("utf-8") << QStringLiteral(u"SET clé \"naïve ☃\"")
                               << Arguments{"SET", QStringLiteral(u"clé").toUtf8(),
                                            QStringLiteral(u"naïve ☃").toUtf8()};
    }

    void split()
    {
        QFETCH(QString, line);
        QFETCH(Arguments, expected);
        const auto result = CommandTokenizer::split(line);
        QVERIFY2(result.has_value(), result ? "" : qPrintable(result.error().message));
        QCOMPARE(*result, expected);
    }

    void errors_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("message");

        QTest::newRow("unterminated double quote")
            << QStringLiteral("SET k \"abc") << QStringLiteral("Unbalanced quotes (column 7).");
        QTest::newRow("unterminated single quote")
            << QStringLiteral("SET k 'abc") << QStringLiteral("Unbalanced quotes (column 7).");
        QTest::newRow("backslash at the end of a quote")
            << QStringLiteral("SET k \"abc\\") << QStringLiteral("Unbalanced quotes (column 7).");
        QTest::newRow("text right after a closing quote")
            << QStringLiteral("SET \"a\"b")
            << QStringLiteral("A closing quote must be followed by a space (column 8).");
        QTest::newRow("column counts characters, not bytes")
            << QStringLiteral(u"SET é 'x'y")
            << QStringLiteral("A closing quote must be followed by a space (column 10).");
    }

    void errors()
    {
        QFETCH(QString, line);
        QFETCH(QString, message);
        const auto result = CommandTokenizer::split(line);
        QVERIFY(!result.has_value());
        QCOMPARE(result.error().code, ErrorCode::InvalidArgument);
        QCOMPARE(result.error().message, message);
    }

    void quoteRoundTrips_data()
    {
        QTest::addColumn<QByteArray>("argument");
        QTest::addColumn<QString>("quoted");

        QTest::newRow("plain") << QByteArray("key:1") << QStringLiteral("key:1");
        QTest::newRow("empty") << QByteArray() << QStringLiteral("\"\"");
        QTest::newRow("space") << QByteArray("a b") << QStringLiteral("\"a b\"");
        QTest::newRow("quotes") << QByteArray("it's \"x\"") << QStringLiteral("\"it's \\\"x\\\"\"");
        QTest::newRow("control bytes")
            << QByteArray("a\nb\x01", 4) << QStringLiteral("\"a\\nb\\x01\"");
        QTest::newRow("backslash alone stays plain")
            << QByteArray("a\\b") << QStringLiteral("a\\b");
        QTest::newRow("utf-8 stays readable")
            << QStringLiteral(u"clé").toUtf8() << QStringLiteral(u"clé");
        QTest::newRow("invalid utf-8 as hex")
            << QByteArray("\xff\xfe", 2) << QStringLiteral("\"\\xff\\xfe\"");
    }

    void quoteRoundTrips()
    {
        QFETCH(QByteArray, argument);
        QFETCH(QString, quoted);
        QCOMPARE(CommandTokenizer::quote(argument), quoted);
        const auto back = CommandTokenizer::split(QStringLiteral("GET ") + quoted);
        QVERIFY(back.has_value());
        QCOMPARE(*back, (Arguments{"GET", argument}));
    }

    void joinQuotesEachArgument()
    {
        QCOMPARE(CommandTokenizer::join({"SET", "my key", "v"}),
                 QStringLiteral("SET \"my key\" v"));
    }
};

QTEST_APPLESS_MAIN(tst_CommandTokenizer)
#include "tst_CommandTokenizer.moc"
