"""The arithmetic identities (勾稽关系) of the template tables, defined once as data, and their outcomes.

An identity names two sides of cells (`table|row|column` keys of the template) that must add up to the same
figure. The parser checks them (parsers.checks); the staff pages and the answers say a failing one in words
(`Outcome.words`) and mark the cells it covers (`Identity.cells`), all from these definitions.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from parsers.records import Check
from parsers.template import APPLICANT_COLUMNS, REVIEW_GROUPS, REVIEW_PARTS, CellKey, Template

Values = Mapping[str, float | int | None]
# Rows of the applications table that are not results: the balance identity's own four.
_NOT_RESULTS = ("new_received", "carried_over", "total_processed", "carried_forward")


@dataclass(frozen=True)
class Identity:
    """Two sides of cells that must add up to the same figure, and how a failure is said.

    `words` has the slots {left} and {right}, each filled with what that side says (为805件, 均为空白…).
    """

    id: str
    scope: str
    left: tuple[str, ...]
    right: tuple[str, ...]
    words: str
    unit: str = "件"

    @property
    def cells(self) -> tuple[str, ...]:
        return self.left + self.right

    @property
    def table(self) -> str:
        return self.id.split(".", 1)[0]


@dataclass(frozen=True)
class Side:
    """What one side of an identity adds up to over the cells known."""

    keys: tuple[str, ...]
    total: float
    known: int  # how many of the keys have a cell
    blanks: int  # how many of those are blank (counted as 0)

    @property
    def complete(self) -> bool:
        return self.known == len(self.keys)

    def said(self, unit: str) -> str:
        """As a predicate: 为805件 / 为空白 (one cell), 相加为11件 / 均为空白 (several)."""
        one = len(self.keys) == 1
        if self.blanks == self.known:
            return "为空白" if one else "均为空白"
        if one:
            return f"为{number(self.total)}{unit}"
        return f"相加为{number(self.total)}{unit}" + ("（空白按0计）" if self.blanks else "")


@dataclass(frozen=True)
class Outcome:
    """An identity evaluated over a report's cells: both sums, whether they agree, whether blanks counted as 0."""

    identity: Identity
    left: Side
    right: Side

    @property
    def ok(self) -> bool:
        return abs(self.left.total - self.right.total) < 1e-6

    @property
    def blanks_as_zero(self) -> bool:
        return bool(self.left.blanks or self.right.blanks)

    @property
    def complete(self) -> bool:
        """Every cell of both sides is known: only then is the identity checked."""
        return self.left.complete and self.right.complete

    @property
    def detail(self) -> str:
        note = "（空白按0计）" if self.blanks_as_zero else ""
        return f"{number(self.left.total)} vs {number(self.right.total)}{note}"

    @property
    def words(self) -> str:
        """One sentence saying what does not add up, e.g. “总计”列：办理结果各项均为空白，总计栏为805件."""
        unit = self.identity.unit
        return self.identity.words.format(left=self.left.said(unit), right=self.right.said(unit))

    def check(self) -> Check:
        return Check(self.identity.id, self.identity.scope, self.ok, self.detail)


def number(x: float) -> str:
    """A figure as the checks print it: 805, 2.5."""
    return str(int(x)) if x == int(x) else f"{x:g}"


def _side(keys: tuple[str, ...], values: Values) -> Side:
    total, known, blanks = 0.0, 0, 0
    for key in keys:
        if key in values:
            known += 1
            value = values[key]
            blanks += value is None
            total += float(value or 0)
    return Side(keys, total, known, blanks)


def evaluate(identity: Identity, values: Values) -> Outcome:
    """The identity over these cell values (a blank cell as None; a key missing is a cell not known)."""
    return Outcome(identity, _side(identity.left, values), _side(identity.right, values))


def _app(row: str, column: str) -> str:
    """The key of a cell of the applications table."""
    return CellKey.text("applications", row, column)


def _count(column: str) -> str:
    """The key of a cell of table 4 (复议、诉讼), which has one row."""
    return CellKey.text("review_litigation", "count", column)


def _application_identities(template: Template) -> list[Identity]:
    table = template.table("applications")
    results = [r.key for r in table.rows if r.key not in _NOT_RESULTS]
    found = []
    for col in APPLICANT_COLUMNS:
        column = f"“{col.label}”列："
        found.append(Identity("applications.balance", col.key,
                              (_app("new_received", col.key), _app("carried_over", col.key)),
                              (_app("total_processed", col.key), _app("carried_forward", col.key)),
                              column + "本年新收与上年结转{left}，办理结果总计与结转下年度{right}，两者应相等"))
        found.append(Identity("applications.results_sum", col.key, (_app("total_processed", col.key),),
                              tuple(_app(r, col.key) for r in results), column + "办理结果各项{right}，总计栏{left}"))
    for row in table.rows:
        found.append(Identity("applications.applicants_sum", row.key, (_app(row.key, "total"),),
                              tuple(_app(row.key, c.key) for c in APPLICANT_COLUMNS[:-1]),
                              f"“{row.label.rsplit('/', 1)[-1]}”行：" + "各类申请人{right}，总计栏{left}"))
    return found


def _review_identities(template: Template) -> list[Identity]:
    table = template.table("review_litigation")
    found = []
    for group in REVIEW_GROUPS:
        label = table.column(f"{group}.total").label.removesuffix("/总计")
        parts = "、".join(table.column(f"{group}.{p}").label.rsplit("/", 1)[-1] for p in REVIEW_PARTS)
        found.append(Identity("review_litigation.group_sum", group, (_count(f"{group}.total"),),
                              tuple(_count(f"{group}.{p}") for p in REVIEW_PARTS),
                              f"{label}：{parts}" + "{right}，总计栏{left}"))
    return found


_BY_TEMPLATE: dict[str, tuple[Identity, ...]] = {}


def identities(template: Template) -> tuple[Identity, ...]:
    """Every identity of the template, in the order the checks are made (built once per template name)."""
    found = _BY_TEMPLATE.get(template.name)
    if found is None:
        found = _BY_TEMPLATE[template.name] = (*_application_identities(template), *_review_identities(template))
    return found


def identity(check_id: str, scope: str, template: Template) -> Identity | None:
    """The identity a check of this id and scope made, or None (a check on prose, an unknown id)."""
    return next((i for i in identities(template) if i.id == check_id and i.scope == scope), None)
