"""Pages of a long list of cases that stay fast at half a million cases.

Django's Paginator counts the whole list on every page, and sorts whole rows (with their joins)
to pick fifty. Here a narrow query reads the page's ids in order, one more than the page shows so
that it knows whether there is a next page; a second reads the full rows for just those ids; and
the list is counted only when there is a next page, and then at most to COUNT_LIMIT ("more than
5,000 cases"), so a count never reads more than that many rows.

(A window count in the ids query looks cheaper, but PostgreSQL then still picks an index scan
that could stop early at the LIMIT, and reads every open case instead.)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Count, QuerySet, Window

from opencex.requestguard import database_id

COUNT_LIMIT = 5000
LAST_PAGE = 1_000_000  # far past any list's end, and an offset any database can take


@dataclass(frozen=True)
class Page:
    object_list: list
    number: int
    per_page: int
    has_next: bool
    count: int | None  # None when there are more than COUNT_LIMIT, or past the last page

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_other_pages(self) -> bool:
        return self.has_previous or self.has_next

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def num_pages(self) -> int | None:
        if self.count is None:
            return None
        return max(1, -(-self.count // self.per_page))

    @property
    def start_index(self) -> int:
        return (self.number - 1) * self.per_page + 1

    @property
    def end_index(self) -> int:
        return self.start_index + len(self.object_list) - 1


def page_number(text: str | None) -> int:
    """The page asked for; anything that is not a whole number from 1 up is page 1, and a page
    past LAST_PAGE is LAST_PAGE (an empty page), so that its offset stays within the database's
    integers."""
    return min(max(1, database_id(text) or 1), LAST_PAGE)


def page_of(
    ordered: QuerySet,
    number: int,
    per_page: int,
    *,
    rows: Callable[[list[int]], Iterable],
    count_limit: int = COUNT_LIMIT,
    count_while_sorting: bool = False,
) -> Page:
    """Page `number` of `ordered`; `rows(ids)` reads the full rows for the page's ids.

    `count_while_sorting` counts in the ids query itself (a window count), for lists that are
    read whole to be sorted anyway, such as search results: one pass instead of two."""
    start = (number - 1) * per_page
    wanted = slice(start, start + per_page + 1)  # one more, to know if there is a next page
    if count_while_sorting:
        found = list(ordered.annotate(total=Window(Count("pk"))).values_list("pk", "total")[wanted])
        ids, total = [pk for pk, _ in found], (found[0][1] if found else None)
    else:
        ids, total = list(ordered.values_list("pk", flat=True)[wanted]), None
    has_next = len(ids) > per_page
    ids = ids[:per_page]
    if total is not None:
        count = total
    elif has_next:
        count = ordered.order_by().values("pk")[: count_limit + 1].count()
        count = count if count <= count_limit else None
    else:  # the last page: the count is what came before it and what is on it
        count = start + len(ids) if ids or number == 1 else None
    by_id = {row.pk: row for row in rows(ids)} if ids else {}
    return Page(
        object_list=[by_id[pk] for pk in ids if pk in by_id],
        number=number,
        per_page=per_page,
        has_next=has_next,
        count=count,
    )
