#pragma once
// tests/peers/ws_peer.py, Debian's python3-websockets, as a peer the test starts.

#include "peerprocess.h"

/// tests/peers/ws_peer.py in "server" mode (see its docstring for the events).
class PythonServer : public PeerProcess
{
public:
    PythonServer() : PeerProcess({QStringLiteral(SOCKSCOPE_PEER_SCRIPT), QStringLiteral("server")})
    {}
};
