"""Every cell of every corpus report against the hand-written truth: never a wrong cell."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from parsers import parse_file
from tests.conftest import CORPUS, load_truth, truth_files

# Reports whose every cell must be read; the others (converter- and crawler-mangled) need 95%.
COMPLETE = {"jizhou-2020.txt", "shanghai-office-2019.html", "test-city-2025.html", "hongze-2023.pdf"}


def truth_value(value: object) -> float | None:
    """Truth writes money as printed ('12.03亿', '251000元'); compare in 元."""
    if value is None:
        return None
    if isinstance(value, str):
        text = value.removesuffix("元")
        if text.endswith("亿"):
            return float(Decimal(text[:-1]) * 100_000_000)
        return float(text)
    return float(value)  # type: ignore[arg-type]


def compare(truth: dict, path: Path) -> tuple[int, int, list[str]]:
    report = parse_file(path)
    cells = report.cell_map()
    uncertain = {u["key"] for u in truth.get("uncertain", [])}
    right, missing, wrong = 0, 0, []
    for key, expected in truth["cells"].items():
        if key in uncertain:
            continue
        cell = cells.get(key)
        if cell is None or cell.uncertain:
            missing += 1
            continue
        want = truth_value(expected)
        got_ok = cell.blank if want is None else (
            cell.value is not None and abs(float(cell.value) - want) < 1e-6)
        if got_ok:
            right += 1
        else:
            wrong.append(f"{key}: truth {expected!r}, read {cell.value!r} from {cell.raw!r}")
    return right, missing, wrong


@pytest.mark.parametrize("truth_path", truth_files(), ids=lambda p: p.stem)
def test_cells_match_truth(truth_path: Path) -> None:
    truth = load_truth(truth_path)
    path = CORPUS / truth["file"]
    right, missing, wrong = compare(truth, path)
    total = right + missing + len(wrong)
    print(f"{truth['file']}: right {right} / missing {missing} / wrong {len(wrong)} of {total}")
    assert not wrong, "\n".join(wrong)
    if truth["file"] in COMPLETE:
        assert missing == 0
    else:
        assert right >= 0.95 * total


@pytest.mark.parametrize("truth_path", truth_files(), ids=lambda p: p.stem)
def test_metadata_and_template(truth_path: Path) -> None:
    truth = load_truth(truth_path)
    report = parse_file(CORPUS / truth["file"])
    assert report.year == truth["year"]
    assert report.template == truth["template"]
    # A crawled page may print its title twice in two forms (header 2020年度…, body 2020年…): both count.
    assert report.title in report.titles
    assert truth["title"].replace(" ", "") in {t.replace(" ", "") for t in report.titles}
    # The truth names the body in its own words; ours comes from the title.
    assert report.issuer in truth["issuer"] or truth["issuer"] in report.issuer or (
        report.issuer.removesuffix("人民政府") in truth["issuer"])


@pytest.mark.parametrize("truth_path", truth_files(), ids=lambda p: p.stem)
def test_prose_figures_found(truth_path: Path) -> None:
    truth = load_truth(truth_path)
    report = parse_file(CORPUS / truth["file"])
    found = [n for n in truth.get("narrative", [])
             if any(abs(float(f.value) - n["value"]) < 1e-6 and f.unit == n["unit"] for f in report.facts)]
    assert len(found) >= 0.9 * len(truth.get("narrative", []))


def test_failing_identities_are_recorded_as_printed() -> None:
    """上海 prints blank 总计 cells in the result rows: stored as blank, the sums recorded as failing."""
    report = parse_file(CORPUS / "shanghai-office-2019.html")
    cells = report.cell_map()
    assert cells["applications|granted|total"].blank
    assert cells["applications|granted|total"].value is None
    failed = {(c.id, c.scope) for c in report.checks if not c.ok}
    assert ("applications.results_sum", "total") in failed
    assert ("applications.balance", "total") not in failed
    # The prose says 予以公开及部分公开258件; the table says 272 + 3.
    assert any(c.id == "prose.table" and not c.ok and "258" in c.scope for c in report.checks)


def test_glued_digits_split_only_where_sums_leave_one_reading() -> None:
    report = parse_file(CORPUS / "pingtan-2021.txt")
    cells = report.cell_map()
    # '270020130' has two row-sum readings; the column sums leave 27/0/0/2/0/1/30.
    assert [cells[f"applications|granted|{c}"].value for c in
            ("natural_person", "commercial", "research", "social_welfare", "legal_services", "other_org",
             "total")] == [27, 0, 0, 2, 0, 1, 30]
    # '693665' has no identity to decide it: uncertain, no value, and a warning says why.
    doc = cells["active.art20_1|normative_documents|in_force"]
    assert doc.uncertain and doc.value is None
    assert any("693665" in w for w in report.warnings)


def test_signed_and_money_cells() -> None:
    cells = parse_file(CORPUS / "jizhou-2020.txt").cell_map()
    assert cells["active.art20_5|licensing|items_change"].value == 11
    assert cells["active.art20_6|coercion|items_change"].value == -4
    amount = cells["active.art20_9|central_procurement|amount"]
    assert (amount.value, amount.unit, amount.raw) == (1203000000, "元", "12.03亿")


def test_older_report_has_no_cells_but_its_statistics_as_facts() -> None:
    report = parse_file(CORPUS / "pingtan-2018.txt")
    assert report.template == "older" and report.cells == []
    running = [f for f in report.facts if f.section.endswith("历年累计") and f.value == 12106]
    assert running and running[0].unit == "条"


def test_prose_figures_with_approximations() -> None:
    facts = parse_file(CORPUS / "jizhou-2020.txt").facts
    approx = next(f for f in facts if "3.5万条次" in f.text)
    assert (approx.value, approx.unit) == (35000, "条次")
    more = next(f for f in facts if "2700余条" in f.text)
    assert more.value == 2700 and "余" in more.text
    assert next(f for f in facts if "政策解读材料50篇" in f.text).section == (
        "一、总体情况/（一）主动公开方面/3.进一步加大政策解读和回应关切力度")
