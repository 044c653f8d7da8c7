"""`opencex run_fake_back_office uniform|ql`: serve a back office's local fake, for the demo and
development (the settings' default addresses point at these)."""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from opencex.integrations.ql.fake import FakeQl
from opencex.integrations.uniform.fake import FakeUniform

FAKES = {"uniform": FakeUniform, "ql": FakeQl}


class Command(BaseCommand):
    help = "Serve a back office's local fake (not the real system) on its configured address."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("system", choices=sorted(FAKES))

    def handle(self, *args: Any, **options: Any) -> None:
        where = settings.OPENCEX_BACK_OFFICES[options["system"]]
        address = urlsplit(where["url"])
        fake = FAKES[options["system"]](
            host=address.hostname or "127.0.0.1", port=address.port or 80, token=where["token"]
        ).start()
        self.stdout.write(f"A local fake {options['system']} (not the real system) at {fake.url}")
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            fake.stop()
