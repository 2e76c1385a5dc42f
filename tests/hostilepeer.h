#pragma once
// tests/peers/hostile_peer.py, a hostile WebSocket server on Python's standard library.

#include "peerprocess.h"

/// tests/peers/hostile_peer.py serving one case (see its docstring for the cases and
/// the events).
class HostilePeer : public PeerProcess
{
public:
    /// Starts the peer with @p caseArgs, the case name and its arguments, such as
    /// {"close-code", "1012", "restart"}.
    explicit HostilePeer(const QStringList &caseArgs)
        : PeerProcess(QStringList{QStringLiteral(SOCKSCOPE_HOSTILE_PEER_SCRIPT)} + caseArgs)
    {}
};
