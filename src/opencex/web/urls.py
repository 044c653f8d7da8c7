"""URLs of the citizen site."""

from django.urls import path

from opencex.web import ai_views, views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("services/", views.service_list, name="services"),
    path("services/<slug:slug>/", views.service_detail, name="service"),
    path("accessibility/", views.accessibility_statement, name="accessibility"),
    path("how-we-use-ai/", ai_views.how_we_use_ai, name="how-we-use-ai"),
]

# Track and rate (issue 3): sign in by emailed link, your requests, tracking, satisfaction.
from opencex.web import account_views, equality_views, feedback_views, track_views  # noqa: E402

urlpatterns += [
    path("account/sign-in/", account_views.sign_in, name="sign-in"),
    path("account/sign-in/check-your-email/", account_views.sign_in_sent, name="sign-in-sent"),
    path("account/sign-in/<str:token>", account_views.sign_in_with_link, name="sign-in-link"),
    path("account/sign-out/", account_views.sign_out, name="sign-out"),
    path("account/requests/", account_views.your_requests, name="your-requests"),
    path("account/preferences/", account_views.preferences, name="preferences"),
    path("account/equality/", equality_views.equality_answers, name="equality-answers"),
    path("track/", track_views.track, name="track"),
    path("track/email-me-a-link", track_views.track_link, name="track-link"),
    path("track/<str:reference>", track_views.track_case, name="track-case"),
    path("track/<str:reference>/reply", track_views.track_reply, name="track-reply"),
    path("track/<str:reference>/not-fixed", track_views.track_not_fixed, name="track-not-fixed"),
    path("track/<str:reference>/feedback", feedback_views.case_feedback, name="track-feedback"),
    path("feedback/page", feedback_views.page_feedback, name="page-feedback"),
    path(
        "feedback/page/details", feedback_views.page_feedback_details, name="page-feedback-details"
    ),
]

# Forms (opencex.forms): start, the pages, check your answers, confirmation, save and come back.
from opencex.web import form_views  # noqa: E402

urlpatterns += [
    path("forms/resume/<str:token>/", form_views.resume, name="form-resume"),
    path("forms/<slug:slug>/", form_views.form_start, name="form-start"),
    path(
        "forms/<slug:slug>/check-your-answers/",
        form_views.check_answers,
        name="form-check-answers",
    ),
    path("forms/<slug:slug>/confirmation/", form_views.confirmation, name="form-confirmation"),
    path("forms/<slug:slug>/save/", form_views.save_for_later, name="form-save"),
    path("forms/<slug:slug>/<slug:page_id>/", form_views.form_page, name="form-page"),
]

# Search (issue 3): one search box for services and guidance pages, and the guidance pages.
from opencex.web import search_views  # noqa: E402

urlpatterns += [
    path("search", search_views.search_page, name="search"),
    path("search/go/<int:record_id>/<int:position>", search_views.search_result, name="search-go"),
    path("guidance/<slug:slug>/", search_views.guidance_page, name="guidance"),
]

# Community directory (issue 4): partner organisations by need and distance from a postcode.
from opencex.web import directory_views  # noqa: E402

urlpatterns += [
    path("directory/", directory_views.directory_search, name="directory"),
    path("directory/<slug:slug>/", directory_views.directory_entry, name="directory-entry"),
]

# Disclosure log (opencex.web.disclosure_views): released FOI and EIR responses, their files.
from opencex.web import disclosure_views  # noqa: E402

urlpatterns += [
    path("disclosure-log/", disclosure_views.disclosure_log, name="disclosure-log"),
    path("disclosure-log/<int:pk>/", disclosure_views.disclosure_entry, name="disclosure-entry"),
    path(
        "disclosure-log/<int:pk>/files/<int:file_pk>/",
        disclosure_views.disclosure_file,
        name="disclosure-file",
    ),
]

# Complaints on the tracking page (opencex.web.track_complaint_views): ask for stage 2, or
# complain about a request.
from opencex.web import track_complaint_views  # noqa: E402

urlpatterns += [
    path(
        "track/<str:reference>/escalate",
        track_complaint_views.track_escalate,
        name="track-escalate",
    ),
    path(
        "track/<str:reference>/complain",
        track_complaint_views.track_complain,
        name="track-complain",
    ),
]

# The tenant portal (opencex.web.housing_views): tenancy, rent, repairs.
from opencex.web import housing_urls  # noqa: E402

urlpatterns += housing_urls.urlpatterns
# Booking online (opencex.bookings): book a service, pay, the booking's own page.
from django.urls import include  # noqa: E402

urlpatterns += [path("", include("opencex.web.booking_urls"))]
# Bin collection day by address, its calendar feed and reminders (opencex.bincollections).
urlpatterns += [path("", include("opencex.web.bin_urls"))]
# The Residents Panel and Youth Panel: joining, leaving, the yearly refresh (opencex.panels).
urlpatterns += [path("", include("opencex.web.panel_urls"))]

# The form builder's preview of a draft (administrators; the builder is staff:formbuilder).
from opencex.web import form_preview_views  # noqa: E402

urlpatterns += [
    path("form-preview/<int:pk>/", form_preview_views.preview_start, name="formbuilder-preview"),
    path(
        "form-preview/<int:pk>/check-your-answers/",
        form_preview_views.preview_check,
        name="formbuilder-preview-check",
    ),
    path(
        "form-preview/<int:pk>/<slug:page_id>/",
        form_preview_views.preview_page,
        name="formbuilder-preview-page",
    ),
]

# The language switcher's links (opencex.web.language_views).
from opencex.web import language_views  # noqa: E402

urlpatterns += [
    path("language/<str:code>/", language_views.choose_language, name="choose-language"),
]

# Help using the online services: the Digital Café and the assisted-digital places (issue 13).
urlpatterns += [path("help-online/", views.online_help, name="online-help")]
urlpatterns += [
    path("guidance/<slug:slug>/print/", search_views.guidance_print, name="guidance-print"),
]

# The council's performance against its targets (issue 14).
from opencex.web import performance_views  # noqa: E402

urlpatterns += [path("performance/", performance_views.performance, name="performance")]
from opencex.web import yousaidwedid_views  # noqa: E402

urlpatterns += [path("you-said-we-did/", yousaidwedid_views.changes, name="you-said-we-did")]

# Consultations: open ones and how to take part; closed ones with results and decisions (issue 15).
from opencex.web import consultation_views  # noqa: E402

urlpatterns += [
    path("consultations/", consultation_views.consultations, name="consultations"),
    path("consultations/<int:pk>/", consultation_views.consultation, name="consultation"),
]

# Surveys (issue 15): answering with one's own invitation link (opencex.surveys).
from opencex.web import survey_views  # noqa: E402

urlpatterns += [
    path("surveys/open/<int:pk>/", survey_views.open_survey, name="survey-open"),
    path("surveys/<str:token>/", survey_views.survey_start, name="survey"),
    path(
        "surveys/<str:token>/check-your-answers/",
        survey_views.survey_check,
        name="survey-check",
    ),
    path("surveys/<str:token>/thank-you/", survey_views.survey_done, name="survey-done"),
    path("surveys/<str:token>/<slug:page_id>/", survey_views.survey_page, name="survey-page"),
]
# Our plan: the Citizen Experience action plan and readiness scores (issue 15).
from opencex.web import readiness_views  # noqa: E402

urlpatterns += [path("our-plan/", readiness_views.our_plan, name="our-plan")]
