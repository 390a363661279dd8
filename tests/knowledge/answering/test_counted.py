"""What a prose figure counts: a list of things together (刊登政府规章、规范性文件等112件) is never the count of one
of them, and a figure counted under one act (收到群众诉求348件) is never the count of another (办结). The sentences
are read from the report files."""

from __future__ import annotations

import re

import pytest

from knowledge.answering.answerer import Answerer
from tests.conftest import CORPUS
from tests.knowledge.answering.chats import ask


def _printed(report: str, pattern: str) -> int:
    """A count as the report's text file prints it (`pattern` holds one group of digits), tags aside."""
    path = next(p for p in CORPUS.glob(f"{report}.*") if p.suffix in (".txt", ".md", ".html"))
    found = re.search(pattern, re.sub(r"<[^>]+>", "", path.read_text(encoding="utf-8")))
    assert found is not None, pattern
    return int(found.group(1))


def test_one_thing_of_a_list_counted_together_gets_no_figure(answerer: Answerer) -> None:
    together = _printed("shanghai-office-2019", r"刊登政府规章、规范性文件等(\d+)件")
    both = ask(answerer, "上海市政府办公厅2019年公报刊登了多少规章和规范性文件")
    assert [f.value for f in both.figures] == [together]
    one = ask(answerer, "上海市政府办公厅2019年刊登了多少规章")
    assert not one.figures, [f.value for f in one.figures]  # neither the list's 112 nor the next clause's 45


def test_a_clause_naming_its_own_thing_is_counted_as_printed(answerer: Answerer) -> None:
    # the clause after the list names what it counts; the list's words are not its
    own = _printed("shanghai-office-2019", r"，部门规范性文件(\d+)件")
    answer = ask(answerer, "上海市政府办公厅2019年公报刊登了多少部门规范性文件")
    assert [f.value for f in answer.figures] == [own]


@pytest.mark.parametrize("question", ["上海市政府办公厅2019年公报刊登规范性文件多少件",
                                      "上海市政府办公厅2019年公报上登了多少件文件"])
def test_a_kind_of_the_thing_asked_is_not_its_count(answerer: Answerer, question: str) -> None:
    # 部门规范性文件45件 counts one kind of 规范性文件 (or of 文件, a word no concept knows); the sentence counts them
    # all only together with 规章 (112)
    answer = ask(answerer, question)
    assert not answer.figures, [f.value for f in answer.figures]


@pytest.mark.parametrize(("act", "gets"), [("收到", True), ("办结", False)])
def test_the_act_asked_is_the_act_the_figure_counts(answerer: Answerer, act: str, gets: bool) -> None:
    received = _printed("pingtan-2020", r"收到群众诉求(\d+)件")
    answer = ask(answerer, f"平潭2020年{act}了多少件群众诉求")
    assert (received in [f.value for f in answer.figures]) == gets, answer.figures
    assert gets or answer.status != "answered"


@pytest.mark.parametrize(("question", "report", "printed"), [
    # 提案 after 多少件 is what is counted (jieba tags it a verb); 《…政协提案办理工作总体情况》 only names a document,
    # so the clause of 人大代表建议 after that title is not its count
    ("市科委2024年办理了多少件提案", "kewei-2024", r"政协提案\s*(\d+)\s*件"),
    # a title the question names still explains
    ("平潭2019年组织了多少期《问政平潭有事你说》", "pingtan-2019", r"组织(\d+)期《问政平潭有事你说》"),
    # …named without the body's own name it begins with (《平潭综合实验区精准扶贫工作政策手册》)
    ("平潭2019年精准扶贫政策手册提出了多少条", "pingtan-2019", r"提出(\d+)条精准扶贫"),
    # 开展 is printed before 民意征集53期 and 网上调查51期 alike: it names no thing of one clause
    ("平潭2024年开展了多少期网上调查", "pingtan-2024", r"网上调查(\d+)期"),
    # 《…标准目录》（2025版）、…3份清单: the titles are what is counted, so their words are printed
    ("沭阳县2025年更新了多少份目录清单", "shuyang-2025", r"（2025版）(\d+)份清单"),
])
def test_the_clause_that_counts_what_is_asked_is_found(answerer: Answerer, question: str, report: str,
                                                       printed: str) -> None:
    answer = ask(answerer, question)
    assert [f.value for f in answer.figures] == [_printed(report, printed)]
