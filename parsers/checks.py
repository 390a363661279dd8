"""The checks a parsed report gets: its identities (勾稽关系) and its prose against its tables, and a failed one in words."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from parsers.identities import Values, evaluate, identities, identity, number
from parsers.records import Cell, Check, Fact
from parsers.template import APPLICANT_COLUMNS, CellKey, Template

PROSE_CHECK = "prose.table"


def cell_values(cells: list[Cell]) -> dict[str, float | int | None]:
    """Known cells (blank ones as None); uncertain cells are left out of the sums."""
    return {c.key: c.value for c in cells if not c.uncertain}


def identity_checks(values: Values, template: Template, table: str | None = None) -> list[Check]:
    """Each identity (of `table`, or of every table) whose cells are all known, checked."""
    outcomes = (evaluate(i, values) for i in identities(template) if table is None or i.table == table)
    return [o.check() for o in outcomes if o.complete]


def application_checks(values: Values, template: Template) -> list[Check]:
    """applications.balance and results_sum per column, applicants_sum per row."""
    return identity_checks(values, template, "applications")


def table_checks(cells: list[Cell], template: Template) -> list[Check]:
    return identity_checks(cell_values(cells), template)


# Prose phrases that state a table figure, and the cells that figure must equal.
_PROSE_TABLE = (
    (r"(?:收到|受理|新收)[^，。；\d]{0,12}申请", ("new_received",), "applications"),
    (r"予以公开及部分公开", ("granted", "partially_granted"), "applications"),
    (r"不予公开(?:答复)?", ("denied.",), "applications"),
    (r"无法提供(?:的)?", ("unavailable.",), "applications"),
    (r"不予处理", ("not_processed.",), "applications"),
    (r"(?:行政复议|复议)", ("review.total",), "review_litigation"),
)


@dataclass(frozen=True)
class ProseComparison:
    """A figure the prose states (`stated`, in `sentence`) beside the table cells it must equal (`total`)."""

    sentence: str
    stated: float | int
    total: float

    @property
    def ok(self) -> bool:
        return abs(self.total - float(self.stated)) < 1e-6

    @property
    def detail(self) -> str:
        return f"正文 {number(float(self.stated))} vs 表格 {number(self.total)}"

    @property
    def words(self) -> str:
        return f"正文写“{self.sentence}”（{number(float(self.stated))}件），表格中相应栏目合计为{number(self.total)}件"

    def check(self) -> Check:
        return Check(PROSE_CHECK, self.sentence, self.ok, self.detail)


def prose_comparisons(facts: Iterable[Fact], values: Values) -> list[ProseComparison]:
    """Figures the prose states that a table also holds, each beside the table's figure."""
    found = []
    for fact in facts:
        if fact.unit != "件":
            continue
        for phrase, rows, table in _PROSE_TABLE:
            if not re.search(phrase + r"[^\d，。；]{0,6}?" + re.escape(number(float(fact.value))) + r"\s*件", fact.text):
                continue
            keys = _keys_for(values, table, rows)
            if not keys or "结转" in fact.text:
                continue
            found.append(ProseComparison(fact.text, fact.value, sum(_row_figure(values, k) for k in keys)))
            break
    return found


def prose_checks(facts: list[Fact], cells: list[Cell]) -> list[Check]:
    """Figures the prose states that the tables contradict (or confirm)."""
    return [c.check() for c in prose_comparisons(facts, cell_values(cells))]


def _row_figure(values: Values, total_key: str) -> float:
    """A row's 总计, or the sum of its applicant columns where the 总计 cell is blank."""
    key = CellKey.parse(total_key)
    if values.get(total_key) is not None or key.table != "applications":
        return float(values.get(total_key) or 0)
    return sum(float(values.get(CellKey.text(key.table, key.row, c.key)) or 0) for c in APPLICANT_COLUMNS[:-1])


def _keys_for(values: Values, table: str, rows: tuple[str, ...]) -> list[str]:
    if table == "review_litigation":
        return [k for r in rows if (k := CellKey.text(table, "count", r)) in values]
    keys = [CellKey.parse(k) for k in values]
    return [str(k) for k in keys if k.table == "applications" and k.column == "total"
            and any(k.row == r or (r.endswith(".") and k.row.startswith(r)) for r in rows)]


def explain(check: Check, values: Values, template: Template, facts: Iterable[Fact] = ()) -> str:
    """A failed check in words, from the cell values (and prose facts) it was made on.

    `values` are the report's certain cells (blank ones as None), as `cell_values` gives them.
    """
    if check.id == PROSE_CHECK:
        said = [f for f in facts if f.text == check.scope]
        same = next((c for c in prose_comparisons(said, values) if c.check() == check), None)
        return same.words if same else f"正文“{check.scope}”与表格不一致：{check.detail}"
    covered = identity(check.id, check.scope, template)
    if covered is None:
        return f"{check.id}[{check.scope}]：{check.detail}"
    return evaluate(covered, values).words
