"""Org names shared across documents: a new name is matched against the canonical names already known.

Spaced-out forms are joined by the normalizer first (`경 제 정 책 과` = `경제정책과`); what remains are typos
and variants (`흥릉`/`홍릉`). A match at or above `MERGE_SCORE` takes the known name; a match between
`NEAR_MISS_SCORE` and `MERGE_SCORE` is recorded as a near miss and not merged.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process

from pipeline.schemas.facts import OrgNameMatch, OrgUnit


@dataclass(frozen=True)
class MatchSettings:
    """Thresholds of org-name matching (rapidfuzz ratio, 0-100)."""

    merge_score: float = 90.0
    near_miss_score: float = 75.0
    min_length: int = 3
    """Names shorter than this are never fuzzy-matched (`관`, `1팀` differ by one character and mean
    different things)."""

    def __post_init__(self) -> None:
        if not 0 <= self.near_miss_score <= self.merge_score <= 100:
            raise ValueError(f"invalid MatchSettings: {self}")


def canonicalize(
    units: list[OrgUnit], known: list[str], settings: MatchSettings | None = None
) -> tuple[list[OrgUnit], list[OrgNameMatch]]:
    """Units with `canonical_name` set to a known name where one is close enough, and every close call."""
    settings = settings or MatchSettings()
    known_set = set(known)
    choices = sorted(known_set)  # sorted: a tie between two known names is broken the same way everywhere
    matches: list[OrgNameMatch] = []
    result: list[OrgUnit] = []
    for unit in units:
        name = unit.canonical_name
        if name in known_set or len(name) < settings.min_length or not known_set:
            result.append(unit)
            continue
        best = process.extractOne(name, choices, scorer=fuzz.ratio)
        if best is None or best[1] < settings.near_miss_score:
            result.append(unit)
            continue
        candidate, score, _ = best
        merged = score >= settings.merge_score and name[-1] == candidate[-1]
        matches.append(
            OrgNameMatch(
                doc_id=unit.doc_id,
                name=name,
                candidate=candidate,
                score=round(score, 1),
                merged=merged,
                line=unit.line,
            )
        )
        result.append(unit.model_copy(update={"canonical_name": candidate}) if merged else unit)
    return result, matches


def unit_renames(before: list[OrgUnit], after: list[OrgUnit]) -> dict[str, str]:
    """How a document's headcounts refer to its units after matching: printed or old name -> canonical."""
    return {u.name: u.canonical_name for u in after} | {
        old.canonical_name: new.canonical_name for old, new in zip(before, after, strict=True)
    }
