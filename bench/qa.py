"""Run question sets against a knowledge base of the corpus; print right / wrong / asked back per tag.

    .venv/bin/python bench/qa.py [FILE.jsonl ...] [--db FILE] [-v]

Without files: ../shared/questions/dev.jsonl and more.jsonl. Right: the expected figure for the expected issuer
and year (every expected figure for a `multi` question; no figure for a question the reports cannot answer;
choices, one reading said as chosen or every reading each with its body and year where the question is ambiguous;
for `{"status": "section", "issuer", "year", "contains": [...]}` that report's section text holding every phrase,
or a prose figure quoted with them). Confidently wrong: any other figure stated. Turns asked back are
counted per tag by why: unexplained words, several readings, section, follow-up, other.
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

from knowledge.answering.answerer import Answerer  # noqa: E402
from knowledge.chat.state import ChatState  # noqa: E402
from knowledge.ingest.files import rebuild  # noqa: E402
from knowledge.model import Answer, Figure  # noqa: E402
from knowledge.store.read import Catalog  # noqa: E402

SHARED = ROOT.parent / "shared"
DEFAULT_SETS = [SHARED / "questions" / "dev.jsonl", SHARED / "questions" / "more.jsonl"]
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
    """The figure's body and year are the expected ones; a figure derived over several years (23年和24年加起来)
    may carry any year it was derived from."""
    issuer = expect["issuer"]
    years = {expect["year"]} | {part["year"] for part in expect.get("from", ()) if isinstance(part, dict)}
    return figure.year in years and (issuer in figure.issuer or figure.issuer.removesuffix("人民政府") in issuer)


def _stated(answer: Answer) -> list[Figure]:
    return [f for f in answer.figures if f.value is not None] if answer.status == "answered" else []


def _matches(figure: Figure, expect: dict) -> bool:
    return same_value(figure, expect) and same_report(figure, expect)


def _section_fits(answer: Answer, expect: dict) -> bool:
    section = answer.section
    if answer.status != "answered" or section is None or section.year != expect["year"]:
        return False
    issuer = expect["issuer"]
    if issuer not in section.issuer and section.issuer.removesuffix("人民政府") not in issuer:
        return False
    return all(phrase in section.text for phrase in expect.get("contains", ()))


def _prints_phrases(figure: Figure, expect: dict) -> bool:
    """A prose figure of the report expected whose quoted clause holds every phrase expected."""
    return same_report(figure, expect) and figure.key == "narrative" and bool(expect.get("contains")) \
        and all(phrase.replace(" ", "") in (figure.clause or "").replace(" ", "") for phrase in expect["contains"])


REASONS = ("unexplained words", "several readings", "section", "follow-up", "other")


def reason_of(answer: Answer, expect: dict, followup: bool) -> str:
    """Why a turn was asked back (or got no figure): the first of REASONS that fits."""
    if expect.get("status") == "section" or answer.kind == "section":
        return "section"
    if followup:
        return "follow-up"
    if answer.understood.unexplained:
        return "unexplained words"
    if answer.status == "ambiguous":
        return "several readings"
    return "other"


def grade(answer: Answer, expect: dict) -> str:
    """right / wrong (confidently wrong) / asked (asked back or no figure where one was expected)."""
    stated = _stated(answer)
    status = expect.get("status")
    if status == "not_found":
        return "wrong" if stated else "right"
    if status == "section":
        if stated and all(_prints_phrases(f, expect) for f in stated):
            return "right"  # the figure the section's own words print (信息处理费共计400元), quoted with them
        return "wrong" if stated else ("right" if _section_fits(answer, expect) else "asked")
    if status == "ambiguous":
        if answer.status == "ambiguous":
            return "right"
        if not stated:
            return "asked"
        cands = expect["candidates"]
        if len(stated) > 1 and all(any(_matches(f, c) for c in cands) for f in stated) \
                and all(any(_matches(f, c) for f in stated) for c in cands):
            return "right"  # every reading answered, each with its body and year
        latest = max(cands, key=lambda c: c["year"])
        one_issuer = len({c["issuer"] for c in cands}) == 1
        ok = _matches(stated[0], latest) if one_issuer else any(_matches(stated[0], c) for c in cands)
        return "right" if ok else "wrong"
    if status == "multi":
        if answer.kind == "difference":  # 分别…哪个多: the difference of the figures stated is not another figure
            stated = stated[1:]
        if not stated:
            return "asked"
        wanted = expect["values"]
        if any(not any(_matches(f, w) for w in wanted) for f in stated):
            return "wrong"
        return "right" if all(any(_matches(f, w) for f in stated) for w in wanted) else "asked"
    if not stated:
        return "asked"
    return "right" if _matches(stated[0], expect) else "wrong"


def turns(path: Path) -> list[tuple[str, int, str, dict, list[str], date, bool]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        today = date.fromisoformat(item.get("asof", "2026-11-28"))
        chat = "chat" in item
        for n, turn in enumerate(item["chat"] if chat else [{"q": item["q"], "expect": item["expect"]}]):
            out.append((item["id"], n, turn["q"], turn["expect"], item.get("tags", []), today, chat))
    return out


def run(answerer: Answerer, paths: list[Path], verbose: bool) -> tuple[dict[str, Counter], dict[str, Counter]]:
    per_tag: dict[str, Counter] = defaultdict(Counter)
    why: dict[str, Counter] = defaultdict(Counter)
    for path in paths:
        for item_id, n, question, expect, tags, today, chat in turns(path):
            answer = answerer.ask(question, chat=f"{path.stem}:{item_id}" if chat else None, today=today)
            result = grade(answer, expect)
            for tag in [*tags, "all"]:
                per_tag[tag][result] += 1
                if result == "asked":
                    why[tag][reason_of(answer, expect, chat and n > 0)] += 1
            if verbose and result != "right":
                got = [(f.value, f.unit, f.issuer, f.year, f.key) for f in answer.figures[:3]]
                print(f"{result.upper():6} {item_id}#{n} {question}\n   expect {expect}\n   got {answer.status} "
                      f"{answer.kind} {got} {answer.reason[:90]!r} unexplained={answer.understood.unexplained}")
    return per_tag, why


def report(per_tag: dict[str, Counter], why: dict[str, Counter]) -> None:
    print(f"{'tag':<14}{'right':>7}{'wrong':>7}{'asked':>7}{'share right':>13}")
    for tag, counts in sorted(per_tag.items(), key=lambda kv: kv[0] != "all"):
        total = sum(counts.values())
        print(f"{tag:<14}{counts['right']:>7}{counts['wrong']:>7}{counts['asked']:>7}"
              f"{counts['right'] / total:>12.1%}")
    print(f"\nasked back, by why\n{'tag':<14}" + "".join(f"{r:>19}" for r in REASONS))
    for tag, counts in sorted(why.items(), key=lambda kv: kv[0] != "all"):
        print(f"{tag:<14}" + "".join(f"{counts[r]:>19}" for r in REASONS))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--db")
    parser.add_argument("-v", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(args.db) if args.db else Path(tmp) / "corpus.db"
        if not args.db:
            rebuild(db, [SHARED / "corpus"])
        answerer = Answerer(Catalog(db), ChatState(Path(tmp) / "state.db"))
        report(*run(answerer, args.files or DEFAULT_SETS, args.v))


if __name__ == "__main__":
    main()
