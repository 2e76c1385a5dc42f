#!/usr/bin/python3
"""A third-party WebSocket peer for Sockscope's tests, on Debian's python3-websockets.

  ws_peer.py server
      Listens on 127.0.0.1 on a free port and prints one JSON object per line:
      {"event": "listening", "port": N}, then per connection "open" (path, headers,
      subprotocol), "message" for each message (echoed back), and "closed" with the
      close code and reason the peer received (1006 when no close frame came).
      A request path /server-closes/CODE/REASON makes the server close first.
      Each ping the server receives is printed as {"event": "ping", "hex": ...}; with
      the path /pong-first/HEX the server first sends an unsolicited pong carrying HEX,
      then the pong that answers the ping.
      A message over 1024 bytes is printed with its "size" and "sha256" instead of its
      bytes. Messages up to 256 MiB are accepted. The path
      /send-fragmented/COUNT/BYTES/KIND (KIND text or binary) makes the server first
      send one message of COUNT fragments of BYTES bytes each (RFC 6455 5.4), printed as
      {"event": "sent-fragmented", "size": ..., "sha256": ...}.
      The path /read-after/MS makes the server read nothing for MS ms after the opening
      handshake, so what the client sends waits in the buffers on the way.
      Exits when its standard input closes.

  ws_peer.py tls-server CERT KEY [CLIENT_CA]
      The same server over TLS (wss://) with the certificate CERT and its key KEY.
      With CLIENT_CA, it requires a client certificate signed by that CA, and its
      "open" event carries "client_subject", the certificate's commonName.

  ws_peer.py client URL CODE REASON
      Connects, sends a text and a binary message and a ping, closes with CODE and
      REASON, and prints one JSON object with what came back.
"""
import asyncio
import hashlib
import json
import ssl
import sys
import urllib.parse

import websockets


def emit(obj):
    print(json.dumps(obj), flush=True)


def describe(message):
    """The JSON fields of a message: its bytes when short, else its size and SHA-256."""
    data = message.encode() if isinstance(message, str) else message
    kind = "text" if isinstance(message, str) else "binary"
    if len(data) > 1024:
        return {"type": kind, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    if kind == "text":
        return {"type": kind, "text": message}
    return {"type": kind, "hex": data.hex()}


def fragment(index, size, kind):
    """Fragment number INDEX of a /send-fragmented message: a repeating pattern."""
    pattern = bytes((index * 7 + i) % 26 + 97 for i in range(26))
    data = (pattern * (size // 26 + 1))[:size]
    return data.decode() if kind == "text" else data


async def send_fragmented(ws, path):
    _, _, count, size, kind = path.split("/", 4)
    parts = [fragment(i, int(size), kind) for i in range(int(count))]
    whole = "".join(parts) if kind == "text" else b"".join(parts)
    await ws.send(parts)
    emit(dict(describe(whole), event="sent-fragmented"))


async def handler(ws, path=None):
    path = path if path is not None else ws.path
    opened = {"event": "open", "path": path,
              "headers": {k.lower(): v for k, v in ws.request_headers.raw_items()},
              "subprotocol": ws.subprotocol}
    peercert = ws.transport.get_extra_info("peercert")
    if peercert:
        subject = dict(item for rdn in peercert["subject"] for item in rdn)
        opened["client_subject"] = subject.get("commonName")
    emit(opened)
    if path.startswith("/server-closes/"):
        _, _, code, reason = path.split("/", 3)
        await ws.close(int(code), urllib.parse.unquote(reason))
    if path.startswith("/send-fragmented/"):
        await send_fragmented(ws, path)
    if path.startswith("/read-after/"):
        await asyncio.sleep(int(path.split("/")[2]) / 1000)
    try:
        async for message in ws:
            emit(dict(describe(message), event="message"))
            await ws.send(message)
    except websockets.ConnectionClosed:
        pass
    await ws.wait_closed()
    emit({"event": "closed", "code": ws.close_code, "reason": ws.close_reason,
          "close_frame_received": ws.close_rcvd is not None})


class RecordingProtocol(websockets.WebSocketServerProtocol):
    """Reports each ping received: the library answers a ping by calling pong()."""

    async def pong(self, data=b""):
        data = data.encode() if isinstance(data, str) else bytes(data)
        emit({"event": "ping", "hex": data.hex()})
        if self.path.startswith("/pong-first/"):
            extra = bytes.fromhex(self.path.split("/", 2)[2])
            await super().pong(extra)
        await super().pong(data)


def tls_context(cert, key, client_ca=None):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    if client_ca:
        context.verify_mode = ssl.CERT_REQUIRED
        context.load_verify_locations(client_ca)
    return context


async def serve(tls=None):
    loop = asyncio.get_running_loop()
    async with websockets.serve(handler, "127.0.0.1", 0, ssl=tls,
                                subprotocols=["sockscope.test", "chat"],
                                max_size=256 * 1024 * 1024,
                                create_protocol=RecordingProtocol) as server:
        port = server.sockets[0].getsockname()[1]
        emit({"event": "listening", "port": port})
        await loop.run_in_executor(None, sys.stdin.read)


async def client(url, code, reason):
    ws = await websockets.connect(url, close_timeout=5)
    await ws.send("hello")
    text_echo = await asyncio.wait_for(ws.recv(), 10)
    await ws.send(bytes([0, 1, 0xFF]))
    binary_echo = await asyncio.wait_for(ws.recv(), 10)
    pong = await ws.ping(b"sockscope")
    await asyncio.wait_for(pong, 10)
    await ws.close(code, reason)
    emit({"text_echo": text_echo, "binary_echo": binary_echo.hex(), "pong": True,
          "close_rcvd_code": ws.close_rcvd.code if ws.close_rcvd else None,
          "close_rcvd_reason": ws.close_rcvd.reason if ws.close_rcvd else None})


def main():
    if len(sys.argv) >= 2 and sys.argv[1] == "server":
        asyncio.run(serve())
    elif len(sys.argv) in (4, 5) and sys.argv[1] == "tls-server":
        asyncio.run(serve(tls_context(*sys.argv[2:])))
    elif len(sys.argv) == 5 and sys.argv[1] == "client":
        asyncio.run(client(sys.argv[2], int(sys.argv[3]), sys.argv[4]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
