"""Run ../shared/questions/dev.jsonl against a knowledge base of the corpus; print results per tag.

    .venv/bin/python bench/qa.py [--db FILE] [-v]

Right: the expected figure for the expected issuer and year (or no figure for a question the reports
cannot answer, or choices where the question is ambiguous). Confidently wrong: any other figure.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from knowledge.answer import Answerer  # noqa: E402
from knowledge.catalog import Catalog  # noqa: E402
from knowledge.context import ChatState  # noqa: E402
from knowledge.ingest import rebuild  # noqa: E402
from knowledge.results import Answer, Figure  # noqa: E402

SHARED = ROOT.parent / "shared"
_UNITS = {"元": 1, "万元": 10_000, "亿元": 100_000_000}


def same_value(figure: Figure, expect: dict) -> bool:
    if figure.value is None:
        return False
    got, want = float(figure.value), float(expect["value"])
    if figure.unit in _UNITS and expect.get("unit") in _UNITS:
        got *= _UNITS[figure.unit]
        want *= _UNITS[expect["unit"]]
    return abs(got - want) < 1e-6 * max(1.0, abs(want))


def same_report(figure: Figure, expect: dict) -> bool:
    issuer = expect["issuer"]
    return figure.year == expect["year"] and (issuer in figure.issuer or figure.issuer.removesuffix("人民政府")
                                              in issuer)


def grade(answer: Answer, expect: dict) -> str:
    """right / wrong (confidently wrong) / asked (asked back or no figure where one was expected)."""
    if expect.get("status") == "not_found":
        return "wrong" if answer.status == "answered" and answer.answer and answer.answer.value is not None \
            else "right"
    if expect.get("status") == "ambiguous":
        if answer.status == "ambiguous":
            return "right"
        if answer.status == "answered" and answer.answer:
            cands = expect["candidates"]
            latest = max(cands, key=lambda c: c["year"])
            one_issuer = len({c["issuer"] for c in cands}) == 1
            if one_issuer and same_report(answer.answer, latest) and same_value(answer.answer, latest):
                return "right"
            return "wrong"
        return "asked"
    if answer.status != "answered" or answer.answer is None:
        return "asked"
    ok = same_value(answer.answer, expect) and same_report(answer.answer, expect)
    return "right" if ok else "wrong"


def run(answerer: Answerer, verbose: bool) -> dict[str, Counter]:
    per_tag: dict[str, Counter] = defaultdict(Counter)
    for line in (SHARED / "questions" / "dev.jsonl").read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        today = date.fromisoformat(item.get("asof", "2026-11-28"))
        turns = item["chat"] if "chat" in item else [{"q": item["q"], "expect": item["expect"]}]
        for n, turn in enumerate(turns):
            answer = answerer.ask(turn["q"], chat=item["id"] if "chat" in item else None, today=today)
            result = grade(answer, turn["expect"])
            for tag in item["tags"] + ["all"]:
                per_tag[tag][result] += 1
            if verbose and result != "right":
                got = answer.answer.to_dict() if answer.answer else None
                print(f"{result.upper():6} {item['id']}#{n} {turn['q']}\n   expect {turn['expect']}\n   "
                      f"got {answer.status} {got and (got['value'], got['unit'], got['issuer'], got['year'], got['key'])}"
                      f"\n   {answer.text[:200]!r}")
    return per_tag


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db")
    parser.add_argument("-v", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(args.db) if args.db else Path(tmp) / "corpus.db"
        if not args.db:
            rebuild(db, [SHARED / "corpus"])
        catalog = Catalog(db)
        answerer = Answerer(catalog, ChatState(Path(tmp) / "state.db"))
        per_tag = run(answerer, args.v)
    print(f"{'tag':<14}{'right':>7}{'wrong':>7}{'asked':>7}{'share right':>13}")
    for tag, counts in sorted(per_tag.items(), key=lambda kv: kv[0] != "all"):
        total = sum(counts.values())
        print(f"{tag:<14}{counts['right']:>7}{counts['wrong']:>7}{counts['asked']:>7}"
              f"{counts['right'] / total:>12.1%}")


if __name__ == "__main__":
    main()
