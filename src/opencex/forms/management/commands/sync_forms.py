"""`opencex sync_forms`: load the shipped form definitions (a no-op when nothing changed)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from opencex.forms.loading import sync_form_definitions
from opencex.forms.schema import SchemaError


class Command(BaseCommand):
    help = "Load the forms in opencex/forms/definitions/; a changed file becomes a new version."

    def handle(self, *args, **options):
        try:
            report = sync_form_definitions()
        except SchemaError as error:
            raise CommandError("\n".join(error.problems)) from error
        self.stdout.write(f"Forms: {report}.")
