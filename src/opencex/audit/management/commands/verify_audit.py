"""`opencex verify_audit`: check the tamper-evidence chain and every sealed audit row; exits
non-zero naming the first broken link."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from opencex.audit import sealing


class Command(BaseCommand):
    help = (
        "Recompute the audit chain and every sealed row's digest. Prints each problem (table, id, "
        "what differs), the first first, and exits with status 1 if there is any."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--seal", action="store_true", help="Seal what is not sealed yet before checking."
        )

    def handle(self, *args: Any, seal: bool, **options: Any) -> None:
        if seal:
            self.stdout.write(f"Sealed {sealing.seal_new_records()} audit records.")
        result = sealing.verify()
        self.stdout.write(
            f"{result.seals} seals and {result.rows} audit rows checked; "
            f"{result.not_yet_sealed} not sealed yet. Chain head: {result.head}"
        )
        if result.is_intact:
            self.stdout.write("The audit trail is intact.")
            return
        self.stdout.write(f"First broken link: {result.problems[0]}")
        for problem in result.problems[1:]:
            self.stdout.write(f"Also: {problem}")
        raise CommandError(
            f"The audit trail has been tampered with: {len(result.problems)} problem(s), the "
            f"first {result.problems[0]}"
        )
