"""`opencex demo`: load the demo council and print how to sign in to it."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.shortcuts import resolve_url
from django.urls import NoReverseMatch

from opencex.accounts.models import Role, User
from opencex.bookings.demo import load_demo_bookings
from opencex.catalogue.loading import CatalogueError
from opencex.demo.config import DemoError
from opencex.demo.consultations import load_demo_consultations
from opencex.demo.generate import DEFAULT_SEED, SIZES, load_demo
from opencex.demo.insight import (
    load_demo_changes,
    load_demo_equality,
    load_demo_targets,
    score_demo_texts,
)
from opencex.demo.matching import load_demo_duplicate_residents
from opencex.demo.panels import load_demo_panels
from opencex.demo.readiness import load_demo_readiness
from opencex.demo.surveys import load_demo_surveys
from opencex.disclosure.demo import load_demo_disclosures
from opencex.duplicatereports.demo import load_demo_duplicate_reports
from opencex.housing.demo import load_demo_housing
from opencex.integrations.demo import load_demo_routes
from opencex.payments.demo import load_demo_bills
from opencex.telephony.demo import load_demo_telephony

STAFF_SIGN_IN = "/staff/sign-in/"
RESIDENT_SIGN_IN = "/account/sign-in/"


class Command(BaseCommand):
    help = (
        "Load the demo council: its catalogue, an account for each role and a synthetic "
        "two-year history. Safe to run again; --reset regenerates the history."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--size", choices=sorted(SIZES), default="full", help="How much history to make."
        )
        parser.add_argument(
            "--reset", action="store_true", help="Delete the demo history and make it again."
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=DEFAULT_SEED,
            help=f"The history's random seed (default {DEFAULT_SEED}): same seed, same demo.",
        )

    def handle(self, *args, size: str, reset: bool, seed: int, **options):
        try:
            report = load_demo(size=size, seed=seed, reset=reset)
        except (DemoError, CatalogueError) as error:
            raise CommandError(str(error)) from error
        write = self.stdout.write
        write(f"Catalogue: {report.catalogue}".replace("\n", "; "))
        write(f"Demo accounts: {len(report.sign_ins)}, synthetic staff: {report.synthetic_staff}")
        if report.deleted_histories:
            write("Deleted the previous demo history.")
        history = report.history
        counts = history.counts
        if report.history_is_new:
            write(
                f"Generated the demo history ({history.size}, seed {history.seed}) in "
                f"{history.seconds:.1f} s: {counts['residents']} residents, "
                f"{counts['properties']} properties, {counts['cases']} cases, "
                f"{counts['case_events']} timeline events, {counts['open_overdue']} overdue."
            )
        else:
            write(
                f"The demo history is already loaded ({history.size}, seed {history.seed}, "
                f"generated back from {history.anchor_on:%d %B %Y}); `opencex demo --reset` "
                "makes it again."
            )
        # After the history, so that entries can point at the released demo requests.
        published = load_demo_disclosures()
        write(
            f"Disclosure log: {published} demo entries published"
            if published
            else "Disclosure log: the demo entries are already published"
        )
        write(f"Back-office routes: {load_demo_routes()} added (docs/events.md, Back offices)")
        resident_email = next(s.email for s in report.sign_ins if s.role == Role.RESIDENT)
        write(load_demo_bookings(resident_email=resident_email, reset=reset))
        bills = load_demo_bills(
            reset=reset, history_resident_ids=history.id_ranges.get("people.Resident")
        )
        write(f"Demo bills to pay by reference: {bills}")
        write(load_demo_housing(history=report.history))
        write(load_demo_telephony(history=report.history))  # calls, after the contacts
        # The issue-14 pages: targets, changes made from feedback, equality answers, sentiment.
        accounts = {s.role: s.email for s in report.sign_ins}
        manager = User.objects.get(email=accounts[Role.TEAM_MANAGER])
        administrator = User.objects.get(email=accounts[Role.ADMINISTRATOR])
        write(load_demo_targets(actor=manager))
        write(load_demo_changes(actor=administrator, history=history, seed=history.seed))
        write(load_demo_equality(history=history, seed=history.seed))
        write(load_demo_panels(history=history, seed=history.seed))  # issue 15
        write(score_demo_texts())
        # Issue 15: consultations on the horizon scan, one pair that clashes.
        write(load_demo_consultations(actor=administrator))
        write(load_demo_surveys(history=history, seed=history.seed))  # issue 15
        # Issue 15: confirmed readiness assessments and their actions.
        write(load_demo_readiness(manager=manager, moderator=administrator))
        write(load_demo_duplicate_reports())  # issue 16: open reports proposed as one job
        write(load_demo_duplicate_residents(history=history, seed=history.seed))  # issue 16
        write(self._sign_in_table(report.sign_ins))
        write(f"Done in {report.seconds:.1f} s.")

    def _sign_in_table(self, sign_ins) -> str:
        """Staff in a table with their passwords; the resident and the partner system each on a
        line that says how they really sign in (neither has a password)."""
        staff_url = _url(settings.LOGIN_URL, STAFF_SIGN_IN)
        rows = [("Role", "Email", "Password")] + [
            (sign_in.role.label, sign_in.email, sign_in.password)
            for sign_in in sign_ins
            if sign_in.is_staff
        ]
        widths = [max(len(row[i]) for row in rows) for i in range(3)]
        lines = [
            "",
            f"Demo sign-ins (staff sign in at {staff_url}; these passwords are for the demo only):",
        ]
        for position, row in enumerate(rows):
            cells = (cell.ljust(width) for cell, width in zip(row, widths, strict=True))
            lines.append("  " + "  ".join(cells).rstrip())
            if position == 0:
                lines.append("  " + "  ".join("-" * width for width in widths))
        for sign_in in sign_ins:
            if sign_in.role == Role.RESIDENT:
                lines += ["", _resident_sign_in(sign_in)]
            elif sign_in.role == Role.PARTNER:
                lines += ["", _partner_sign_in(sign_in)]
        return "\n".join(lines)


def _url(name: str, fallback: str) -> str:
    try:
        return resolve_url(name)
    except NoReverseMatch:
        return fallback


def _where_mail_lands() -> str:
    if settings.EMAIL_BACKEND == "django.core.mail.backends.filebased.EmailBackend":
        return f"in development the email is written to {settings.EMAIL_FILE_PATH}/"
    if settings.EMAIL_BACKEND == "django.core.mail.backends.console.EmailBackend":
        return "in development the email is printed by the task worker"
    return f"the email goes to {settings.EMAIL_HOST}:{settings.EMAIL_PORT}"


def _resident_sign_in(sign_in) -> str:
    url = _url("web:sign-in", RESIDENT_SIGN_IN)
    return (
        f"Resident ({sign_in.name}, {sign_in.email}): no password. Sign in by emailed link at "
        f"{url} with this address; {_where_mail_lands()} (`make run` also runs the task worker "
        "that sends it)."
    )


def _partner_sign_in(sign_in) -> str:
    return (
        f"Partner system ({sign_in.name}, {sign_in.email}): no password. It uses the API with a "
        f'token: `opencex issue_api_token {sign_in.email} "Demo partner app"`.'
    )
