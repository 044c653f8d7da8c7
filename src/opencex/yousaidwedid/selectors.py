"""Reads for you said, we did: who a change would tell, what feedback is behind it, and the
feedback staff may link to it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from opencex.cases import policies as case_policies
from opencex.cases.models import Case, CaseKind
from opencex.feedback.models import PageFeedback, Rating
from opencex.notify.services import Route, route_for_case
from opencex.surveys.models import Response as SurveyResponse
from opencex.surveys.policies import can_view_survey_results
from opencex.yousaidwedid.consent import wants_to_hear_of_changes
from opencex.yousaidwedid.models import Change, ChangeSource, SourceKind


def _normal(address: str) -> str:
    return "".join(address.split()).lower()


def person_keys(case: Case, route: Route) -> list[str]:
    """The keys that name the person behind `case`, the first the address the message would go
    to ("email:<address>" or "sms:<number>", lower-cased, without spaces): a resident signed in
    for one comment and giving the same email address unsigned for another is one person. The
    others (their resident record, the email given with the case) catch the same person
    reached another way, and the keys of notices written before the address was the key."""
    keys = [f"{route.channel}:{_normal(route.recipient)}"]
    if case.resident_id is not None:
        keys.append(f"resident:{case.resident_id}")
    if case.client_email.strip():
        keys.append(f"email:{_normal(case.client_email)}")
    return keys


def people_to_tell(change: Change) -> dict[str, Case]:
    """The people behind `change`'s sources who opted in, whom we can reach and have not yet
    told, each once (by the earliest-linked case that is theirs), keyed by the address the
    message goes to."""
    seen = set(change.notices.values_list("person", flat=True))
    people: dict[str, Case] = {}
    sources = change.sources.select_related("case__resident", "rating__case__resident")
    for source in sources:
        case = source.case_behind
        if case is None or not wants_to_hear_of_changes(source):
            continue
        route = route_for_case(case)
        if route is None:
            continue
        keys = person_keys(case, route)
        if seen.intersection(keys):
            continue
        seen.update(keys)
        people[keys[0]] = case
    return people


@dataclass(frozen=True)
class FeedbackCounts:
    comments: int = 0
    complaints: int = 0
    ratings: int = 0
    page_feedback: int = 0
    survey_answers: int = 0

    @property
    def total(self) -> int:
        return (
            self.comments
            + self.complaints
            + self.ratings
            + self.page_feedback
            + self.survey_answers
        )


def feedback_counts(changes: list[Change]) -> dict[int, FeedbackCounts]:
    """How many pieces of each kind are behind each change (counts only: never who or what)."""
    counted = Counter(
        ChangeSource.objects.filter(change__in=changes).values_list("change_id", "kind")
    )
    return {
        change.pk: FeedbackCounts(
            comments=counted[(change.pk, SourceKind.COMMENT)],
            complaints=counted[(change.pk, SourceKind.COMPLAINT)],
            ratings=counted[(change.pk, SourceKind.RATING)],
            page_feedback=counted[(change.pk, SourceKind.PAGE_FEEDBACK)],
            survey_answers=counted[(change.pk, SourceKind.SURVEY_ANSWER)],
        )
        for change in changes
    }


SEARCH_LIMIT = 20


def feedback_cases(actor) -> QuerySet[Case]:
    """The comments and complaints `actor` may see, and so link."""
    return case_policies.visible_cases(actor).filter(
        kind__in=[CaseKind.COMMENT, CaseKind.COMPLAINT]
    )


def feedback_ratings(actor) -> QuerySet[Rating]:
    """The ratings `actor` may see, and so link: those of a case they may see, and those of no
    case (a rating of a page or a service, which names no one)."""
    return Rating.objects.filter(
        Q(case__isnull=True) | Q(case__in=case_policies.visible_cases(actor).values("pk"))
    )


def feedback_named(actor, kind: str, reference: str) -> dict:
    """The feedback of `kind` that `reference` names and `actor` may see, as link_source's
    keywords ({"case": ...}, {"rating": ...}, {"page_feedback": ...} or {"survey_response": ...,
    "question_key": ...}); {} when there is none. A rating is named by its case's reference or
    by its number, a survey answer by "<response number>:<question key>" (only for officers who
    may read survey results)."""
    reference = reference.strip().lstrip("#")
    if kind in (SourceKind.COMMENT, SourceKind.COMPLAINT):
        case = feedback_cases(actor).filter(reference__iexact=reference).first()
        return {"case": case} if case else {}
    if kind == SourceKind.RATING:
        ratings = feedback_ratings(actor)
        rating = ratings.filter(case__reference__iexact=reference).first()
        if rating is None and reference.isdigit():
            rating = ratings.filter(pk=int(reference)).first()
        return {"rating": rating} if rating else {}
    if kind == SourceKind.PAGE_FEEDBACK and reference.isdigit():
        page = PageFeedback.objects.filter(pk=int(reference)).first()
        return {"page_feedback": page} if page else {}
    if kind == SourceKind.SURVEY_ANSWER:
        # "<response number>:<question key>", as the survey's results export names them.
        number, _, key = reference.partition(":")
        if not (number.isdigit() and key) or not can_view_survey_results(actor):
            return {}
        response = SurveyResponse.objects.filter(pk=int(number)).first()
        return {"survey_response": response, "question_key": key} if response else {}
    return {}


def search_feedback(actor, words: str) -> dict[str, list]:
    """Comments, complaints, ratings with a comment and page feedback whose words match."""
    words = words.strip()
    if not words:
        return {"cases": [], "ratings": [], "page_feedback": []}
    cases = feedback_cases(actor).filter(
        Q(reference__iexact=words) | Q(subject__icontains=words) | Q(description__icontains=words)
    )
    ratings = feedback_ratings(actor).exclude(comment="").filter(comment__icontains=words)
    pages = PageFeedback.objects.filter(
        Q(trying_to_do__icontains=words) | Q(what_went_wrong__icontains=words)
    )
    return {
        "cases": list(cases.select_related("service")[:SEARCH_LIMIT]),
        "ratings": list(ratings.select_related("service", "case")[:SEARCH_LIMIT]),
        "page_feedback": list(pages.select_related("service")[:SEARCH_LIMIT]),
    }
