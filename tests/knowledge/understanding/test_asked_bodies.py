"""The bodies a question names: one or several, a place named again, the body's own level word."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.names.directory import Directory
from knowledge.normalize import normalize
from knowledge.store.read import Catalog
from knowledge.understanding.asked_bodies import bodies_asked, body_words, own_level
from knowledge.understanding.lexicon import lexicon
from knowledge.understanding.names_in_text import name_spans
from knowledge.understanding.segment import Span, segment
from knowledge.understanding.typed import question_text


@pytest.fixture(scope="module")
def directory(corpus_db: Path) -> Directory:
    return Catalog(corpus_db).directory


def _spans(text: str, directory: Directory) -> list[Span]:
    text = normalize(text)
    text, names, _ = name_spans(text, directory)
    return body_words(segment(text, names, lexicon()), directory)


@pytest.mark.parametrize(("text", "ops", "count"), [
    ("上海市人民政府办公厅2019年和蓟州区2020年新收申请", frozenset({"and"}), 2),
    ("上海市人民政府办公厅2019年和上海市科委2024年新收申请", frozenset({"and"}), 2),
    ("蓟州区2020年新收申请", frozenset(), 1),
])
def test_bodies_joined_by_and_are_each_read(directory: Directory, text: str, ops: frozenset[str],
                                            count: int) -> None:
    found, _ = bodies_asked(_spans(text, directory), directory, ops)
    assert len(found.bodies) == count


@pytest.mark.parametrize(("text", "explained"), [("蓟州区2020年区里新收申请", True),
                                                   ("蓟州区2020年县里新收申请", False)])
def test_the_bodys_own_level_word_points_at_it(directory: Directory, text: str, explained: bool) -> None:
    spans = _spans(text, directory)
    found, _ = bodies_asked(spans, directory, frozenset())
    at = next(i for i, s in enumerate(spans) if s.text[0] in "区县" and not s.meanings)
    assert (at in own_level(spans, set(), found.bodies, lexicon())) is explained


def test_a_government_sued_is_no_second_body(directory: Directory) -> None:
    spans = _spans("平潭2023年打官司的，就是直接去法院起诉政府的有几个", directory)
    found, _ = bodies_asked(spans, directory, frozenset({"and"}))
    assert found.bodies == ("平潭综合实验区",)


@pytest.mark.parametrize(("text", "places"), [
    ("国土资源城乡建设环保能源类信息", []),  # 源城 across two words, 资源 inside 国土资源: neither a county
    ("洪泽区政府新收申请", ["洪泽"]),  # 洪泽 + 区政府, as jieba cuts it
    ("麻烦查下洪泽去年的申请", ["洪泽"]),
])
def test_a_place_is_never_read_inside_a_word_of_the_text(directory: Directory, text: str, places: list[str]) -> None:
    spans = segment(*name_spans(normalize(text), directory)[:2], lexicon())
    assert [s.text for s in spans if s.has("place")] == places


@pytest.mark.parametrize("text", ["市政府办公厅2019年《上海市人民政府公报》出了几期",
                                  "“上海科技”微信公众号2024年编发了多少篇文章"])  # a quoted name is a title
def test_a_name_inside_a_title_is_no_body_asked(directory: Directory, text: str) -> None:
    plain, names, _ = name_spans(question_text(text), directory)
    assert [s.text for s in names if "上海" in s.text] == [] and "《" not in plain


@pytest.mark.parametrize(("text", "body"), [("“洪泽区”2024年收到多少申请", "洪泽区"),
                                            ("“平潭政府信息公开年报”里2024年收到多少申请", "平潭"),
                                            ("《平潭》2024年收到多少申请", "平潭")])
def test_a_title_that_is_a_body_s_name_names_the_body(directory: Directory, text: str, body: str) -> None:
    plain, names, _ = name_spans(question_text(text), directory)
    assert body in [plain[s.start:s.end] for s in names]
