"""The Splink 5 model the bench runs beside the engine (DuckDB backend), as its docs recommend.

Splink gets the records already cleaned by the engine's own normaliser (names folded and split,
postcodes, emails and phones in one form), so the comparison is between the two models, not
between cleaning steps; that cleaning is not counted in Splink's time.

The model: Splink's out-of-the-box comparisons (NameComparison for first name and surname with
term frequency adjustments, DateOfBirthComparison, PostcodeComparison for UK postcodes or
Levenshtein for FEBRL's four-digit ones, Jaro-Winkler bands for the address, EmailComparison,
exact phone and UPRN); prediction blocking rules like the engine's keys (first name and surname,
surname and birth year, date of birth and first initial, postcode and first initial, email,
phone, UPRN, address). Training as the Splink tutorial does: the match rate from a strict
deterministic rule (recall 0.7), u by random sampling (1e6 pairs, fixed seed), then m by two EM
sessions blocked on first name and surname, and on date of birth.
"""

from __future__ import annotations

import pandas as pd
import splink.comparison_library as cl
from splink import DuckDBAPI, Linker, SettingsCreator, block_on

from opencex.matching.linkage import PersonRecord
from opencex.matching.linkage.normalise import person


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


def run(
    data: pd.DataFrame, *, fields: tuple[str, ...], uk_postcodes: bool, floor: float
) -> pd.DataFrame:
    """Train and predict; the pairs scored at or above `floor` (unique_id_l, unique_id_r, p)."""
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
        comparisons.append(cl.ExactMatch("uprn"))
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
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=1)
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("first_name", "surname")
    )
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("dob"))
    predicted = linker.inference.predict(threshold_match_probability=floor).as_pandas_dataframe()
    return predicted[["unique_id_l", "unique_id_r", "match_probability"]]
