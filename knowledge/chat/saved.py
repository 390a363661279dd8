"""The core's objects (a query's slots, choices, answers) as the JSON text a state store keeps, and back.

One small function each, so that a change of Query, Figure or Answer changes only these. Anything that no
longer fits reads as "nothing stored".
"""

from __future__ import annotations

import json
from dataclasses import asdict, fields, is_dataclass
from typing import Any

from knowledge.chat.stores import safe_text
from knowledge.model import Answer, Choice
from knowledge.understanding.compose import Measure
from knowledge.understanding.printed import printed_words
from knowledge.understanding.query import Query


def dumps(data: Any) -> str:
    """JSON text a store can keep (no lone surrogates)."""
    return safe_text(json.dumps(data, ensure_ascii=False, default=_plain))


def _plain(value: Any) -> Any:
    """Nested dataclasses, tuples and sets as JSON can hold them."""
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    if isinstance(value, set | frozenset):
        return sorted(value, key=str)
    return str(value)


def loads(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return None


def query_to_data(query: Query) -> dict[str, Any]:
    """The slots of a query a follow-up can reuse (not its spans)."""
    measure = query.measure
    return {"text": query.text, "bodies": list(query.bodies), "place": query.place, "inside": list(query.inside),
            "alike": query.alike,
            "years": list(query.years), "latest": query.latest, "ops": sorted(query.ops), "unit": query.unit,
            "year_range": list(query.year_range), "unexplained": list(query.unexplained),
            "unknown": list(query.unknown),
            "measure": _measure_data(measure), "earlier": _measure_data(query.earlier),
            "earlier_years": list(query.earlier_years), "last_years": query.last_years,
            "open_range": query.open_range, "earlier_bodies": list(query.earlier_bodies),
            "carried": list(printed_words(query.spans) or query.carried)}  # a follow-up's prose needs them


def _measure_data(measure: Measure | None) -> dict[str, Any] | None:
    if measure is None:
        return None
    return {**{f.name: getattr(measure, f.name) for f in fields(measure)}, "named": sorted(measure.named)}


def _measure_from(data: dict[str, Any] | None) -> Measure | None:
    if not data:
        return None
    return Measure(**{**data, **{k: tuple(data[k]) for k in ("rows", "columns", "groups", "parts")},
                      "named": frozenset(data["named"])})


def query_from_data(data: dict[str, Any]) -> Query:
    measure = _measure_from(data.get("measure"))
    return Query(data["text"], bodies=tuple(data["bodies"]), place=data["place"], inside=tuple(data["inside"]),
                 alike=bool(data.get("alike")),
                 years=tuple(data["years"]), latest=data["latest"], ops=frozenset(data["ops"]), unit=data["unit"],
                 measure=measure, earlier=_measure_from(data.get("earlier")),
                 earlier_years=tuple(data.get("earlier_years") or ()), year_range=tuple(data.get("year_range") or ()),
                 unexplained=tuple(data.get("unexplained") or ()), unknown=tuple(data.get("unknown") or ()),
                 last_years=int(data.get("last_years") or 0), open_range=bool(data.get("open_range")),
                 earlier_bodies=tuple(data.get("earlier_bodies") or ()), carried=tuple(data.get("carried") or ()))


def query_json(query: Query) -> str:
    return dumps(query_to_data(query))


def query_from(data: Any) -> Query | None:
    try:
        return query_from_data(dict(data))
    except (TypeError, ValueError, KeyError, IndexError):
        return None


def choices_json(choices: list[Choice]) -> str:
    return dumps([c.to_dict() for c in choices])


def choices_from(data: Any) -> list[Choice]:
    try:
        return [Choice.from_dict(c) for c in data]
    except (TypeError, KeyError):
        return []


def answer_json(answer: Answer) -> str:
    return dumps(answer.to_dict())
