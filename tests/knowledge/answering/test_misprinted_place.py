"""A report whose place is printed one character off divisions (沐阳县 for 沭阳县, an OCR slip the corpus holds) is
read as the one of them its file's name or a web address in its text spells in pinyin, and says so; without such
evidence it is offered, never answered, when one of those divisions is asked (沐阳县 is one character off 泗阳县 as
well). Another division one character off is never answered with its figure; a department of the place asked is
never given the government's report.

Invented reports: the corpus report with its place printed as another one-character slip, written to files of
chosen names (盱贻县: only 盱眙县 is one character off it; 扬都区: 江都区, 盐都区 and 殷都区, among others, are; 盐都
and 殷都 may both be read yandu).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from knowledge import Service
from knowledge.ingest.files import ingest_paths
from knowledge.ingest.uploads import Upload, store_uploads
from knowledge.model import Answer
from tests.conftest import CORPUS, service_over

QUESTION = "{}2025年收到多少申请"
Ask = Callable[..., Answer]


@pytest.mark.parametrize("department", ["公安局", "教育局", "交通运输局", "人社局", "政府办"])
def test_a_department_of_the_misprinted_place_gets_no_figure(service: Service, department: str) -> None:
    answer = service.ask(f"沭阳县{department}2025年收到多少申请")
    assert answer.status == "not_found" and not answer.figures and not answer.choices


@pytest.mark.parametrize("name", ["沭阳县", "沭阳", "沭阳县政府", "沭阳县人民政府", "宿迁市沭阳县", "沐阳县", "沐阳",
                                  "沐阳县人民政府"])
def test_the_corpus_report_is_read_as_the_division_its_file_names(service: Service, name: str) -> None:
    answer = service.ask(QUESTION.format(name))
    assert [(f.issuer, f.value) for f in answer.figures] == [("沐阳县人民政府", 713)]
    assert any("报告印作“沐阳县”" in n and "shuyang-2025" in n and "读作“沭阳县”" in n for n in answer.notes)


@pytest.mark.parametrize("name", ["泗阳县", "泗阳", "宿迁市泗阳县", "凤阳县"])
def test_another_division_one_character_off_gets_no_figure(service: Service, name: str) -> None:
    answer = service.ask(QUESTION.format(name))
    assert answer.status in ("not_found", "ambiguous") and not answer.figures


def invented(folder: Path, file: str, printed: str, extra: str = "") -> Path:
    """The corpus report with its place printed as `printed`, in a file of the name given."""
    text = (CORPUS / "shuyang-2025.txt").read_text(encoding="utf-8").replace("沐阳县", printed)
    path = folder / file
    path.write_text(text + extra, encoding="utf-8")
    return path


@pytest.fixture
def ask(tmp_path: Path) -> Iterator[Ask]:
    services: list[Service] = []

    def asking(name: str, chat: str | None = None) -> Answer:
        if not services:
            services.append(service_over(tmp_path / "kb.db", tmp_path / "state.db"))
        return services[0].ask(QUESTION.format(name), chat=chat)

    yield asking
    for opened in services:
        opened.close()


def test_a_file_name_spelling_the_one_division_reads_the_place_as_it(tmp_path: Path, ask: Ask) -> None:
    ingest_paths(tmp_path / "kb.db", [invented(tmp_path, "xuyi-2025.txt", "盱贻县")])
    for name in ("盱眙县", "盱眙", "淮安市盱眙县", "盱贻县", "盱贻"):
        answer = ask(name)
        assert [(f.issuer, f.value) for f in answer.figures] == [("盱贻县人民政府", 713)], name
        assert "报告印作“盱贻县”，按文件名“xuyi-2025.txt”读作“盱眙县”" in answer.notes
    assert not ask("盱眙县公安局").figures


def test_a_web_address_in_the_text_is_evidence_too(tmp_path: Path, ask: Ask) -> None:
    path = invented(tmp_path, "report-2025.txt", "盱贻县", "\n网址：http://www.xuyi.gov.cn/col/index.html\n")
    ingest_paths(tmp_path / "kb.db", [path])
    answer = ask("盱眙县")
    assert [f.value for f in answer.figures] == [713]
    assert "报告印作“盱贻县”，按网址“www.xuyi.gov.cn”读作“盱眙县”" in answer.notes


def test_a_file_name_carrying_nothing_leaves_the_choice(tmp_path: Path, ask: Ask) -> None:
    ingest_paths(tmp_path / "kb.db", [invented(tmp_path, "report-2025.txt", "盱贻县")])
    answer = ask("盱眙县")
    assert answer.status == "ambiguous" and not answer.figures and "只差一个字" in answer.reason
    assert [f.value for f in ask("盱贻县").figures] == [713] and not ask("盱贻县").notes


def test_a_file_name_spelling_two_divisions_leaves_the_choice(tmp_path: Path, ask: Ask) -> None:
    ingest_paths(tmp_path / "kb.db", [invented(tmp_path, "jiangdu-yandu-2025.txt", "扬都区")])
    for name in ("江都区", "盐都区"):
        answer = ask(name)
        assert answer.status == "ambiguous" and not answer.figures, name
    assert [f.value for f in ask("扬都区").figures] == [713]


def test_the_divisions_the_file_does_not_name_get_no_figure(tmp_path: Path, ask: Ask) -> None:
    ingest_paths(tmp_path / "kb.db", [invented(tmp_path, "jiangdu-2025.txt", "扬都区")])
    assert [f.value for f in ask("江都区").figures] == [713]
    for name in ("盐都区", "盐城市盐都区", "新都区", "盐都"):
        answer = ask(name)
        assert answer.status in ("not_found", "ambiguous") and not answer.figures, name


def test_a_second_file_whose_name_spells_the_division_settles_it_later(tmp_path: Path, ask: Ask) -> None:
    db = tmp_path / "kb.db"
    first = invented(tmp_path, "report-2025.txt", "盱贻县")
    ingest_paths(db, [first])
    copy = tmp_path / "xuyi-2025.txt"
    copy.write_bytes(first.read_bytes() + b"\n")  # other bytes, the same report: its name joins the report
    assert [r.status for r in ingest_paths(db, [copy])] == ["stored"]
    answer = ask("盱眙县")
    assert [f.value for f in answer.figures] == [713]
    assert "报告印作“盱贻县”，按文件名“xuyi-2025.txt”读作“盱眙县”" in answer.notes


def test_a_staff_upload_is_read_by_its_file_name_alike(tmp_path: Path, ask: Ask) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    data = invented(tmp_path, "any.txt", "盱贻县").read_bytes()
    [result] = store_uploads(tmp_path / "kb.db", folder, [Upload("xuyi-2025.txt", data)])
    assert result.status == "stored"
    answer = ask("盱眙县", chat="upload")
    assert [f.value for f in answer.figures] == [713]
    assert "报告印作“盱贻县”，按文件名“xuyi-2025.txt”读作“盱眙县”" in answer.notes
