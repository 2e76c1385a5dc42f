#!/usr/bin/python3
"""A hostile WebSocket server for Sockscope's tests, on Python's standard library alone.

  hostile_peer.py CASE [ARG...]

Listens on 127.0.0.1 on a free port, prints {"event": "listening", "port": N} and serves
each client connection in CASE. Exits when its standard input closes.

Unless CASE says otherwise the server completes the opening handshake (RFC 6455 4.2.2),
sends its frames unmasked, FIN set, with the shortest length encoding, and after the
case's action: reads and reports every client frame; answers a ping with a pong of the
same payload; answers the client's close frame, when it has not sent a close of its own,
with a close echoing the client's code (an empty payload when the client's had no code)
and then closes TCP; after its own close, closes TCP as soon as the client's close comes.

Cases:
  echo                      echoes each text and binary message, unfragmented
  close-code CODE [REASON]  sends a close frame with status CODE (0-65535) and REASON
  close-empty               sends a close frame with an empty payload
  close-1byte               sends a close frame whose payload is the single byte 03
  close-bad-utf8            sends close 1000 with the reason bytes ff fe 6f 6b
  masked-text               sends a masked text frame "masked hello" (random key)
  rsv1-text                 sends a text frame "rsv1" with RSV1 set
  reserved-opcode           sends a frame with the reserved opcode 3, payload "three"
  fragmented-ping           sends a ping "frag" without FIN
  oversized-ping            sends a ping of 126 bytes (16-bit length)
  ping                      sends a ping "are you there"
  fragments-with-ping       sends text "Hel" without FIN, ping "mid", continuation "lo"
  bad-utf8-text             sends a text frame with the payload bytes c3 28
  never-answer-close        reports the client's close, never answers it and never
                            closes TCP; waits for the client to close TCP
  answer-close-after MS     answers the client's close after MS milliseconds (and
                            not at all when the client closes TCP first)
  refuse-401                answers the upgrade with 401 Unauthorized, a
                            WWW-Authenticate header and a JSON body, then closes
  redirect-302              answers the upgrade with 302 Found to
                            ws://127.0.0.1:PORT/elsewhere, then closes; a request for
                            /elsewhere itself is served by default, so a client that
                            follows the redirect does not loop
  bad-accept                answers 101 with a wrong Sec-WebSocket-Accept (20 zero bytes)
  flood-text N SIZE         sends N text messages of SIZE bytes of "x" as fast as it can

Standard output, one JSON object per line; every event but "listening" carries "conn",
the connection's number counted from 1:
  {"event": "request", "head": ...}   the HTTP request head, up to CRLF CRLF
  {"event": "frame", "opcode": N, "fin": B, "rsv": N, "masked": B, "length": N,
   "payload_hex": ...}                each client frame after the handshake, unmasked,
                                      payload_hex its first 256 bytes; a close frame
                                      adds "code" (null when the payload is shorter
                                      than 2 bytes) and "reason_hex"
  {"event": "sent", "what": ...}      after the server writes the case's hostile thing
  {"event": "tcp-closed", "by": "client" or "server"}  who closed TCP first
"""
import asyncio
import base64
import hashlib
import json
import os
import struct
import sys
import threading

GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"  # RFC 6455 1.3
CONTINUATION, TEXT, BINARY, CLOSE, PING, PONG = 0x0, 0x1, 0x2, 0x8, 0x9, 0xA
HEX_CAP = 256
ARG_COUNTS = {"close-code": (1, 2), "answer-close-after": (1, 1), "flood-text": (2, 2)}


def emit(obj):
    print(json.dumps(obj), flush=True)


def mask_bytes(data, key):
    """DATA masked or unmasked with the 4-byte KEY (RFC 6455 5.3)."""
    n = len(data)
    if n == 0:
        return data
    stream = (key * (n // 4 + 1))[:n]
    return (int.from_bytes(data, "big") ^ int.from_bytes(stream, "big")).to_bytes(n, "big")


def frame(opcode, payload, fin=True, rsv=0, mask=None):
    """One frame (RFC 6455 5.2) with the shortest length encoding."""
    head = bytes([(0x80 if fin else 0) | rsv << 4 | opcode])
    bit = 0x80 if mask is not None else 0
    n = len(payload)
    if n < 126:
        head += bytes([bit | n])
    elif n < 65536:
        head += bytes([bit | 126]) + struct.pack("!H", n)
    else:
        head += bytes([bit | 127]) + struct.pack("!Q", n)
    if mask is None:
        return head + payload
    return head + mask + mask_bytes(payload, mask)


def close_payload(code, reason=b""):
    """A close frame's payload (RFC 6455 5.5.1); empty when CODE is None."""
    return b"" if code is None else struct.pack("!H", code) + reason


def accept_value(head, wrong=False):
    """Sec-WebSocket-Accept for the request HEAD (RFC 6455 4.2.2), or a wrong one."""
    if wrong:
        return base64.b64encode(bytes(20))
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"sec-websocket-key":
            return base64.b64encode(hashlib.sha1(value.strip() + GUID).digest())
    return base64.b64encode(hashlib.sha1(GUID).digest())


def request_path(head):
    parts = head.split(b"\r\n", 1)[0].split(b" ")
    return parts[1].decode("latin-1") if len(parts) > 2 else ""


def http_response(status, headers, body=b""):
    lines = [f"HTTP/1.1 {status}"] + [f"{k}: {v}" for k, v in headers]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


class Connection:
    """One client connection: its streams, its close state and its reports."""

    def __init__(self, peer, reader, writer):
        self.peer, self.reader, self.writer = peer, reader, writer
        peer.count += 1
        self.number = peer.count
        self.case, self.args = peer.case, peer.args
        self.sent_close = False
        self.closed = False
        self.message = None  # (opcode, parts) of the message being gathered for echo

    def emit(self, event, **fields):
        emit(dict(event=event, conn=self.number, **fields))

    async def send(self, data, what=None):
        self.writer.write(data)
        await self.writer.drain()
        if what:
            self.emit("sent", what=what)

    async def send_close(self, payload, what=None):
        self.sent_close = True
        await self.send(frame(CLOSE, payload), what)

    async def close_tcp(self):
        if not self.closed:
            self.closed = True
            by = "client" if self.reader.at_eof() else "server"  # its EOF already came
            self.writer.close()
            self.emit("tcp-closed", by=by)
            try:
                await self.writer.wait_closed()
            except ConnectionError:
                pass

    def client_closed(self):
        if not self.closed:
            self.closed = True
            self.emit("tcp-closed", by="client")
            self.writer.close()

    async def read_frame(self):
        """The client's next frame, reported, as a dict; None at end of stream."""
        read = self.reader.readexactly
        try:
            b0, b1 = await read(2)
            n = b1 & 0x7F
            if n == 126:
                (n,) = struct.unpack("!H", await read(2))
            elif n == 127:
                (n,) = struct.unpack("!Q", await read(8))
            key = await read(4) if b1 & 0x80 else None
            payload = await read(n)
        except (asyncio.IncompleteReadError, ConnectionError):
            return None
        if key is not None:
            payload = mask_bytes(payload, key)
        report = {"opcode": b0 & 0x0F, "fin": bool(b0 & 0x80), "rsv": (b0 >> 4) & 7,
                  "masked": key is not None, "length": n, "payload_hex": payload[:HEX_CAP].hex()}
        if report["opcode"] == CLOSE:
            report["code"] = struct.unpack("!H", payload[:2])[0] if n >= 2 else None
            report["reason_hex"] = payload[2:].hex()
        self.emit("frame", **report)
        return dict(report, payload=payload)

    async def run(self):
        """The default behaviour: read, report and answer until TCP closes."""
        while not self.closed:
            f = await self.read_frame()
            if f is None:
                self.client_closed()
            elif f["opcode"] == PING:
                await self.send(frame(PONG, f["payload"]))
            elif f["opcode"] == CLOSE:
                await self.on_close(f)
            elif self.case == "echo":
                await self.echo(f)

    async def on_close(self, f):
        if self.case == "never-answer-close" or self.sent_close:
            if self.sent_close:
                await self.close_tcp()
            return
        what = None
        if self.case == "answer-close-after":
            ms = int(self.args[0])
            if not await self.client_stays(ms / 1000):
                self.client_closed()
                return
            what = f"close answer after {ms} ms"
        await self.send_close(close_payload(f["code"]), what)
        await self.close_tcp()

    async def client_stays(self, seconds):
        """Waits SECONDS, discarding input; False when the client closes TCP first."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + seconds
        while (left := deadline - loop.time()) > 0:
            try:
                if not await asyncio.wait_for(self.reader.read(65536), left):
                    return False
            except asyncio.TimeoutError:
                return True
            except ConnectionError:
                return False
        return True

    async def echo(self, f):
        if f["opcode"] in (TEXT, BINARY):
            self.message = (f["opcode"], [f["payload"]])
        elif f["opcode"] == CONTINUATION and self.message:
            self.message[1].append(f["payload"])
        else:
            return
        if f["fin"]:
            opcode, parts = self.message
            self.message = None
            await self.send(frame(opcode, b"".join(parts)))


async def fragments_with_ping(conn):
    await conn.send(frame(TEXT, b"Hel", fin=False))
    await conn.send(frame(PING, b"mid"))
    await conn.send(frame(CONTINUATION, b"lo"), 'text "Hel" without FIN, ping "mid", '
                                               'continuation "lo"')


async def flood_text(conn):
    count, size = int(conn.args[0]), int(conn.args[1])
    data = frame(TEXT, b"x" * size)
    for _ in range(count):
        conn.writer.write(data)
        await conn.writer.drain()
    conn.emit("sent", what=f"{count} text messages of {size} bytes")


def close_code(conn):
    code = int(conn.args[0])
    reason = conn.args[1] if len(conn.args) > 1 else ""
    return conn.send_close(close_payload(code, reason.encode()), f"close {code} {reason!r}")


ACTIONS = {
    "echo": None,
    "close-code": close_code,
    "close-empty": lambda c: c.send_close(b"", "close with an empty payload"),
    "close-1byte": lambda c: c.send_close(b"\x03", "close with the 1-byte payload 03"),
    "close-bad-utf8": lambda c: c.send_close(close_payload(1000, b"\xff\xfeok"),
                                             "close 1000 with the reason bytes ff fe 6f 6b"),
    "masked-text": lambda c: c.send(frame(TEXT, b"masked hello", mask=os.urandom(4)),
                                    'masked text "masked hello"'),
    "rsv1-text": lambda c: c.send(frame(TEXT, b"rsv1", rsv=4), 'text "rsv1" with RSV1 set'),
    "reserved-opcode": lambda c: c.send(frame(0x3, b"three"), 'opcode 3 "three"'),
    "fragmented-ping": lambda c: c.send(frame(PING, b"frag", fin=False),
                                        'ping "frag" without FIN'),
    "oversized-ping": lambda c: c.send(frame(PING, b"p" * 126), "ping of 126 bytes"),
    "ping": lambda c: c.send(frame(PING, b"are you there"), 'ping "are you there"'),
    "fragments-with-ping": fragments_with_ping,
    "bad-utf8-text": lambda c: c.send(frame(TEXT, b"\xc3\x28"), "text with the bytes c3 28"),
    "never-answer-close": None,
    "answer-close-after": None,
    "refuse-401": None,
    "redirect-302": None,
    "bad-accept": None,
    "flood-text": flood_text,
}


async def refuse(conn, head):
    """The refuse-401 and redirect-302 answers; True when CONN got one."""
    if conn.case == "refuse-401":
        body = b'{"error": "no token", "hint": "send Authorization"}'
        await conn.send(http_response("401 Unauthorized", [
            ("WWW-Authenticate", 'Basic realm="sockscope tests"'),
            ("Content-Type", "application/json"),
            ("Content-Length", len(body))], body), "401 Unauthorized")
    elif conn.case == "redirect-302" and request_path(head) != "/elsewhere":
        location = f"ws://127.0.0.1:{conn.peer.port}/elsewhere"
        await conn.send(http_response("302 Found", [
            ("Location", location), ("Content-Length", 0)]), f"302 Found to {location}")
    else:
        return False
    await conn.close_tcp()
    return True


async def serve(peer, reader, writer):
    conn = Connection(peer, reader, writer)
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
        conn.client_closed()
        return
    conn.emit("request", head=head.decode("latin-1"))
    try:
        if await refuse(conn, head):
            return
        bad = conn.case == "bad-accept"
        await conn.send(http_response("101 Switching Protocols", [
            ("Upgrade", "websocket"), ("Connection", "Upgrade"),
            ("Sec-WebSocket-Accept", accept_value(head, bad).decode())]),
            "101 with a wrong Sec-WebSocket-Accept" if bad else None)
        action = ACTIONS[conn.case]
        if action:
            await action(conn)
        await conn.run()
    except ConnectionError:
        conn.client_closed()


class Peer:
    def __init__(self, case, args):
        self.case, self.args = case, args
        self.port = 0
        self.count = 0


def parse_args(argv):
    """(case, args) from the command line, or exits with the usage."""
    if len(argv) < 2 or argv[1] not in ACTIONS:
        sys.exit(__doc__)
    case, args = argv[1], argv[2:]
    low, high = ARG_COUNTS.get(case, (0, 0))
    if not low <= len(args) <= high:
        sys.exit(__doc__)
    try:
        numbers = [int(a) for a in args[:1 if case == "close-code" else 2]]
    except ValueError:
        sys.exit(__doc__)
    if any(n < 0 for n in numbers) or (case == "close-code" and numbers[0] > 65535):
        sys.exit(__doc__)
    return case, args


def watch_stdin(loop, stop):
    while sys.stdin.buffer.read1(65536):
        pass
    loop.call_soon_threadsafe(stop.set)


async def main():
    peer = Peer(*parse_args(sys.argv))
    stop = asyncio.Event()
    server = await asyncio.start_server(lambda r, w: serve(peer, r, w), "127.0.0.1", 0,
                                        limit=1 << 20)
    peer.port = server.sockets[0].getsockname()[1]
    emit({"event": "listening", "port": peer.port})
    loop = asyncio.get_running_loop()
    threading.Thread(target=watch_stdin, args=(loop, stop), daemon=True).start()
    await stop.wait()
    server.close()


if __name__ == "__main__":
    asyncio.run(main())
