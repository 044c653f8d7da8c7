"""The Splink 5 model the bench runs beside the engine (DuckDB backend), as its docs recommend.

Splink gets the records already cleaned by the engine's own normaliser (names folded and split,
postcodes, emails and phones in one form), so the comparison is between the two models, not
between cleaning steps; that cleaning is not counted in Splink's time.

The model, as an experienced Splink user would build it for each kind of data. On council records
(the synthetic UK set: UPRN, email and phone, families and twins at one address) people who live
together share their home, so UPRN, postcode and address are one comparison (same UPRN and first
name close / same UPRN / same postcode, address and first name close / same postcode and address
close / postcode sector and address close / same postcode / address close / postcode sector /
else): a household is counted once, and a shared home says less when first names differ; first
name and surname are one comparison (full name exact / reversed / surname same and first name
close / both close / surname same and first name different / ... / else, with term frequency
adjustments on the surname), so a shared surname with a different first name gets its own weight;
DateOfBirthComparison,
EmailComparison and exact phone as they are. On FEBRL (no households) Splink's out-of-the-box
independent comparisons (NameComparison with term frequency adjustments for each name,
DateOfBirthComparison, Levenshtein on the four-digit postcode, Jaro-Winkler bands on the address)
scored higher than the combined ones, so they are kept there. Prediction blocking rules like the
engine's keys (first name and surname, surname and birth year, date of birth and first initial,
postcode and first initial, email, phone, UPRN, address). Training as Splink's docs recommend: the
match rate from a strict deterministic rule (recall 0.7), u by random sampling (U_PAIRS, fixed
seed), then m by two EM sessions blocked on first name and surname, and on date of birth.
"""

from __future__ import annotations

import pandas as pd
import splink.comparison_level_library as cll
import splink.comparison_library as cl
from splink import DuckDBAPI, Linker, SettingsCreator, block_on
from splink.internals.comparison_level_creator import ComparisonLevelCreator

from opencex.matching.linkage import PersonRecord
from opencex.matching.linkage.normalise import person

U_PAIRS = 2e6  # random pairs for u; Splink's docs suggest 1e6 to 1e7


def _uk_postcode(code: str) -> str | None:
    return f"{code[:-3]} {code[-3:]}" if len(code) >= 5 else (code or None)


def frame(records: list[PersonRecord], *, uk_postcodes: bool) -> pd.DataFrame:
    rows = []
    for record in records:
        p = person(record)
        dob = f"{p.dob // 10000:04d}-{p.dob // 100 % 100:02d}-{p.dob % 100:02d}" if p.dob else None
        rows.append(
            {
                "unique_id": record.id,
                "first_name": p.given or None,
                "surname": p.surname_key or None,
                "dob": dob,
                "postcode": (_uk_postcode(p.postcode) if uk_postcodes else p.postcode) or None,
                "address": p.address or None,
                "email": p.email or None,
                "phone": p.phone or None,
                "uprn": p.uprn or None,
            }
        )
    return pd.DataFrame(rows)


def _name() -> cl.CustomComparison:
    """First name and surname as one comparison, so that a shared surname with a different first
    name (a parent and child, twins) gets its own weight instead of the surname's full agreement."""
    first, surname = "first_name", "surname"
    tf_surname = {"tf_adjustment_column": surname, "tf_adjustment_weight": 1.0}
    return cl.CustomComparison(
        output_column_name="name",
        comparison_levels=[
            cll.Or(cll.NullLevel(first), cll.NullLevel(surname)),
            cll.And(cll.ExactMatchLevel(first), cll.ExactMatchLevel(surname))
            .configure(**tf_surname)
            .configure(label_for_charts="full name exact"),
            cll.ColumnsReversedLevel(first, surname, symmetrical=True),
            cll.And(cll.JaroWinklerLevel(first, 0.9), cll.ExactMatchLevel(surname)).configure(
                **tf_surname
            ),
            cll.And(cll.JaroWinklerLevel(first, 0.9), cll.JaroWinklerLevel(surname, 0.9)),
            cll.And(cll.ExactMatchLevel(first), cll.JaroWinklerLevel(surname, 0.8)),
            cll.And(cll.JaroWinklerLevel(first, 0.7), cll.ExactMatchLevel(surname)).configure(
                **tf_surname
            ),
            cll.ExactMatchLevel(surname)
            .configure(**tf_surname)
            .configure(label_for_charts="surname exact, first name different"),
            cll.JaroWinklerLevel(surname, 0.9).configure(
                label_for_charts="surname close, first name different"
            ),
            cll.ElseLevel(),
        ],
    )


def _home(*, uprn: bool, uk_postcodes: bool) -> cl.CustomComparison:
    """UPRN, postcode and address as one comparison: people who live together share them all, so
    each pair is counted once, at its strongest level (their joint levels are learnt by EM)."""
    near_postcode = (
        cll.CustomLevel(
            "substr(postcode_l, 1, length(postcode_l) - 2)"
            " = substr(postcode_r, 1, length(postcode_r) - 2)",
            label_for_charts="postcode sector",
        )
        if uk_postcodes
        else cll.LevenshteinLevel("postcode", 1)
    )
    null = "(postcode_l IS NULL OR postcode_r IS NULL) AND (address_l IS NULL OR address_r IS NULL)"
    if uprn:
        null += " AND (uprn_l IS NULL OR uprn_r IS NULL)"
    levels: list[ComparisonLevelCreator] = [
        cll.CustomLevel(null, label_for_charts="home unknown").configure(is_null_level=True)
    ]
    if uprn:
        # Interaction: a shared home says less when the first names differ (parent and child).
        same_first = cll.JaroWinklerLevel("first_name", 0.9)
        levels += [
            cll.And(cll.ExactMatchLevel("uprn"), same_first),
            cll.ExactMatchLevel("uprn"),
            cll.And(
                cll.ExactMatchLevel("postcode"), cll.JaroWinklerLevel("address", 0.95), same_first
            ),
        ]
    levels += [
        cll.And(cll.ExactMatchLevel("postcode"), cll.JaroWinklerLevel("address", 0.95)),
        cll.And(cll.ExactMatchLevel("postcode"), cll.JaroWinklerLevel("address", 0.8)),
        cll.And(near_postcode, cll.JaroWinklerLevel("address", 0.95)),
        cll.And(near_postcode, cll.JaroWinklerLevel("address", 0.85)),
        cll.ExactMatchLevel("postcode"),
        cll.JaroWinklerLevel("address", 0.95),
        near_postcode,
        cll.ElseLevel(),
    ]
    return cl.CustomComparison(output_column_name="home", comparison_levels=levels)


def run(
    data: pd.DataFrame, *, fields: tuple[str, ...], uk_postcodes: bool, floor: float
) -> pd.DataFrame:
    """Train and predict; the pairs scored at or above `floor` (unique_id_l, unique_id_r, p)."""
    if "uprn" in fields:  # council records: households share a home and contact details
        comparisons = [
            _name(),
            cl.DateOfBirthComparison("dob", input_is_string=True),
            _home(uprn=True, uk_postcodes=uk_postcodes),
        ]
    else:  # FEBRL: no households; independent comparisons scored higher there
        comparisons = [
            cl.NameComparison("first_name").configure(term_frequency_adjustments=True),
            cl.NameComparison("surname").configure(term_frequency_adjustments=True),
            cl.DateOfBirthComparison("dob", input_is_string=True),
            cl.PostcodeComparison("postcode")
            if uk_postcodes
            else cl.LevenshteinAtThresholds("postcode", [1, 2]),
            cl.JaroWinklerAtThresholds("address", [0.95, 0.85]),
        ]
    rules = [
        block_on("first_name", "surname"),
        block_on("surname", "substr(dob, 1, 4)"),
        block_on("dob", "substr(first_name, 1, 1)"),
        block_on("postcode", "substr(first_name, 1, 1)"),
        block_on("address"),
    ]
    if "email" in fields:
        comparisons.append(cl.EmailComparison("email"))
        rules.append(block_on("email"))
    if "phone" in fields:
        comparisons.append(cl.ExactMatch("phone"))
        rules.append(block_on("phone"))
    if "uprn" in fields:
        rules.append(block_on("uprn"))
    keep = ["unique_id", "first_name", "surname", *fields]
    settings = SettingsCreator(
        link_type="dedupe_only",
        comparisons=comparisons,
        blocking_rules_to_generate_predictions=rules,
        retain_matching_columns=False,
        retain_intermediate_calculation_columns=False,
    )
    db_api = DuckDBAPI()
    table = db_api.register(data[keep])
    linker = Linker(table, settings, log_level="ERROR")
    linker.training.estimate_probability_two_random_records_match(
        [block_on("first_name", "surname", "dob")], recall=0.7
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=U_PAIRS, seed=1)
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("first_name", "surname")
    )
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("dob"))
    predicted = linker.inference.predict(threshold_match_probability=floor).as_pandas_dataframe()
    return predicted[["unique_id_l", "unique_id_r", "match_probability"]]
