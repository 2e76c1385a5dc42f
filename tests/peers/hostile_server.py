#!/usr/bin/python3
"""A hostile WebSocket server for trying Sockscope by hand, on Python's standard library.

  hostile_server.py MODE [ARG]

Listens on 127.0.0.1 on a free port, prints {"event": "listening", "port": N} and serves
each client in MODE:

  http-reason TEXT    answers the upgrade with "HTTP/1.1 404 TEXT" (an HTML-looking reason
                      phrase, for example '<img src="/dev/zero"> x')
  ping-flood MIB      completes the handshake, sends MIB MiB of 125-byte pings and never
                      reads, so every pong the client writes stays unsent
  frame-then-close N  sends one binary frame of N bytes, then a close frame 1000 "done"
  fragmented-text MIB sends one text message of MIB MiB in 1 MiB fragments
  masked-frame        sends a masked text frame (RFC 6455 5.1: the client must fail)

Exits when its standard input closes.
"""
import base64
import hashlib
import json
import socket
import struct
import sys
import threading

GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"  # RFC 6455 1.3


def frame(opcode, payload, fin=True, mask=None):
    """One frame (RFC 6455 5.2) with the shortest length encoding."""
    head = bytes([(0x80 if fin else 0) | opcode])
    bit = 0x80 if mask else 0
    n = len(payload)
    if n < 126:
        head += bytes([bit | n])
    elif n < 65536:
        head += bytes([bit | 126]) + struct.pack("!H", n)
    else:
        head += bytes([bit | 127]) + struct.pack("!Q", n)
    if mask:
        head += mask
        payload = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
    return head + payload


def read_request(conn):
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(4096)
        if not chunk:
            return None
        data += chunk
    return data


def accept_key(request):
    for line in request.split(b"\r\n"):
        if line.lower().startswith(b"sec-websocket-key:"):
            key = line.split(b":", 1)[1].strip()
            return base64.b64encode(hashlib.sha1(key + GUID).digest())
    return b""


def upgrade(conn, request):
    conn.sendall(b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                 b"Connection: Upgrade\r\nSec-WebSocket-Accept: " + accept_key(request) +
                 b"\r\n\r\n")


def serve(conn, mode, arg):
    request = read_request(conn)
    if request is None:
        return
    if mode == "http-reason":
        conn.sendall(b"HTTP/1.1 404 " + arg.encode() + b"\r\nContent-Length: 0\r\n\r\n")
        return
    upgrade(conn, request)
    if mode == "ping-flood":
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        batch = frame(0x9, b"p" * 125) * 8192  # 1 MiB
        for _ in range(int(arg)):
            conn.sendall(batch)
        threading.Event().wait()  # never read
    elif mode == "frame-then-close":
        conn.sendall(frame(0x2, b"x" * int(arg)) + frame(0x8, struct.pack("!H", 1000) + b"done"))
    elif mode == "fragmented-text":
        parts = int(arg)
        for i in range(parts):
            conn.sendall(frame(0x1 if i == 0 else 0x0, b"t" * (1 << 20), fin=i == parts - 1))
    elif mode == "masked-frame":
        conn.sendall(frame(0x1, b"masked", mask=b"\x01\x02\x03\x04"))
    else:
        sys.exit(__doc__)
    while conn.recv(65536):
        pass


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    mode, arg = sys.argv[1], (sys.argv[2] if len(sys.argv) > 2 else "")
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    print(json.dumps({"event": "listening", "port": server.getsockname()[1]}), flush=True)

    def accept_loop():
        while True:
            conn, _ = server.accept()
            threading.Thread(target=serve, args=(conn, mode, arg), daemon=True).start()

    threading.Thread(target=accept_loop, daemon=True).start()
    sys.stdin.read()


if __name__ == "__main__":
    main()
