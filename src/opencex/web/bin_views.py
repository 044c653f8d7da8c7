"""Bin collection day by address (opencex.bincollections): postcode, address, the next
collections and a month-by-month list, the calendar file and feed, and reminders by email or
text message with double opt-in. Every form is a plain GET or POST: no JavaScript needed."""

from __future__ import annotations

from datetime import timedelta
from itertools import groupby

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from opencex import ratelimits
from opencex.bincollections import links, reminders
from opencex.bincollections.calendar_file import calendar_file
from opencex.bincollections.config import BinsFile, bins_config
from opencex.bincollections.lookup import addresses_at, collections_at, property_with_uprn
from opencex.bincollections.models import ReminderChannel
from opencex.catalogue.models import Service
from opencex.clientaddress import client_address
from opencex.dates_in_language import clock_time, long_date
from opencex.languages import current_language, in_current_language
from opencex.web.bin_forms import NOT_LISTED, AddressForm, CodeForm, PostcodeForm, ReminderForm

SIGN_UPS_PER_HOUR = 5
CODE_KEY = "bin_reminder_code_for"


def _config() -> BinsFile:
    config = bins_config()
    if config is None:
        raise Http404
    return config


def _service(config: BinsFile) -> Service | None:
    return Service.objects.filter(slug=config.service).first()


def _page(
    request: HttpRequest, template: str, config: BinsFile, *, status: int = 200, **context
) -> HttpResponse:
    context = {"service": _service(config), **context}
    return render(request, f"web/bins/{template}", context, status=status)


def bins_start(request: HttpRequest) -> HttpResponse:
    """Enter a postcode (a GET form, so the address list is a link that can be shared)."""
    config = _config()
    form = PostcodeForm(request.GET if "postcode" in request.GET else None)
    if form.is_bound and form.is_valid():
        postcode = form.cleaned_data["postcode"]
        if addresses_at(postcode).exists():
            return redirect(f"{reverse('web:bins-choose')}?{urlencode({'postcode': postcode})}")
        form.add_error(
            "postcode",
            _("We cannot find any addresses at %(postcode)s. Check the postcode and try again.")
            % {"postcode": postcode},
        )
    return _page(request, "start.html", config, form=form)


def bins_choose(request: HttpRequest) -> HttpResponse:
    """Choose the address at the postcode, or say it is not listed."""
    config = _config()
    postcode_form = PostcodeForm(request.GET)
    if not postcode_form.is_valid():
        return redirect("web:bins-start")
    postcode = postcode_form.cleaned_data["postcode"]
    addresses = list(addresses_at(postcode))
    form = AddressForm(request.GET if "uprn" in request.GET else None, addresses=addresses)
    if form.is_bound and form.is_valid():
        chosen = form.cleaned_data["uprn"]
        if chosen == NOT_LISTED:
            return redirect(f"{reverse('web:bins-not-listed')}?{urlencode({'postcode': postcode})}")
        return redirect("web:bins-address", uprn=chosen)
    return _page(request, "choose.html", config, form=form, postcode=postcode)


def bins_not_listed(request: HttpRequest) -> HttpResponse:
    config = _config()
    postcode_form = PostcodeForm(request.GET)
    postcode = postcode_form.cleaned_data["postcode"] if postcode_form.is_valid() else ""
    return _page(request, "not_listed.html", config, postcode=postcode)


def _address_or_404(uprn: str):
    address = property_with_uprn(uprn)
    if address is None:
        raise Http404
    return address


def _shown(collection) -> dict:
    return {
        "collection": collection,
        "day": long_date(collection.on),
        "usual_day": long_date(collection.usual_on),
        "bins": [
            {
                "slug": each.slug,
                "name": in_current_language(each.name),
                "container": in_current_language(each.container),
                "note": in_current_language(each.note),
            }
            for each in collection.bins
        ],
    }


def bins_address(request: HttpRequest, uprn: str) -> HttpResponse:
    """The next collections at an address, then the weeks ahead month by month."""
    config = _config()
    address = _address_or_404(uprn)
    round_, found = collections_at(config, address, start=timezone.localdate())
    shown = [_shown(collection) for collection in found]
    months = [
        {"name": date_format(key, "F Y"), "collections": list(items)}
        for key, items in groupby(shown, key=lambda each: each["collection"].on.replace(day=1))
    ]
    return _page(
        request,
        "address.html",
        config,
        address=address,
        round=round_,
        round_name=in_current_language(round_.name) if round_ else "",
        next=shown[0] if shown else None,
        months=months,
        calendar_url=reverse("web:bins-calendar", args=[uprn]),
        feed_url=links.feed_url(uprn),
        https_feed_url=links.calendar_url(uprn),
        reminders_at=clock_time(config.reminders_at),
    )


def bins_calendar(request: HttpRequest, uprn: str) -> HttpResponse:
    """The address's collections as an iCalendar file: the download and the subscribed feed.
    It starts a week back, so a calendar keeps the last week's events while it refreshes."""
    config = _config()
    address = _address_or_404(uprn)
    start = timezone.localdate() - timedelta(days=7)
    _round, found = collections_at(config, address, start=start, weeks=config.weeks_shown + 1)
    response = HttpResponse(
        calendar_file(address, found, config), content_type="text/calendar; charset=utf-8"
    )
    if "download" in request.GET:
        response["Content-Disposition"] = 'attachment; filename="bin-collections.ics"'
    response["Cache-Control"] = "public, max-age=3600"
    return response


@require_http_methods(["GET", "POST"])
def bins_reminders(request: HttpRequest, uprn: str) -> HttpResponse:
    """Ask for reminders the evening before each collection."""
    config = _config()
    address = _address_or_404(uprn)
    form = ReminderForm(request.POST if request.method == "POST" else None)
    problem = ""
    if request.method == "POST" and form.is_valid():
        recipient = form.recipient
        if not ratelimits.allow(
            scope="bin-reminder-sign-up",
            values=[client_address(request), recipient],
            limit=SIGN_UPS_PER_HOUR,
            window=timedelta(hours=1),
        ):
            problem = _("You have asked for reminders too many times. Try again in an hour.")
        else:
            channel = form.cleaned_data["channel"]
            subscription = reminders.subscribe(
                address=address,
                channel=channel,
                recipient=recipient,
                language=current_language(),
            )
            if channel == ReminderChannel.SMS:
                request.session[CODE_KEY] = subscription.pk
                return redirect("web:bins-reminders-code")
            return redirect("web:bins-reminders-check-email")
    return _page(
        request,
        "reminders.html",
        config,
        form=form,
        address=address,
        problem=problem,
        reminders_at=clock_time(config.reminders_at),
        status=429 if problem else 200,
    )


def bins_reminders_check_email(request: HttpRequest) -> HttpResponse:
    return _page(request, "check_email.html", _config())


@require_http_methods(["GET", "POST"])
def bins_reminders_code(request: HttpRequest) -> HttpResponse:
    config = _config()
    subscription_id = request.session.get(CODE_KEY)
    if subscription_id is None:
        return redirect("web:bins-start")
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if reminders.confirm_by_code(
            subscription_id=subscription_id, code=form.cleaned_data["code"]
        ):
            del request.session[CODE_KEY]
            return _page(request, "confirmed.html", config)
        form.add_error("code", _("That code is not right. Check the text message and try again."))
    return _page(request, "code.html", config, form=form)


@require_http_methods(["GET", "POST"])
def bins_reminders_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The emailed link: a button to confirm (a GET confirms nothing, as mail scanners open
    links), then the reminders start."""
    config = _config()
    if request.method == "POST":
        if reminders.confirm_by_link(token=token) is None:
            return _page(request, "link_gone.html", config, status=404)
        return _page(request, "confirmed.html", config)
    return _page(request, "confirm.html", config)


@require_http_methods(["GET", "POST"])
def bins_reminders_stop(request: HttpRequest, token: str) -> HttpResponse:
    """The link in every reminder: stop them, without signing in."""
    config = _config()
    if request.method == "POST":
        reminders.unsubscribe(token=token)
        return _page(request, "stopped.html", config)
    return _page(request, "stop.html", config)
