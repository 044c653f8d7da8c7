"""Whether the resident behind a piece of feedback asked to be told what changes because of it.

They say so where they leave it, and the answer is kept with the feedback, with its time:

* a comment or complaint made with a form: the optional question `hear_of_changes` on the form's
  contact page (leave-comment.json, make-complaint.json); the answer is in the case's answers,
  and its time is the case's `received_at`;
* a satisfaction rating: the checkbox on the rating page, kept as `Rating.hear_of_changes_at`;
* page feedback is anonymous: there is nobody to tell;
* survey answers (issue 15) are anonymous: no one to tell.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from opencex.yousaidwedid.models import SourceKind

if TYPE_CHECKING:
    from opencex.cases.models import Case
    from opencex.yousaidwedid.models import ChangeSource

# The id of the form question (a checkbox) that asks "tell me what changes because of this".
HEAR_OF_CHANGES_QUESTION = "hear_of_changes"


def case_asks_to_hear_of_changes(case: Case) -> bool:
    answers = (case.answers or {}).get("answers") or []
    return any(
        isinstance(answer, dict)
        and answer.get("question") == HEAR_OF_CHANGES_QUESTION
        and answer.get("answer")
        for answer in answers
    )


def wants_to_hear_of_changes(source: ChangeSource) -> bool:
    """Whether the person who gave this feedback opted in to hearing what changed because of it."""
    if source.kind in (SourceKind.COMMENT, SourceKind.COMPLAINT) and source.case is not None:
        return case_asks_to_hear_of_changes(source.case)
    if source.kind == SourceKind.RATING and source.rating is not None:
        return source.rating.hear_of_changes_at is not None and source.rating.case is not None
    return False  # page feedback holds no contact; survey answers are anonymous
