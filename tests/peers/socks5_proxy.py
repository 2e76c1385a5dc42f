#!/usr/bin/python3
"""A small SOCKS5 proxy for Sockscope's tests (RFC 1928), on python3's asyncio only.

  socks5_proxy.py [USER PASSWORD]
      Listens on 127.0.0.1 on a free port and prints one JSON object per line:
      {"event": "listening", "port": N}, then per request:
        {"event": "connect", "host": H, "port": P, "user": U}  a CONNECT to H:P, as the
            client named it (an IPv4 address or a domain name); U is null without auth;
        {"event": "connect-failed", "host": H, "port": P, "error": E}  the target did not
            accept the connection (answered with reply 0x05, connection refused);
        {"event": "auth-failed", "user": U}  a wrong user or password (RFC 1929 status 1);
        {"event": "refused", "reason": R}  anything else it does not serve: no acceptable
            method, a command other than CONNECT (reply 0x07), an IPv6 address (0x08).
      With USER and PASSWORD, a client must authenticate with them (RFC 1929, method
      0x02); without, it must offer "no authentication" (0x00). Then bytes pass both ways
      unchanged until either side closes. Exits when its standard input closes.
"""
import asyncio
import ipaddress
import json
import socket
import sys

VERSION = 5
NO_AUTH, USER_PASSWORD, NO_ACCEPTABLE = 0x00, 0x02, 0xFF
CONNECT = 0x01
IPV4, DOMAIN, IPV6 = 0x01, 0x03, 0x04
SUCCEEDED, REFUSED, COMMAND_UNSUPPORTED, ADDRESS_UNSUPPORTED = 0x00, 0x05, 0x07, 0x08


def emit(obj):
    print(json.dumps(obj), flush=True)


def reply(code, bound=("0.0.0.0", 0)):
    """A reply (RFC 1928 6) with an IPv4 bound address."""
    return (bytes([VERSION, code, 0, IPV4]) + socket.inet_aton(bound[0])
            + bound[1].to_bytes(2, "big"))


class Refused(Exception):
    pass


class Proxy:
    def __init__(self, credentials):
        self.credentials = credentials  # (user, password) or None

    async def negotiate(self, reader, writer):
        """The method selection (RFC 1928 3) and, if asked for, RFC 1929; the user."""
        version, count = await reader.readexactly(2)
        methods = await reader.readexactly(count)
        wanted = USER_PASSWORD if self.credentials else NO_AUTH
        if version != VERSION or wanted not in methods:
            writer.write(bytes([VERSION, NO_ACCEPTABLE]))
            raise Refused("no acceptable method in %s" % list(methods))
        writer.write(bytes([VERSION, wanted]))
        if not self.credentials:
            return None
        _, length = await reader.readexactly(2)  # sub-negotiation version 1
        user = (await reader.readexactly(length)).decode("utf-8", "replace")
        (length,) = await reader.readexactly(1)
        password = (await reader.readexactly(length)).decode("utf-8", "replace")
        if (user, password) != self.credentials:
            writer.write(bytes([1, 1]))
            emit({"event": "auth-failed", "user": user})
            raise Refused(None)
        writer.write(bytes([1, 0]))
        return user

    async def request(self, reader, writer):
        """The request (RFC 1928 4): the CONNECT target's host and port."""
        version, command, _, kind = await reader.readexactly(4)
        if kind == IPV4:
            host = str(ipaddress.IPv4Address(await reader.readexactly(4)))
        elif kind == DOMAIN:
            (length,) = await reader.readexactly(1)
            host = (await reader.readexactly(length)).decode("idna")
        else:
            writer.write(reply(ADDRESS_UNSUPPORTED))
            raise Refused("address type %d" % kind)
        port = int.from_bytes(await reader.readexactly(2), "big")
        if version != VERSION or command != CONNECT:
            writer.write(reply(COMMAND_UNSUPPORTED))
            raise Refused("command %d" % command)
        return host, port

    async def handle(self, reader, writer):
        try:
            user = await self.negotiate(reader, writer)
            host, port = await self.request(reader, writer)
            emit({"event": "connect", "host": host, "port": port, "user": user})
            try:
                up_reader, up_writer = await asyncio.open_connection(host, port)
            except OSError as e:
                emit({"event": "connect-failed", "host": host, "port": port, "error": str(e)})
                writer.write(reply(REFUSED))
                raise Refused(None)
            writer.write(reply(SUCCEEDED, up_writer.get_extra_info("sockname")[:2]))
            await writer.drain()
            await asyncio.gather(pipe(reader, up_writer), pipe(up_reader, writer))
            up_writer.close()
        except Refused as e:
            if e.args[0]:
                emit({"event": "refused", "reason": e.args[0]})
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()


async def pipe(reader, writer):
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    except ConnectionError:
        pass
    finally:
        if writer.can_write_eof():
            try:
                writer.write_eof()
            except OSError:
                pass


async def serve(credentials):
    loop = asyncio.get_running_loop()
    server = await asyncio.start_server(Proxy(credentials).handle, "127.0.0.1", 0)
    async with server:
        emit({"event": "listening", "port": server.sockets[0].getsockname()[1]})
        await loop.run_in_executor(None, sys.stdin.read)


def main():
    if len(sys.argv) == 1:
        asyncio.run(serve(None))
    elif len(sys.argv) == 3:
        asyncio.run(serve((sys.argv[1], sys.argv[2])))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
