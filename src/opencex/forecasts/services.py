"""Recording a prediction when it is shown to an officer: once per case per prediction, also
when two officers open the case page at once (the case row is locked while the latest record is
compared, so the second sees the first's record)."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from opencex.aigovernance.models import Suggestion
from opencex.aigovernance.services import latest_suggestion, record_suggestion
from opencex.cases.models import Case
from opencex.forecasts.predictions import MODEL_KEY, Outlook, Prediction, outlook_for


@transaction.atomic
def record_prediction(*, case: Case, prediction: Prediction, reason: str) -> Suggestion | None:
    """Record `prediction` for `case` in the AI governance records, unless the latest record
    for the case already says the same (a page viewed again records nothing)."""
    suggested = prediction.as_suggestion()
    list(Case.objects.select_for_update().filter(pk=case.pk).values_list("pk", flat=True))
    latest = latest_suggestion(MODEL_KEY, "case", case.pk)
    if (
        latest is not None
        and latest.suggested == suggested
        and latest.model_version == prediction.model_version
    ):
        return None
    return record_suggestion(
        model_key=MODEL_KEY,
        model_version=prediction.model_version,
        subject_type="case",
        subject_id=case.pk,
        suggested=suggested,
        confidence=prediction.chance_by_due,
        reasons=[reason],
    )


def show_prediction(*, case: Case, today: date) -> Outlook | None:
    """The outlook an officer is shown for `case`, its prediction recorded (see above)."""
    outlook = outlook_for(case, today)
    if outlook is not None and outlook.prediction is not None:
        record_prediction(case=case, prediction=outlook.prediction, reason="shown to an officer")
    return outlook
