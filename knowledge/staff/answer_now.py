"""A feedback entry's question answered now, as the bot answers it (after its turn before, for a follow-up), and
the printed cells behind that answer which staff may correct on their reports' pages: the cells it states and the
cells it needed but could not read for sure."""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from knowledge.answering.answerer import Answerer
from knowledge.chat.state import ChatState
from knowledge.model import Answer, Figure
from knowledge.store import Catalog, Correction, ReportReader


@dataclass(frozen=True)
class CellTarget:
    """A printed cell an answer rests on, and the report page where staff correct it."""

    report_id: int
    key: str
    issuer: str
    year: int
    label: str
    shown: str  # the figure as the answer says it, or as the report printed a cell not read for sure
    unread: bool  # the answer needed this cell and could not read it for sure

    @property
    def is_fact(self) -> bool:
        """A figure of the prose (its label is the clause printing it), not a cell of a table."""
        return self.key == "narrative"


def answer_now(db_path: str | Path, question: str, previous: str = "", default_issuer: str = "") -> Answer:
    """The question answered from the base as it is now, in a chat of its own (no feedback is logged)."""
    catalog = Catalog(db_path)
    try:
        with tempfile.TemporaryDirectory(prefix="xxgk-answer-") as folder:
            state = ChatState(Path(folder) / "state.db")
            try:
                answerer = Answerer(catalog, state, default_issuer)
                if previous.strip():
                    answerer.ask(previous, "staff")
                return answerer.ask(question, "staff")
            finally:
                state.close()
    finally:
        catalog.close()


def _cells(figures: Iterable[Figure]) -> Iterator[Figure]:
    """The printed cells and prose figures among figures: each itself, the parts of a sum or a difference."""
    for figure in figures:
        if figure.kind in ("cell", "fact") and figure.key:
            yield figure
        yield from _cells(figure.parts)


def cell_targets(db_path: str | Path, answer: Answer) -> list[CellTarget]:
    """The cells the answer could not read for sure first, then the cells and prose figures it states (each once),
    each with the id of its report; a prose figure's key is `narrative` and its label the clause that prints it."""
    with ReportReader(db_path) as base:
        ids = {(r.issuer, r.year): r.id for r in base.reports()}
    offered = [*((f, True) for f in answer.unread), *((f, False) for f in _cells(answer.figures)),
               *((f, False) for c in answer.choices if c.figure is not None for f in _cells([c.figure]))]
    targets: dict[tuple[int, str, str], CellTarget] = {}
    for figure, unread in offered:
        report_id = ids.get((figure.issuer, figure.year))
        label = figure.clause if figure.kind == "fact" else figure.label
        if report_id is not None:
            targets.setdefault((report_id, figure.key, label), CellTarget(report_id, figure.key, figure.issuer,
                                                                          figure.year, label, figure.display, unread))
    return list(targets.values())


def rests_on(targets: list[CellTarget], correction: Correction) -> bool:
    """Whether an answer's cells and prose figures (`targets`) hold the one a correction was made to."""
    return any((t.issuer, t.year) == (correction.issuer, correction.year)
               and (t.label == correction.row if correction.is_fact else t.key == correction.key and not t.is_fact)
               for t in targets)
