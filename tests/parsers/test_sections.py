"""Sections of real reports: the preamble kept, sub-headings after a table kept, table row labels left alone."""

from __future__ import annotations

import pytest

from parsers.document import Line
from parsers.pipeline import parse_file
from parsers.structure import PREAMBLE, build_sections, tag_lines
from tests.conftest import CORPUS


def _sections(name: str) -> dict[str, str]:
    if not CORPUS.exists():
        pytest.skip("../shared/corpus is not beside the project")
    return {s.path: s.text for s in parse_file(CORPUS / name).sections}


@pytest.mark.parametrize(("name", "printed"), [
    ("hongze-2023.pdf", "0517-87222589"),  # PDF: whom to ask, before 一、总体情况
    ("pingtan-2019.txt", "0591-23165250"),  # crawler text on one line
    ("shanghai-office-2019.html", "www.shanghai.gov.cn"),
    ("kewei-2024.md", "stcsm.sh.gov.cn"),
    ("jizhou-2020.txt", "统计期限"),
])
def test_the_text_before_the_first_heading_is_a_section(name: str, printed: str) -> None:
    sections = _sections(name)
    assert printed in sections[PREAMBLE]
    assert next(iter(sections)) == PREAMBLE


def test_a_sub_heading_after_a_table_heads_its_prose() -> None:
    """kewei-2024.md puts （一）主要问题 and （二）改进情况 under the review table's heading, without a 五、."""
    sections = _sections("kewei-2024.md")
    problems = next(p for p in sections if p.endswith("（一）主要问题"))
    measures = next(p for p in sections if p.endswith("（二）改进情况"))
    assert "无法满足" in sections[problems] and "采取以下措施" not in sections[problems]
    assert "采取以下措施" in sections[measures]


def test_row_labels_of_a_flattened_table_stay_table_text() -> None:
    lines = [Line(t) for t in ("三、收到和处理政府信息公开申请情况", "（一）予以公开", "54", "（二）部分公开",
                                "（区分处理的，只计这一情形，不计其他情形）", "3")]
    tagged = tag_lines(lines)
    assert [t.line.text for t in tagged if t.heading_level] == ["三、收到和处理政府信息公开申请情况"]
    assert [s.path for s in build_sections(tagged, False)] == ["三、收到和处理政府信息公开申请情况"]


def test_a_report_without_text_before_its_headings_has_no_preamble() -> None:
    tagged = tag_lines([Line("一、总体情况"), Line("本年度，我区认真贯彻落实条例。")])
    assert [s.path for s in build_sections(tagged, False)] == ["一、总体情况"]


def test_the_next_part_after_a_table_is_a_section_however_it_is_worded() -> None:
    """After the table a part's heading opens, the part numbered next is the report's next part, even when its
    words are not the template's (工作中的薄弱环节及下一步打算); a row label numbered so stays table text."""
    lines = [Line(t) for t in ("四、政府信息公开行政复议、行政诉讼情况", "行政复议", "0", "0",
                                "五、工作中的薄弱环节及下一步打算", "一是政策解读形式单一，缺少多种形式的解读。")]
    sections = {s.path: s.text for s in build_sections(tag_lines(lines), False)}
    assert "一是政策解读形式单一" in sections["五、工作中的薄弱环节及下一步打算"]
    rows = [Line(t) for t in ("三、收到和处理政府信息公开申请情况", "四、结转下年度继续办理", "0")]
    assert [t.line.text for t in tag_lines(rows) if t.heading_level] == ["三、收到和处理政府信息公开申请情况"]


def test_parts_after_a_part_on_applications_are_their_own_sections() -> None:
    """kewei-2024.md's 五、政府信息管理 and 六、政府信息公开平台建设 follow 四、政府信息公开申请情况 (whose words open
    the applications table's region): they are parts of their own, not text of the fourth."""
    sections = _sections("kewei-2024.md")
    assert "政府信息公开指南" in sections["五、政府信息管理"]
    assert "集成式发布" in sections["六、政府信息公开平台建设"]
    assert "集成式发布" not in sections["四、政府信息公开申请情况"]
