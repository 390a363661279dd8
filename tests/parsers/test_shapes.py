"""Reports the corpus does not have: random tables that satisfy the template's sums, printed in every
shape reports come in, must read back to exactly those figures (or, glued, to nothing wrong)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from parsers import REPORT_SUFFIXES, parse_bytes, parse_file
from parsers.identities import identities
from parsers.pipeline import sniff_format
from parsers.template import APPLICANT_COLUMNS, REVIEW_TABLE, TEMPLATES, Template

ORG = "示例县人民政府"


def random_tables(seed: int, template: Template) -> dict[str, int]:
    """Cell values that satisfy every identity of the template."""
    rng = random.Random(seed)
    table = template.table("applications")
    results = [r.key for r in table.rows if r.key not in
               ("new_received", "carried_over", "total_processed", "carried_forward")]
    values: dict[str, int] = {}
    for col in APPLICANT_COLUMNS[:-1]:
        scale = 40 if col.key == "natural_person" else 3
        per_row = {r: rng.randint(0, scale) * (rng.random() < 0.6) for r in results}
        processed = sum(per_row.values())
        forward, carried = rng.randint(0, scale), rng.randint(0, scale)
        per_row.update(total_processed=processed, carried_forward=forward, carried_over=carried,
                       new_received=processed + forward - carried if processed + forward >= carried else 0)
        if per_row["new_received"] == 0:
            per_row["carried_over"] = processed + forward
        for row, value in per_row.items():
            values[f"applications|{row}|{col.key}"] = value
    for row in table.rows:
        values[f"applications|{row.key}|total"] = sum(values[f"applications|{row.key}|{c.key}"]
                                                      for c in APPLICANT_COLUMNS[:-1])
    for group in ("review", "litigation_direct", "litigation_after_review"):
        parts = [rng.randint(0, 9) for _ in range(4)]
        for part, value in zip(("upheld", "corrected", "other", "pending"), parts, strict=True):
            values[f"review_litigation|count|{group}.{part}"] = value
        values[f"review_litigation|count|{group}.total"] = sum(parts)
    for t in template.tables:
        if t.id.startswith("active."):
            for row in t.rows:
                for col in t.columns:
                    # 本年增/减 takes signed values (行政处罚 2648 / -18 / 538).
                    values[f"{t.id}|{row.key}|{col.key}"] = rng.randint(-500, 500) if col.signed else rng.randint(0, 5000)
    return values


def rows_of(template: Template, values: dict[str, int]) -> list[tuple[str, list[str], str]]:
    """(section, label, printed cells) for every row, in the template's order."""
    out = []
    for t in template.tables:
        for row in t.rows:
            label = row.label.replace("/", "") if t.id != "review_litigation" else ""
            out.append((t.section, label, [str(values[f"{t.id}|{row.key}|{c.key}"]) for c in t.columns]))
    return out


def report_lines(template: Template, year: int) -> list[str]:
    return [f"{ORG}{year}年政府信息公开工作年度报告", "一、总体情况",
            f"{year}年，全县共收到政府信息公开申请若干件，全年发布政策解读12篇。"]


def as_html(template: Template, values: dict[str, int], year: int) -> str:
    parts = [f"<p>{line}</p>" for line in report_lines(template, year)]
    section = ""
    for sec, label, cells in rows_of(template, values):
        if sec != section:
            parts.append(f"{'</table>' if section else ''}<p>{sec}</p><table>")
            if sec.startswith("四"):
                parts.append("<tr>" + "".join(f"<th>{c.label}</th>" for c in REVIEW_TABLE.columns) + "</tr>")
            section = sec
        parts.append("<tr>" + (f"<th>{label}</th>" if label else "") + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    return "".join(parts) + "</table><p>五、存在的主要问题及改进情况</p><p>无。</p>"


def as_spaced_text(template: Template, values: dict[str, int], year: int) -> str:
    lines = report_lines(template, year)
    section = ""
    for sec, label, cells in rows_of(template, values):
        if sec != section:
            lines.append(sec)
            section = sec
        lines.append(f"{label} {' '.join(cells)}".strip())
    return "\n".join([*lines, "五、存在的主要问题及改进情况", "无。"])


def as_flat_text(template: Template, values: dict[str, int], year: int) -> str:
    return "\n".join(line for row in as_spaced_text(template, values, year).split("\n")
                     for line in ([row] if not row[-1:].isdigit() else _flat(row)))


def _flat(row: str) -> list[str]:
    words = row.split(" ")
    label = [w for w in words if not w.lstrip("-").isdigit()]
    return [" ".join(label)] * bool(label) + [w for w in words if w.lstrip("-").isdigit()]


def as_glued_text(template: Template, values: dict[str, int], year: int) -> str:
    """Crawler text: the whole report on one line, every row's digits run together."""
    body = as_spaced_text(template, values, year).split("\n")
    glued = ["".join(line.split(" ")) if line[-1:].isdigit() else line for line in body]
    return "标题: " + glued[0] + "\n==================== 正文 ====================\n" + "。".join(glued)


def as_markdown(template: Template, values: dict[str, int], year: int) -> str:
    lines = report_lines(template, year)
    section = ""
    for sec, label, cells in rows_of(template, values):
        if sec != section:
            lines += ["", sec, "", "| " + " | ".join(["项目"] + [""] * len(cells)) + " |",
                      "|" + "---|" * (len(cells) + 1)]
            section = sec
        lines.append("| " + " | ".join([label, *cells]) + " |")
    return "\n".join([*lines, "", "五、存在的主要问题及改进情况", "无。"])


SHAPES = {"html": (as_html, "r.html"), "spaced": (as_spaced_text, "r.txt"), "flat": (as_flat_text, "r.txt"),
          "markdown": (as_markdown, "r.md")}


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("shape", sorted(SHAPES))
@pytest.mark.parametrize("version", ["2019", "2021"])
def test_every_shape_reads_back_exactly(shape: str, seed: int, version: str) -> None:
    template = TEMPLATES[version]
    year = 2020 if version == "2019" else 2023
    values = random_tables(seed * 31 + len(shape), template)
    render, name = SHAPES[shape]
    report = parse_bytes(render(template, values, year).encode(), name)
    assert (report.issuer, report.year, report.template) == (ORG, year, version)
    got = {c.key: c.value for c in report.cells}
    assert got == values
    assert all(c.ok for c in report.checks)
    # Every identity of the template is checked: all its cells were read.
    assert len([c for c in report.checks if c.id != "prose.table"]) == len(identities(template))
    assert any(f.value == 12 and f.unit == "篇" for f in report.facts)


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("version", ["2019", "2021"])
def test_glued_digits_are_never_wrong(seed: int, version: str) -> None:
    template = TEMPLATES[version]
    values = random_tables(seed, template)
    report = parse_bytes(as_glued_text(template, values, 2020 if version == "2019" else 2022).encode(), "crawl.txt")
    read = [c for c in report.cells if not c.uncertain]
    assert all(c.value == values[c.key] for c in read)
    # Split by the sums where they leave one reading; the rest is marked and explained.
    assert len(read) >= 0.5 * len(values)
    uncertain = [c for c in report.cells if c.uncertain]
    assert all(c.value is None for c in uncertain)
    assert not uncertain or report.warnings


def test_gbk_text_report(tmp_path: Path) -> None:
    template = TEMPLATES["2019"]
    values = random_tables(99, template)
    path = tmp_path / "gbk.txt"
    path.write_bytes(as_spaced_text(template, values, 2020).encode("gbk"))
    assert {c.key: c.value for c in parse_file(path).cells} == values


def test_spaces_that_break_a_rows_sum_are_not_trusted() -> None:
    """Crawler text with stray spaces: "2 30 0 0 0 0 23" reads as seven cells that do not add up;
    the glued reading 23/0/0/0/0/0/23 is the one the row sum leaves, so that is what is stored."""
    template = TEMPLATES["2019"]
    values = random_tables(5, template)
    text = as_spaced_text(template, values, 2020)
    row = next(line for line in text.split("\n") if line.startswith("一、本年新收"))
    text = text.replace(row, "一、本年新收政府信息公开申请数量 2 30 0 0 0 0 23")
    report = parse_bytes(text.encode(), "stray.txt")
    cells = report.cell_map()
    assert [cells[f"applications|new_received|{c.key}"].value for c in APPLICANT_COLUMNS] == [23, 0, 0, 0, 0, 0, 23]


def test_one_list_of_report_formats() -> None:
    """The extensions taken as reports are the pipeline's map: each read by its format, a .doc refused by it."""
    taken = {".txt", ".text", ".html", ".htm", ".shtml", ".xhtml", ".md", ".markdown", ".pdf", ".docx", ".doc"}
    assert taken == REPORT_SUFFIXES
    formats = {suffix: sniff_format("report" + suffix, b"x") for suffix in REPORT_SUFFIXES}
    assert set(formats.values()) == {"txt", "html", "md", "pdf", "docx", "doc"}
    assert formats[".htm"] == "html" and formats[".markdown"] == "md" and formats[".text"] == "txt"
