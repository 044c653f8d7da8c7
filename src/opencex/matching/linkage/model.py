"""Fellegi-Sunter match weights: m and u per comparison level, estimated from the records (EM).

For each field and level, m is how often a true duplicate pair shows that level and u how often
two different people do; the level's weight is log2(m / u). A pair's score is the prior log-odds
plus its weights, turned into a probability. u comes from random pairs of the records themselves
(nearly all different people), m from expectation-maximisation over the blocked pairs, as Splink
does; no labelled pairs are needed. Surnames and given names that agree exactly also get a term
frequency adjustment: sharing a rare surname says more than sharing "smith".

The address, postcode and UPRN all say where a person lives, and people who live together share
them all: their agreements are counted once (the strongest), so that a household is not taken for
one person; their disagreements still all count. When both first names are known and clearly
differ, the contact details a family shares (address, phone, email) count for nothing, so that a
parent and child are not taken for one person; and such a pair is never more than a case for an
officer to look at (DIFFERENT_FIRST_NAMES_AT_MOST), since twins agree on everything else.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .comparisons import FIELD_INDEX, FIELDS, Columns, compare_pairs

# Starting values for EM, and the parameters used as they are when there are too few records to
# estimate from (one level per entry, strongest first, "different" last).
_PRIOR_M = (
    (0.82, 0.05, 0.05, 0.04, 0.04),
    (0.85, 0.06, 0.02, 0.03, 0.04),
    (0.85, 0.08, 0.03, 0.04),
    (0.80, 0.04, 0.04, 0.12),
    (0.75, 0.08, 0.04, 0.13),
    (0.80, 0.20),
    (0.80, 0.04, 0.16),
    (0.85, 0.15),
)
_PRIOR_U = (
    (0.01, 0.002, 0.004, 0.02, 0.964),
    (0.002, 0.002, 0.002, 0.01, 0.984),
    (0.00005, 0.0003, 0.012, 0.98765),
    (0.0005, 0.001, 0.005, 0.9935),
    (0.0002, 0.0001, 0.001, 0.9987),
    (0.00001, 0.99999),
    (0.00001, 0.00005, 0.99994),
    (0.0002, 0.9998),
)
# The chance that two records picked at random are one person, for `compare` and small sets; a
# trained model estimates it from the records.
_PRIOR_MATCH_RATE = 1e-4
_SESSION_MATCH_RATE = 0.05  # where an EM session starts: among its blocked pairs
_GIVEN, _SURNAME = FIELD_INDEX["given_name"], FIELD_INDEX["surname"]
_DOB = FIELD_INDEX["date_of_birth"]
_HOME = np.array([f.is_home for f in FIELDS])
_SHARED_BY_FAMILIES = np.array([f.is_home or f.name in {"email", "phone"} for f in FIELDS])
# A pair whose first names clearly differ is at most this likely: twins share everything else,
# and so do the duplicates where a first name was replaced; an officer tells them apart.
DIFFERENT_FIRST_NAMES_AT_MOST = 0.8
_DIFFERENT_FIRST_NAMES_BITS = float(
    np.log2(DIFFERENT_FIRST_NAMES_AT_MOST / (1 - DIFFERENT_FIRST_NAMES_AT_MOST))
)
_MIN_RECORDS_TO_TRAIN = 1000
_MIN_SESSION_PAIRS = 50
_EM_ITERATIONS = 25
_U_SAMPLE = 100_000
_MAX_TF_BONUS = 4.0  # bits: the most a rare name adds above the average exact agreement


@dataclass
class Model:
    m: list[np.ndarray]
    u: list[np.ndarray]
    match_rate: float
    # Relative frequency of each surname and given name among the records trained on.
    surname_frequency: dict[str, float] = field(default_factory=dict)
    given_frequency: dict[str, float] = field(default_factory=dict)
    trained_on: int = 0

    def weights(self) -> list[np.ndarray]:
        return [np.log2(m / u) for m, u in zip(self.m, self.u, strict=True)]

    @property
    def prior_bits(self) -> float:
        return float(np.log2(self.match_rate / (1 - self.match_rate)))


def prior_model() -> Model:
    return Model(
        m=[np.array(row) for row in _PRIOR_M],
        u=[np.array(row) for row in _PRIOR_U],
        match_rate=_PRIOR_MATCH_RATE,
    )


def field_weights(model: Model, levels: np.ndarray) -> np.ndarray:
    """The weight (bits) each field adds for each pair: shape (pairs, fields); 0 when missing."""
    weights = model.weights()
    out = np.zeros(levels.shape, dtype=np.float64)
    for number, table in enumerate(weights):
        column = levels[:, number]
        present = column >= 0
        out[present, number] = table[column[present]]
    return out


def _frequency_bonus(
    model: Model,
    columns: Columns,
    rows: np.ndarray,
    codes: np.ndarray,
    frequencies: dict[str, float],
    exact_u: float,
) -> np.ndarray:
    """Bits added to an exact name agreement for how rare the name is (negative when common)."""
    if not frequencies:
        return np.zeros(len(rows))
    table = columns.lookup(frequencies)
    floor = 1.0 / max(model.trained_on, 1)
    frequency = np.maximum(table[codes[rows]], floor)
    return np.clip(np.log2(exact_u / frequency), -_MAX_TF_BONUS, _MAX_TF_BONUS)


def score_bits(
    model: Model, columns: Columns, left: np.ndarray, right: np.ndarray, levels: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The match weight of each pair (log2 odds) and the per-field weights behind it."""
    weights = field_weights(model, levels)
    exact_given = levels[:, _GIVEN] == 0
    weights[exact_given, _GIVEN] += _frequency_bonus(
        model, columns, left[exact_given], columns.given, model.given_frequency, model.u[_GIVEN][0]
    )
    exact_surname = levels[:, _SURNAME] == 0
    weights[exact_surname, _SURNAME] += _frequency_bonus(
        model,
        columns,
        left[exact_surname],
        columns.surname,
        model.surname_frequency,
        model.u[_SURNAME][0],
    )
    # First names that clearly differ: the contact details people living together share
    # (address, phone, email) count for nothing, and the pair is at most a case to look at.
    different_given = levels[:, _GIVEN] == len(FIELDS[_GIVEN].levels) - 1
    shared = different_given[:, None] & _SHARED_BY_FAMILIES[None, :]
    weights[shared] = np.minimum(weights[shared], 0)
    home = weights[:, _HOME]
    counted = (
        weights[:, ~_HOME].sum(axis=1)
        + np.minimum(home, 0).sum(axis=1)
        + np.maximum(home, 0).max(axis=1)
    )
    bits = model.prior_bits + counted
    bits[different_given] = np.minimum(bits[different_given], _DIFFERENT_FIRST_NAMES_BITS)
    return bits, weights


def probability(bits: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp2(-np.clip(bits, -60, 60)))


def train(
    columns: Columns,
    left: np.ndarray,
    right: np.ndarray,
    *,
    levels: np.ndarray | None = None,
    seed: int = 0,
) -> Model:
    """Estimate u from random pairs, then m by EM in two sessions, then the match rate.

    As Splink recommends, each EM session runs on the blocked pairs that agree exactly on some
    fields and estimates m only for the others: pairs with the same first name and surname teach
    what a duplicate's date of birth and contact details look like; pairs with the same date of
    birth teach its names. (EM over all the blocked pairs at once settles on "same surname" rather
    than "same person".) Fields estimated in both sessions take the mean.
    """
    model = prior_model()
    n = len(columns)
    if n < _MIN_RECORDS_TO_TRAIN or len(left) == 0:
        return model
    model.trained_on = n
    model.surname_frequency = _frequencies(columns, columns.surname)
    model.given_frequency = _frequencies(columns, columns.given)
    model.u = _estimate_u(columns, seed=seed)
    if levels is None:
        levels = compare_pairs(columns, left, right)
    same_name = (levels[:, _GIVEN] == 0) & (levels[:, _SURNAME] == 0)
    same_dob = levels[:, _DOB] == 0
    estimates: list[list[np.ndarray]] = [[] for _ in FIELDS]
    for rows, fixed in ((same_name, (_GIVEN, _SURNAME)), (same_dob, (_DOB,))):
        if rows.sum() < _MIN_SESSION_PAIRS:
            continue
        m = _em_session(model, columns, left[rows], right[rows], levels[rows], fixed)
        for number in range(len(FIELDS)):
            if number not in fixed:
                estimates[number].append(m[number])
    model.m = [
        np.mean(found, axis=0) if found else model.m[number]
        for number, found in enumerate(estimates)
    ]
    model.match_rate = _estimate_match_rate(model, columns, left, right, levels)
    return model


def _em_session(
    model: Model,
    columns: Columns,
    left: np.ndarray,
    right: np.ndarray,
    levels: np.ndarray,
    fixed: tuple[int, ...],
) -> list[np.ndarray]:
    """m for every field but `fixed` (which the session's pairs agree on, so they say nothing)."""
    seen = levels.copy()
    seen[:, list(fixed)] = -1
    session = Model(
        m=list(model.m),
        u=model.u,
        match_rate=_SESSION_MATCH_RATE,
        surname_frequency=model.surname_frequency,
        given_frequency=model.given_frequency,
        trained_on=model.trained_on,
    )
    for _ in range(_EM_ITERATIONS):
        bits, _weights = score_bits(session, columns, left, right, seen)
        match = probability(bits)
        new_m = list(session.m)
        for number, prior in enumerate(_PRIOR_M):
            if number in fixed:
                continue
            column = seen[:, number]
            present = column >= 0
            counts = np.bincount(column[present], weights=match[present], minlength=len(prior))
            # A pseudo-count of the prior keeps a level seen in no pair from a weight of -infinity.
            counts = counts + np.array(prior)
            new_m[number] = counts / counts.sum()
        change = max(float(np.abs(a - b).max()) for a, b in zip(new_m, session.m, strict=True))
        session.m = new_m
        session.match_rate = float(np.clip(match.mean(), 1e-6, 1 - 1e-6))
        if change < 1e-4:
            break
    return session.m


def _estimate_match_rate(
    model: Model, columns: Columns, left: np.ndarray, right: np.ndarray, levels: np.ndarray
) -> float:
    """The chance that two records picked at random are one person, by EM with m and u held.

    It pairs with u, which is measured on random pairs too (Splink's
    probability_two_random_records_match); the pairs blocking leaves out count as different.
    """
    n = len(columns)
    all_pairs = n * (n - 1) / 2
    model.match_rate = 0.5  # no prior: the pairs' own weights, to which each rate's prior is added
    bits, _weights = score_bits(model, columns, left, right, levels)
    rate = _PRIOR_MATCH_RATE
    for _ in range(100):
        prior = np.log2(rate / (1 - rate))
        new_rate = float(np.clip(probability(bits + prior).sum() / all_pairs, 1e-12, 0.5))
        if abs(np.log(new_rate / rate)) < 1e-4:
            rate = new_rate
            break
        rate = new_rate
    return rate


def _estimate_u(columns: Columns, *, seed: int) -> list[np.ndarray]:
    """u per level: exact agreement counted from value frequencies, the rest from random pairs."""
    n = len(columns)
    rng = np.random.default_rng(seed)
    size = min(_U_SAMPLE, n * (n - 1) // 2)
    left = rng.integers(0, n, size=size)
    right = rng.integers(0, n, size=size)
    keep = left != right
    levels = compare_pairs(columns, left[keep], right[keep])
    exact_columns = (
        columns.given,
        columns.surname,
        columns.dob,
        columns.postcode,
        columns.address,
        columns.email,
        columns.phone,
        columns.uprn,
    )
    u = []
    for number, prior in enumerate(_PRIOR_U):
        column = levels[:, number]
        counts = np.bincount(column[column >= 0], minlength=len(prior)).astype(np.float64)
        counts[0] = 0
        counts = counts + np.array(prior)  # one pseudo-pair spread as the prior
        exact = _exact_agreement(exact_columns[number])
        rest = counts[1:] / counts[1:].sum() * (1 - exact)
        u.append(np.concatenate([[exact], rest]))
    return u


def _exact_agreement(codes: np.ndarray) -> float:
    """The chance that two different records, both with a value, have the same one."""
    present = codes[codes != 0]
    total = len(present)
    if total < 2:
        return 1e-6
    _values, counts = np.unique(present, return_counts=True)
    same = float((counts * (counts - 1)).sum()) / (total * (total - 1))
    return min(max(same, 0.5 / (total * (total - 1))), 0.5)


def _frequencies(columns: Columns, codes: np.ndarray) -> dict[str, float]:
    present = codes[codes != 0]
    if len(present) == 0:
        return {}
    values, counts = np.unique(present, return_counts=True)
    total = len(present)
    return {
        columns.strings[v]: c / total for v, c in zip(values.tolist(), counts.tolist(), strict=True)
    }
