#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <utility>

namespace rediscope {

// Wipes `bytes` — OPENSSL_cleanse over its whole allocation, including room left over from
// earlier, longer contents — and empties it, when `bytes` is the only owner of its buffer.
//
// A QByteArray shares its buffer with its copies: zeroing a shared buffer would change them, and
// QByteArray::fill() would detach (zero a fresh copy and leave the secret where it was). A shared
// buffer is therefore only released here; its last owner wipes it. Raw data
// (QByteArray::fromRawData) belongs to someone else and is only released too.
void secureWipe(QByteArray& bytes);
// The same for text (a password typed into a field, read from the environment, ...).
void secureWipe(QString& text);

// A secret's bytes in a buffer of their own, wiped when they go.
class SecureBytes
{
public:
    SecureBytes() = default;
    // Takes `bytes` over. If its buffer is still shared with other copies, those keep it alive:
    // use copyOf() to own the secret alone.
    explicit SecureBytes(QByteArray bytes)
        : m_bytes(std::move(bytes))
    {}
    ~SecureBytes() { wipe(); }
    SecureBytes(const SecureBytes&) = delete;
    SecureBytes& operator=(const SecureBytes&) = delete;
    SecureBytes(SecureBytes&& other) noexcept
        : m_bytes(std::exchange(other.m_bytes, QByteArray()))
    {}
    SecureBytes& operator=(SecureBytes&& other) noexcept
    {
        if (this != &other) {
            wipe();
            m_bytes = std::exchange(other.m_bytes, QByteArray());
        }
        return *this;
    }

    // A deep copy of `bytes` in a new buffer, shared with nothing.
    static SecureBytes copyOf(QByteArrayView bytes);

    // Reading only: a copy of this array would share the buffer and outlive the wipe.
    const QByteArray& bytes() const { return m_bytes; }
    const char* constData() const { return m_bytes.constData(); }
    qsizetype size() const { return m_bytes.size(); }
    bool isEmpty() const { return m_bytes.isEmpty(); }

    void wipe() { secureWipe(m_bytes); }

private:
    QByteArray m_bytes;
};

// For tests: called with every buffer secureWipe() cleansed, after cleansing it and before it is
// released (so the test reads live memory). nullptr to stop.
using WipeObserver = void (*)(const char* data, qsizetype size);
void setWipeObserverForTesting(WipeObserver observer);

} // namespace rediscope
