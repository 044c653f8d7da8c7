"""Staff pages for finding and creating residents, the single view of a resident and of a
property (UPRN)."""

from __future__ import annotations

from datetime import date

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from opencex.housing.selectors import tenancies_for_officer
from opencex.inforights.policies import can_export_everything_about
from opencex.matching import services as matching_services
from opencex.people import policies as people_policies
from opencex.people import services as people_services
from opencex.people.dates_of_birth import date_of_birth_problem
from opencex.people.models import AccessKind, Occupancy, Property, Resident, SensitiveAccess
from opencex.people.selectors import property_record, resident_record
from opencex.retention.policies import can_erase_resident
from opencex.staff.access import staff_only
from opencex.staff.bookings.views import resident_bookings

SINGLE_VIEW_PURPOSE = "Single view of resident"
MOST_RESULTS = 50
BREAK_GLASS_READS_PER_PAGE = 50


class FindResidentForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), required=False, max_length=200)
    postcode = forms.CharField(label=gettext_lazy("Postcode"), required=False, max_length=8)
    email = forms.CharField(label=gettext_lazy("Email address"), required=False, max_length=254)
    phone = forms.CharField(label=gettext_lazy("Phone number"), required=False, max_length=32)

    def clean(self):
        data = super().clean()
        if not any(value.strip() for value in data.values()):
            self.add_error(
                "name", _("Enter a name, postcode, email address or phone number to search for")
            )
        return data


def _matching_residents(data: dict) -> list[Resident]:
    residents = Resident.objects.filter(merged_into__isnull=True)
    if name := data["name"].strip():
        for word in name.split():
            residents = residents.filter(full_name__icontains=word)
    if email := data["email"].strip():
        residents = residents.filter(email__iexact=email)
    if phone := data["phone"].strip():
        # Stored phone numbers are normalised by people.services; search the same way.
        residents = residents.filter(phone__contains=people_services.normalise_phone(phone))
    if postcode := data["postcode"].strip():
        compact = postcode.replace(" ", "").upper()
        residents = residents.filter(
            occupancies__property__postcode__in=_postcode_spellings(compact)
        )
    return list(residents.distinct().order_by("full_name", "id")[:MOST_RESULTS])


def _postcode_spellings(compact: str) -> list[str]:
    """Postcodes are stored as written ("OX4 1HR"); match with or without the space."""
    spellings = [compact]
    if len(compact) > 3:
        spellings.append(f"{compact[:-3]} {compact[-3:]}")
    return spellings


@staff_only
def find_resident(request: HttpRequest) -> HttpResponse:
    searched = bool(request.GET)
    form = FindResidentForm(request.GET if searched else None)
    results = _matching_residents(form.cleaned_data) if searched and form.is_valid() else None
    addresses = _current_addresses(results or [])
    return render(
        request,
        "staff/residents/find.html",
        {
            "form": form,
            "results": [(resident, addresses.get(resident.pk)) for resident in results or []],
            "searched": results is not None,
            "most_results": MOST_RESULTS,
        },
    )


def _current_addresses(residents: list[Resident]) -> dict[int, Property]:
    occupancies = Occupancy.objects.filter(
        resident__in=residents, ended_on__isnull=True
    ).select_related("property")
    return {occupancy.resident_id: occupancy.property for occupancy in occupancies}


class NewResidentForm(forms.Form):
    full_name = forms.CharField(label=gettext_lazy("Full name"), max_length=200)
    email = forms.EmailField(label=gettext_lazy("Email address (optional)"), required=False)
    phone = forms.CharField(
        label=gettext_lazy("Phone number (optional)"), required=False, max_length=32
    )
    dob_day = forms.CharField(required=False, max_length=2)
    dob_month = forms.CharField(required=False, max_length=2)
    dob_year = forms.CharField(required=False, max_length=4)
    accessibility_needs = forms.CharField(
        label=gettext_lazy("Accessibility needs (optional)"),
        help_text=gettext_lazy("How to communicate well with them, for example large print."),
        required=False,
        widget=forms.Textarea,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["full_name"].error_messages["required"] = _("Enter the resident's full name")
        self.fields["email"].error_messages["invalid"] = _(
            "Enter an email address in the correct format, like name@example.com"
        )

    def clean(self):
        data = super().clean()
        parts = [(data.get(part) or "").strip() for part in ("dob_day", "dob_month", "dob_year")]
        data["date_of_birth"] = None
        if any(parts):
            try:
                day, month, year = (int(part) for part in parts)
                born = date(year, month, day)
            except ValueError:
                self.add_error("dob_day", _("Date of birth must be a real date"))
            else:
                if problem := date_of_birth_problem(born):
                    self.add_error("dob_day", problem)
                else:
                    data["date_of_birth"] = born
        return data


@staff_only
@require_http_methods(["GET", "POST"])
def create_resident(request: HttpRequest) -> HttpResponse:
    """Create a resident; likely duplicates are shown first and the officer must confirm."""
    if request.method == "GET":
        initial = {
            "full_name": request.GET.get("name", ""),
            "email": request.GET.get("email", ""),
            "phone": request.GET.get("phone", ""),
        }
        form = NewResidentForm(initial=initial)
        return render(request, "staff/residents/new.html", {"form": form})
    form = NewResidentForm(request.POST)
    if not form.is_valid():
        return render(request, "staff/residents/new.html", {"form": form})
    data = form.cleaned_data
    duplicates = matching_services.known_residents_like(
        actor=request.user,
        full_name=data["full_name"],
        email=data["email"],
        phone=data["phone"],
        date_of_birth=data["date_of_birth"],
    )
    if duplicates and request.POST.get("confirmed") != "yes":
        return render(
            request, "staff/residents/duplicates.html", {"form": form, "duplicates": duplicates}
        )
    resident = people_services.create_resident(
        actor=request.user,
        full_name=data["full_name"],
        email=data["email"],
        phone=data["phone"],
        date_of_birth=data["date_of_birth"],
        accessibility_needs=data["accessibility_needs"].strip(),
    )
    messages.success(request, _("Resident record created"))
    return redirect("staff:resident", resident_id=resident.pk)


class BreakGlassForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why do you need to see this information?"),
        help_text=gettext_lazy(
            "Information governance will see your name, the time and your reason."
        ),
        max_length=people_services.BREAK_GLASS_REASON_MAX_LENGTH,
        widget=forms.Textarea,
        error_messages={
            "required": gettext_lazy("Enter why you need to see this information"),
            "max_length": gettext_lazy("Your reason must be 200 characters or fewer"),
        },
    )


@staff_only
def resident_detail(request: HttpRequest, resident_id: int) -> HttpResponse:
    """Everything about one resident; special-category details only for officers with a need
    to know (a case with their team) or who break the glass, and each view is recorded."""
    resident = get_object_or_404(Resident, pk=resident_id)
    actor = request.user
    if not people_policies.can_view_resident(actor, resident):
        raise PermissionDenied
    if resident.merged_into_id:
        # A record merged into another: links to it lead to the record kept.
        messages.info(request, _("That record was merged into this one"))
        return redirect("staff:resident", resident_id=resident.merged_into_id)
    sensitive = None
    if people_policies.can_view_sensitive_information(actor, resident):
        sensitive = people_services.read_sensitive_information(
            actor=actor, resident=resident, purpose=SINGLE_VIEW_PURPOSE
        )
    return _resident_page(request, resident, sensitive=sensitive)


@staff_only
@require_POST
def break_glass(request: HttpRequest, resident_id: int) -> HttpResponse:
    """See a resident's special-category details without a case with your team, giving a
    reason. They are shown on this response only: looking again needs a reason again."""
    resident = get_object_or_404(Resident, pk=resident_id)
    actor = request.user
    if not people_policies.can_break_glass(actor, resident):
        raise PermissionDenied
    form = BreakGlassForm(request.POST)
    if form.is_valid():
        try:
            sensitive = people_services.break_glass(
                actor=actor, resident=resident, reason=form.cleaned_data["reason"]
            )
        except people_services.ReasonRequired as error:
            form.add_error("reason", str(error))
        else:
            return _resident_page(request, resident, sensitive=sensitive, broke_glass=True)
    return _resident_page(request, resident, sensitive=None, break_glass_form=form, status=400)


def _resident_page(
    request: HttpRequest,
    resident: Resident,
    *,
    sensitive,
    broke_glass: bool = False,
    break_glass_form: BreakGlassForm | None = None,
    status: int = 200,
) -> HttpResponse:
    actor = request.user
    may_break_glass = sensitive is None and people_policies.can_break_glass(actor, resident)
    record = resident_record(actor=actor, resident=resident, show=request.GET.get("show", ""))
    return render(
        request,
        "staff/residents/detail.html",
        {
            "resident": resident,
            "sensitive": sensitive,
            "sensitive_hidden": sensitive is None and not may_break_glass,
            "may_break_glass": may_break_glass,
            "broke_glass": broke_glass,
            "form": break_glass_form or BreakGlassForm(),
            "record": record,
            "may_export": can_export_everything_about(actor, resident),
            "may_erase": can_erase_resident(actor, resident),  # retention (issue 11)
            "may_record_support_need": people_policies.can_record_sensitive_information(
                actor, resident
            ),
            # what was read without a reason is what this officer may review
            "may_review_support_needs": not broke_glass and sensitive is not None,
            "today": timezone.localdate(),
            # the resident's council tenancy and rent
            "tenancies": tenancies_for_officer(actor, resident, today=timezone.localdate()),
            **resident_bookings(actor, resident),
        },
        status=status,
    )


@staff_only
def break_glass_reads(request: HttpRequest) -> HttpResponse:
    """For information governance: every break-glass read of special-category details, newest
    first: who, when, why, and whose."""
    if not people_policies.can_review_sensitive_access(request.user):
        raise PermissionDenied
    reads = (
        SensitiveAccess.objects.filter(kind=AccessKind.BREAK_GLASS)
        .select_related("actor", "resident")
        .order_by("-at", "-pk")
    )
    page = Paginator(reads, BREAK_GLASS_READS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "staff/residents/break_glass_reads.html", {"page": page})


@staff_only
def property_detail(request: HttpRequest, uprn: str) -> HttpResponse:
    """Every case and logged contact at one address, over time, and who lives or lived there."""
    place = get_object_or_404(Property, uprn=uprn)
    record = property_record(actor=request.user, place=place, show=request.GET.get("show", ""))
    return render(request, "staff/properties/detail.html", {"property": place, "record": record})
