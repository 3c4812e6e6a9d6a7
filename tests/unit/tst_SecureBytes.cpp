#include "common/SecureBytes.h"

#include <QTest>
#include <algorithm>

using namespace rediscope;

namespace {

// What the wipe observer saw: each buffer, and whether it was all zero while still allocated.
struct Wiped
{
    qsizetype size = 0;
    bool allZero = false;
};
QList<Wiped> s_wiped;

void observe(const char* data, qsizetype size)
{
    s_wiped.append({size, std::all_of(data, data + size, [](char c) { return c == '\0'; })});
}

const QByteArray Secret = QByteArrayLiteral("correct horse battery staple");

} // namespace

class TestSecureBytes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void wipesAnUnsharedBuffer();
    void wipesTheWholeAllocation();
    void sharedBufferIsReleasedNotZeroed();
    void rawDataIsNeverWritten();
    void secureBytesWipesWhenItGoes();
    void copyOfOwnsItsBuffer();
    void moveKeepsOneOwner();
    void wipesText();
};

void TestSecureBytes::init()
{
    s_wiped.clear();
    setWipeObserverForTesting(&observe);
}

void TestSecureBytes::cleanup()
{
    setWipeObserverForTesting(nullptr);
}

void TestSecureBytes::wipesAnUnsharedBuffer()
{
    QByteArray bytes = Secret;
    bytes.detach();
    secureWipe(bytes);
    QCOMPARE(s_wiped.size(), 1);
    QVERIFY(s_wiped.first().size >= Secret.size());
    QVERIFY(s_wiped.first().allZero);
    QVERIFY(bytes.isEmpty());
}

void TestSecureBytes::wipesTheWholeAllocation()
{
    // Truncated and front-trimmed: the secret's other bytes are still in the allocation.
    QByteArray bytes = Secret;
    bytes.detach();
    bytes.remove(0, 8);
    bytes.truncate(4);
    QCOMPARE(bytes, QByteArray("hors"));
    secureWipe(bytes);
    QCOMPARE(s_wiped.size(), 1);
    QVERIFY(s_wiped.first().size >= Secret.size());
    QVERIFY(s_wiped.first().allZero);
}

void TestSecureBytes::sharedBufferIsReleasedNotZeroed()
{
    QByteArray original = Secret;
    original.detach();
    QByteArray copy = original;
    QVERIFY(copy.isSharedWith(original));
    secureWipe(copy);
    QVERIFY(copy.isEmpty());
    QCOMPARE(original, Secret); // untouched, and not copied either
    QVERIFY(s_wiped.isEmpty());
    // Now the only owner: wiped.
    secureWipe(original);
    QCOMPARE(s_wiped.size(), 1);
    QVERIFY(s_wiped.first().allZero);
}

void TestSecureBytes::rawDataIsNeverWritten()
{
    char buffer[] = "not ours to wipe";
    QByteArray raw = QByteArray::fromRawData(buffer, sizeof buffer - 1);
    secureWipe(raw);
    QVERIFY(raw.isEmpty());
    QVERIFY(s_wiped.isEmpty());
    QCOMPARE(QByteArray(buffer), QByteArray("not ours to wipe"));
}

void TestSecureBytes::secureBytesWipesWhenItGoes()
{
    {
        SecureBytes secret = SecureBytes::copyOf(Secret);
        QCOMPARE(secret.bytes(), Secret);
        QVERIFY(s_wiped.isEmpty());
    }
    QCOMPARE(s_wiped.size(), 1);
    QVERIFY(s_wiped.first().allZero);
    QVERIFY(s_wiped.first().size >= Secret.size());
}

void TestSecureBytes::copyOfOwnsItsBuffer()
{
    QByteArray source = Secret;
    source.detach();
    SecureBytes secret = SecureBytes::copyOf(source);
    QVERIFY(!secret.bytes().isSharedWith(source));
    QVERIFY(secret.bytes().isDetached());
    secret.wipe();
    QVERIFY(secret.isEmpty());
    QCOMPARE(source, Secret);
    QCOMPARE(s_wiped.size(), 1);
}

void TestSecureBytes::moveKeepsOneOwner()
{
    SecureBytes first = SecureBytes::copyOf(Secret);
    SecureBytes second = std::move(first);
    QCOMPARE(second.bytes(), Secret);
    QVERIFY(second.bytes().isDetached());
    SecureBytes third;
    third = std::move(second);
    QVERIFY(s_wiped.isEmpty()); // moving never wipes the secret it moves
    third.wipe();
    QCOMPARE(s_wiped.size(), 1);
}

void TestSecureBytes::wipesText()
{
    QString text = QString::fromLatin1(Secret);
    QString copy = text;
    secureWipe(copy); // shared: released only
    QVERIFY(s_wiped.isEmpty());
    QCOMPARE(text, QString::fromLatin1(Secret));
    text.truncate(3);
    secureWipe(text);
    QCOMPARE(s_wiped.size(), 1);
    QVERIFY(s_wiped.first().allZero);
    QVERIFY(s_wiped.first().size >= Secret.size() * 2); // UTF-16: the whole allocation
    QVERIFY(text.isEmpty());
}

QTEST_APPLESS_MAIN(TestSecureBytes)
#include "tst_SecureBytes.moc"
