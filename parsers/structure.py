"""Find headings, the table regions they open, and the sections of prose."""

from __future__ import annotations

import re
from dataclasses import dataclass

from parsers.document import Line
from parsers.records import Section

_CN_NUM = "一二三四五六七八九十"
HEADING_LEVELS = (
    (1, re.compile(rf"^[{_CN_NUM}]{{1,3}}[、．.]")),
    (2, re.compile(rf"^[（(][{_CN_NUM}]{{1,3}}[）)]")),
    (3, re.compile(r"^\d{1,2}[.．、](?![\d．.])")),
    (4, re.compile(r"^[（(]\d{1,2}[）)]")),
)
# Table row labels that look like headings: "一、本年新收…", "四、结转下年度继续办理".
_ROW_LABEL_WORDS = ("本年新收", "上年结转", "本年度办理结果", "结转下年度", "办理结果")
_INLINE_L1 = re.compile(rf"(?<![第{_CN_NUM}])(?=[{_CN_NUM}]{{1,2}}、)")
_INLINE_L2 = re.compile(rf"(?<=[。；;！？\s])(?=[（(][{_CN_NUM}]{{1,2}}[）)])")
_INLINE_L3 = re.compile(r"(?<=[。；;])(?=\d{1,2}[.．](?!\d))")
_HEADING_CUT = re.compile(r"[。：:；;，,！？\s\d（(]")
_SECTION_END = re.compile(r"(?:情况|事项|措施|统计表)")
_SENTENCE_END = ("。", "；", ";", "！", "？", "：", ":", "”", "）", ")")
PROSE_MARK = re.compile(r"[，。；,;]")
TABLE_REGIONS = ("active", "applications", "review", "stats")
# The text before the first heading (who reports, where to download it, whom to ask) is a section of its own.
PREAMBLE = "前言"
_PROSE_LINE = 10  # a line this long with a sentence mark is prose, not a table cell


@dataclass
class Tagged:
    """A line with the heading path and table region it stands in."""

    line: Line
    path: str
    region: str | None
    heading_level: int = 0


def split_glued_lines(lines: list[Line]) -> list[Line]:
    """Break crawler text (a whole report on one line) before the headings inside it."""
    out: list[Line] = []
    for line in lines:
        if line.is_row or len(line.text) < 200:
            out.append(line)
            continue
        text = _INLINE_L1.sub("\n", line.text)
        text = _INLINE_L2.sub("\n", text)
        text = _INLINE_L3.sub("\n", text)
        parts: list[str] = []
        for part in text.split("\n"):
            # Keep a break only where a heading really starts; otherwise it was prose.
            if parts and heading_of(part.strip(), False) is None:
                parts[-1] += part
            else:
                parts.append(part)
        out.extend(Line(part.strip(), page=line.page) for part in parts if part.strip())
    return out


def heading_of(text: str, in_table: bool) -> tuple[int, str, str] | None:
    """(level, heading, rest) when the text starts with a heading marker."""
    for level, pattern in HEADING_LEVELS:
        match = pattern.match(text)
        if not match:
            continue
        if in_table and level > 1:
            return None
        body = text[match.end():]
        if level == 1 and any(word in body[:12] for word in _ROW_LABEL_WORDS):
            return None
        cut = _HEADING_CUT.search(body)
        end = cut.start() if cut else len(body)
        if level == 1:
            # Crawler text runs the heading into what follows ("…行政诉讼情况行政复议行政诉讼…"):
            # a top-level heading ends with its last 情况/事项/统计表.
            words = list(_SECTION_END.finditer(body[: min(end, 42)]))
            end = words[-1].end() if words else end
        if end == 0 or end > 40:
            return None
        if in_table and level == 1 and not _SECTION_END.search(body[:end]):
            # Inside a table, "三、本年度办理结果" and its line-broken pieces are row labels, not sections.
            return None
        # Reports write both （一） and (一); the heading path uses the template's full-width form.
        marker = text[: match.end()].replace("(", "（").replace(")", "）")
        return level, (marker + body[:end]).strip(), body[end:].lstrip("。：:； ")
    return None


def region_of(heading: str) -> str | None:
    """Which template table a top-level heading opens, judged by its words."""
    if "统计表" in heading:
        return "stats"
    if "复议" in heading or "诉讼" in heading:
        return "review"
    if "申请" in heading:
        return "applications"
    if "主动公开" in heading:
        return "active"
    return None


def tag_lines(lines: list[Line], older: bool = False) -> list[Tagged]:
    """Attach heading path and region to every line (an older report has no table regions)."""
    stack: list[tuple[int, str]] = []
    region: str | None = None
    tagged: list[Tagged] = []
    pending = list(lines)
    while pending:
        line = pending.pop(0)
        in_table = region in TABLE_REGIONS and not (older and region != "stats")
        found = None if line.is_row else heading_of(line.text, in_table)
        if found is None and in_table and not line.is_row:
            found = _prose_heading(line, pending) or _next_part(line, stack)
        if found:
            level, heading, rest = found
            stack = [item for item in stack if item[0] < level] + [(level, heading)]
            if level == 1:
                region = region_of(heading)
            tagged.append(Tagged(Line(heading, page=line.page), "/".join(h for _, h in stack), region, level))
            if rest:
                # The text after a heading may open with the next heading ("…情况（一）…的数量2018年…").
                pending.insert(0, Line(rest, page=line.page))
            continue
        tagged.append(Tagged(line, "/".join(h for _, h in stack), region))
    return tagged


def _prose_heading(line: Line, pending: list[Line]) -> tuple[int, str, str] | None:
    """A sub-heading standing alone after a table, its prose on the next line ("（一）主要问题" when a report
    puts 存在的主要问题 under the last table's heading); a table's row labels are followed by cells instead."""
    found = heading_of(line.text, False)
    if found is None or found[0] != 2 or found[2] or re.search(r"\d", found[1][3:]):
        return None
    following = pending[0] if pending else None
    if following is None or following.is_row or len(following.text) < _PROSE_LINE or \
            following.text.startswith(("（", "(")):  # a row label's note: （区分处理的，只计这一情形…）
        return None
    return found if PROSE_MARK.search(following.text) and heading_of(following.text, False) is None else None


def _next_part(line: Line, stack: list[tuple[int, str]]) -> tuple[int, str, str] | None:
    """The report's next part, numbered after the part whose table it follows (五、 after 四、…诉讼情况), however
    it is worded ("五、工作中的薄弱环节及下一步打算"): the row labels numbered so are already told apart."""
    found = heading_of(line.text, False)
    top = next((heading for level, heading in stack if level == 1), "")
    if found is None or found[0] != 1 or not top:
        return None
    number, previous = _CN_NUM.find(found[1][0]), _CN_NUM.find(top[0])
    return found if previous >= 0 and number == previous + 1 and found[1][1] in "、．." else None


def is_prose(item: Tagged, older: bool) -> bool:
    """Prose lines feed sections and facts; table text does not."""
    if item.line.is_row or item.heading_level:
        return False
    if item.region in TABLE_REGIONS and not older:
        return bool(PROSE_MARK.search(item.line.text))
    return item.region != "stats"


def build_sections(tagged: list[Tagged], older: bool) -> list[Section]:
    """One section per heading path, its prose joined (wrapped lines re-joined)."""
    order: list[str] = []
    texts: dict[str, list[str]] = {}
    headings: dict[str, str] = {}
    for item in tagged:
        if item.heading_level:
            headings[item.path] = item.line.text
            if item.path not in texts:
                order.append(item.path)
                texts[item.path] = []
            continue
        if not is_prose(item, older):
            continue
        if item.path not in texts:
            order.append(item.path)
            texts[item.path] = []
        texts[item.path].append(item.line.text)
    if texts.get(""):
        headings[PREAMBLE] = PREAMBLE
        texts[PREAMBLE] = texts.pop("")
        order[order.index("")] = PREAMBLE
    return [Section(path, headings.get(path, path.rsplit("/", 1)[-1]), join_wrapped(texts[path]))
            for path in order if path]


def join_wrapped(lines: list[str]) -> str:
    """Join lines, without a break where a line was only wrapped mid-sentence."""
    out = ""
    for text in lines:
        if out and not out.endswith(_SENTENCE_END):
            out += text
        else:
            out += ("\n" if out else "") + text
    return out
