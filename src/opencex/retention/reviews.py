"""Special-category review dates: each entry is held only for a purpose and until a review date
(`people.SensitiveInformation.review_on`). When that day comes the daily job puts a review on the
information-governance officers' list (the retention page); one per entry per review date, however
often the job runs."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import Exists, Min, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from opencex.people.services import entries_due_for_review
from opencex.retention import policies
from opencex.retention.models import SensitiveReview
from opencex.retention.schedules import ScheduleLine


class ReviewError(Exception):
    """A review that cannot be recorded, with the message to show."""


def due_for_review(today: date):
    """Current entries whose review date has come and that have no review for that date yet."""
    return (
        entries_due_for_review(today)
        .filter(resident__anonymisation__isnull=True)
        .exclude(
            Exists(
                SensitiveReview.objects.filter(
                    information=OuterRef("pk"), review_on=OuterRef("review_on")
                )
            )
        )
    )


def create_due_reviews(today: date, *, dry_run: bool = False, besides=None) -> ScheduleLine:
    """Make the review tasks due by `today` (or, with `dry_run`, count them), leaving out the
    residents in `besides`."""
    due = due_for_review(today)
    if besides is not None:
        due = due.exclude(resident__in=besides.values("pk"))
    oldest = due.aggregate(oldest=Min("review_on"))["oldest"]
    if dry_run:
        made = due.count()
    else:
        with transaction.atomic():
            now = timezone.now()
            reviews = [
                SensitiveReview(
                    information=entry,
                    resident_id=entry.resident_id,
                    review_on=entry.review_on,
                    created_at=now,
                )
                for entry in due.select_for_update(of=("self",))
            ]
            # The unique constraint makes a run at the same moment a no-op: one per date.
            SensitiveReview.objects.bulk_create(reviews, ignore_conflicts=True)
            made = len(reviews)
    return ScheduleLine(
        "reviews",
        gettext_lazy("Special-category information due for review"),
        _("on its review date"),
        gettext_lazy("review task made"),
        made,
        oldest if made else None,
    )


@transaction.atomic
def record_review(*, actor, review: SensitiveReview, note: str) -> SensitiveReview:
    """An officer reviewed the entry (kept it, changed it or withdrew it on the resident's page)."""
    if not policies.can_manage_retention(actor):
        raise ReviewError(_("Only information governance can record a review."))
    review = SensitiveReview.objects.select_for_update().get(pk=review.pk)
    if review.done_at is not None:
        raise ReviewError(_("This review has already been recorded."))
    review.done_at = timezone.now()
    review.done_by = actor
    review.note = note.strip()
    review.save(update_fields=["done_at", "done_by", "note"])
    return review
