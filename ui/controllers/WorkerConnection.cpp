#include "WorkerConnection.h"

#include "common/SecureBytes.h"
#include "inspect/Inspector.h"
#include "net/Session.h"

namespace rediscope {

WorkerConnection::WorkerConnection(InspectRequest request)
    : m_request(std::move(request))
{}

WorkerConnection::~WorkerConnection()
{
    m_session.reset();
    secureWipe(m_request.password);
    secureWipe(m_request.tls.keyPassphrase);
}

Result<Session*> WorkerConnection::session(std::optional<InspectResult>* opened)
{
    if (m_cancel.isCancelled())
        return fail(ErrorCode::Cancelled, Stage::None, QStringLiteral("Cancelled."));
    if (m_session && m_session->isOpen())
        return m_session.get();
    m_session.reset();
    InspectResult result = Inspector::open(m_request, m_cancel, &m_session);
    if (opened)
        *opened = result;
    if (result.error) {
        m_session.reset();
        return std::unexpected(*result.error);
    }
    if (!m_session)
        return fail(ErrorCode::ConnectionClosed, Stage::None,
                    QStringLiteral("The connection could not be kept open."));
    return m_session.get();
}

void WorkerConnection::drop()
{
    m_session.reset();
}

} // namespace rediscope
