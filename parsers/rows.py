"""Turn the lines of a table region into rows: a label and the values after it.

Three shapes reach this stage: grid rows (HTML, Markdown, PDF, Word tables),
text with one cell per line (the label on one line, each number on its own
line), and crawler text where label and digits run on ("行政许可3960181").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from parsers.structure import TABLE_REGIONS, Tagged
from parsers.values import is_blank, is_value_cell

# A minus glued between digits stays in the run: "行政事业性收费35-15" is 35 and -15 (a signed 本年增/减 cell);
# so does one opening a number after a space or on its own line ("-308", one cell per line).
_TOKEN = re.compile(
    r"(?:[增减](?=\d)|(?<!\S)[-－](?=\d))?\d[\d ]*(?:[-－]\d[\d ]*)*(?:\.\d+)?\s*(?:亿元|万元|亿|元)?")
# A number followed by one of these is prose ("34 件", "2024 年"), not a table cell.
_PROSE_UNIT = re.compile(r"^\s*[件条篇次人个项家期份场起位年月日号%％余多万户所名批天]")
_NUMBERING = re.compile(r"^[（(]?[\d一二三四五六七八九十]{1,3}[）)．.、]")
_ENUMERATOR_AFTER = re.compile(r"^[.．、][\u4e00-\u9fff]")


@dataclass
class RawRow:
    """A label and the cell texts printed after it."""

    label: str
    values: list[str] = field(default_factory=list)
    region: str = ""
    page: int | None = None
    from_grid: bool = False
    context: str = ""  # the last line of text before the row (a sub-table's caption: "行政复议")
    header: tuple[str, ...] = ()  # the last grid row of words above it (column headings, when printed in one row)

    @property
    def numeric(self) -> bool:
        return any(not is_blank(v) for v in self.values)


def is_damaged_value(cell: str) -> bool:
    """A short cell with digits that is no clean number ("1O", "5件", "约5"): a value misprinted, not a label.

    Labels carry words ("1.属于国家秘密") or stand alone as numbering ("2.", "（一）").
    """
    text = cell.strip()
    return (bool(re.search(r"\d", text)) and len(text) <= 8 and not _NUMBERING.match(text)
            and not re.search(r"[\u4e00-\u9fff]{2}", text) and not is_value_cell(text))


def grid_row(cells: list[str]) -> tuple[str, list[str]] | None:
    """Split a table row into its label cells and the value cells after them."""
    last_label = -1
    for i, cell in enumerate(cells):
        if not is_value_cell(cell) and not is_damaged_value(cell):
            last_label = i
    label = "".join(c for c in cells[: last_label + 1] if c)
    values = cells[last_label + 1:]
    if not values or (not label and all(is_blank(v) for v in values)):
        return None
    return label, values


def tokenize(text: str) -> list[tuple[str, str]]:
    """Split text into ('text', …) and ('run', …) tokens; 'N.' numbering stays with its label."""
    tokens: list[tuple[str, str]] = []
    pos = 0
    for match in _TOKEN.finditer(text):
        if match.start() > pos:
            tokens.append(("text", text[pos:match.start()]))
        tokens.append(("run", match.group().strip()))
        pos = match.end()
    if pos < len(text):
        tokens.append(("text", text[pos:]))
    return _move_enumerators(tokens)


def _move_enumerators(tokens: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """'00000002.其他…' is seven zeros and then the label '2.其他…'."""
    out: list[tuple[str, str]] = []
    for kind, value in tokens:
        if kind == "text" and out and out[-1][0] == "run" and _ENUMERATOR_AFTER.match(value):
            run = out[-1][1]
            digit = run[-1]
            rest = run[:-1].rstrip()
            out.pop()
            if rest:
                out.append(("run", rest))
            value = digit + value
        if kind == "text" and out and out[-1][0] == "text":
            out[-1] = ("text", out[-1][1] + value)
        else:
            out.append((kind, value))
    return out


class _Stream:
    """Accumulates label text and the runs that follow it into rows."""

    def __init__(self, rows: list[RawRow]) -> None:
        self.rows = rows
        self.label = ""
        self.current: RawRow | None = None

    def text(self, value: str) -> None:
        self.finish()
        self.label += value

    def run(self, value: str, region: str, page: int | None) -> None:
        if self.current is None:
            self.current = RawRow(self.label.strip(), [], region, page)
            self.label = ""
        self.current.values.append(value)

    def finish(self) -> None:
        if self.current is not None and self.current.values:
            self.rows.append(self.current)
        self.current = None

    def reset(self) -> None:
        self.finish()
        self.label = ""


def build_rows(tagged: list[Tagged]) -> list[RawRow]:
    """Rows of every table region, in document order."""
    rows: list[RawRow] = []
    stream = _Stream(rows)
    region: str | None = None
    context = ""
    header: tuple[str, ...] = ()
    for item in tagged:
        if item.region != region or item.heading_level:
            stream.reset()
            region = item.region
            context = item.line.text if item.heading_level else ""
            header = ()
        if region not in TABLE_REGIONS or item.heading_level:
            continue
        line = item.line
        if line.cells is not None:
            stream.reset()
            split = grid_row(line.cells)
            if split:
                rows.append(RawRow(split[0], split[1], region, line.page, True, context, header))
            elif sum(1 for c in line.cells if c.strip()) >= 2:
                header = tuple(c.strip() for c in line.cells)
            continue
        context = line.text
        _stream_line(stream, line.text, region, line.page)
    stream.reset()
    return rows


def is_cell_run(tokens: list[tuple[str, str]], i: int) -> bool:
    """A run is a table cell unless a unit or 第 around it makes it prose ("34 件", "第711号")."""
    if tokens[i][0] != "run":
        return False
    following = tokens[i + 1][1] if i + 1 < len(tokens) else ""
    preceding = tokens[i - 1][1] if i else ""
    return not (_PROSE_UNIT.match(following) or preceding.endswith("第"))


def _stream_line(stream: _Stream, text: str, region: str, page: int | None) -> None:
    tokens = tokenize(text)
    for i, (_, value) in enumerate(tokens):
        if is_cell_run(tokens, i):
            stream.run(value, region, page)
        else:
            stream.text(value)
