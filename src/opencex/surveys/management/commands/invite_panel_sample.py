"""`opencex invite_panel_sample <survey> --size N`: invite a stratified sample of a panel."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from opencex.panels.models import Panel, PanelKind
from opencex.surveys import services
from opencex.surveys.models import Survey


class Command(BaseCommand):
    help = (
        "Invite a stratified sample of a panel's active members to a survey (proportional to "
        "the strata, seeded); members asked within the council's limit are left out."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("survey", type=int, help="The survey's number.")
        parser.add_argument("--panel", choices=PanelKind.values, default=PanelKind.RESIDENTS)
        parser.add_argument("--size", type=int, required=True)
        parser.add_argument(
            "--strata", default="age_band,ward,tenure", help="Comma-separated: age_band,ward,tenure"
        )
        parser.add_argument("--seed", type=int, help="The random seed (to draw it again).")

    def handle(self, *args, **options) -> None:
        survey = Survey.objects.filter(pk=options["survey"]).first()
        panel = Panel.objects.filter(kind=options["panel"]).first()
        if survey is None or panel is None:
            raise CommandError("No such survey or panel.")
        strata = tuple(name for name in options["strata"].split(",") if name)
        try:
            invited = services.invite_sample(
                survey=survey,
                panel=panel,
                size=options["size"],
                strata=strata,
                seed=options["seed"],
            )
        except services.SurveyError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{len(invited)} members invited to {survey.title}.")
