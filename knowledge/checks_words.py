"""Failing identities (勾稽关系) of the original table, in words, for the figures they touch."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable

_TABLE_OF = {"applications": "表三", "review_litigation": "表四"}
_SCOPE_WORDS = {"total": "总计", "natural_person": "自然人", "commercial": "商业企业", "research": "科研机构",
                "social_welfare": "社会公益组织", "legal_services": "法律服务机构", "other_org": "其他",
                "review": "行政复议", "litigation_direct": "未经复议直接起诉", "litigation_after_review": "复议后起诉"}
_DETAIL = re.compile(r"^(?P<left>-?[\d.]+) vs (?P<right>-?[\d.]+)")


def describe(check_id: str, scope: str, detail: str) -> str:
    """One failing identity as a sentence ("办理结果各项相加为805件，而总计栏为0件").

    The detail is "left vs right": the left side is the total the table prints, the right the parts added up.
    """
    match = _DETAIL.match(detail)
    left, right = (match["left"], match["right"]) if match else ("?", "?")
    blank = "（空白按0计）" if "空白" in detail else ""
    who = _SCOPE_WORDS.get(scope, scope)
    if check_id == "applications.results_sum":
        return f"原表“{who}”一栏办理结果各项相加为{right}件，而总计印作{left}件{blank}"
    if check_id == "applications.balance":
        return f"原表“{who}”一栏新收加上年结转为{left}件，而办结加结转下年度为{right}件{blank}"
    if check_id == "applications.applicants_sum":
        return f"原表这一行各类申请人相加为{right}件，而总计栏为{left}件{blank}"
    if check_id == "review_litigation.group_sum":
        return f"原表“{who}”维持、纠正、其他、尚未审结相加为{right}件，而总计栏为{left}件{blank}"
    if check_id == "prose.table":
        return f"正文所说与表格不一致：{detail.replace('vs', '，')}"
    return f"原表一处数字对不上（{detail}）"


def check_notes(failed: Iterable[sqlite3.Row], key: str) -> tuple[str, ...]:
    """The failing identities that touch the cell(s) of `key`, each said in words."""
    if not key or key == "narrative":
        return ()
    touched: set[tuple[str, str]] = set()
    for cell in key.split("+"):
        table, row, column = cell.split("|")
        group = column.split(".")[0]
        touched |= {(table, row), (table, column), (table, group)}
    notes = []
    for check in failed:
        table = check["check_id"].split(".")[0]
        if (table, check["scope"]) in touched:
            notes.append(describe(check["check_id"], check["scope"], check["detail"]) + "，照原表照录")
    return tuple(dict.fromkeys(notes))[:3]
