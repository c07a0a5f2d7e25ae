"""Skill normalisation: what people type, mapped to the vocabulary.

Exact and synonym lookup first; otherwise a shortlist by character n-gram TF-IDF (one sparse
product for all queries at once) and RapidFuzz only on that shortlist. Terms that fit nothing are
kept and reported as unknown, never dropped.
"""

import re
import unicodedata
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz
from sklearn.feature_extraction.text import TfidfVectorizer

SHORTLIST = 20
THRESHOLD = 80.0


def clean(text: str) -> str:
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


@dataclass(frozen=True)
class NormalisedTerm:
    text: str
    id: int | None
    label: str | None
    score: float
    method: str  # exact | synonym | fuzzy | unknown


class Vocabulary:
    def __init__(self, terms: list[tuple[int, str, list[str]]]):
        self.labels: dict[int, str] = {}
        self.lookup: dict[str, tuple[int, str]] = {}
        self.surface: list[str] = []  # every label and synonym, cleaned
        self.surface_id: list[int] = []
        for term_id, label, synonyms in terms:
            self.labels[term_id] = label
            self.lookup.setdefault(clean(label), (term_id, "exact"))
            for syn in synonyms or ():
                self.lookup.setdefault(clean(syn), (term_id, "synonym"))
            for text in [label, *(synonyms or ())]:
                self.surface.append(clean(text))
                self.surface_id.append(term_id)
        self.vectorizer = None
        if self.surface:
            self.vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 3))
            self.matrix = self.vectorizer.fit_transform(self.surface).tocsr()

    @classmethod
    def build(cls, terms) -> "Vocabulary":
        return cls(list(terms))

    def _shortlists(self, queries: list[str], size: int) -> list[list[int]]:
        if self.vectorizer is None or not queries:
            return [[] for _ in queries]
        sims = (self.vectorizer.transform(queries) @ self.matrix.T).tocsr()
        out = []
        for i in range(len(queries)):
            row = sims.getrow(i)
            if row.nnz == 0:
                out.append([])
                continue
            top = np.argsort(-row.data, kind="stable")[:size]
            out.append([int(row.indices[j]) for j in top])
        return out

    def normalise(self, texts: list[str]) -> list[NormalisedTerm]:
        cleaned = [clean(t) for t in texts]
        results: list[NormalisedTerm | None] = [None] * len(texts)
        pending = []
        for i, c in enumerate(cleaned):
            hit = self.lookup.get(c)
            if hit:
                results[i] = NormalisedTerm(texts[i], hit[0], self.labels[hit[0]], 100.0, hit[1])
            else:
                pending.append(i)
        shortlists = self._shortlists([cleaned[i] for i in pending], SHORTLIST)
        for i, shortlist in zip(pending, shortlists, strict=True):
            results[i] = self._best(texts[i], cleaned[i], shortlist)
        return results  # type: ignore[return-value]

    def _best(self, text: str, cleaned: str, shortlist: list[int]) -> NormalisedTerm:
        best_score, best_id = 0.0, None
        for pos in shortlist:
            score = fuzz.WRatio(cleaned, self.surface[pos])
            if score > best_score:
                best_score, best_id = score, self.surface_id[pos]
        if best_id is None or best_score < THRESHOLD or not cleaned:
            return NormalisedTerm(text, None, None, best_score, "unknown")
        return NormalisedTerm(text, best_id, self.labels[best_id], best_score, "fuzzy")

    def suggest(self, text: str, limit: int = 10) -> list[tuple[int, str]]:
        """Search as you type: prefix and substring hits first, then typo-tolerant ones."""
        c = clean(text)
        if not c:
            return []
        seen: dict[int, float] = {}
        for surf, term_id in zip(self.surface, self.surface_id, strict=True):
            if surf.startswith(c) or f" {c}" in f" {surf}":
                seen[term_id] = max(seen.get(term_id, 0), 200.0 - len(surf))
        for pos in self._shortlists([c], SHORTLIST * 2)[0]:
            term_id = self.surface_id[pos]
            score = fuzz.WRatio(c, self.surface[pos])
            if score >= 70:
                seen[term_id] = max(seen.get(term_id, 0), score)
        ranked = sorted(seen.items(), key=lambda kv: (-kv[1], self.labels[kv[0]]))
        return [(term_id, self.labels[term_id]) for term_id, _ in ranked[:limit]]
