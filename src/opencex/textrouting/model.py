"""The routing model: TF-IDF over words and character n-grams (which survive typos, Polish
endings and Arabic script alike) and a linear support vector machine over the services (one
against the rest), its scores turned into probabilities by a softmax at a fixed temperature.

(A multinomial logistic regression was no more accurate on the held-out history and took thirty
times as long to train over 250 services: bench/routing.py.)

Trained with scikit-learn; stored as plain arrays (vocabularies, IDF weights, coefficients) in a
NumPy `.npz` file read with `allow_pickle=False`, so loading a model never runs code, whoever
wrote the file (and `store` checks the file's SHA-256 against its database row before that).
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from scipy import sparse

if TYPE_CHECKING:
    from sklearn.feature_extraction.text import TfidfVectorizer

# scikit-learn is imported where a model is read or trained, not with this module: the staff case
# page imports it (through textrouting.services), and with it every process that loads the URLs,
# which would otherwise pay about 1.6 s for scikit-learn at start-up.

WORDS = {"analyzer": "word", "ngram_range": (1, 2), "token_pattern": r"(?u)\b\w+\b"}
CHARACTERS = {"analyzer": "char_wb", "ngram_range": (2, 4)}
MAX_FEATURES = {"words": 20_000, "characters": 30_000}
REGULARISATION = 1.0  # the SVM's C
# Scores are margins of about -1 to 1; dividing by the temperature before the softmax spreads
# them so that a clear winner reads as likely and a near tie as a toss-up.
TEMPERATURE = 0.1
# Weights smaller than this are dropped when stored: most of the 250 x 50,000 weights are tiny,
# and the stored model is a tenth of the size with no change in the ranking (bench/routing.py).
SMALLEST_WEIGHT = 0.01
_ARABIC_MARKS = re.compile("[\u064b-\u0652\u0640]")  # short vowels and the tatweel
_ALEFS = str.maketrans("\u0623\u0625\u0622", "\u0627\u0627\u0627")  # hamza or madda: bare alef


def normalise(text: str) -> str:
    """Lower case, accents kept (Polish needs them) but Arabic vowel marks and the tatweel
    dropped and the alef forms folded, so that the same word written two ways counts once."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = _ARABIC_MARKS.sub("", text)
    return text.translate(_ALEFS)


@dataclass(frozen=True)
class Example:
    text: str
    service: str
    source: str  # "catalogue", "history" or "correction"
    weight: float = 1.0


class RoutingModel:
    """A trained model: the probabilities of each service for a text."""

    def __init__(
        self,
        *,
        version: str,
        words: TfidfVectorizer,
        characters: TfidfVectorizer,
        coefficients: sparse.csr_matrix,
        intercepts: np.ndarray,
        services: Sequence[str],
    ) -> None:
        self.version = version
        self.words = words
        self.characters = characters
        self.coefficients = coefficients
        self.intercepts = intercepts
        self.services = list(services)

    def _features(self, texts: Sequence[str]):
        cleaned = [normalise(text) for text in texts]
        return sparse.hstack(
            [self.words.transform(cleaned), self.characters.transform(cleaned)]
        ).tocsr()

    def probabilities(self, texts: Sequence[str]) -> np.ndarray:
        """One row per text, one column per service (`services`), each row summing to 1."""
        scores = np.asarray((self._features(texts) @ self.coefficients.T).todense())
        scores = (scores + self.intercepts) / TEMPERATURE
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        return exp / exp.sum(axis=1, keepdims=True)

    def ranked(self, text: str, n: int = 3) -> list[tuple[str, float]]:
        """The `n` likeliest services for `text`, likeliest first, with their probabilities."""
        row = self.probabilities([text])[0]
        best = np.argsort(-row)[:n]
        return [(self.services[i], float(row[i])) for i in best]

    # --- stored as plain arrays ---------------------------------------------------------------

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        np.savez_compressed(
            buffer,
            version=np.array(self.version),
            services=np.array(self.services),
            word_vocabulary=_vocabulary(self.words),
            word_idf=self.words.idf_,
            character_vocabulary=_vocabulary(self.characters),
            character_idf=self.characters.idf_,
            weights=self.coefficients.data.astype(np.float32),
            weight_columns=self.coefficients.indices.astype(np.int32),
            weight_rows=self.coefficients.indptr.astype(np.int32),
            weight_shape=np.array(self.coefficients.shape, dtype=np.int64),
            intercepts=self.intercepts.astype(np.float32),
        )
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> RoutingModel:
        with np.load(io.BytesIO(data), allow_pickle=False) as arrays:
            return cls(
                version=str(arrays["version"]),
                words=_vectoriser(WORDS, arrays["word_vocabulary"], arrays["word_idf"]),
                characters=_vectoriser(
                    CHARACTERS, arrays["character_vocabulary"], arrays["character_idf"]
                ),
                coefficients=sparse.csr_matrix(
                    (arrays["weights"], arrays["weight_columns"], arrays["weight_rows"]),
                    shape=tuple(arrays["weight_shape"]),
                ),
                intercepts=arrays["intercepts"],
                services=[str(s) for s in arrays["services"]],
            )


def _vocabulary(vectoriser: TfidfVectorizer) -> np.ndarray:
    """The terms in column order."""
    terms = [""] * len(vectoriser.vocabulary_)
    for term, column in vectoriser.vocabulary_.items():
        terms[column] = term
    return np.array(terms)


def _vectoriser(options: dict, terms: np.ndarray, idf: np.ndarray) -> TfidfVectorizer:
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectoriser = TfidfVectorizer(
        **options, sublinear_tf=True, vocabulary={str(t): i for i, t in enumerate(terms)}
    )
    vectoriser.idf_ = idf
    return vectoriser


def fit(examples: Sequence[Example], *, version: str) -> RoutingModel:
    """Train on `examples` (at least two services)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.svm import LinearSVC

    texts = [normalise(e.text) for e in examples]
    labels = [e.service for e in examples]
    if len(set(labels)) < 2:
        raise ValueError("training needs examples of at least two services")
    words = TfidfVectorizer(**WORDS, sublinear_tf=True, max_features=MAX_FEATURES["words"])
    characters = TfidfVectorizer(
        **CHARACTERS, sublinear_tf=True, max_features=MAX_FEATURES["characters"]
    )
    features = sparse.hstack([words.fit_transform(texts), characters.fit_transform(texts)]).tocsr()
    classifier = LinearSVC(C=REGULARISATION)
    classifier.fit(features, labels, sample_weight=[e.weight for e in examples])
    weights = np.where(np.abs(classifier.coef_) < SMALLEST_WEIGHT, 0.0, classifier.coef_)
    intercepts = np.atleast_1d(classifier.intercept_)
    if len(classifier.classes_) == 2:  # one margin for two services: the second's is its negative
        weights = np.vstack([-weights, weights])
        intercepts = np.array([-intercepts[0], intercepts[0]])
    return RoutingModel(
        version=version,
        words=words,
        characters=characters,
        coefficients=sparse.csr_matrix(weights.astype(np.float32)),
        intercepts=intercepts.astype(np.float32),
        services=[str(s) for s in classifier.classes_],
    )
