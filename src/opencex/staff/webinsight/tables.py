"""The web measures' tables, built from the feedback, search and forms selectors: the same rows
are shown on the page and downloaded as CSV (staff.reports.cells)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from opencex.feedback import selectors as feedback
from opencex.forms import selectors as forms
from opencex.search import selectors as search
from opencex.staff.reports.cells import ChartChoice, Column, ReportChoice, Table


def _language(code: str) -> str:
    return str(dict(settings.LANGUAGES).get(code, code))


def _usefulness_columns() -> list[Column]:
    return [
        Column(_("Useful"), "count"),
        Column(_("Not useful"), "count"),
        Column(_("Answers"), "count"),
        Column(_("Useful rate"), "percent"),
    ]


def usefulness_by_service_table(choice: ReportChoice) -> Table:
    table = Table(
        "page-usefulness-by-service",
        _("Useful pages, by service"),
        _(
            "Answers to “Is this page useful?” on each service's and guidance page's own page, "
            "and on other pages that named the service; pages about neither are together as "
            "“Other pages”."
        ),
        [Column(_("Service or guidance page")), *_usefulness_columns()],
        empty=_("Nobody answered “Is this page useful?” in this period."),
        chart=ChartChoice("bar", _("Useful rate")),
    )
    period = choice.period
    for row in feedback.page_usefulness_by_service(
        since=period.starts_at, until=period.ends_before
    ):
        table.add(row.name, row.useful, row.not_useful, row.answers, row.useful_rate)
    return table


def usefulness_by_page_table(choice: ReportChoice) -> Table:
    table = Table(
        "page-usefulness-by-page",
        _("Useful pages, by page"),
        _("Answers to “Is this page useful?” for each page (its address), most answered first."),
        [Column(_("Page")), Column(_("About")), *_usefulness_columns()],
        empty=_("Nobody answered “Is this page useful?” in this period."),
    )
    period = choice.period
    for row in feedback.page_usefulness_by_page(since=period.starts_at, until=period.ends_before):
        table.add(row.name, row.subject, row.useful, row.not_useful, row.answers, row.useful_rate)
    return table


def page_comments_table(choice: ReportChoice) -> Table:
    table = Table(
        "page-feedback-comments",
        _("What people told us about pages"),
        _(
            "What people were trying to do and what went wrong, newest first (the newest "
            "%(count)s in the period)."
        )
        % {"count": feedback.NEWEST_COMMENTS},
        [
            Column(_("Date"), "date"),
            Column(_("Page")),
            Column(_("About")),
            Column(_("What they were trying to do")),
            Column(_("What went wrong")),
            Column(_("Language")),
        ],
        empty=_("Nobody wrote about a page in this period."),
    )
    period = choice.period
    for row in feedback.page_feedback_comments(since=period.starts_at, until=period.ends_before):
        table.add(
            timezone.localdate(row.created_at),
            row.path,
            row.subject,
            row.trying_to_do,
            row.what_went_wrong,
            _language(row.language),
        )
    return table


def searches_by_language_table(choice: ReportChoice) -> Table:
    table = Table(
        "searches-by-language",
        _("Searches by language"),
        _(
            "Searches on the search page and through the API, by the language they were read "
            "in. A result followed is only seen on the search page, so the click rate is of the "
            "search page's searches that found something."
        ),
        [
            Column(_("Language")),
            Column(_("Searches"), "count"),
            Column(_("Found nothing"), "count"),
            Column(_("Found-nothing rate"), "percent"),
            Column(_("Search page searches with results"), "count"),
            Column(_("A result followed"), "count"),
            Column(_("Click rate"), "percent"),
        ],
        empty=_("Nobody searched in this period."),
        chart=ChartChoice("bar", _("Searches"), measure=_("searches")),
    )
    period = choice.period
    for row in search.searches_by_language(since=period.start, until=period.end):
        table.add(
            _language(row.language),
            row.searches,
            row.not_found,
            row.not_found_rate,
            row.page_searches_found,
            row.clicked,
            row.click_rate,
        )
    return table


def terms_not_found_table(choice: ReportChoice) -> Table:
    table = Table(
        "search-terms-not-found",
        _("Searches that found nothing"),
        _(
            "The %(count)s terms most often searched for that found nothing. Terms are kept in "
            "lower case, with emails, phone numbers, references, long numbers, house numbers and "
            "the end of postcodes taken out (shown as [email], [phone], [reference], [number])."
        )
        % {"count": search.TOP_TERMS},
        [Column(_("Term")), Column(_("Language")), Column(_("Searches"), "count")],
        empty=_("Every search found something in this period."),
    )
    period = choice.period
    for row in search.terms_not_found(since=period.start, until=period.end):
        table.add(row.term, _language(row.language), row.searches)
    return table


def terms_not_clicked_table(choice: ReportChoice) -> Table:
    table = Table(
        "search-terms-not-clicked",
        _("Searches whose results nobody followed"),
        _(
            "The %(count)s terms that found something on the search page most often without a "
            "result being followed: the results may not be what people were looking for."
        )
        % {"count": search.TOP_TERMS},
        [
            Column(_("Term")),
            Column(_("Language")),
            Column(_("Searches with results"), "count"),
            Column(_("No result followed"), "count"),
            Column(_("Share not followed"), "percent"),
        ],
        empty=_("A result was followed from every search that found something in this period."),
    )
    period = choice.period
    for row in search.terms_not_clicked(since=period.start, until=period.end):
        table.add(
            row.term, _language(row.language), row.searches, row.not_clicked, row.not_clicked_rate
        )
    return table


def _form_sessions_kept() -> str:
    return str(settings.COUNCIL_PROFILE.retention.records.form_sessions)


def _drop_off(choice: ReportChoice) -> list[forms.FormDropOff]:
    period = choice.period
    return forms.form_drop_off(since=period.starts_at, until=period.ends_before)


def form_completion_table(
    choice: ReportChoice, found: list[forms.FormDropOff] | None = None
) -> Table:
    table = Table(
        "form-completion",
        _("Forms started and sent"),
        _(
            "Forms residents started on the website in the period, and how many they sent. "
            "Forms are deleted %(kept)s after they were last changed (the retention schedule), "
            "so a period further back counts only the forms still kept."
        )
        % {"kept": _form_sessions_kept()},
        [
            Column(_("Form")),
            Column(_("Started"), "count"),
            Column(_("Sent"), "count"),
            Column(_("Completion rate"), "percent"),
            Column(_("Not sent"), "count"),
            Column(_("Not sent, can still come back"), "count"),
        ],
        empty=_("Nobody started a form on the website in this period."),
        chart=ChartChoice("bar", _("Completion rate")),
    )
    for form in _drop_off(choice) if found is None else found:
        table.add(
            form.title,
            form.started,
            form.submitted,
            form.completion_rate,
            form.unfinished,
            form.still_open,
        )
    return table


def form_drop_off_table(
    choice: ReportChoice, found: list[forms.FormDropOff] | None = None
) -> Table:
    table = Table(
        "form-drop-off",
        _("Where people stopped filling in forms"),
        _(
            "For each page of each form: how many people reached it, and how many of those "
            "stopped there without sending the form. Someone who answered every page and did "
            "not send the form stopped on “Check your answers”."
        ),
        [
            Column(_("Form")),
            Column(_("Page")),
            Column(_("Questions")),
            Column(_("Reached"), "count"),
            Column(_("Stopped here"), "count"),
            Column(_("Drop-off rate"), "percent"),
        ],
        header_columns=2,
        empty=_("Nobody started a form on the website in this period."),
    )
    for form in _drop_off(choice) if found is None else found:
        for page in form.pages:
            table.add(
                form.title, page.title, page.questions, page.reached, page.stopped,
                page.drop_off_rate,
            )  # fmt: skip
    return table


@dataclass(frozen=True)
class Section:
    slug: str
    title: str
    tables: list[Table]


def sections(choice: ReportChoice) -> list[Section]:
    """The page's three sections, each with its tables for `choice` (the forms read once)."""
    drop_off = _drop_off(choice)
    return [
        Section(
            "page-usefulness",
            _("Is this page useful?"),
            [
                usefulness_by_service_table(choice),
                usefulness_by_page_table(choice),
                page_comments_table(choice),
            ],
        ),
        Section(
            "searches",
            _("Searches"),
            [
                searches_by_language_table(choice),
                terms_not_found_table(choice),
                terms_not_clicked_table(choice),
            ],
        ),
        Section(
            "forms",
            _("Forms"),
            [form_completion_table(choice, drop_off), form_drop_off_table(choice, drop_off)],
        ),
    ]


TABLES: dict[str, Callable[[ReportChoice], Table]] = {
    "page-usefulness-by-service": usefulness_by_service_table,
    "page-usefulness-by-page": usefulness_by_page_table,
    "page-feedback-comments": page_comments_table,
    "searches-by-language": searches_by_language_table,
    "search-terms-not-found": terms_not_found_table,
    "search-terms-not-clicked": terms_not_clicked_table,
    "form-completion": form_completion_table,
    "form-drop-off": form_drop_off_table,
}
