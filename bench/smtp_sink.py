"""A local SMTP sink (aiosmtpd) for the survey figure: accepts every message on
127.0.0.1:PORT and counts it. Prints "ready" once listening; on SIGTERM prints the count
of messages received and exits.

    python bench/smtp_sink.py 8725
"""

import signal
import sys
import threading

from aiosmtpd.controller import Controller


class CountingSink:
    def __init__(self):
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        with self.lock:
            self.count += 1
        return "250 OK"


def main() -> None:
    port = int(sys.argv[1])
    handler = CountingSink()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    print("ready", flush=True)
    stop.wait()
    controller.stop()
    print(handler.count, flush=True)


if __name__ == "__main__":
    main()
