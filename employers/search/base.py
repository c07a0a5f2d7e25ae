"""The search interface both backends implement."""

import re
import unicodedata
from dataclasses import dataclass
from typing import Protocol

KINDS = ("bpv", "leerbaan", "vacature")


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    kinds: tuple[str, ...] = ()
    sector_ids: tuple[int, ...] = ()
    offset: int = 0
    limit: int = 20


@dataclass(frozen=True)
class SearchHit:
    opening_id: int
    score: float


@dataclass(frozen=True)
class SearchResult:
    total: int
    hits: list[SearchHit]


class SearchBackend(Protocol):
    def search(self, query: SearchQuery) -> SearchResult: ...

    def index_opening(self, opening_id: int) -> None:
        """Bring one opening's entry up to date (adds, updates or removes it)."""

    def rebuild(self) -> int:
        """Index every open opening from scratch; returns how many were indexed."""


def normalise(text: str) -> str:
    """Lowercase, strip accents and punctuation: 'Verzorgende-IG' → 'verzorgende ig'."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def tokens(text: str) -> list[str]:
    return [t for t in normalise(text).split() if len(t) > 1]
