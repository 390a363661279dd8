"""Title, issuer, year and template version of a report."""

from __future__ import annotations

import re

from parsers.document import Document

# Any body's report: 人民政府, 办公厅, 地方税务局 ("…2013年信息公开年度报告" without 政府), 卫健委 …
_TITLE = re.compile(
    r"[\u4e00-\u9fff（）()·]{0,40}?\d{4}\s*年度?\s*[\u4e00-\u9fff（）()·]{0,40}?"
    r"(?:政府信息公开|政务公开|信息公开)(?:工作)?(?:年度)?(?:工作)?报告"
)
# An article without its title names itself in its text: "现将《…2023年政府信息公开工作年度报告》公布如下".
_QUOTED_TITLE = re.compile(r"《([^《》]{2,80}?)》")
# The closing signature: the body on its own short line, the date on the next ("平潭综合实验区教育局 / 2024年1月20日").
_BODY = re.compile(r"^[\u4e00-\u9fff（）()·]{2,40}(?:人民政府|政府|办公厅|办公室|委员会|管委会|局|委|厅|办|署|院|中心|所|站|处)$")
# How a body's or a place's name ends, for the subject of an article's opening sentence.
# One part of a name: a few characters ending like a place or a body (平潭综合实验区, 人民政府, 发展和改革委员会).
_NAME_PART = re.compile(r"[\u4e00-\u9fff]{0,6}?(?:人民政府|政府|办公厅|办公室|委员会|管委会|局|委|厅|办|署|院|中心|所|站|处"
                        r"|省|市|区|县|州|旗|盟|镇|乡|街道)")
# The subject after the year that opens a paragraph ("2023年，平潭综合实验区坚持…"), up to the first non-CJK.
_OPENING_SUBJECT = re.compile(r"(?<!\d)\d{4}年度?[，,]([\u4e00-\u9fff]{2,40})")
# Words that point at a body without naming it (我局, 本机关, 该县, 各单位, 全区).
_DETERMINERS = ("我", "本", "该", "各", "全")
_POINTERS = tuple(d + end for d in _DETERMINERS for end in "局委厅办院省市区县州镇乡")
_DATE_LINE = re.compile(r"^[(（]?\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日[)）]?$")
_OPENING_YEAR = re.compile(r"^(\d{4})\s*年(?:度)?[，,]")
_ABOUT = re.compile(r"^关于|关于$|^的|的$")
_YEAR_IN_TITLE = re.compile(r"(\d{4})\s*年度?")
_PERIOD_YEAR = re.compile(r"(?:自|从|为)\s*(\d{4})\s*年\s*1\s*月\s*1\s*日")
_SUFFIX = re.compile(r"(?:政府信息公开|政务公开|信息公开)(?:工作)?(?:年度)?(?:工作)?报告$")
_MARKERS_2021 = ("本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额", "逾期不补正", "本年处理决定数量")
_MARKERS_2019 = ("本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "采购总金额", "本年增/减")
_MARKERS_TABLE = ("本年新收政府信息公开申请", "申请人情况")


def _compact(text: str) -> str:
    """Drop spaces between CJK characters and digits ('2024 年' → '2024年')."""
    text = re.sub(r"(?<=\d)\s+(?=[年\d])", "", text)
    return re.sub(r"(?<=[\u4e00-\u9fff])\s+(?=\d)", "", text).strip()


def find_titles(doc: Document) -> list[str]:
    """Every form of the title the file prints (its first lines, joined when wrapped; the page title),
    the preferred first.

    A crawled page may name the report twice, differently ("2020年度…" in its header, "2020年…" in the
    body): both are its title.
    """
    texts = [_compact(ln.text) for ln in doc.lines[:12] if not ln.is_row]
    candidates = []
    for i, text in enumerate(texts):
        for chunk in (text[:120], (text + texts[i + 1])[:120] if i + 1 < len(texts) else ""):
            match = _TITLE.search(chunk)
            if match:
                candidates.append(match.group())
                break
    hint = _compact(doc.title_hint)
    hint_match = _TITLE.search(hint)
    if hint_match:
        candidates.append(hint_match.group())
    with_work = [c for c in candidates if "工作年度报告" in c]
    ordered = with_work + [c for c in candidates if c not in with_work]
    return list(dict.fromkeys(ordered))


def year_of(title: str, text: str) -> int | None:
    """The year the report covers: the title's year, else the 统计期限 sentence's."""
    match = _YEAR_IN_TITLE.search(title)
    if match:
        return int(match.group(1))
    period = _PERIOD_YEAR.search(text)
    return int(period.group(1)) if period else None


def issuer_of(title: str) -> str:
    """The body named in the title: before the year, or between the year and 政府信息公开."""
    match = _YEAR_IN_TITLE.search(title)
    if not match:
        return _SUFFIX.sub("", title).strip()
    # "关于XX局2023年…报告的公告", "XX局关于2023年…": 关于 is the notice's wording, not the body's name.
    before = _ABOUT.sub("", title[: match.start()].strip())
    after = _ABOUT.sub("", _SUFFIX.sub("", title[match.end():]).strip())
    return before or after


def detect_template(text: str, year: int | None) -> str:
    """2019 or 2021 by the table headers the report prints; 'older' without the fixed tables."""
    compact = re.sub(r"\s+", "", text)
    score_2021 = sum(marker in compact for marker in _MARKERS_2021)
    score_2019 = sum(marker in compact for marker in _MARKERS_2019)
    has_tables = any(marker in compact for marker in _MARKERS_TABLE)
    if score_2021 > score_2019:
        return "2021"
    if score_2019 > score_2021:
        return "2019"
    if not has_tables:
        return "older"
    if year is not None:
        return "2021" if year >= 2021 else "2019"
    return "2021"


def title_in_text(lines: list[str]) -> str:
    """A title the article quotes in its own first lines, when the page lost the title itself."""
    for text in lines[:15]:
        for quoted in _QUOTED_TITLE.finditer(_compact(text)):
            match = _TITLE.fullmatch(quoted.group(1))
            if match:
                return match.group()
    return ""


def signature_body(lines: list[str]) -> str:
    """The body that signs the article: a short line naming it, just above the date line at the end."""
    tail = [_compact(t) for t in lines[-6:]]
    for i in range(len(tail) - 1, 0, -1):
        if _DATE_LINE.match(tail[i]) and _BODY.match(tail[i - 1]):
            return tail[i - 1]
    return ""


def opening_year(lines: list[str]) -> int | None:
    """The year the first paragraphs open with ("2023年，我局坚持…"), when every such opening agrees."""
    years = {int(m.group(1)) for t in lines[:40] if (m := _OPENING_YEAR.match(_compact(t)))}
    return years.pop() if len(years) == 1 else None


def body_in_text(lines: list[str], text: str) -> str:
    """The body an article without a title names as the subject of its first opening ("2023年，XX区坚持…").

    A name is a chain of short parts each ending like a place or a body (天津市/蓟州区/人民政府); of the chains
    that start the subject, the longest the text prints again, else the longest. Only for a file whose title is
    missing, and marked for checking by the caller; a subject that only points at a body (我局) names none.
    """
    subject = next((m.group(1) for line in lines[:40] for m in _OPENING_SUBJECT.finditer(_compact(line))), "")
    if subject.startswith(_DETERMINERS):
        return ""
    chains, end = [], 0
    while (part := _NAME_PART.match(subject, end)) and not part.group().endswith(_POINTERS):
        end = part.end()
        chains.append(subject[:end])
    again = [name for name in chains if text.count(name) >= 2]
    return (again or chains or [""])[-1]
