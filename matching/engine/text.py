"""Interests text similarity: TF-IDF (scikit-learn) over the openings' texts."""

import math

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

DUTCH_STOP_WORDS = sorted(
    set(
        "de het een en of in op aan voor van met bij als dat die dit deze er is zijn was wij we"
        " je jij jou jouw u uw ik mij mijn hij zij ze ons onze hun hen te om tot uit naar over"
        " door ook maar dan nog wel niet geen al meer veel heel graag kan kunnen wordt worden"
        " hebt heeft hebben moet moeten zal zullen wil willen gaat gaan doe doen waar wat wie"
        " hoe wanneer per elke iedere alle alles iets niets".split()
    )
)


def _vectorizer(vocabulary: dict | None = None) -> TfidfVectorizer:
    return TfidfVectorizer(
        lowercase=True,
        strip_accents="unicode",
        stop_words=DUTCH_STOP_WORDS,
        token_pattern=r"(?u)\b[^\W\d_]{2,}\b",  # noqa: S106 - a regex, not a password
        sublinear_tf=True,
        dtype=np.float64,  # float64 so the naive scorer's pure-Python cosine agrees to 1e-12
        vocabulary=vocabulary,
    )


class TextModel:
    """Fit once on the openings' texts; transforms any text into the same L2-normalised space."""

    def __init__(self, texts: list[str]):
        self.vectorizer: TfidfVectorizer | None = _vectorizer()
        try:
            self.matrix = self.vectorizer.fit_transform(texts).tocsr()
        except ValueError:  # no texts, or only stop words: similarity is then always 0
            self.vectorizer = None
            self.matrix = sparse.csr_matrix((len(texts), 1), dtype=np.float64)
            return
        # For one query scikit-learn's transform spends milliseconds validating; the same
        # arithmetic by hand (sublinear tf × idf, L2) against the term-major matrix is cheap.
        self.analyze = self.vectorizer.build_analyzer()
        self.vocabulary = self.vectorizer.vocabulary_
        self.idf = self.vectorizer.idf_
        self.by_term = self.matrix.tocsc()

    @classmethod
    def restore(cls, terms: list[str], idf: np.ndarray, by_term: sparse.csc_matrix) -> "TextModel":
        """The model a fit produced, from its parts (as `parts()` gives them): the same
        vocabulary and idf give the same vectors, so a stored index ranks as the fitted one."""
        model = cls.__new__(cls)
        n = by_term.shape[0]
        if not terms:
            model.vectorizer = None
            model.matrix = sparse.csr_matrix((n, 1), dtype=np.float64)
            return model
        model.vectorizer = _vectorizer({term: i for i, term in enumerate(terms)})
        model.vectorizer.idf_ = np.asarray(idf, dtype=np.float64)
        model.analyze = model.vectorizer.build_analyzer()
        model.vocabulary = model.vectorizer.vocabulary
        model.idf = idf
        model.by_term = by_term
        model.matrix = _Shape(n)  # similarity() asks only the number of documents
        return model

    def reordered(self, order: np.ndarray) -> "TextModel":
        """The same model with its documents in another order (row i: document order[i])."""
        if self.vectorizer is None:
            self.matrix = self.matrix[order]
            return self
        self.matrix = self.matrix[order]
        self.by_term = self.matrix.tocsc()
        return self

    def parts(self) -> tuple[list[str], np.ndarray, sparse.csc_matrix]:
        """(terms by column, idf, the document-by-term matrix in column order)."""
        if self.vectorizer is None:
            empty = sparse.csc_matrix((self.matrix.shape[0], 0), dtype=np.float64)
            return [], np.zeros(0), empty
        terms = [""] * len(self.vocabulary)
        for term, col in self.vocabulary.items():
            terms[col] = term
        return terms, np.asarray(self.idf, dtype=np.float64), self.by_term

    def vector(self, text: str) -> dict[int, float]:
        """The text's L2-normalised TF-IDF weights in plain Python (for the naive scorer)."""
        if self.vectorizer is None:
            return {}
        counts: dict[int, int] = {}
        for token in self.analyze(text):
            col = self.vocabulary.get(token)
            if col is not None:
                counts[col] = counts.get(col, 0) + 1
        raw = {c: (1.0 + math.log(n)) * float(self.idf[c]) for c, n in counts.items()}
        norm = math.sqrt(sum(w * w for w in raw.values()))
        return {c: w / norm for c, w in raw.items()} if norm > 0 else {}

    def cosine(self, a: str, b: str) -> float:
        """Cosine similarity of two texts in this model's space, in [0, 1]."""
        va, vb = self.vector(a), self.vector(b)
        if len(vb) < len(va):
            va, vb = vb, va
        return min(1.0, sum(w * vb.get(c, 0.0) for c, w in va.items()))

    def similarity(self, text: str) -> np.ndarray:
        """Cosine similarity of `text` with every fitted document."""
        n = self.matrix.shape[0]
        if self.vectorizer is None:
            return np.zeros(n)
        counts: dict[int, int] = {}
        for token in self.analyze(text):
            col = self.vocabulary.get(token)
            if col is not None:
                counts[col] = counts.get(col, 0) + 1
        if not counts:
            return np.zeros(n)
        cols = np.fromiter(counts, dtype=np.int64)
        weights = (1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64))) * self.idf[cols]
        weights /= np.linalg.norm(weights)
        return np.asarray(self.by_term[:, cols] @ weights, dtype=np.float64).ravel()

    def transform(self, texts: list[str]) -> sparse.csr_matrix:
        if self.vectorizer is None:
            return sparse.csr_matrix((len(texts), 1), dtype=np.float64)
        if not texts:  # scikit-learn refuses zero samples; no texts is an empty matrix
            return sparse.csr_matrix((0, len(self.vocabulary)), dtype=np.float64)
        return self.vectorizer.transform(texts).tocsr()


class _Shape:
    """Stands in for a restored model's document matrix, which only `by_term` holds."""

    def __init__(self, n: int):
        self.shape = (n, 0)
