"""One record per resident: the review queue of residents who may be the same person, a pair
side by side, the merge confirmation, the merge history with undo, and the "someone we already
know?" look-up the find/create page asks as the officer types."""

from __future__ import annotations

from datetime import date

from django import forms
from django.apps import apps
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from opencex.aigovernance import switches
from opencex.matching import policies, services
from opencex.matching.models import CandidatePair, PairStatus, ResidentMerge
from opencex.matching.records import person_records
from opencex.people import policies as people_policies
from opencex.people.dates_of_birth import date_of_birth_problem
from opencex.people.models import Resident
from opencex.requestguard import database_id
from opencex.staff.access import staff_only

PAIRS_PER_PAGE = 25
MERGES_PER_PAGE = 25
REASON_MAX_LENGTH = 1000

# Kinds of row a merge moves that say something special-category by their existence: counted on
# the confirmation page only for an officer who may read them (the merge moves them regardless).
PRIVATE_KINDS = {
    "people.SensitiveInformation": people_policies.can_view_sensitive_information,
    "retention.SensitiveReview": people_policies.can_view_sensitive_information,
    "people.EqualityProfile": people_policies.can_read_equality_answers,
}


@staff_only
def review_queue(request: HttpRequest) -> HttpResponse:
    """Pairs waiting for a decision: likely ones first, then the uncertain (clerical review)."""
    if not policies.can_review_pairs(request.user):
        raise PermissionDenied
    pairs = CandidatePair.objects.open().select_related("resident_a", "resident_b")
    page = Paginator(pairs, PAIRS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "staff/matching/queue.html",
        {
            "page": page,
            "turned_off": not switches.is_on(services.MODEL_KEY),
            "may_merge": policies.can_merge_residents(request.user),
        },
    )


def _side_by_side(pair: CandidatePair) -> list[tuple[Resident, object]]:
    records = person_records([pair.resident_a, pair.resident_b])
    return [(r, records.get(r.pk)) for r in (pair.resident_a, pair.resident_b)]


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("Are they the same person?"),
        choices=[
            ("same", gettext_lazy("The same person")),
            ("different", gettext_lazy("Not the same person")),
            ("skip", gettext_lazy("Not sure: leave it in the queue")),
        ],
        error_messages={"required": gettext_lazy("Select whether they are the same person")},
    )
    note = forms.CharField(label=gettext_lazy("Note (optional)"), required=False, max_length=500)


@staff_only
@require_http_methods(["GET", "POST"])
def pair_detail(request: HttpRequest, pair_id: int) -> HttpResponse:
    """Two records side by side with the engine's reasons; the officer decides."""
    actor = request.user
    if not policies.can_review_pairs(actor):
        raise PermissionDenied
    pair = get_object_or_404(
        CandidatePair.objects.select_related("resident_a", "resident_b"), pk=pair_id
    )
    form = DecisionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        decision, note = form.cleaned_data["decision"], form.cleaned_data["note"]
        try:
            if decision == "different":
                services.decide_not_the_same(actor=actor, pair=pair, note=note)
                messages.success(request, "Recorded as two different people")
                return redirect("staff:resident-duplicates")
            if decision == "same" and policies.can_merge_residents(actor):
                return redirect("staff:resident-merge", pair_id=pair.pk)
            if decision == "same":
                services.propose_merge(actor=actor, pair=pair, note=note)
                messages.success(request, "Sent to a manager to merge")
        except services.MergeRefused as refusal:
            form.add_error("decision", str(refusal))
        else:
            return redirect("staff:resident-duplicates")
    return render(
        request,
        "staff/matching/pair.html",
        {
            "pair": pair,
            "sides": _side_by_side(pair),
            "form": form,
            "is_open": pair.status in (PairStatus.PROPOSED, PairStatus.UNDER_REVIEW),
        },
        status=400 if form.errors else 200,
    )


class MergeForm(forms.Form):
    keep = forms.TypedChoiceField(
        coerce=int, error_messages={"required": gettext_lazy("Select the record to keep")}
    )
    reason = forms.CharField(
        label=gettext_lazy("Why are they the same person?"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea,
        error_messages={
            "required": gettext_lazy("Enter why these records are the same person"),
            "max_length": gettext_lazy("Your reason must be 1000 characters or fewer"),
        },
    )

    def __init__(self, *args, residents: list[Resident], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["keep"].choices = [(r.pk, str(r.pk)) for r in residents]


def _what_moves(actor, kept: Resident, merged: Resident) -> services.MergePreview:
    preview = services.preview_merge(kept=kept, merged=merged)
    for label, may_read in PRIVATE_KINDS.items():
        if not (may_read(actor, kept) and may_read(actor, merged)):
            preview.counts.pop(label, None)
            preview.left.pop(label, None)
    return preview


def _kinds(counts: dict[str, int]) -> list[tuple[str, int]]:
    named = []
    for label, count in sorted(counts.items()):
        meta = apps.get_model(label)._meta
        named.append((str(meta.verbose_name if count == 1 else meta.verbose_name_plural), count))
    return named


@staff_only
@require_http_methods(["GET", "POST"])
def merge_pair(request: HttpRequest, pair_id: int) -> HttpResponse:
    """Confirm a merge: which record is kept, what will move (counts by kind), and why."""
    actor = request.user
    if not policies.can_merge_residents(actor):
        raise PermissionDenied
    pair = get_object_or_404(
        CandidatePair.objects.select_related("resident_a", "resident_b"), pk=pair_id
    )
    residents = [pair.resident_a, pair.resident_b]
    form = MergeForm(request.POST if request.method == "POST" else None, residents=residents)
    if request.method == "POST" and form.is_valid():
        keep = form.cleaned_data["keep"]
        kept, merged = residents if residents[0].pk == keep else residents[::-1]
        try:
            merge = services.merge_residents(
                actor=actor, kept=kept, merged=merged, reason=form.cleaned_data["reason"], pair=pair
            )
        except services.MergeRefused as refusal:
            form.add_error("reason", str(refusal))
        else:
            messages.success(request, f"Records merged: {merge.kept.full_name}")
            return redirect("staff:resident", resident_id=merge.kept_id)
    chosen = form.data.get("keep") if form.is_bound else None
    kept_pk = database_id(chosen) if chosen else pair.resident_a_id
    kept, merged = residents if residents[0].pk == kept_pk else residents[::-1]
    preview = _what_moves(actor, kept, merged)
    return render(
        request,
        "staff/matching/merge.html",
        {
            "pair": pair,
            "sides": _side_by_side(pair),
            "form": form,
            "kept": kept,
            "merged": merged,
            "moves": _kinds(preview.counts),
            "stays": _kinds(preview.left),
            "filled": preview.filled,
            "refusal": preview.refusal,
        },
        status=400 if form.errors else 200,
    )


@staff_only
def merge_history(request: HttpRequest) -> HttpResponse:
    if not policies.can_merge_residents(request.user):
        raise PermissionDenied
    merges = ResidentMerge.objects.select_related("kept", "merged", "merged_by", "undone_by")
    page = Paginator(merges, MERGES_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "staff/matching/history.html", {"page": page})


class UndoForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why undo this merge?"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea,
        error_messages={
            "required": gettext_lazy("Enter why this merge is being undone"),
            "max_length": gettext_lazy("Your reason must be 1000 characters or fewer"),
        },
    )


@staff_only
@require_http_methods(["GET", "POST"])
def undo_merge(request: HttpRequest, merge_id: int) -> HttpResponse:
    actor = request.user
    if not policies.can_undo_merge(actor):
        raise PermissionDenied
    merge = get_object_or_404(ResidentMerge.objects.select_related("kept", "merged"), pk=merge_id)
    form = UndoForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.undo_merge(actor=actor, merge=merge, reason=form.cleaned_data["reason"])
        except services.MergeRefused as refusal:
            form.add_error("reason", str(refusal))
        else:
            messages.success(request, "Merge undone: the two records are separate again")
            return redirect("staff:resident-merges")
    return render(
        request,
        "staff/matching/undo.html",
        {"merge": merge, "form": form, "rows": len(merge.moved)},
        status=400 if form.errors else 200,
    )


def _date_of_birth(request: HttpRequest):
    try:
        born = date(
            int(request.GET.get("dob_year", "")),
            int(request.GET.get("dob_month", "")),
            int(request.GET.get("dob_day", "")),
        )
    except (ValueError, OverflowError):
        return None
    return None if date_of_birth_problem(born) else born


@staff_only
@require_GET
def known_residents(request: HttpRequest) -> JsonResponse:
    """As the officer types: the known residents most like the details so far, minimised to what
    tells them apart (name, part of the address, birth year and why)."""
    found = services.known_residents_like(
        actor=request.user,
        full_name=request.GET.get("full_name", request.GET.get("name", ""))[:200],
        email=request.GET.get("email", "")[:254],
        phone=request.GET.get("phone", "")[:32],
        postcode=request.GET.get("postcode", "")[:8],
        date_of_birth=_date_of_birth(request),
        while_typing=True,
    )
    return JsonResponse(
        {
            "residents": [
                {
                    "name": known.full_name,
                    "address": known.partial_address,
                    "birth_year": known.birth_year,
                    "reasons": list(known.reasons),
                    "likely": known.is_likely,
                    "url": reverse("staff:resident", args=[known.resident_id]),
                }
                for known in found
            ]
        }
    )
