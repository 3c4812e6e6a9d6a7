#include "SecureBytes.h"

#include <algorithm>
#include <atomic>
#include <openssl/crypto.h>
#include <type_traits>

namespace rediscope {

namespace {

std::atomic<WipeObserver> s_observer{nullptr};

} // namespace

namespace {

// Cleanses the whole allocation of an array that owns its buffer alone: the free space before
// the data (left by removals at the front) and after it (left by truncation) may hold earlier
// bytes of the secret.
template <typename DataPointer>
void cleanseAllocation(DataPointer& data)
{
    using Element = std::remove_pointer_t<decltype(data.data())>;
    auto* begin = reinterpret_cast<char*>(data.data() - data.freeSpaceAtBegin());
    const qsizetype length = static_cast<qsizetype>(
        (data.freeSpaceAtBegin() + data.size + data.freeSpaceAtEnd()) * sizeof(Element));
    OPENSSL_cleanse(begin, static_cast<size_t>(length));
    if (const WipeObserver observer = s_observer.load())
        observer(begin, length);
}

} // namespace

void secureWipe(QByteArray& bytes)
{
    if (bytes.isDetached())
        cleanseAllocation(bytes.data_ptr());
    bytes = QByteArray();
}

void secureWipe(QString& text)
{
    if (text.isDetached())
        cleanseAllocation(text.data_ptr());
    text = QString();
}

SecureBytes SecureBytes::copyOf(QByteArrayView bytes)
{
    QByteArray copy(bytes.size(), Qt::Uninitialized);
    std::copy(bytes.begin(), bytes.end(), copy.data());
    return SecureBytes(std::move(copy));
}

void setWipeObserverForTesting(WipeObserver observer)
{
    s_observer.store(observer);
}

} // namespace rediscope
