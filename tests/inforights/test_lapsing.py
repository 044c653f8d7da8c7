"""The daily lapse of FOI requests whose fee went unpaid: the command and its daily job."""

from decimal import Decimal

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from opencex.cases.models import CaseKind, Status
from opencex.inforights import services
from opencex.inforights.lapsing import lapse_unpaid_fees_every_day
from tests.inforights.conftest import D

pytestmark = pytest.mark.django_db


def test_the_command_lapses_requests_as_of_the_day_given(open_request, ig_officer, capsys):
    case = open_request(CaseKind.FOI, "2026-02-02")
    services.issue_fees_notice(
        actor=ig_officer, case=case, amount=Decimal("10"), on=D("2026-02-09")
    )
    call_command("lapse_unpaid_fees", today=D("2026-05-09"))
    assert "Lapsed 1 request(s)." in capsys.readouterr().out
    case.refresh_from_db()
    assert case.status == Status.WITHDRAWN


def test_the_daily_job_is_queued_once_however_often_it_is_started(capsys):
    call_command("lapse_unpaid_fees", every_day=True)
    call_command("lapse_unpaid_fees", every_day=True)
    assert "already scheduled" in capsys.readouterr().out
    queued = DBTaskResult.objects.filter(task_path=lapse_unpaid_fees_every_day.module_path)
    assert queued.count() == 1
