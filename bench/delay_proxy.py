#!/usr/bin/env python3
"""A TCP proxy that adds a fixed one-way delay in each direction, for the slow-link benchmark.

    delay_proxy.py --target HOST:PORT [--listen HOST:PORT] [--delay-ms 20] [--no-connect-delay]

Prints the port it listens on (one line, then flushes) and proxies every connection to the
target until SIGTERM or SIGINT, when it closes everything and exits 0.

Each byte reaches the other side `delay` after the proxy received it, in order; an end of stream
(half-close) is passed on the same way, after the bytes before it, so a peer that shuts down its
sending side keeps receiving. With the default 20 ms each way the round-trip time is 40 ms.

A real link also costs one round trip for the TCP handshake before a client can send anything,
which a loopback connect to this proxy does not. So, unless --no-connect-delay, the first bytes
of a connection reach the target no earlier than three one-way delays after the accept (SYN,
SYN-ACK, then the data), as they would over the link.

Python 3 standard library only.
"""

import argparse
import asyncio
import signal
import socket
import sys

CHUNK = 64 * 1024
QUEUE_DEPTH = 256  # chunks in flight per direction before the reader waits (back pressure)


def parse_endpoint(text, default_host):
    host, sep, port = text.rpartition(":")
    if not sep:
        host, port = default_host, text
    host = host.strip("[]") or default_host
    try:
        value = int(port)
    except ValueError:
        raise argparse.ArgumentTypeError(f"bad port in {text!r}") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"port out of range in {text!r}")
    return host, value


def no_delay(writer):
    sock = writer.get_extra_info("socket")
    if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
        try:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except OSError:
            pass


class Proxy:
    def __init__(self, target, delay, connect_delay):
        self.target = target
        self.delay = delay
        self.connect_delay = connect_delay
        self.connections = set()

    async def handle(self, client_reader, client_writer):
        task = asyncio.current_task()
        self.connections.add(task)
        loop = asyncio.get_running_loop()
        accepted = loop.time()
        upstream_writer = None
        try:
            no_delay(client_writer)
            try:
                upstream_reader, upstream_writer = await asyncio.open_connection(*self.target)
            except OSError as error:
                print(f"delay_proxy: cannot connect to {self.target[0]}:{self.target[1]}: "
                      f"{error}", file=sys.stderr, flush=True)
                return
            no_delay(upstream_writer)
            # Over a real link the client can send only once the TCP handshake is done.
            earliest = accepted + (2 * self.delay if self.connect_delay else 0.0)
            pumps = [
                asyncio.ensure_future(self.pump(client_reader, upstream_writer, earliest)),
                asyncio.ensure_future(self.pump(upstream_reader, client_writer, accepted)),
            ]
            try:
                await asyncio.gather(*pumps)
            finally:
                for pump in pumps:  # a reset on either side ends both directions
                    pump.cancel()
                await asyncio.gather(*pumps, return_exceptions=True)
        except (ConnectionError, OSError):
            pass
        except asyncio.CancelledError:
            pass  # shutting down: end quietly
        finally:
            for writer in (client_writer, upstream_writer):
                if writer is not None:
                    writer.close()
            self.connections.discard(task)

    async def pump(self, reader, writer, earliest):
        """Copies reader to writer, each chunk `delay` after it arrived (but not before
        `earliest` + delay), then passes the end of stream on."""
        loop = asyncio.get_running_loop()
        queue = asyncio.Queue(QUEUE_DEPTH)

        async def read():
            try:
                while True:
                    data = await reader.read(CHUNK)
                    due = max(loop.time(), earliest) + self.delay
                    await queue.put((due, data))
                    if not data:
                        return
            except (ConnectionError, OSError):
                await queue.put((loop.time(), None))  # reset: stop writing at once

        async def write():
            while True:
                due, data = await queue.get()
                wait = due - loop.time()
                if wait > 0:
                    await asyncio.sleep(wait)
                if data is None:  # the reader failed: abort both sides
                    raise ConnectionResetError()
                if not data:  # end of stream: half-close, the other direction goes on
                    if not writer.is_closing() and writer.can_write_eof():
                        writer.write_eof()
                    return
                writer.write(data)
                await writer.drain()

        reading = asyncio.ensure_future(read())
        try:
            await write()
        finally:
            reading.cancel()


async def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--target", required=True, type=lambda t: parse_endpoint(t, "127.0.0.1"),
                        help="HOST:PORT to forward to")
    parser.add_argument("--listen", default=("127.0.0.1", 0),
                        type=lambda t: parse_endpoint(t, "127.0.0.1"),
                        help="HOST:PORT to listen on (default 127.0.0.1, any free port)")
    parser.add_argument("--delay-ms", type=float, default=20.0,
                        help="one-way delay in each direction, in ms (default 20: 40 ms RTT)")
    parser.add_argument("--no-connect-delay", action="store_true",
                        help="do not charge a round trip for the TCP handshake")
    args = parser.parse_args()
    if args.delay_ms < 0:
        parser.error("--delay-ms cannot be negative")

    proxy = Proxy(args.target, args.delay_ms / 1000.0, not args.no_connect_delay)
    server = await asyncio.start_server(proxy.handle, args.listen[0], args.listen[1],
                                        backlog=1024, reuse_address=True)
    print(server.sockets[0].getsockname()[1], flush=True)

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    await stop.wait()

    server.close()
    for task in list(proxy.connections):
        task.cancel()
    await asyncio.gather(*proxy.connections, return_exceptions=True)
    await server.wait_closed()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except OSError as error:
        print(f"delay_proxy: {error}", file=sys.stderr)
        sys.exit(1)
