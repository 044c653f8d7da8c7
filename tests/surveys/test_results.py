"""A survey's results as staff read them, against hand-counted responses; who may read them;
the CSV and XLSX downloads."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from opencex.accounts.models import Role
from opencex.feedback.models import CommentTheme
from opencex.surveys import results, services
from opencex.surveys.models import Invitation, Response
from tests.factories import UserFactory
from tests.surveys.conftest import member

pytestmark = pytest.mark.django_db
ON = dt.datetime(2026, 11, 20, 12, tzinfo=dt.UTC)

# Hand-counted: 12 responses; overall: 4 very, 3 fairly, 2 neither, 2 fairly dis., 1 very dis.
OVERALL = ["very_satisfied"] * 4 + ["fairly_satisfied"] * 3 + ["neither"] * 2
OVERALL += ["fairly_dissatisfied"] * 2 + ["very_dissatisfied"]
COMMENTS = ["The bins were late again", "Bin collections missed", '=HYPERLINK("x")', "", "", ""]
COMMENTS += [""] * 6


@pytest.fixture
def answered(panel_survey):
    version = panel_survey.form.current_version()
    for overall, comment in zip(OVERALL, COMMENTS, strict=True):
        answers = {"overall_satisfaction": overall}
        if comment:
            answers["improve_comment"] = comment
        Response.objects.create(
            survey=panel_survey, version=version, answers=answers, language="en", submitted_at=ON
        )
    return panel_survey


def test_each_option_is_counted_and_the_share_satisfied_is_worked_out(answered):
    [overall, *_demographic] = results.question_results(answered)
    assert overall.key == "overall_satisfaction"
    assert overall.is_bank
    assert [(o.value, o.count) for o in overall.options] == [
        ("very_satisfied", 4),
        ("fairly_satisfied", 3),
        ("neither", 2),
        ("fairly_dissatisfied", 2),
        ("very_dissatisfied", 1),
    ]
    assert (overall.positive, overall.with_a_view, overall.answered) == (7, 12, 12)


def test_free_text_answers_are_themed_with_the_feedback_matcher(answered):
    # The council's seeded themes: "Bins and recycling" has the keywords "bin" and "bins".
    assert CommentTheme.objects.filter(name="Bins and recycling", is_active=True).exists()
    [comments] = results.free_text(answered)
    assert len(comments.answers) == 3
    assert comments.themes == [("Bins and recycling", 2)]
    assert comments.unthemed == 1


def test_response_rates_by_stratum(panel, panel_survey):
    for band in ["18_24"] * 6 + [""] * 4:
        member(panel, age_band=band)
    invited = services.invite_sample(survey=panel_survey, panel=panel, size=10, seed=1)
    answering = [i.pk for i in invited if i.age_band == "18_24"][:3]
    Invitation.objects.filter(pk__in=answering).update(answered_at=ON)

    rows = {
        row.stratum: (row.invited, row.answered)
        for row in results.response_rates(panel_survey, "age_band")
    }
    assert rows == {"18_24": (6, 3), "not given": (4, 0)}


@pytest.fixture
def manager(client):
    client.force_login(UserFactory(role=Role.TEAM_MANAGER, password=None))
    return client


@pytest.mark.parametrize("role", [Role.RESIDENT, Role.CONTACT_CENTRE, Role.CASEWORKER])
def test_only_report_roles_see_results(client, answered, role):
    client.force_login(UserFactory(role=role, password=None))
    for name in ("staff:survey-results", "staff:survey-results-csv", "staff:survey-results-xlsx"):
        assert client.get(reverse(name, args=[answered.pk])).status_code == 403
    assert client.get(reverse("staff:surveys")).status_code == 403


def test_the_results_page_hides_small_counts_and_draws_only_whole_tables(manager, answered):
    page = manager.get(reverse("staff:survey-results", args=[answered.pk])).content.decode()
    assert "Taking everything into account" in page
    assert "fewer than 5" in page  # 4, 3, 2, 2 and 1 are each under the threshold
    assert "7 of the 12 who gave a view" in page
    assert 'role="img"' not in page  # no chart of a table with hidden counts
    assert manager.get(reverse("staff:surveys")).status_code == 200


def test_a_table_with_every_count_shown_gets_a_chart(manager, panel_survey):
    version = panel_survey.form.current_version()
    options = ["very_satisfied", "fairly_satisfied", "neither", "fairly_dissatisfied"]
    for overall in [*options, "very_dissatisfied"] * 5:
        Response.objects.create(
            survey=panel_survey,
            version=version,
            answers={"overall_satisfaction": overall},
            language="en",
            submitted_at=ON,
        )
    page = manager.get(reverse("staff:survey-results", args=[panel_survey.pk])).content.decode()
    assert page.count('role="img"') == 1  # the overall question; the others have no answers
    assert "10 of the 25 who gave a view" in page


def test_the_csv_has_every_response_and_guards_formulas(manager, answered):
    response = manager.get(reverse("staff:survey-results-csv", args=[answered.pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["Response", "Sent on", "Language"]
    assert len(rows) == 13
    column = rows[0].index("overall_satisfaction")
    assert [row[column] for row in rows[1:]].count("Very satisfied") == 4
    comment = rows[0].index("improve_comment")
    assert rows[3][comment] == '\'=HYPERLINK("x")'


def test_the_xlsx_has_the_tables_and_the_responses(manager, answered):
    response = manager.get(reverse("staff:survey-results-xlsx", args=[answered.pk]))
    book = load_workbook(io.BytesIO(response.content))
    sheet = book["Responses"]
    assert sheet.max_row == 13
    assert sheet["A2"].value == Response.objects.order_by("pk").first().pk


def test_the_reports_page_links_to_the_surveys(manager):
    page = manager.get(reverse("staff:reports")).content.decode()
    assert f'href="{reverse("staff:surveys")}"' in page
    assert manager.get(reverse("staff:surveys")).status_code == 200


def test_the_list_counts_each_surveys_own_responses(manager, answered, tenant_survey):
    from opencex.surveys.selectors import surveys_with_counts

    counts = {s.pk: (s.invited, s.answered) for s in surveys_with_counts()}
    assert counts == {answered.pk: (0, len(OVERALL)), tenant_survey.pk: (0, 0)}
    page = manager.get(reverse("staff:surveys")).content.decode()
    assert f'<td class="govuk-table__cell govuk-table__cell--numeric">{len(OVERALL)}</td>' in page
