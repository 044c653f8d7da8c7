"""The `opencex` console script: Django's management commands under the platform's name."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opencex.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["opencex", *sys.argv[1:]])
