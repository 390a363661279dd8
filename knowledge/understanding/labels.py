"""The template's own labels of what a measure names, and their characters (a verb made of them says again
what the reading says)."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from knowledge.normalize import normalize
from knowledge.understanding.compose import Measure
from knowledge.understanding.lexicon import Lexicon, Meaning
from knowledge.understanding.words import NEGATING
from parsers.template import APPLICANT_COLUMNS, REVIEW_TABLE, TEMPLATE_2019, TEMPLATE_2021


@lru_cache(maxsize=1024)
def labels_of(measure: Measure) -> tuple[str, ...]:
    """The template's own labels of what the measure names (its rows, columns, review groups and results); kept
    for the measures asked again (every question read a template's labels and normalised them)."""
    if measure.table == "review_litigation":
        return tuple(normalize(c.label) for c in REVIEW_TABLE.columns
                     if c.key.split(".")[0] in measure.groups or c.key.split(".")[1] in measure.parts)
    keys = set(measure.rows) | set(measure.columns)
    # A row is printed under its group's label: 4.属于行政执法案卷 under （三）不予公开.
    groups = {k.split(".")[0] + "." for k in measure.rows if "." in k.rstrip(".")}
    out = []
    for template in (TEMPLATE_2019, TEMPLATE_2021):
        for table in template.tables:
            if table.id.startswith(measure.table):
                out += [r.label for r in table.rows if r.key in keys or any(r.key.startswith(k) for k in
                                                                            keys if k.endswith("."))
                        or r.key in groups]
                out += [c.label for c in table.columns if c.key in keys]
    if measure.table == "applications":
        out += [c.label for c in APPLICANT_COLUMNS if c.key in keys]
    return tuple(dict.fromkeys(normalize(label) for label in out))


def _own_labels(measure: Measure) -> tuple[str, ...]:
    """The labels of the measure's own cells; of the review table, the results asked (尚未审结 is negative, the
    group 未经复议直接起诉 is not: its 未 negates the review, and 不是直接起诉的 negates the group)."""
    if measure.table != "review_litigation":
        return row_labels(measure)
    return tuple(normalize(c.label).rsplit("/", 1)[-1] for c in REVIEW_TABLE.columns
                 if c.key.split(".")[1] in measure.parts)


def negative_parts(measure: Measure) -> tuple[str, ...]:
    """The parts of the measure's own labels that are negative ((三)不予公开, 1.本机关不掌握相关政府信息, 尚未审结),
    each as printed, the form's notes in brackets left out."""
    parts = (part for label in _own_labels(measure) for part in _NOTE.sub("", label).split("/"))
    return tuple(dict.fromkeys(part for part in parts if NEGATING & set(part)))


def row_labels(measure: Measure) -> tuple[str, ...]:
    """The labels of the measure's cells, a group of rows by its own heading ((六)其他处理, not the 不补正 of its
    first row: a negation asked of the group is no label's own)."""
    groups = [k for k in measure.rows if k.endswith(".")]
    if not groups:
        return labels_of(measure)
    leaves = labels_of(Measure(measure.table, rows=tuple(k for k in measure.rows if k not in groups),
                               columns=measure.columns)) if len(groups) < len(measure.rows) else ()
    heads = {label.rsplit("/", 1)[0] for label in labels_of(Measure(measure.table, rows=tuple(groups)))
             if "/" in label}
    return (*leaves, *sorted(heads))


def names_another(word: str, measure: Measure) -> bool:
    """Whether `word` is a word of the template's labels of the measure's table that the measure's own labels
    lack (结转 of 上年结转 / 结转下年度继续办理 asked of 本年新收): it names another row, so it is never set aside."""
    if len(word) < 2 or measure.table == "section":
        return False
    return word in _table_labels(measure.table) and not any(word in label for label in labels_of(measure))


@cache
def _table_labels(table: str) -> str:
    """Every label of one table of either form, joined (a word found in it is one of the table's words)."""
    if table == "review_litigation":
        labels = [c.label for c in REVIEW_TABLE.columns]
    else:
        labels = [label for template in (TEMPLATE_2019, TEMPLATE_2021) for t in template.tables
                  if t.id.startswith(table) for label in [*(r.label for r in t.rows), *(c.label for c in t.columns)]]
        labels += [c.label for c in APPLICANT_COLUMNS] if table == "applications" else []
    return "|".join(normalize(_NOTE.sub("", label)) for label in labels)


@lru_cache(maxsize=1024)
def concept_chars(measure: Measure) -> frozenset[str]:
    """The characters of the template's labels of what the measure names: a verb made of them (收 of 本年新收)
    says again what the reading says."""
    if measure.table == "section":
        return frozenset()
    # Not the form's notes in brackets: 区分处理的 of （二）部分公开（区分处理的…） names nothing asked; a group of
    # rows by its heading (秘密 of its row 1.属于国家秘密 names that row, not （三）不予公开).
    words = (_NOTE.sub("", label) for label in row_labels(measure))
    return frozenset(ch for label in words for ch in label if "\u4e00" <= ch <= "\u9fff")


_NOTE = re.compile(r"[(（][^)）]{4,}[)）]")


@lru_cache(maxsize=1024)
def concept_phrases(measure: Measure, lex: Lexicon) -> frozenset[str]:
    """The lexicon's everyday words of what the measure names (没交钱 of 未按收费通知要求缴纳费用): a word they hold
    whole (交钱) says again what the reading says."""
    roles = {"applications": (("app_row", measure.rows), ("app_col", measure.columns)),
             "review_litigation": (("review_group", measure.groups), ("review_part", measure.parts)),
             "active": (("active_row", measure.rows), ("active_col", measure.columns))}.get(measure.table, ())
    return frozenset(lex.phrases_of({Meaning(role, value) for role, values in roles for value in values}))
