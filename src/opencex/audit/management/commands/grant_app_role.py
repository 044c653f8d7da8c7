"""`opencex grant_app_role <role>`: run by the tables' owner, after every migrate."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from opencex.audit.roles import RoleError, grant_app_role


class Command(BaseCommand):
    help = (
        "Grant the application's database role (one that does not own the tables) what the "
        "application needs: read and write the ordinary tables, only read and add to the audit "
        "tables. Run it as the owner (the migration role) after every migrate."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("role", help="The role the application connects as.")

    def handle(self, *args: Any, role: str, **options: Any) -> None:
        try:
            with transaction.atomic():
                statements = grant_app_role(role)
        except RoleError as error:
            raise CommandError(str(error)) from error
        if options["verbosity"] > 1:
            self.stdout.write("\n".join(statements))
        self.stdout.write(
            f"Granted '{role}' what the application needs ({len(statements)} grants)."
        )
