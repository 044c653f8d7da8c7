"""`opencex issue_api_token EMAIL NAME`: issue an API token for an account and print it once."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from opencex.api.policies import SERVER_OPERATOR
from opencex.api.tokens import TokenError, issue_token


class Command(BaseCommand):
    help = (
        "Issue an API token for the account with EMAIL (e.g. a partner system's service "
        "account), described by NAME. The token is printed once and cannot be shown again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email", help="the account the token acts as")
        parser.add_argument("name", help="what the token is for, e.g. 'Housing repairs app'")

    def handle(self, *args: Any, **options: Any) -> None:
        User = get_user_model()  # noqa: N806 - a class
        try:
            user = User.objects.get(email__iexact=options["email"].strip())
        except User.DoesNotExist:
            raise CommandError(f"No account has the email {options['email']}.") from None
        try:
            token = issue_token(actor=SERVER_OPERATOR, user=user, name=options["name"])
        except TokenError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(token)
        self.stderr.write("Keep this token secret: it will not be shown again.")
