"""A local SMTP server for worker tests: it records each message it accepted (replied
250 to), and can hold one message unanswered, so a test can kill the worker while that
message is in flight."""

from __future__ import annotations

import socketserver
import threading
from email import message_from_bytes


class _Handler(socketserver.StreamRequestHandler):
    def handle(self):
        sink: SMTPSink = self.server.sink
        self.wfile.write(b"220 sink ESMTP\r\n")
        data: list[bytes] | None = None
        while line := self.rfile.readline():
            if data is not None:
                if line != b".\r\n":
                    data.append(line[1:] if line.startswith(b"..") else line)
                    continue
                if not sink.accept(b"".join(data)):
                    return  # held, then dropped without an answer: not delivered
                data = None
                self.wfile.write(b"250 OK\r\n")
                continue
            verb = line[:4].upper()
            if verb == b"DATA":
                data = []
                self.wfile.write(b"354 go ahead\r\n")
            elif verb == b"QUIT":
                self.wfile.write(b"221 bye\r\n")
                return
            elif verb in (b"EHLO", b"HELO"):
                self.wfile.write(b"250 sink\r\n")
            else:
                self.wfile.write(b"250 OK\r\n")


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


class SMTPSink:
    """`with SMTPSink(hold=3) as sink:` holds the third message until `sink.release()`,
    then drops it unanswered; `sink.holding` is set while it holds."""

    def __init__(self, hold: int | None = None):
        self.hold = hold
        self.received = 0
        self.accepted: list[bytes] = []
        self.holding = threading.Event()
        self._release = threading.Event()
        self._lock = threading.Lock()
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.sink = self

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    def accept(self, message: bytes) -> bool:
        with self._lock:
            self.received += 1
            held = self.received == self.hold
        if held:
            self.holding.set()
            self._release.wait(60)
            return False
        with self._lock:
            self.accepted.append(message)
        return True

    def release(self) -> None:
        self._release.set()

    def recipients(self) -> list[str]:
        with self._lock:
            return [message_from_bytes(m)["To"] for m in self.accepted]

    def __enter__(self):
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.release()
        self._server.shutdown()
        self._server.server_close()
