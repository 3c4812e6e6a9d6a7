#include "net/RespReader.h"

#include <QTest>
#include <algorithm>

using namespace rediscope;

namespace {

RespValue text(RespValue::Type type, const QByteArray& payload)
{
    RespValue value;
    value.type = type;
    value.text = payload;
    return value;
}

RespValue integer(qint64 number)
{
    RespValue value;
    value.type = RespValue::Type::Integer;
    value.integer = number;
    return value;
}

RespValue array(const QList<RespValue>& elements)
{
    RespValue value;
    value.type = RespValue::Type::Array;
    value.elements = elements;
    return value;
}

bool same(const RespValue& a, const RespValue& b)
{
    if (a.type != b.type || a.text != b.text || a.integer != b.integer ||
        a.elements.size() != b.elements.size())
        return false;
    for (qsizetype i = 0; i < a.elements.size(); ++i)
        if (!same(a.elements.at(i), b.elements.at(i)))
            return false;
    return true;
}

// Feeds `bytes` in pieces of `chunk` bytes, taking replies as they complete.
Result<QList<RespValue>> readInChunks(const QByteArray& bytes, qsizetype chunk)
{
    RespReader reader;
    QList<RespValue> replies;
    for (qsizetype at = 0; at < bytes.size(); at += chunk) {
        reader.feed(QByteArrayView(bytes).sliced(at, std::min(chunk, bytes.size() - at)));
        for (;;) {
            auto reply = reader.take();
            if (!reply)
                return std::unexpected(reply.error());
            if (!*reply)
                break;
            replies.append(**reply);
            reader.startReply();
        }
    }
    return replies;
}

} // namespace

class TestRespReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decodesEveryType();
    void chunksDoNotMatter();
    void incompleteReplyWaits();
    void refusesAnArrayOverTheElementBudget();
    void elementBudgetCoversNestedArrays();
    void refusesABulkStringAnnouncedOverTheLimit();
    void refusesALengthThatNeverEnds();
    void refusesALineThatNeverEnds();
    void refusesInvalidRespAndStartsAfresh();
    void deepNestingIsAnErrorNotACrash();
};

void TestRespReader::decodesEveryType()
{
    static const char raw[] = "+OK\r\n-WRONGPASS invalid username-password pair\r\n:-42\r\n"
                              "$5\r\nhe\0lo\r\n$-1\r\n*-1\r\n*0\r\n"
                              "*3\r\n:1\r\n*1\r\n$0\r\n\r\n$-1\r\n";
    auto decoded = RespReader::decode(QByteArrayView(raw, sizeof raw - 1));
    QVERIFY(decoded);
    QVERIFY(!decoded->incomplete);
    const QList<RespValue> expected = {
        text(RespValue::Type::Status, "OK"),
        text(RespValue::Type::Error, "WRONGPASS invalid username-password pair"),
        integer(-42),
        text(RespValue::Type::String, QByteArray("he\0lo", 5)),
        RespValue{},
        RespValue{},
        array({}),
        array({integer(1), array({text(RespValue::Type::String, QByteArray())}), RespValue{}}),
    };
    QCOMPARE(decoded->replies.size(), expected.size());
    for (qsizetype i = 0; i < expected.size(); ++i)
        QVERIFY2(same(decoded->replies.at(i), expected.at(i)),
                 qPrintable(decoded->replies.at(i).toDisplayString()));
    QCOMPARE(decoded->replies.at(1).errorCode(), QByteArray("WRONGPASS"));
}

void TestRespReader::chunksDoNotMatter()
{
    const QByteArray wire = "*2\r\n$3\r\nfoo\r\n*2\r\n:7\r\n+PONG\r\n$11\r\nhello world\r\n:0\r\n";
    auto whole = RespReader::decode(wire);
    QVERIFY(whole);
    QCOMPARE(whole->replies.size(), 3);
    for (qsizetype chunk : {1, 2, 3, 7, 64}) {
        auto pieces = readInChunks(wire, chunk);
        QVERIFY(pieces);
        QCOMPARE(pieces->size(), whole->replies.size());
        for (qsizetype i = 0; i < pieces->size(); ++i)
            QVERIFY(same(pieces->at(i), whole->replies.at(i)));
    }
}

void TestRespReader::incompleteReplyWaits()
{
    auto decoded = RespReader::decode("+OK\r\n*2\r\n:1\r\n");
    QVERIFY(decoded);
    QCOMPARE(decoded->replies.size(), 1);
    QVERIFY(decoded->incomplete);

    RespReader reader;
    reader.feed("$5\r\nhel");
    auto partial = reader.take();
    QVERIFY(partial);
    QVERIFY(!partial->has_value());
    reader.feed("lo\r\n");
    auto complete = reader.take();
    QVERIFY(complete);
    QVERIFY(complete->has_value());
    QCOMPARE((*complete)->text, QByteArray("hello"));
}

void TestRespReader::refusesAnArrayOverTheElementBudget()
{
    // 6400 bytes: a budget of 100 elements a reply.
    auto fits =
        RespReader::decode(QByteArray("*100\r\n" + QByteArray("$0\r\n\r\n").repeated(100)), 6400);
    QVERIFY(fits);
    QCOMPARE(fits->replies.size(), 1);
    QCOMPARE(fits->replies.first().elements.size(), 100);

    auto refused = RespReader::decode("*101\r\n", 6400);
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::ProtocolError);
    QCOMPARE(refused.error().message,
             QStringLiteral("The server announced an array of 101 elements, more than the 100 "
                            "a reply may hold; refusing to read it."));

    // The default budget refuses a 2^31-1 announcement at once.
    auto huge = RespReader::decode("*2147483647\r\n");
    QVERIFY(!huge);
    QVERIFY(huge.error().message.contains(QLatin1String("2147483647 elements")));
}

void TestRespReader::elementBudgetCoversNestedArrays()
{
    // 60 + 50 elements in one reply exceed 100; the same arrays as two replies do not.
    const QByteArray inner60 = "*60\r\n" + QByteArray(":1\r\n").repeated(60);
    const QByteArray inner50 = "*50\r\n" + QByteArray(":1\r\n").repeated(50);
    auto nested = RespReader::decode(QByteArray("*2\r\n" + inner60 + inner50), 6400);
    QVERIFY(!nested);
    QVERIFY(nested.error().message.contains(QLatin1String("array of 50 elements")));

    auto separate = RespReader::decode(QByteArray(inner60 + inner50), 6400);
    QVERIFY(separate);
    QCOMPARE(separate->replies.size(), 2);
}

void TestRespReader::refusesABulkStringAnnouncedOverTheLimit()
{
    RespReader reader(1024 * 1024);
    reader.feed("$536870912\r\n");
    auto reply = reader.take();
    QVERIFY(!reply);
    QCOMPARE(reply.error().code, ErrorCode::ProtocolError);
    QCOMPARE(reply.error().message,
             QStringLiteral("The server announced a reply of 512 MiB, more than the 1 MiB "
                            "accepted; refusing to read it."));
}

void TestRespReader::refusesALengthThatNeverEnds()
{
    RespReader reader;
    reader.feed(QByteArray("*" + QByteArray(40, '1')));
    auto reply = reader.take();
    QVERIFY(!reply);
    QCOMPARE(reply.error().message,
             QStringLiteral("The server's reply is not valid RESP: a length that never ends."));
}

void TestRespReader::refusesALineThatNeverEnds()
{
    RespReader reader;
    reader.feed(QByteArray("+" + QByteArray(1024 * 1024 + 1, 'x')));
    auto reply = reader.take();
    QVERIFY(!reply);
    QVERIFY(reply.error().message.contains(QLatin1String("a line of more than 1 MiB")));
}

void TestRespReader::refusesInvalidRespAndStartsAfresh()
{
    RespReader reader;
    reader.feed("HTTP/1.1 400 Bad Request\r\n");
    auto reply = reader.take();
    QVERIFY(!reply);
    QCOMPARE(reply.error().code, ErrorCode::ProtocolError);
    QCOMPARE(reply.error().message, QStringLiteral("The server's reply is not valid RESP."));
    QVERIFY(reply.error().detail.contains(QLatin1String("Protocol error")));

    // The reader dropped the bad bytes: the next reply reads normally.
    reader.startReply();
    reader.feed("+PONG\r\n");
    auto next = reader.take();
    QVERIFY(next);
    QVERIFY(next->has_value());
    QCOMPARE((*next)->text, QByteArray("PONG"));
}

void TestRespReader::deepNestingIsAnErrorNotACrash()
{
    auto decoded = RespReader::decode(QByteArray(QByteArray("*1\r\n").repeated(100) + ":1\r\n"));
    QVERIFY(!decoded);
    QCOMPARE(decoded.error().code, ErrorCode::ProtocolError);
}

QTEST_APPLESS_MAIN(TestRespReader)
#include "tst_RespReader.moc"
