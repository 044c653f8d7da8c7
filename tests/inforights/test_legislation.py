"""The legislation's lists as data, checked against the Acts: FOIA 2000 Part II (ss21-44, absolute
ones per s2(3)) and EIR 2004 regs 12(4), 12(5) and 13."""

import re

from opencex.inforights.legislation import (
    EIR_EXCEPTIONS,
    FOIA_EXEMPTIONS,
    FOIA_REFUSAL_GROUNDS,
    Law,
    citable_for,
    exemption,
)


def _section(item) -> str:
    return re.match(r"section (\d+A?)", item.provision).group(1)


def test_every_foia_part_two_section_from_21_to_44_is_listed():
    # Section 25 holds supplementary provisions about certificates: it exempts nothing.
    expected = {str(n) for n in range(21, 45)} - {"25"} | {"22A"}
    assert {_section(item) for item in FOIA_EXEMPTIONS} == expected


def test_the_absolute_foia_exemptions_are_those_in_section_2_3():
    absolute = {item.provision for item in FOIA_EXEMPTIONS if not item.needs_public_interest}
    assert absolute == {
        "section 21",
        "section 23",
        "section 32",
        "section 34",
        "section 37(1)(a)-(ab)",
        "section 40(1)",
        "section 40(2)",
        "section 41",
        "section 44",
    }


def test_section_36_is_qualified_for_a_council():
    assert exemption("foia-s36").needs_public_interest


def test_every_eir_exception_in_regulations_12_4_and_12_5_is_listed():
    listed = {item.provision.removeprefix("regulation ") for item in EIR_EXCEPTIONS}
    expected = {f"12(4)({letter})" for letter in "abcde"} | {
        f"12(5)({letter})" for letter in "abcdefg"
    }
    assert expected | {"13"} <= listed


def test_every_eir_exception_needs_the_public_interest_test_except_regulation_13_first_condition():
    absolute = [item.code for item in EIR_EXCEPTIONS if not item.needs_public_interest]
    assert absolute == ["eir-13"]


def test_refusal_grounds_for_cost_and_vexatious_or_repeated_requests_need_no_public_interest():
    assert [item.provision for item in FOIA_REFUSAL_GROUNDS] == [
        "section 12",
        "section 14(1)",
        "section 14(2)",
    ]
    assert not any(item.needs_public_interest for item in FOIA_REFUSAL_GROUNDS)


def test_codes_are_unique_across_both_laws():
    codes = [item.code for item in (*FOIA_EXEMPTIONS, *FOIA_REFUSAL_GROUNDS, *EIR_EXCEPTIONS)]
    assert len(codes) == len(set(codes))


def test_an_foi_refusal_cites_foia_and_an_eir_refusal_cites_the_eir():
    assert {item.law for item in citable_for(Law.FOIA)} == {Law.FOIA}
    assert {item.law for item in citable_for(Law.EIR)} == {Law.EIR}
    assert citable_for(None) == ()
