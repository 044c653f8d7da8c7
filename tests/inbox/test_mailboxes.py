"""The council's mailboxes and request sites are profile data, checked when loaded."""

import dataclasses
import tomllib

import pytest
from django.core import checks

from opencex.council.profile import PROFILES_DIR, Mailbox, ProfileError, load_profile, parse_profile


def oxford_raw() -> dict:
    with (PROFILES_DIR / "oxford.toml").open("rb") as handle:
        return tomllib.load(handle)


def test_oxford_reads_foi_and_subject_access_requests_from_their_own_mailboxes():
    inbox = load_profile("oxford").inbox
    assert inbox.mailbox("FOI@oxford.gov.uk").kind == "foi"
    assert inbox.mailbox("subjectaccess@oxford.gov.uk").kind == "sar"
    assert inbox.mailbox("someone@oxford.gov.uk") is None


def test_replies_go_to_the_mailbox_for_the_kind_or_else_customer_services():
    inbox = load_profile("oxford").inbox
    assert inbox.reply_address_for("foi") == "foi@oxford.gov.uk"
    assert inbox.reply_address_for("service_request") == "customerservices@oxford.gov.uk"


def test_whatdotheyknow_gives_its_request_number_and_the_request_title():
    [site] = load_profile("oxford").inbox.request_sites
    assert site.reference_in("foi+request-98765-ab12cd34@whatdotheyknow.com") == "98765"
    assert site.reference_in("foi@whatdotheyknow.com.evil.example") is None
    assert site.title_in("RE: Freedom of Information request - Bus lanes") == "Bus lanes"


def test_a_request_site_pattern_without_its_reference_group_is_refused():
    raw = oxford_raw()
    raw["inbox"]["request_sites"][0]["address_pattern"] = r"foi\+request-\d+@example\.org"
    with pytest.raises(ProfileError, match="needs a group named 'reference'"):
        parse_profile(raw)


def test_a_broken_request_site_pattern_is_refused():
    raw = oxford_raw()
    raw["inbox"]["request_sites"][0]["subject_pattern"] = "(?P<title>"
    with pytest.raises(ProfileError, match="not a valid pattern"):
        parse_profile(raw)


def test_a_mailbox_listed_twice_is_refused():
    raw = oxford_raw()
    raw["inbox"]["mailboxes"].append({"address": "FOI@oxford.gov.uk", "kind": "eir"})
    with pytest.raises(ProfileError, match="listed twice"):
        parse_profile(raw)


def test_a_profile_without_an_inbox_reads_no_email():
    raw = oxford_raw()
    raw.pop("inbox")
    assert parse_profile(raw).inbox.mailboxes == ()


def test_the_system_check_names_a_mailbox_whose_kind_is_not_a_case_kind(settings):
    profile = settings.COUNCIL_PROFILE
    settings.COUNCIL_PROFILE = dataclasses.replace(
        profile,
        inbox=dataclasses.replace(
            profile.inbox, mailboxes=(Mailbox(address="fio@oxford.gov.uk", kind="fio"),)
        ),
    )
    errors = [error for error in checks.run_checks() if error.id == "inbox.E001"]
    assert [error.msg for error in errors] == [
        "The council profile's mailbox fio@oxford.gov.uk opens 'fio' cases."
    ]
