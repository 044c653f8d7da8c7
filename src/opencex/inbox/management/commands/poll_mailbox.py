"""`opencex poll_mailbox`: fetch a council mailbox's new email over IMAP, once or every so often."""

from __future__ import annotations

import os
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from opencex.inbox.polling import ImapAccount, PollingError, poll_mailbox


class Command(BaseCommand):
    help = (
        "Fetch unseen email from an IMAP mailbox and keep each one for the worker to turn into "
        "a case. MAILBOX is the council address (listed under [inbox] in the profile) whose mail "
        "the IMAP account holds. The password is read from an environment variable, never "
        "from the command line."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("mailbox", help="The council address, e.g. foi@oxford.gov.uk.")
        parser.add_argument("--host", required=True, help="The IMAP server.")
        parser.add_argument("--port", type=int, help="Default 993, or 143 with --no-ssl.")
        parser.add_argument("--user", required=True, help="The IMAP account's user name.")
        parser.add_argument(
            "--password-env",
            default="OPENCEX_IMAP_PASSWORD",
            help="The environment variable holding the password (default %(default)s).",
        )
        parser.add_argument("--folder", default="INBOX")
        parser.add_argument(
            "--no-ssl", action="store_true", help="Plain IMAP, for a server on loopback only."
        )
        parser.add_argument(
            "--every", type=int, metavar="SECONDS", help="Keep polling, this often; else once."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        box = settings.COUNCIL_PROFILE.inbox.mailbox(options["mailbox"])
        if box is None:
            raise CommandError(
                f"{options['mailbox']} is not a mailbox in the council profile's [inbox]."
            )
        password = os.environ.get(options["password_env"], "")
        if not password:
            raise CommandError(f"Set the IMAP password in ${options['password_env']}.")
        use_ssl = not options["no_ssl"]
        account = ImapAccount(
            mailbox=box.address,
            host=options["host"],
            port=options["port"] or (993 if use_ssl else 143),
            username=options["user"],
            password=password,
            folder=options["folder"],
            use_ssl=use_ssl,
        )
        while True:
            try:
                new = poll_mailbox(account)
            except (PollingError, OSError) as error:
                if not options["every"]:
                    raise CommandError(str(error)) from error
                self.stderr.write(f"Could not poll {box.address}: {error}")
            else:
                self.stdout.write(f"{new} new email(s) for {box.address}.")
            if not options["every"]:
                return
            time.sleep(options["every"])
