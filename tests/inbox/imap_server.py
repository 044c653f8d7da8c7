"""A small IMAP4rev1 server on loopback, speaking the commands the mailbox poller uses (LOGIN,
SELECT, UID SEARCH UNSEEN, UID FETCH, UID STORE +FLAGS, LOGOUT) over a real socket, so the
poller's imaplib client is exercised as it would be against Exchange."""

from __future__ import annotations

import re
import socketserver
import threading
from dataclasses import dataclass
from datetime import datetime

from tests.conftest import free_port


@dataclass
class StoredEmail:
    uid: int
    raw: bytes
    arrived: datetime
    seen: bool = False


class ImapServer:
    def __init__(self, *, username: str, password: str) -> None:
        self.host = "127.0.0.1"
        self.port = free_port()
        self.username = username
        self.password = password
        self.emails: list[StoredEmail] = []
        self._server = socketserver.ThreadingTCPServer((self.host, self.port), _handler(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def deliver(self, raw: bytes, arrived: datetime) -> None:
        self.emails.append(StoredEmail(uid=len(self.emails) + 1, raw=raw, arrived=arrived))

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()


_COMMAND = re.compile(r"^(\S+) (?:UID )?(\S+) ?(.*)$", re.IGNORECASE)


def _handler(server: ImapServer) -> type[socketserver.StreamRequestHandler]:
    class Handler(socketserver.StreamRequestHandler):
        def send(self, line: bytes | str) -> None:
            self.wfile.write((line.encode() if isinstance(line, str) else line) + b"\r\n")

        def handle(self) -> None:
            self.send("* OK [CAPABILITY IMAP4rev1] Test IMAP ready")
            signed_in = False
            for line in self.rfile:
                match = _COMMAND.match(line.decode().rstrip("\r\n"))
                if match is None:
                    self.send("* BAD what?")
                    continue
                tag, command, args = match[1], match[2].upper(), match[3]
                if command == "CAPABILITY":
                    self.send("* CAPABILITY IMAP4rev1")
                elif command == "LOGIN":
                    given = [part.strip('"') for part in args.split(" ")]
                    if given != [server.username, server.password]:
                        self.send(f"{tag} NO [AUTHENTICATIONFAILED] Wrong user name or password")
                        continue
                    signed_in = True
                elif not signed_in and command != "LOGOUT":
                    self.send(f"{tag} NO Log in first")
                    continue
                elif command == "SELECT":
                    self.send(f"* {len(server.emails)} EXISTS")
                elif command == "SEARCH":
                    unseen = " ".join(str(e.uid) for e in server.emails if not e.seen)
                    self.send(f"* SEARCH {unseen}".rstrip())
                elif command == "FETCH":
                    email = server.emails[int(args.split(" ")[0]) - 1]
                    stamp = email.arrived.strftime("%d-%b-%Y %H:%M:%S %z")
                    self.send(
                        f'* {email.uid} FETCH (UID {email.uid} INTERNALDATE "{stamp}" '
                        f"BODY[] {{{len(email.raw)}}}"
                    )
                    self.wfile.write(email.raw)
                    self.send(")")
                elif command == "STORE":
                    email = server.emails[int(args.split(" ")[0]) - 1]
                    email.seen = True
                    self.send(f"* {email.uid} FETCH (UID {email.uid} FLAGS (\\Seen))")
                elif command == "LOGOUT":
                    self.send("* BYE")
                    self.send(f"{tag} OK LOGOUT completed")
                    return
                self.send(f"{tag} OK {command} completed")

    return Handler
