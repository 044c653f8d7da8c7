"""`flush` as Django's, with the audit triggers lifted for the statement: emptying a whole
database (a test database between tests, a development database) is the table owner's act, and
the triggers would otherwise refuse to empty the audit tables."""

from typing import Any

from django.core.management.commands import flush

from opencex.audit import protection


class Command(flush.Command):
    def handle(self, **options: Any) -> None:
        with protection.lifted(options["database"]):
            super().handle(**options)
