"""The fixed tables of the national annual-report templates (2019 and 2021).

Keys are stable English identifiers; labels are the template's own wording.
`signatures` are the short phrases that identify a printed row label even
when a report adds line breaks, numbering, brackets or the odd typo: the
row matcher looks for them in the (normalised) label text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property


@dataclass(frozen=True)
class CellKey:
    """The `table|row|column` key of a template cell: how cells are stored, looked up and cited (`Figure.key`)."""

    table: str
    row: str
    column: str

    def __str__(self) -> str:
        return CellKey.text(self.table, self.row, self.column)

    @staticmethod
    def text(table: str, row: str, column: str) -> str:
        """The key as written, without making a CellKey (read for every cell of a report, on the answer path)."""
        return f"{table}|{row}|{column}"

    @classmethod
    def parse(cls, text: str) -> CellKey:
        """The key written as `table|row|column` (ValueError when the text is not three parts)."""
        table, row, column = text.split("|")
        return cls(table, row, column)


@dataclass(frozen=True)
class Column:
    """One column of a template table."""

    key: str
    label: str
    unit: str = "件"
    money: bool = False
    signed: bool = False


@dataclass(frozen=True)
class Row:
    """One row of a template table, with the phrases that identify it."""

    key: str
    label: str
    signatures: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """One fixed table: its id, the section it stands in, rows and columns."""

    id: str
    section: str
    title: str
    rows: tuple[Row, ...]
    columns: tuple[Column, ...]

    def row(self, key: str) -> Row:
        return self._rows_by_key[key]

    @cached_property
    def _rows_by_key(self) -> dict[str, Row]:
        return {r.key: r for r in self.rows}

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)


@dataclass(frozen=True)
class Template:
    """A template version and its tables."""

    name: str
    source: str
    tables: tuple[Table, ...] = field(default_factory=tuple)

    def table(self, table_id: str) -> Table:
        return next(t for t in self.tables if t.id == table_id)


def _r(key: str, label: str, *signatures: str) -> Row:
    return Row(key, label, signatures or (label,))


_ACTIVE = "二、主动公开政府信息情况"
_APPS = "三、收到和处理政府信息公开申请情况"
_REVIEW = "四、政府信息公开行政复议、行政诉讼情况"
_RESULTS = "三、本年度办理结果/"

_ITEMS_2019 = (
    Column("items_last_year", "上一年项目数量", "项"),
    Column("items_change", "本年增/减", "项", signed=True),
    Column("decisions", "处理决定数量", "件"),
)

APPLICANT_COLUMNS = (
    Column("natural_person", "自然人"),
    Column("commercial", "商业企业"),
    Column("research", "科研机构"),
    Column("social_welfare", "社会公益组织"),
    Column("legal_services", "法律服务机构"),
    Column("other_org", "其他"),
    Column("total", "总计"),
)

_HEAD_ROWS = (
    _r("new_received", "一、本年新收政府信息公开申请数量", "本年新收"),
    _r("carried_over", "二、上年结转政府信息公开申请数量", "上年结转"),
    _r("granted", _RESULTS + "（一）予以公开", "予以公开"),
    _r("partially_granted", _RESULTS + "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "部分公开"),
    _r("denied.state_secret", _RESULTS + "（三）不予公开/1.属于国家秘密", "国家秘密"),
    _r("denied.prohibited_by_law", _RESULTS + "（三）不予公开/2.其他法律行政法规禁止公开", "法律行政法规禁止公开"),
    _r("denied.security_stability", _RESULTS + "（三）不予公开/3.危及“三安全一稳定”", "三安全一稳定"),
    _r("denied.third_party_rights", _RESULTS + "（三）不予公开/4.保护第三方合法权益", "第三方合法权益"),
    _r("denied.internal_affairs", _RESULTS + "（三）不予公开/5.属于三类内部事务信息", "三类内部事务"),
    _r("denied.process_information", _RESULTS + "（三）不予公开/6.属于四类过程性信息", "四类过程性"),
    _r("denied.enforcement_files", _RESULTS + "（三）不予公开/7.属于行政执法案卷", "行政执法案卷"),
    _r("denied.administrative_query", _RESULTS + "（三）不予公开/8.属于行政查询事项", "行政查询事项"),
    _r("unavailable.not_held", _RESULTS + "（四）无法提供/1.本机关不掌握相关政府信息", "不掌握相关政府信息"),
    _r("unavailable.needs_creation", _RESULTS + "（四）无法提供/2.没有现成信息需要另行制作", "需要另行制作", "没有现成信息"),
    _r("unavailable.unclear_after_correction", _RESULTS + "（四）无法提供/3.补正后申请内容仍不明确", "补正后申请内容仍不明确"),
    _r("not_processed.complaint", _RESULTS + "（五）不予处理/1.信访举报投诉类申请", "信访举报投诉"),
    _r("not_processed.duplicate", _RESULTS + "（五）不予处理/2.重复申请", "重复申请"),
    _r("not_processed.publication", _RESULTS + "（五）不予处理/3.要求提供公开出版物", "公开出版物"),
    _r("not_processed.excessive", _RESULTS + "（五）不予处理/4.无正当理由大量反复申请", "大量反复申请"),
    _r("not_processed.confirmation", _RESULTS + "（五）不予处理/5.要求行政机关确认或重新出具已获取信息",
       "确认或重新出具"),
)

_TAIL_ROWS = (
    _r("total_processed", _RESULTS + "（七）总计", "（七）总计", "(七)总计", "七)总计", "总计", "合计"),
    _r("carried_forward", "四、结转下年度继续办理", "结转下年度", "结转下一年度"),
)

_REVIEW_COLUMNS = tuple(
    Column(f"{group}.{part}", f"{glabel}/{plabel}")
    for group, glabel in (
        ("review", "行政复议"),
        ("litigation_direct", "行政诉讼/未经复议直接起诉"),
        ("litigation_after_review", "行政诉讼/复议后起诉"),
    )
    for part, plabel in (
        ("upheld", "结果维持"),
        ("corrected", "结果纠正"),
        ("other", "其他结果"),
        ("pending", "尚未审结"),
        ("total", "总计"),
    )
)

REVIEW_TABLE = Table(
    "review_litigation", _REVIEW, "政府信息公开行政复议、行政诉讼情况",
    (Row("count", "（唯一数据行）", ()),), _REVIEW_COLUMNS,
)

TEMPLATE_2019 = Template(
    "2019",
    "国办公开办函〔2019〕60号 — used for the reports on 2019 and 2020",
    (
        Table("active.art20_1", _ACTIVE, "第二十条第（一）项",
              (_r("rules", "规章"), _r("normative_documents", "规范性文件")),
              (Column("made", "本年新制作数量"), Column("published", "本年新公开数量"),
               Column("total_published", "对外公开总数量"))),
        Table("active.art20_5", _ACTIVE, "第二十条第（五）项",
              (_r("licensing", "行政许可"), _r("other_services", "其他对外管理服务事项")), _ITEMS_2019),
        Table("active.art20_6", _ACTIVE, "第二十条第（六）项",
              (_r("penalty", "行政处罚"), _r("coercion", "行政强制")), _ITEMS_2019),
        Table("active.art20_8", _ACTIVE, "第二十条第（八）项",
              (_r("fees", "行政事业性收费"),), _ITEMS_2019[:2]),
        Table("active.art20_9", _ACTIVE, "第二十条第（九）项",
              (_r("central_procurement", "政府集中采购"),),
              (Column("projects", "采购项目数量", "个"), Column("amount", "采购总金额", "元", money=True))),
        Table("applications", _APPS, "收到和处理政府信息公开申请情况",
              (*_HEAD_ROWS, _r("other", _RESULTS + "（六）其他处理", "其他处理"), *_TAIL_ROWS),
              APPLICANT_COLUMNS),
        REVIEW_TABLE,
    ),
)

TEMPLATE_2021 = Template(
    "2021",
    "国办公开办函〔2021〕30号《中华人民共和国政府信息公开工作年度报告格式》 — reports on 2021 onward",
    (
        Table("active.art20_1", _ACTIVE, "第二十条第（一）项",
              (_r("rules", "规章"), _r("normative_documents", "行政规范性文件", "规范性文件")),
              (Column("issued", "本年制发件数"), Column("repealed", "本年废止件数"),
               Column("in_force", "现行有效件数"))),
        Table("active.art20_5", _ACTIVE, "第二十条第（五）项",
              (_r("licensing", "行政许可"),), (Column("decisions", "本年处理决定数量"),)),
        Table("active.art20_6", _ACTIVE, "第二十条第（六）项",
              (_r("penalty", "行政处罚"), _r("coercion", "行政强制")), (Column("decisions", "本年处理决定数量"),)),
        Table("active.art20_8", _ACTIVE, "第二十条第（八）项",
              (_r("fees", "行政事业性收费"),),
              (Column("amount_10k_yuan", "本年收费金额（单位：万元）", "万元", money=True),)),
        Table("applications", _APPS, "收到和处理政府信息公开申请情况",
              (*_HEAD_ROWS,
               _r("other.no_correction", _RESULTS + "（六）其他处理/1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                  "逾期不补正"),
               _r("other.no_fee", _RESULTS + "（六）其他处理/2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
                  "收费通知", "缴纳费用"),
               _r("other.other", _RESULTS + "（六）其他处理/3.其他", "3.其他"),
               *_TAIL_ROWS),
              APPLICANT_COLUMNS),
        REVIEW_TABLE,
    ),
)

TEMPLATES = {"2019": TEMPLATE_2019, "2021": TEMPLATE_2021}

REVIEW_GROUPS = ("review", "litigation_direct", "litigation_after_review")
REVIEW_PARTS = ("upheld", "corrected", "other", "pending")


def cell_label(row_label: str, column_label: str) -> str:
    """A cell's words as the answers quote them: '（一）予以公开（自然人）'; table 4's one row adds nothing."""
    if row_label.startswith("（唯一"):
        return column_label.replace("/", "·")
    return f"{row_label}（{column_label.replace('/', '·')}）"


def template_cells() -> list[tuple[str, str, str, str, str]]:
    """(table, row, column, label, section) of every cell of every template, as the parser writes them."""
    out = []
    for template in TEMPLATES.values():
        for table in template.tables:
            for row in table.rows:
                row_label = row.label.replace("/", "")
                out += [(table.id, row.key, column.key, cell_label(row_label, column.label), table.section)
                        for column in table.columns]
    return list(dict.fromkeys(out))
