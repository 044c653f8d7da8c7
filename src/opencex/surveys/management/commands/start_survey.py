"""`opencex start_survey <definition>`: open a survey of one of surveys/definitions/*.json."""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError, CommandParser

from opencex.surveys import services
from opencex.surveys.loading import definition_slugs
from opencex.surveys.models import Audience


class Command(BaseCommand):
    help = "Open a survey: its form from a definition file, its audience and its dates."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("definition", choices=definition_slugs())
        parser.add_argument("--title", required=True)
        parser.add_argument("--purpose", required=True, help="Why the council asks.")
        parser.add_argument("--audience", choices=Audience.values, required=True)
        parser.add_argument("--opens", type=date.fromisoformat, required=True)
        parser.add_argument("--closes", type=date.fromisoformat, required=True)
        parser.add_argument(
            "--named", action="store_true", help="Keep the invitation with each response."
        )

    def handle(self, *args, **options) -> None:
        try:
            survey = services.create_survey(
                actor=None,
                definition=options["definition"],
                title=options["title"],
                purpose=options["purpose"],
                audience=options["audience"],
                opens_on=options["opens"],
                closes_on=options["closes"],
                is_anonymous=not options["named"],
            )
        except services.SurveyError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Survey {survey.pk} opened: {survey.title}")
