#include "tls/ServerFlightParser.h"

#include <QTest>

using namespace rediscope;

namespace {

QByteArray u16(int value)
{
    QByteArray out;
    out.append(static_cast<char>((value >> 8) & 0xff));
    out.append(static_cast<char>(value & 0xff));
    return out;
}

QByteArray u24(int value)
{
    return QByteArray(1, static_cast<char>((value >> 16) & 0xff)) + u16(value);
}

QByteArray record(int type, const QByteArray& body)
{
    return QByteArray(1, static_cast<char>(type)) + QByteArray::fromHex("0303") +
           u16(static_cast<int>(body.size())) + body;
}

QByteArray message(int type, const QByteArray& body)
{
    return QByteArray(1, static_cast<char>(type)) + u24(static_cast<int>(body.size())) + body;
}

QByteArray extension(int type, const QByteArray& data)
{
    return u16(type) + u16(static_cast<int>(data.size())) + data;
}

QByteArray serverHello(int legacyVersion, int cipher, const QByteArray& extensions,
                       bool retry = false)
{
    QByteArray random(32, '\x11');
    if (retry)
        random =
            QByteArray::fromHex("CF21AD74E59A6111BE1D8C021E65B891C2A211167ABB8C5E079E09E2C8A8339C");
    QByteArray body = u16(legacyVersion) + random + QByteArray(1, '\x20') + QByteArray(32, 'S') +
                      u16(cipher) + QByteArray(1, '\0');
    if (!extensions.isNull())
        body += u16(static_cast<int>(extensions.size())) + extensions;
    return message(2, body);
}

QByteArray certificate(int size)
{
    return message(11, QByteArray(size, 'C'));
}

ServerFlightParser::State feedInPieces(ServerFlightParser& parser, const QByteArray& bytes,
                                       int piece)
{
    ServerFlightParser::State state = parser.state();
    for (qsizetype at = 0; at < bytes.size() && state == ServerFlightParser::State::NeedMore;
         at += piece)
        state = parser.feed(
            QByteArrayView(bytes).sliced(at, std::min<qsizetype>(piece, bytes.size() - at)));
    return state;
}

} // namespace

class tst_ServerFlightParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tls12FlightInAnyPieces_data()
    {
        QTest::addColumn<int>("piece");
        for (int piece : {1, 3, 5, 7, 100, 100000})
            QTest::addRow("%d-byte pieces", piece) << piece;
    }
    void tls12FlightInAnyPieces()
    {
        QFETCH(int, piece);
        const QByteArray ske = QByteArray::fromHex("03001d20") + QByteArray(32, 'K');
        // Several messages in one record, and one message across two records.
        const QByteArray hello =
            serverHello(0x0303, 0xc02f, extension(0xff01, QByteArray(1, '\0')));
        const QByteArray cert = certificate(3000);
        const QByteArray flight = record(22, hello + cert.left(1000)) +
                                  record(22, cert.mid(1000) + message(12, ske)) +
                                  record(22, message(13, QByteArray(4, 'R')) + message(14, {}));
        ServerFlightParser parser;
        QCOMPARE(feedInPieces(parser, flight, piece), ServerFlightParser::State::Complete);
        const ServerFlight& seen = parser.flight();
        QVERIFY(seen.serverHello);
        QVERIFY(!seen.helloRetry);
        QCOMPARE(seen.version, 0x0303);
        QCOMPARE(seen.cipher, quint16(0xc02f));
        QVERIFY(seen.renegotiationInfo);
        QCOMPARE(seen.serverKeyExchange, ske);
        QVERIFY(seen.certificateRequest);
        QVERIFY(seen.serverHelloDone);
        QCOMPARE(seen.alert, -1);
        QCOMPARE(seen.firstBytes, flight.left(ServerFlightParser::FirstBytesLimit));
    }

    void tls13HelloIsTheVerdict()
    {
        const QByteArray extensions =
            extension(43, u16(0x0304)) + extension(51, u16(0x0017) + u16(65) + QByteArray(65, 'k'));
        ServerFlightParser parser;
        // What follows the ServerHello (ChangeCipherSpec, encrypted records) is never needed.
        const QByteArray bytes = record(22, serverHello(0x0303, 0x1302, extensions)) +
                                 record(20, QByteArray(1, '\x01')) +
                                 record(23, QByteArray(50, 'e'));
        QCOMPARE(parser.feed(bytes), ServerFlightParser::State::Complete);
        QCOMPARE(parser.flight().version, 0x0304);
        QCOMPARE(parser.flight().cipher, quint16(0x1302));
        QCOMPARE(parser.flight().group, 0x0017);
        QVERIFY(!parser.flight().helloRetry);
    }

    void helloRetryRequestNamesTheGroup()
    {
        const QByteArray extensions = extension(43, u16(0x0304)) + extension(51, u16(0x0100));
        ServerFlightParser parser;
        QCOMPARE(parser.feed(record(22, serverHello(0x0303, 0x1301, extensions, true))),
                 ServerFlightParser::State::Complete);
        QVERIFY(parser.flight().helloRetry);
        QCOMPARE(parser.flight().group, 0x0100);
        QCOMPARE(parser.flight().cipher, quint16(0x1301));
    }

    void alertBeforeAndAfterHello()
    {
        ServerFlightParser refused;
        QCOMPARE(refused.feed(record(21, QByteArray::fromHex("0228"))),
                 ServerFlightParser::State::Complete);
        QCOMPARE(refused.flight().alert, 40);
        QVERIFY(!refused.flight().serverHello);
        QVERIFY(!refused.flight().alertAfterHello);

        ServerFlightParser late;
        const QByteArray bytes =
            record(22, serverHello(0x0303, 0x009c, {})) + record(21, QByteArray::fromHex("0250"));
        QCOMPARE(late.feed(bytes), ServerFlightParser::State::Complete);
        QVERIFY(late.flight().serverHello);
        QCOMPARE(late.flight().alert, 80);
        QVERIFY(late.flight().alertAfterHello);
    }

    void plaintextRespIsNotTls()
    {
        ServerFlightParser parser;
        QCOMPARE(parser.feed("-ERR unknown command\r\n"), ServerFlightParser::State::NotTls);
        QCOMPARE(parser.flight().firstBytes, QByteArray("-ERR unknown com"));
    }

    void brokenInputIsMalformed_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addRow("oversized record")
            << (QByteArray::fromHex("1603034801") + QByteArray(10, 'x'));
        QTest::addRow("garbage after a record")
            << (record(22, certificate(10)) + QByteArray("HTTP/1.1 400"));
        QTest::addRow("done before hello") << record(22, message(14, {}));
        QTest::addRow("truncated hello") << record(22, message(2, QByteArray(20, 'h')));
        QTest::addRow("hello extensions overrun")
            << record(22, serverHello(0x0303, 0xc02f, u16(0xff01) + u16(40)));
        QTest::addRow("application data first") << record(23, QByteArray(8, 'a'));
        QTest::addRow("huge kept message") << record(22, QByteArray::fromHex("0cffffff"));
        QTest::addRow("short alert") << record(21, QByteArray(1, '\x02'));
        QTest::addRow("two hellos")
            << record(22, serverHello(0x0303, 0xc02f, {}) + serverHello(0x0303, 0xc02f, {}));
    }
    void brokenInputIsMalformed()
    {
        QFETCH(QByteArray, bytes);
        ServerFlightParser parser;
        QCOMPARE(parser.feed(bytes), ServerFlightParser::State::Malformed);
        QVERIFY(!parser.problem().isEmpty());
        // Once decided, more input changes nothing.
        QCOMPARE(parser.feed(record(21, QByteArray::fromHex("0228"))),
                 ServerFlightParser::State::Malformed);
    }

    void hugeCertificatesAreSkippedNotKept()
    {
        // A 1 MiB certificate message across many records: consumed, never buffered whole.
        ServerFlightParser parser;
        QByteArray stream = serverHello(0x0303, 0x009c, {}) + certificate(1024 * 1024);
        QByteArray flight;
        for (qsizetype at = 0; at < stream.size(); at += 16384)
            flight += record(22, stream.mid(at, 16384));
        flight += record(22, message(14, {}));
        QCOMPARE(feedInPieces(parser, flight, 65536), ServerFlightParser::State::Complete);
        QVERIFY(parser.flight().serverHelloDone);
    }

    void endlessFlightHasALimit()
    {
        ServerFlightParser parser;
        QCOMPARE(parser.feed(
                     record(22, serverHello(0x0303, 0x009c, {}) + QByteArray::fromHex("0bffffff"))),
                 ServerFlightParser::State::NeedMore);
        const QByteArray chunk = record(22, QByteArray(16384, 'c'));
        ServerFlightParser::State state = ServerFlightParser::State::NeedMore;
        for (int i = 0; i < 4000 && state == ServerFlightParser::State::NeedMore; ++i)
            state = parser.feed(chunk);
        QCOMPARE(state, ServerFlightParser::State::Malformed);
        QVERIFY(parser.problem().contains(QLatin1String("MiB")));
    }
};

QTEST_APPLESS_MAIN(tst_ServerFlightParser)
#include "tst_ServerFlightParser.moc"
