"""The arithmetic identities (勾稽关系) a correct table satisfies, and prose-vs-table checks."""

from __future__ import annotations

import re
from collections.abc import Mapping

from parsers.records import Cell, Check, Fact
from parsers.template import APPLICANT_COLUMNS, REVIEW_GROUPS, REVIEW_PARTS, Template

Values = Mapping[str, float | int | None]


def _get(values: Values, key: str) -> tuple[bool, float]:
    """(known, value); a blank cell counts as 0 in the sums, which the detail says."""
    if key not in values:
        return False, 0.0
    value = values[key]
    return True, float(value or 0)


def _sum(values: Values, keys: list[str]) -> tuple[bool, float, bool]:
    known, total, blanks = True, 0.0, False
    for key in keys:
        ok, value = _get(values, key)
        known &= ok
        blanks |= ok and values[key] is None
        total += value
    return known, total, blanks


def _fmt(x: float) -> str:
    return str(int(x)) if x == int(x) else f"{x:g}"


def _compare(check_id: str, scope: str, values: Values, left: list[str], right: list[str]) -> Check | None:
    lk, lv, lb = _sum(values, left)
    rk, rv, rb = _sum(values, right)
    if not (lk and rk):
        return None
    note = "（空白按0计）" if lb or rb else ""
    return Check(check_id, scope, abs(lv - rv) < 1e-6, f"{_fmt(lv)} vs {_fmt(rv)}{note}")


def _result_rows(template: Template) -> list[str]:
    apps = template.table("applications")
    skip = {"new_received", "carried_over", "total_processed", "carried_forward"}
    return [r.key for r in apps.rows if r.key not in skip]


def application_checks(values: Values, template: Template) -> list[Check]:
    """applications.balance and results_sum per column, applicants_sum per row."""
    checks: list[Check | None] = []
    results = _result_rows(template)
    for col in APPLICANT_COLUMNS:
        k = lambda row, c=col.key: f"applications|{row}|{c}"  # noqa: E731
        checks.append(_compare("applications.balance", col.key, values,
                               [k("new_received"), k("carried_over")], [k("total_processed"), k("carried_forward")]))
        checks.append(_compare("applications.results_sum", col.key, values,
                               [k("total_processed")], [k(r) for r in results]))
    for row in template.table("applications").rows:
        parts = [f"applications|{row.key}|{c.key}" for c in APPLICANT_COLUMNS[:-1]]
        checks.append(_compare("applications.applicants_sum", row.key, values,
                               [f"applications|{row.key}|total"], parts))
    return [c for c in checks if c]


def review_checks(values: Values) -> list[Check]:
    """review_litigation.group_sum for each of the three groups."""
    checks = []
    for group in REVIEW_GROUPS:
        parts = [f"review_litigation|count|{group}.{p}" for p in REVIEW_PARTS]
        check = _compare("review_litigation.group_sum", group, values,
                         [f"review_litigation|count|{group}.total"], parts)
        if check:
            checks.append(check)
    return checks


def cell_values(cells: list[Cell]) -> dict[str, float | int | None]:
    """Known cells (blank ones as None); uncertain cells are left out of the sums."""
    return {c.key: c.value for c in cells if not c.uncertain}


def table_checks(cells: list[Cell], template: Template) -> list[Check]:
    values = cell_values(cells)
    return application_checks(values, template) + review_checks(values)


# Prose phrases that state a table figure, and the cells that figure must equal.
_PROSE_TABLE = (
    (r"(?:收到|受理|新收)[^，。；\d]{0,12}申请", ("new_received",), "applications"),
    (r"予以公开及部分公开", ("granted", "partially_granted"), "applications"),
    (r"不予公开(?:答复)?", ("denied.",), "applications"),
    (r"无法提供(?:的)?", ("unavailable.",), "applications"),
    (r"不予处理", ("not_processed.",), "applications"),
    (r"(?:行政复议|复议)", ("review.total",), "review_litigation"),
)


def prose_checks(facts: list[Fact], cells: list[Cell]) -> list[Check]:
    """Figures the prose states that the tables contradict (or confirm)."""
    values = cell_values(cells)
    checks = []
    for fact in facts:
        if fact.unit != "件":
            continue
        for phrase, rows, table in _PROSE_TABLE:
            if not re.search(phrase + r"[^\d，。；]{0,6}?" + re.escape(_fmt(float(fact.value))) + r"\s*件", fact.text):
                continue
            keys = _keys_for(values, table, rows)
            if not keys or "结转" in fact.text:
                continue
            total = sum(_row_figure(values, k) for k in keys)
            checks.append(Check("prose.table", fact.text, abs(total - float(fact.value)) < 1e-6,
                                f"正文 {_fmt(float(fact.value))} vs 表格 {_fmt(total)}"))
            break
    return checks


def _row_figure(values: Values, total_key: str) -> float:
    """A row's 总计, or the sum of its applicant columns where the 总计 cell is blank."""
    if values.get(total_key) is not None or not total_key.startswith("applications|"):
        return float(values.get(total_key) or 0)
    prefix = total_key.rsplit("|", 1)[0]
    return sum(float(values.get(f"{prefix}|{c.key}") or 0) for c in APPLICANT_COLUMNS[:-1])


def _keys_for(values: Values, table: str, rows: tuple[str, ...]) -> list[str]:
    if table == "review_litigation":
        return [f"review_litigation|count|{r}" for r in rows if f"review_litigation|count|{r}" in values]
    return [k for k in values if k.startswith("applications|") and k.endswith("|total")
            and any(k.split("|")[1] == r or (r.endswith(".") and k.split("|")[1].startswith(r)) for r in rows)]
