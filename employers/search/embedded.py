"""The embedded backend: the database narrows, an in-process scorer ranks.

Each query word must appear (as a word or, for words of five letters or more, with one typo) in
the title, employer, sector or description; title hits weigh most. No index to keep in sync.
"""

from django.db.models import Q
from rapidfuzz import fuzz

from ..models import Opening
from .base import SearchHit, SearchQuery, SearchResult, normalise, tokens

FIELD_WEIGHTS = (("title", 3.0), ("employer", 2.0), ("sector", 2.0), ("description", 1.0))
MAX_CANDIDATES = 5000


class EmbeddedBackend:
    def _candidates(self, query: SearchQuery):
        qs = Opening.objects.filter(status=Opening.Status.OPEN)
        if query.kinds:
            qs = qs.filter(kind__in=query.kinds)
        if query.sector_ids:
            qs = qs.filter(sector_id__in=query.sector_ids)
        return qs

    def search(self, query: SearchQuery) -> SearchResult:
        qs = self._candidates(query)
        words = tokens(query.text)
        if not words:
            ids = list(qs.order_by("-created_at", "-id").values_list("id", flat=True))
            page = ids[query.offset : query.offset + query.limit]
            return SearchResult(total=len(ids), hits=[SearchHit(i, 0.0) for i in page])
        rows = qs.values_list("id", "title", "employer__name", "sector__name", "description")
        narrowed = rows.filter(_any_word(words))[:MAX_CANDIDATES]
        scored = []
        for pk, *texts in narrowed:
            score = _score(words, texts)
            if score > 0:
                scored.append((-score, pk))
        if not scored:  # nothing literal: allow typos over a wider set
            for pk, *texts in rows[:MAX_CANDIDATES]:
                score = _score(words, texts, typos=True)
                if score > 0:
                    scored.append((-score, pk))
        scored.sort()
        page = scored[query.offset : query.offset + query.limit]
        return SearchResult(total=len(scored), hits=[SearchHit(pk, -s) for s, pk in page])

    def index_opening(self, opening_id: int) -> None:
        """Nothing to do: the embedded backend reads the database directly."""

    def rebuild(self) -> int:
        return Opening.objects.filter(status=Opening.Status.OPEN).count()


def _any_word(words: list[str]) -> Q:
    q = Q()
    for w in words:
        stem = w[:5] if len(w) > 5 else w
        for field in ("title", "employer__name", "sector__name", "description"):
            q |= Q(**{f"{field}__icontains": stem})
    return q


def _score(words: list[str], texts: list[str], typos: bool = False) -> float:
    total = 0.0
    for word in words:
        best = 0.0
        for (_, weight), text in zip(FIELD_WEIGHTS, texts, strict=True):
            field_words = normalise(text).split()
            if word in field_words or any(fw.startswith(word) for fw in field_words):
                best = max(best, weight)
            elif typos and len(word) >= 5:
                if any(fuzz.ratio(word, fw) >= 80 for fw in field_words):
                    best = max(best, weight * 0.6)
        if best == 0.0:
            return 0.0  # every word must be found somewhere
        total += best
    return total
