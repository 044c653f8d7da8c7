"""Journey 7: a Polish-speaking resident switches language and reports fly-tipping with a photo,
in a real browser with axe on every page, and gets the acknowledgement email in Polish; and the
same form read right to left in Arabic.

Buttons and other interface text come from gettext, whose Polish and Arabic catalogues are
translated separately, so the journey finds buttons by what they do and checks the words that
come from data (the catalogue and the form definition), which are translated here.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

from opencex.cases.models import Case
from opencex.catalogue.loading import demo_catalogue_file, load_catalogue_file
from opencex.forms.loading import sync_form_definitions
from tests.browser.conftest import SCREENSHOTS, assert_accessible
from tests.forms.conftest import tiny_png

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CONTINUE = "main button[name=action][value=continue]:visible"


@pytest.fixture
def oxford():
    """The council's own catalogue, with its translations, and its forms."""
    load_catalogue_file(demo_catalogue_file(settings.COUNCIL_PROFILE.slug))
    sync_form_definitions()


def test_a_polish_speaker_reports_fly_tipping_with_a_photo(
    page: Page, oxford, tmp_path, smtp_server, run_jobs
):
    photo = tmp_path / "fly-tipping.png"
    photo.write_bytes(tiny_png())

    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert_accessible(page)
    page.get_by_role("link", name="Polski").click()
    expect(page.locator("html")).to_have_attribute("lang", "pl")
    expect(page.locator(".app-language-switcher__current")).to_have_text("Polski")
    assert_accessible(page)

    page.goto("/services/")
    assert_accessible(page)
    page.get_by_role("link", name="Zgłoszenie nielegalnie porzuconych śmieci").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Zgłoszenie nielegalnie porzuconych śmieci"
    )
    expect(
        page.get_by_text("Prosimy poinformować nas o śmieciach nielegalnie porzuconych")
    ).to_be_visible()
    expect(page.get_by_text("usuwamy w ciągu 2 dni roboczych")).to_be_visible()
    assert_accessible(page)

    page.locator("main a.govuk-button--start").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Zgłoszenie nielegalnie porzuconych śmieci"
    )
    expect(page.get_by_text("Mogą Państwo dodać zdjęcie. Zajmie to około 5 minut.")).to_be_visible()
    assert_accessible(page)
    page.locator("main button.govuk-button--start").click()

    # Where: sent empty first, so the error is shown in Polish, linked to the field.
    expect(page.get_by_role("heading", level=1)).to_have_text("Gdzie są porzucone śmieci?")
    page.locator(CONTINUE).click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Proszę opisać, gdzie są porzucone śmieci")
    assert_accessible(page)
    summary.locator("a").click()
    expect(page.locator("#location-description")).to_be_focused()
    page.locator("#location-description").fill("Przy Magdalen Road 20, obok latarni")
    page.locator(CONTINUE).click()

    # What and how much.
    expect(page.get_by_role("heading", level=1)).to_have_text("Co zostało porzucone?")
    page.get_by_label("Meble lub materace").check()
    page.get_by_label("Jedna rzecz").check()
    assert_accessible(page)
    page.locator(CONTINUE).click()

    # The photo.
    page.get_by_label("Zdjęcie (nieobowiązkowo)").set_input_files(photo)
    assert_accessible(page)
    page.locator(CONTINUE).click()

    # Contact details.
    expect(page.get_by_role("heading", level=1)).to_have_text("Dane kontaktowe")
    page.get_by_label("Imię i nazwisko").fill("Piotr Nowak")
    page.get_by_label("Adres e-mail").fill("piotr@example.org")
    assert_accessible(page)
    page.locator(CONTINUE).click()

    # Check your answers, read back in Polish.
    answers = page.locator(".govuk-summary-list")
    expect(answers).to_contain_text("Gdzie są porzucone śmieci?")
    expect(answers).to_contain_text("Meble lub materace")
    expect(answers).to_contain_text("Jedna rzecz")
    expect(answers).to_contain_text("fly-tipping.png")
    expect(page.locator("html")).to_have_attribute("lang", "pl")
    assert_accessible(page)
    page.screenshot(path=SCREENSHOTS / "journey-7-check-answers-pl.png", full_page=True)
    page.locator("main button[data-prevent-double-click]").click()

    # Sent: the reference, and what happens next in Polish.
    panel = page.locator(".govuk-panel")
    expect(panel).to_be_visible()
    case = Case.objects.get()
    expect(panel).to_contain_text(case.reference)
    expect(page.get_by_text("Sprawdzimy zgłoszenie i uprzątniemy teren publiczny")).to_be_visible()
    assert_accessible(page)

    # The case, for an English-speaking officer, says to reply in Polish.
    assert case.answers["language"] == "pl"
    assert case.subject.startswith("Fly-tipping: Furniture or mattresses at Przy Magdalen Road")
    assert case.attachments.get().original_name == "fly-tipping.png"

    # The acknowledgement email, through the real mail server, is in Polish too.
    run_jobs()
    received = smtp_server.messages[-1]
    assert received["To"] == "piotr@example.org"
    assert received["Subject"].strip().startswith("Otrzymaliśmy Państwa sprawę")
    assert case.reference in received["Subject"]
    body = received.get_content()
    assert f"Numer referencyjny sprawy to {case.reference}" in body
    assert "Your reference number" not in body


def test_the_fly_tipping_question_in_arabic_reads_right_to_left(page: Page, oxford):
    page.goto("/forms/report-fly-tipping/")
    page.get_by_role("link", name="العربية").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "الإبلاغ عن نفايات مرمية بشكل غير قانوني"
    )
    page.locator("main button.govuk-button--start").click()

    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.get_by_role("heading", level=1)).to_have_text("أين توجد النفايات المرمية؟")
    expect(page.get_by_text("اذكر اسم الشارع وشيئًا قريبًا منها")).to_be_visible()
    assert_accessible(page)
    page.screenshot(path=SCREENSHOTS / "journey-7-question-ar.png", full_page=True)
