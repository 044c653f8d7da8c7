"""The form builder: administrators list the council's forms, make a new one, build its draft page
by page, publish it, look back over its versions and roll back. Every write is a service in
opencex.forms.building; these views check the role, read the form and render."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from opencex.forms import building, policies
from opencex.forms.models import FormChange, FormDefinition
from opencex.forms.schema import CHOICE_TYPES
from opencex.languages import text_in
from opencex.staff.access import staff_only
from opencex.staff.formbuilder.forms import (
    PATTERNS,
    CaseMappingForm,
    NewFormForm,
    PageForm,
    PatternForm,
    QuestionForm,
    TextsForm,
    question_initial,
    texts,
    texts_initial,
)


def builders_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @staff_only
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not policies.can_build_forms(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


# A survey's form (surveys.loading) comes from its definition file and opens no case: the form
# builder, which edits case forms, leaves it alone.
SURVEY_FORMS = "survey"


def _definition(pk: int) -> FormDefinition:
    return get_object_or_404(
        FormDefinition.objects.select_related("service").exclude(case_kind=SURVEY_FORMS), pk=pk
    )


def _to_form(definition: FormDefinition) -> HttpResponse:
    return redirect("staff:formbuilder-form", pk=definition.pk)


@builders_only
def form_list(request: HttpRequest) -> HttpResponse:
    rows = []
    forms = FormDefinition.objects.select_related("service").exclude(case_kind=SURVEY_FORMS)
    for definition in forms.order_by("title"):
        current = definition.current_version()
        rows.append(
            {
                "definition": definition,
                "current": current,
                "draft": building.draft_of(definition),
            }
        )
    return render(request, "staff/formbuilder/list.html", {"rows": rows})


@builders_only
@require_http_methods(["GET", "POST"])
def new_form(request: HttpRequest) -> HttpResponse:
    form = NewFormForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            definition = building.create_form(
                actor=request.user,
                slug=data["slug"],
                title=data["title"],
                case_kind=data["case_kind"],
                service=data["service"],
            )
        except building.BuildError as error:
            form.add_error("slug", str(error))
        else:
            messages.success(request, _("Form created. Add its first page."))
            return _to_form(definition)
    return render(request, "staff/formbuilder/new.html", {"form": form})


def _conditions(schema: dict[str, Any], page_id: str) -> list[tuple[str, str]]:
    """The answers a question on `page_id` may depend on: the options of choice questions on
    the pages before it."""
    choices = []
    for page in schema["pages"]:
        if page["id"] == page_id:
            break
        for question in page["questions"]:
            if question["type"] in CHOICE_TYPES:
                label = text_in(question["label"], "en")
                for option in question.get("options", []):
                    choices.append(
                        (
                            f"{question['id']}={option['value']}",
                            f"{label}: {text_in(option['label'], 'en')}",
                        )
                    )
    return choices


@builders_only
def form_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _definition(pk))


def _detail(
    request: HttpRequest,
    definition: FormDefinition,
    problems: list[building.DraftProblem] | None = None,
) -> HttpResponse:
    """The form: its draft page by page, what publishing it would change, its versions."""
    draft = building.draft_of(definition)
    versions = list(building.published_versions(definition).select_related("created_by"))
    history = []
    for index, version in enumerate(versions):
        before = versions[index + 1].schema if index + 1 < len(versions) else None
        history.append({"version": version, "diff": building.diff_schemas(before, version.schema)})
    current = versions[0] if versions else None
    return render(
        request,
        "staff/formbuilder/form.html",
        {
            "definition": definition,
            "draft": draft,
            "draft_diff": building.diff_schemas(current.schema if current else None, draft.schema)
            if draft
            else None,
            "current": current,
            "history": history,
            "changes": FormChange.objects.filter(definition=definition).select_related("actor")[
                :20
            ],
            "page_form": PageForm(),
            "errors": [
                {"href": f"#{problem.place}", "text": problem.text} for problem in problems or []
            ],
        },
        status=400 if problems else 200,
    )


def _draft_or_404(definition: FormDefinition):
    draft = building.draft_of(definition)
    if draft is None:
        raise Http404("This form has no draft.")
    return draft


@builders_only
@require_POST
def start_draft(request: HttpRequest, pk: int) -> HttpResponse:
    definition = _definition(pk)
    building.start_draft(actor=request.user, definition=definition)
    return _to_form(definition)


@builders_only
@require_POST
def add_page(request: HttpRequest, pk: int) -> HttpResponse:
    definition = _definition(pk)
    draft = _draft_or_404(definition)
    form = PageForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "staff/formbuilder/page_form.html",
            {"definition": definition, "form": form},
            status=400,
        )
    page = building.add_page(actor=request.user, draft=draft, title=form.title)
    return redirect("staff:formbuilder-add-question", pk=pk, page_id=page["id"])


@builders_only
@require_POST
def remove_page(request: HttpRequest, pk: int, page_id: str) -> HttpResponse:
    definition = _definition(pk)
    try:
        building.remove_page(actor=request.user, draft=_draft_or_404(definition), page_id=page_id)
    except building.BuildError as error:
        raise Http404(str(error)) from None
    messages.success(request, _("Page removed"))
    return _to_form(definition)


@builders_only
@require_http_methods(["GET", "POST"])
def add_question(request: HttpRequest, pk: int, page_id: str) -> HttpResponse:
    """First the pattern, then its settings (two steps, so each page asks only what applies)."""
    definition = _definition(pk)
    draft = _draft_or_404(definition)
    page = next((page for page in draft.schema["pages"] if page["id"] == page_id), None)
    if page is None:
        raise Http404("No such page.")
    pattern_form = PatternForm(request.GET if "pattern" in request.GET else None)
    if not pattern_form.is_bound or not pattern_form.is_valid():
        return render(
            request,
            "staff/formbuilder/pattern.html",
            {"definition": definition, "page": page, "form": pattern_form},
        )
    pattern = pattern_form.cleaned_data["pattern"]
    form = QuestionForm(
        request.POST if request.method == "POST" else None,
        pattern=pattern,
        conditions=_conditions(draft.schema, page_id),
    )
    if request.method == "POST" and form.is_valid():
        added = building.add_question(
            actor=request.user, draft=draft, page_id=page_id, question=form.question()
        )
        when, equals = form.condition
        if when:
            building.set_condition(
                actor=request.user, draft=draft, question_id=added["id"], when=when, equals=equals
            )
        messages.success(request, _("Question added"))
        return _to_form(definition)
    return _question_page(request, definition, page, form, pattern)


def _question_page(request, definition, page, form, pattern, question=None) -> HttpResponse:
    """The page that adds a question (`question` None) or changes one, with what to correct."""
    return render(
        request,
        "staff/formbuilder/question.html",
        {
            "definition": definition,
            "page": page,
            "form": form,
            "pattern": pattern,
            "pattern_label": next(str(label) for name, label, _kind in PATTERNS if name == pattern),
            "question": question,
        },
        status=400 if form.errors else 200,
    )


@builders_only
@require_http_methods(["GET", "POST"])
def edit_question(request: HttpRequest, pk: int, question_id: str) -> HttpResponse:
    definition = _definition(pk)
    draft = _draft_or_404(definition)
    found = [(p, q) for p, q in building.all_questions(draft.schema) if q["id"] == question_id]
    if not found:
        raise Http404("No such question.")
    page, question = found[0]
    pattern, initial = question_initial(question)
    form = QuestionForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        pattern=pattern,
        conditions=_conditions(draft.schema, page["id"]),
    )
    if request.method == "POST" and form.is_valid():
        building.edit_question(
            actor=request.user, draft=draft, question_id=question_id, question=form.question()
        )
        when, equals = form.condition
        building.set_condition(
            actor=request.user, draft=draft, question_id=question_id, when=when, equals=equals
        )
        messages.success(request, _("Question changed"))
        return _to_form(definition)
    return _question_page(request, definition, page, form, pattern, question)


@builders_only
@require_POST
def move_question(request: HttpRequest, pk: int, question_id: str) -> HttpResponse:
    definition = _definition(pk)
    try:
        building.move_question(
            actor=request.user,
            draft=_draft_or_404(definition),
            question_id=question_id,
            direction=request.POST.get("direction", ""),
        )
    except building.BuildError as error:
        raise Http404(str(error)) from None
    return redirect(f"{_to_form(definition).url}#question-{question_id}")


@builders_only
@require_POST
def remove_question(request: HttpRequest, pk: int, question_id: str) -> HttpResponse:
    definition = _definition(pk)
    try:
        building.remove_question(
            actor=request.user, draft=_draft_or_404(definition), question_id=question_id
        )
    except building.BuildError as error:
        raise Http404(str(error)) from None
    messages.success(request, _("Question removed"))
    return _to_form(definition)


@builders_only
@require_http_methods(["GET", "POST"])
def case_mapping(request: HttpRequest, pk: int) -> HttpResponse:
    definition = _definition(pk)
    draft = _draft_or_404(definition)
    mapping = draft.schema["case"]
    form = CaseMappingForm(
        request.POST if request.method == "POST" else None,
        initial=mapping,
        questions=[question for _page, question in building.all_questions(draft.schema)],
    )
    if request.method == "POST" and form.is_valid():
        building.set_case_mapping(actor=request.user, draft=draft, mapping=form.cleaned_data)
        messages.success(request, _("Case details saved"))
        return _to_form(definition)
    return render(
        request,
        "staff/formbuilder/case.html",
        {"definition": definition, "form": form},
        status=400 if form.errors else 200,
    )


@builders_only
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    definition = _definition(pk)
    try:
        version = building.publish_draft(actor=request.user, draft=_draft_or_404(definition))
    except building.DraftProblems as error:
        return _detail(request, definition, problems=error.found)
    messages.success(request, _("Version %(number)s published") % {"number": version.number})
    return _to_form(definition)


@builders_only
@require_POST
def discard(request: HttpRequest, pk: int) -> HttpResponse:
    definition = _definition(pk)
    building.discard_draft(actor=request.user, draft=_draft_or_404(definition))
    messages.success(request, _("Draft discarded"))
    return _to_form(definition)


@builders_only
@require_POST
def roll_back(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    definition = _definition(pk)
    version = get_object_or_404(definition.versions, number=number, published_at__isnull=False)
    restored = building.roll_back(actor=request.user, version=version)
    messages.success(
        request,
        _("Version %(old)s published again as version %(new)s")
        % {"old": version.number, "new": restored.number},
    )
    return _to_form(definition)


@builders_only
@require_POST
def set_live(request: HttpRequest, pk: int) -> HttpResponse:
    definition = _definition(pk)
    is_live = request.POST.get("live") == "yes"
    try:
        building.set_live(actor=request.user, definition=definition, is_live=is_live)
    except building.BuildError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The form is live") if is_live else _("The form is offline"))
    return _to_form(definition)


@builders_only
@require_http_methods(["GET", "POST"])
def form_texts(request: HttpRequest, pk: int) -> HttpResponse:
    """The title residents see, a paragraph for the start page and one for what happens next."""
    definition = _definition(pk)
    draft = _draft_or_404(definition)
    form = TextsForm(
        request.POST if request.method == "POST" else None, initial=texts_initial(draft.schema)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        intro, next_steps = texts(data, "intro"), texts(data, "next_steps")
        building.set_texts(
            actor=request.user,
            draft=draft,
            title=texts(data, "title"),
            intro=[intro] if intro else [],
            next_steps=[next_steps] if next_steps else [],
        )
        messages.success(request, _("Start page and next steps saved"))
        return _to_form(definition)
    return render(
        request,
        "staff/formbuilder/texts.html",
        {"definition": definition, "form": form},
        status=400 if form.errors else 200,
    )
