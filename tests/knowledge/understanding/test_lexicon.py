"""The lexicon with a base's taught phrases: built once per set of them, never leaking into the bare lexicon or
another base's, read by the whole understanding path (exact, by sound, one character off)."""

from __future__ import annotations

from datetime import date

from knowledge.names.directory import Directory
from knowledge.normalize import normalize
from knowledge.understanding.lexicon import TEACHABLE_ROLES, Meaning, concepts, lexicon
from knowledge.understanding.query import understand

TAUGHT = (("收件", "app_row", "new_received"),)
OTHER = (("热线", "section", "phone"),)


def _read(question: str, taught: tuple[tuple[str, str, str], ...] = ()):  # type: ignore[no-untyped-def]
    return understand(normalize(question), Directory(), date(2026, 1, 1), lexicon(taught))


def test_taught_phrases_join_one_lexicon_and_leak_into_no_other() -> None:
    assert lexicon(TAUGHT).meanings("收件") == (Meaning("app_row", "new_received"),)
    assert lexicon(TAUGHT) is lexicon(TAUGHT) and lexicon(()) is lexicon()
    assert lexicon().meanings("收件") == () and lexicon(OTHER).meanings("收件") == ()
    assert lexicon(TAUGHT).meanings("新收") == lexicon().meanings("新收")  # the rest of the lexicon as it was


def test_a_taught_phrase_is_read_as_its_concept_as_a_lexicon_phrase_is() -> None:
    assert _read("2020年收件多少").unexplained == ("收件",)
    taught = _read("2020年收件多少", TAUGHT)
    assert taught.unexplained == () and taught.measure is not None
    assert taught.measure.rows == _read("2020年本年新收多少").measure.rows  # type: ignore[union-attr]
    slip = _read("2020年收建多少", TAUGHT)  # the same sound, another character: matched as lexicon phrases are
    assert slip.unexplained == () and slip.measure == taught.measure


def test_the_concepts_staff_may_teach_have_labels_of_the_template_or_the_lexicon() -> None:
    labels = dict(concepts())
    assert {m.role for m in labels} == set(TEACHABLE_ROLES)
    assert labels[Meaning("app_row", "new_received")] == "本年新收政府信息公开申请数量"
    assert labels[Meaning("section", "phone")] == "联系电话"
    assert all(len(label) >= 2 for label in labels.values())


def test_a_word_said_alike_names_what_each_phrase_holding_it_names() -> None:
    # [same] of lexicon.toml: every phrase with 下一年 is read with 第二年 / 次年 in its place too
    lex = lexicon()
    for word, others in (("下一年", ("第二年", "次年")), ("其他", ("其它",))):
        holding = [p for p in lex.phrases if word in p]
        assert holding
        for phrase in holding:
            for other in others:
                assert set(lex.meanings(phrase)) <= set(lex.meanings(phrase.replace(word, other))), phrase
    assert "same" not in {m.role for meanings in lex.phrases.values() for m in meanings}
