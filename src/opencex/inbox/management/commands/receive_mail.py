"""`opencex receive_mail`: run the council's receiving SMTP server until stopped."""

from __future__ import annotations

import logging
import signal
import threading
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from opencex.inbox.receiving import start_receiving


class Command(BaseCommand):
    help = (
        "Receive email for the council's mailboxes (the [inbox] of its profile) over SMTP and "
        "keep each one for the worker to turn into a case. Point the mail gateway's forwarding "
        "for those addresses here. Runs until Ctrl+C or SIGTERM."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help="Address to listen on.")
        parser.add_argument("--port", type=int, default=2525, help="Port to listen on.")

    def handle(self, *args: Any, **options: Any) -> None:
        mailboxes = [box.address for box in settings.COUNCIL_PROFILE.inbox.mailboxes]
        if not mailboxes:
            self.stderr.write(
                "The council profile lists no mailboxes under [inbox]; nothing to do."
            )
            return
        # aiosmtpd logs every sender and recipient address at INFO: keep personal data out.
        logging.getLogger("mail.log").setLevel(logging.WARNING)
        stopping = threading.Event()
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, lambda *_: stopping.set())
        controller = start_receiving(host=options["host"], port=options["port"])
        self.stdout.write(
            f"Receiving mail on {options['host']}:{options['port']} for {', '.join(mailboxes)}"
        )
        try:
            stopping.wait()
        finally:
            controller.stop()
            self.stdout.write("Stopped receiving mail.")
