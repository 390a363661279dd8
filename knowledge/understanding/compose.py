"""Compose the concepts of a question into what it asks: a table's row × column, group × result, or a section.

The review table is group (行政复议 / 未经复议直接起诉 / 复议后起诉; 行政诉讼 = the two litigation groups) ×
result (维持 / 纠正 / 其他 / 尚未审结 / 总计); the applications table is row (or row group) × applicant column (or
the 法人或其他组织 group); the 第二十条 tables are row × column. Each phrase names one concept; the question's
operations (后, 直接, 除了…以外, 没) combine them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from knowledge.understanding.app_rows import (
    CONTEXT_ROWS,
    described_rows,
    disclosed,
    ellipsis,
    joined_rows,
    rows_asked,
)
from knowledge.understanding.applicants import GENERIC_COLUMN_WORDS, columns_asked
from knowledge.understanding.review_groups import results_apart, review_groups
from knowledge.understanding.roles import asks_each, count_in, each_asked, found, has_op
from knowledge.understanding.segment import Span
from parsers.template import TEMPLATE_2019, TEMPLATE_2021


@dataclass(frozen=True)
class Measure:
    """What figure(s) a question asks for; several members make a list or a sum (`listing`)."""

    table: str  # applications | review_litigation | active | section
    rows: tuple[str, ...] = ()
    columns: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    parts: tuple[str, ...] = ()
    section: str = ""
    listing: bool = True
    named: frozenset[str] = frozenset()  # the dimensions the question itself named
    printed: bool = False  # the form's cell as printed is asked (总计栏填的是多少): a blank is no sum of parts

    @property
    def members(self) -> int:
        """How many figures the measure names (before a sum or a list)."""
        if self.table == "review_litigation":
            return len(self.groups) * len(self.parts)
        if self.table == "applications":
            return len(self.rows) * (1 if self.columns[-1:] == ("except",) else len(self.columns))
        return max(len(self.rows), 1)

    @property
    def partial(self) -> bool:
        """Only a column (or only a review result) was named: not a question of its own, a follow-up's change."""
        main = "groups" if self.table == "review_litigation" else "rows"
        return bool(self.named) and main not in self.named and self.table != "section"

    def refined(self, change: Measure) -> Measure:
        """This measure with the dimensions `change` names replaced (a follow-up within one table)."""
        if change.table != self.table:
            return change
        updates = {dim: getattr(change, dim) for dim in change.named}
        # 加一起 in the change adds what it names; a change naming no sum keeps the measure's own
        return replace(self, **updates, named=self.named | change.named, listing=self.listing and change.listing)


@dataclass(frozen=True)
class Composition:
    measure: Measure | None
    used: frozenset[int]
    rival: Measure | None = None  # another table's reading that explains exactly as much


def compose(spans: list[Span]) -> Composition:
    """The reading that uses the most concept spans; the section reading only when no table reading fits."""
    readings = [r for r in (_review(spans), _active(spans)) if r is not None]
    applications = _applications(spans)
    if applications is not None and not (readings and _only_context(applications)):
        readings.append(applications)
    if not any(r.used for r in readings):  # 申请 alone names no figure: 从哪里申请 asks a section
        section = _section(spans)
        if section is not None or not readings:
            return section or Composition(None, frozenset())
    readings.sort(key=lambda r: -len(r.used))
    best = readings[0]
    if len(readings) > 1 and len(readings[1].used) == len(best.used) and best.used:
        return replace(best, rival=readings[1].measure)  # equally good: the user chooses
    return best


def _only_context(reading: Composition) -> bool:
    """申请了 / 办理了 alone say an application was made, not which row: another table's reading wins."""
    measure = reading.measure
    return measure is not None and set(measure.rows) <= set(CONTEXT_ROWS) and measure.columns == ("total",)


def _of_the_form(spans: list[Span], at: int) -> bool:
    """A word of the form's columns (栏, 列) at `at`."""
    return at < len(spans) and "form" in spans[at].values("topic") and spans[at].text[-1:] in ("栏", "列")


def _listing(spans: list[Span]) -> bool:
    """Several members are listed unless the question asks for their sum (各项加起来 is a sum); a question of
    two clauses that each ask a number (一共几件，维持的几件) lists what each asks."""
    sums = has_op(spans, "sum")
    # 总计 / 合计 name a column of the form as well as a sum: beside 分别, the column asked of each member.
    labels_only = all(any(spans[i].has(role) for role in ("app_col", "review_part", "active_col")) for i in sums)
    return asks_each(spans) or not sums or (labels_only and bool(each_asked(spans)))


def _applications(spans: list[Span]) -> Composition | None:
    rows = sorted(found(spans, "app_row") + ellipsis(spans))  # in the order asked
    cols = found(spans, "app_col")
    topic = [i for i, s in enumerate(spans) if "application" in s.values("topic")]
    if topic and not [v for _, v in rows if v not in CONTEXT_ROWS]:
        rows += disclosed(spans)
    if not (rows or topic or any(spans[i].text not in GENERIC_COLUMN_WORDS for i, _ in cols)):
        return None
    used = {i for i, _ in rows} | {i for i, _ in cols}
    row_words = {v for _, v in rows}
    if "other.any" in row_words and row_words & {"other.", "other"}:
        # 其他处理里的“其他”: the word names the row's third item, not the 其他 applicant column.
        cols = [(i, v) for i, v in cols if "other.any" not in spans[i].values("app_row")]
    counted = {c[0] for s in spans if (c := count_in(s.text)) is not None}
    joined = joined_rows(spans, rows)
    # rows set against each other (不处理的比没交费的多几件) are each asked, never one describing another
    asked = rows if has_op(spans, "more", "less", "compare", "change", "rate") else described_rows(spans, rows, joined)
    row_keys = rows_asked(asked, bool(has_op(spans, "sum")) and not each_asked(spans), asks_each(spans), joined,
                          counted)
    public = [(i, v) for i, v in cols if v == "public"]
    col_keys, extra = columns_asked(spans, [c for c in cols if c not in public], row_keys)
    named = {"rows"} if row_keys else set()  # 其他 read only as the applicants column names no row
    if col_keys != ("total",) or any(v == "total" for _, v in cols) or has_op(spans, "sum"):
        named.add("columns")  # 合起来 / 一共 over the applicants is the 总计 column
    measure = Measure("applications", row_keys or ("new_received",), col_keys, listing=_listing(spans),
                      named=frozenset(named or {"rows"}),
                      printed=any(v == "total" and _of_the_form(spans, i + 1) for i, v in cols))
    # 老百姓申请的 alone: every applicant or the individuals, two readings the user chooses between.
    rival = replace(measure, columns=("natural_person",)) if public and col_keys == ("total",) else None
    return Composition(measure, frozenset(used | extra), rival)


def _review(spans: list[Span]) -> Composition | None:
    groups = found(spans, "review_group")
    parts = found(spans, "review_part")
    strong = [v for _, v in parts if v in ("upheld", "corrected", "pending", "concluded")]
    if not groups and not strong:
        return None
    used = {i for i, _ in groups} | {i for i, v in parts if v != "total" or groups}
    # 老百姓申请复议: the public at large names no part of a table that does not count by applicant.
    used |= {i for i, s in enumerate(spans) if s.values("app_col") == ["public"]}
    # 申请了复议 / 提起诉讼: the verbs of asking, which the applications table would read as 新收.
    beside = {j for i, _ in groups for j in (i - 1, i + 1)}
    used |= {i for i, s in enumerate(spans) if set(s.values("app_row")) == {"new_received"} and i in beside}
    group_keys, extra = review_groups(spans, groups)
    if (groups and not group_keys) or (len(group_keys) > 1 and results_apart(spans, groups, parts)):
        return None
    part_keys = [v for _, v in parts]
    negated = has_op(spans, "negation")
    if "concluded" in part_keys and negated:
        part_keys = ["pending" if p == "concluded" else p for p in part_keys]
        extra |= set(negated)
    asked_total = "total" in part_keys or bool(has_op(spans, "sum"))
    part_keys = [p for p in dict.fromkeys(part_keys) if p != "total"] or ["total"]
    if asks_each(spans) and asked_total and "total" not in part_keys:
        part_keys.insert(0, "total")  # 一共几件，维持的几件: the total is asked as well
    named = ({"groups"} if groups else set()) | ({"parts"} if parts else set())
    # 结果维持的有几件, no group named: the review's and the suits' alike, each named (or their sum, 一共)
    default = ("review", "litigation") if strong and not groups else ("review",)
    measure = Measure("review_litigation", groups=group_keys or default, parts=tuple(part_keys),
                      listing=_listing(spans), named=frozenset(named))
    return Composition(measure, frozenset(used | extra))


_ACTIVE_ONLY = {"made", "published", "total_published", "issued", "repealed", "in_force", "items_last_year",
                "projects"}


def _active(spans: list[Span]) -> Composition | None:
    rows = found(spans, "active_row") or _row_of_columns(spans, found(spans, "active_col"))
    cols = found(spans, "active_col")
    if not rows and not any(v in _ACTIVE_ONLY for _, v in cols):
        return None
    fees = _fees_of_disclosure(spans, rows)
    if fees:  # 信息公开收了多少钱: what applying cost (信息处理费), which only the report's text tells
        return Composition(Measure("section", section="fees_text", named=frozenset({"section"})), fees)
    used = {i for i, _ in rows} | {i for i, _ in cols}
    columns = tuple(dict.fromkeys(v for _, v in cols))
    previous = has_op(spans, "previous")
    items = [i for i, s in enumerate(spans) if "projects" in s.values("active_col") or "项" in s.values("unit")]
    if previous and items and not set(columns) - {"projects"}:
        # 项目数量 … 上一年: the 2019 form's column 上一年项目数量, named in two pieces; set against the year
        # before (比上一年增了多少项), its column 本年增/减.
        against = has_op(spans, "compare", "more", "less", "change")
        columns = ("items_change",) if against else ("items_last_year",)
        used = used | set(previous) | set(items) | set(against)
    named = ({"rows"} if rows else set()) | ({"columns"} if columns else set())
    measure = Measure("active", tuple(dict.fromkeys(v for _, v in rows)), columns,
                      listing=_listing(spans), named=frozenset(named))
    return Composition(measure, frozenset(used))


def _row_of_columns(spans: list[Span], cols: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The one row a column's own words name (收费金额 of 行政事业性收费, 采购总金额 of 政府集中采购): a column
    that only that row has in every form, said with two characters of the row's label. 钱 or 收了 alone is no row."""
    rows: list[tuple[int, str]] = []
    for at, column in cols:
        owners = _ONE_ROW.get(column)
        if owners is None:
            continue
        key, label = owners
        text = spans[at].text
        if any(text[k:k + 2] in label for k in range(len(text) - 1)):
            rows.append((at, key))
    return rows


def _rows_of_active_columns() -> dict[str, tuple[str, str]]:
    """Each 第二十条 column that only one row has, in the forms that hold it: that row's key and label."""
    owners: dict[str, set[tuple[str, str]]] = {}
    for template in (TEMPLATE_2019, TEMPLATE_2021):
        for table in template.tables:
            if table.id.startswith("active."):
                for column in table.columns:
                    owners.setdefault(column.key, set()).update((r.key, r.label) for r in table.rows)
    return {column: next(iter(rows)) for column, rows in owners.items() if len({k for k, _ in rows}) == 1}


_ONE_ROW = _rows_of_active_columns()


# The words of disclosure on request: beside a fee they ask what disclosure cost, not the 第二十条（八）项 table of
# the administrative fees (行政事业性收费) a body charged, which 主动公开 publishes.
_ON_REQUEST = {"信息公开", "政府信息公开", "依申请", "依申请公开", "申请", "公开申请", "信息公开申请", "政府信息公开申请"}


def _fees_of_disclosure(spans: list[Span], rows: list[tuple[int, str]]) -> frozenset[int]:
    """The fee words of a question asking what disclosure on request cost (信息公开收了多少钱), else none."""
    fees = {i for i, v in rows if v == "fees"}
    if not fees or len(fees) != len(rows) or any(w in spans[i].text for i in fees for w in ("行政", "事业")):
        return frozenset()
    asked = any(s.text in _ON_REQUEST for s in spans) and not any(s.text == "主动公开" for s in spans)
    return frozenset(fees) if asked else frozenset()


def _section(spans: list[Span]) -> Composition | None:
    sections = found(spans, "section")
    if not sections:
        return None
    return Composition(Measure("section", section=sections[0][1], named=frozenset({"section"})),
                       frozenset(i for i, _ in sections))
