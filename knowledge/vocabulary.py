"""The words people use for the template's rows and columns, built on the template itself.

Every row and column of `parsers.template` is reachable by its own label; the
everyday names below add how citizens and staff actually ask. Matching takes
the longest phrase first and consumes it, so "复议后起诉" is one term, not 复议
plus 起诉. No phrase names a report, a region or a figure.
"""

from __future__ import annotations

from dataclasses import dataclass

from knowledge.normalize import normalize
from parsers.template import APPLICANT_COLUMNS, TEMPLATE_2019, TEMPLATE_2021


@dataclass(frozen=True)
class Term:
    """A phrase and what it means: a slot (what part of a question) and a value."""

    phrase: str
    slot: str
    value: str


# slot "app_row": a row (or row group ending with ".") of the applications table.
_APP_ROWS = {
    "new_received": ["本年新收", "新收", "收到", "收了", "受理", "提出申请", "提了", "提过", "提出", "申请了",
                     "申请的有", "多少人申请", "有人申请", "申请数"],
    "carried_over": ["上年结转", "上一年结转", "上年度结转", "从上一年结转", "上年转过来", "上一年转过来",
                     "上年转"],
    "carried_forward": ["结转下年度", "结转下一年", "结转到下一年", "结转下年", "转到下一年", "转下一年", "拖到下一年",
                        "下一年继续办", "下年度继续办理", "继续办理", "转入下一年", "留到下一年"],
    "granted": ["予以公开", "同意公开", "答应给公开", "给公开", "全部公开", "答应公开"],
    "partially_granted": ["部分公开", "公开了一部分", "公开一部分", "只公开了一部分", "公开部分"],
    "denied.": ["不予公开", "不公开", "拒绝公开", "没公开", "被驳回", "不给公开", "没给公开", "驳回"],
    "denied.state_secret": ["国家秘密", "涉密"],
    "denied.prohibited_by_law": ["法律行政法规禁止公开", "法律法规禁止", "法律禁止"],
    "denied.security_stability": ["三安全一稳定", "危及安全", "危及稳定"],
    "denied.third_party_rights": ["第三方合法权益", "第三方权益", "第三方"],
    "denied.internal_affairs": ["三类内部事务", "内部事务"],
    "denied.process_information": ["四类过程性", "过程性信息", "过程性"],
    "denied.enforcement_files": ["行政执法案卷", "执法案卷"],
    "denied.administrative_query": ["行政查询事项", "行政查询", "查询事项"],
    "unavailable.": ["无法提供", "没法提供", "提供不了", "答复不了", "没办法提供", "不能提供"],
    "unavailable.not_held": ["本机关不掌握", "不掌握", "手里没有", "没有这个信息", "没有该信息"],
    "unavailable.needs_creation": ["另行制作", "没有现成信息", "没有现成"],
    "unavailable.unclear_after_correction": ["补正后申请内容仍不明确", "补正后", "补正以后", "仍不明确", "还是不明确",
                                             "内容不明确"],
    "not_processed.": ["不予处理", "没处理", "不处理", "没有处理", "不受理"],
    "not_processed.complaint": ["信访举报投诉", "信访", "举报", "投诉"],
    "not_processed.duplicate": ["重复申请", "重复提", "重复"],
    "not_processed.publication": ["公开出版物", "出版物"],
    "not_processed.excessive": ["无正当理由大量反复申请", "大量反复", "反复申请"],
    "not_processed.confirmation": ["确认或重新出具", "重新出具", "要求确认"],
    "other.": ["其他处理"],
    "other.no_correction": ["逾期不补正", "不补正", "没补正", "没有补正"],
    "other.no_fee": ["未按收费通知", "缴纳费用", "没交费", "未缴费", "不交费", "没缴费"],
    "other.other": ["其他处理其他", "其他一项", "其他处理的其他"],
    "total_processed": ["本年度办理结果", "办理结果总计", "办结", "办完", "处理完", "答复了", "办理完成", "处理了多少",
                        "办理了"],
}
_APP_COLUMNS = {
    "natural_person": ["自然人", "个人", "老百姓", "群众", "公民", "市民"],
    "commercial": ["商业企业", "企业", "公司"],
    "research": ["科研机构", "科研单位", "科研"],
    "social_welfare": ["社会公益组织", "公益组织", "公益"],
    "legal_services": ["法律服务机构", "律师事务所", "律所", "律师"],
    "other_org": ["其他组织", "其他机构", "其他单位", "其他申请人"],
    # The template's group header over the five organisation columns: their sum.
    "organisations": ["法人或其他组织", "法人和其他组织", "法人及其他组织", "法人", "单位申请", "机构申请"],
    "total": ["总计", "合计", "总数", "合起来", "各类申请人加起来", "加起来"],
}
# slot "active_row" / "active_col": the tables of 第二十条 (主动公开).
_ACTIVE_ROWS = {
    "rules": ["规章"],
    "normative_documents": ["行政规范性文件", "规范性文件"],
    "licensing": ["行政许可", "许可"],
    "other_services": ["其他对外管理服务事项", "对外管理服务"],
    "penalty": ["行政处罚", "处罚", "罚了", "罚款"],
    "coercion": ["行政强制", "强制措施", "强制"],
    "fees": ["行政事业性收费", "事业性收费", "收费"],
    "central_procurement": ["政府集中采购", "集中采购", "采购"],
}
_ACTIVE_COLUMNS = {
    "made": ["新制作", "制作"],
    "published": ["本年新公开", "新公开"],
    "total_published": ["对外公开总数", "公开总数", "对外一共公开", "对外公开"],
    "issued": ["本年制发", "新制发", "制发", "出台", "新发"],
    "repealed": ["废止", "废除"],
    "in_force": ["现行有效", "还有效", "仍有效", "有效"],
    "items_last_year": ["上一年项目数量", "上一年项目", "上年项目"],
    "items_change": ["本年增减", "增/减", "增减", "增加还是减少", "变化", "增加了", "减少了"],
    "decisions": ["处理决定", "决定"],
    "projects": ["采购项目数量", "项目数量", "几个项目", "项目"],
    "amount": ["采购总金额", "总金额", "金额", "花了多少", "多少钱", "花了"],
    "amount_10k_yuan": ["收费金额", "金额", "多少钱"],
}
# slot "review_group" / "review_part": the review and litigation table.
_REVIEW_GROUPS = {
    "review": ["行政复议", "复议"],
    "litigation": ["行政诉讼", "诉讼", "起诉", "官司", "告到法院", "被告", "告了", "打官司", "法院"],
    "litigation_direct": ["未经复议直接起诉", "未经复议", "直接起诉", "没经过复议", "没走复议", "没经复议",
                          "直接告", "直接去法院"],
    "litigation_after_review": ["复议后起诉", "复议后再起诉", "复议以后又去起诉", "复议后才起诉", "复议后又起诉",
                                "复议以后起诉", "复议后"],
}
_REVIEW_PARTS = {
    "upheld": ["结果维持", "维持"],
    "corrected": ["结果纠正", "纠正", "纠错"],
    "other": ["其他结果", "结果属于其他"],
    "pending": ["尚未审结", "未审结", "没审结", "还没审结", "悬着", "没结案", "未结案", "还没结"],
    "total": ["总计"],
}
# Words that name something only the prose can hold; they keep a question off the tables.
_NARRATIVE = ["信息处理费", "处理费", "政策解读", "解读", "新闻发布会", "查阅场所", "访问量", "关注", "公众号", "微博",
              "网站", "APP", "客户端", "公报", "培训", "主动公开", "历年累计", "累计"]
_MODIFIERS = {
    "series": ["历年", "每年", "各年", "逐年", "这几年", "每一年"],
}


def _terms() -> list[Term]:
    terms: list[Term] = []
    tables: list[tuple[str, dict[str, list[str]]]] = [
        ("app_row", _APP_ROWS), ("app_col", _APP_COLUMNS), ("active_row", _ACTIVE_ROWS),
        ("active_col", _ACTIVE_COLUMNS), ("review_group", _REVIEW_GROUPS), ("review_part", _REVIEW_PARTS),
        ("modifier", _MODIFIERS)]
    for slot, mapping in tables:
        for value, phrases in mapping.items():
            terms.extend(Term(normalize(p), slot, value) for p in phrases)
    terms.extend(Term(normalize(p), "narrative", p) for p in _NARRATIVE)
    terms.extend(_template_labels())
    # Longest first: "复议后起诉" before "复议", "不予公开" before "公开".
    unique = {(t.phrase, t.slot, t.value): t for t in terms if t.phrase}
    return sorted(unique.values(), key=lambda t: -len(t.phrase))


def _template_labels() -> list[Term]:
    """Every row and column label of both templates, as printed, is a phrase for itself."""
    terms = []
    for template in (TEMPLATE_2019, TEMPLATE_2021):
        for table in template.tables:
            if table.id == "applications":
                for row in table.rows:
                    label = normalize(row.label.split("/")[-1])
                    label = label.lstrip("一二三四五六七八九十、（）()0123456789.")
                    if len(label) >= 4:
                        terms.append(Term(label, "app_row", row.key))
            elif table.id.startswith("active."):
                terms += [Term(normalize(r.label), "active_row", r.key) for r in table.rows]
                terms += [Term(normalize(c.label.split("（")[0]), "active_col", c.key) for c in table.columns]
    terms += [Term(normalize(c.label), "app_col", c.key) for c in APPLICANT_COLUMNS if c.key != "other_org"]
    return terms


TERMS = _terms()


def find_terms(text: str) -> list[tuple[int, Term]]:
    """(position, term) for the longest phrases in the text, each character used once."""
    used = [False] * len(text)
    found: list[tuple[int, Term]] = []
    for term in TERMS:
        start = text.find(term.phrase)
        while start >= 0:
            end = start + len(term.phrase)
            if not any(used[start:end]):
                for i in range(start, end):
                    used[i] = True
                found.append((start, term))
            start = text.find(term.phrase, end)
    return sorted(found, key=lambda item: item[0])


# What a prose figure must say to stand in for a table concept the report lacks (older reports,
# blank cells): every group of words needs one of its words in the fact's clause.
FACT_WORDS: dict[str, list[tuple[str, ...]]] = {
    "app_row:new_received": [("申请",), ("收到", "受理", "新收")],
    "app_row:carried_forward": [("转下", "下一年", "下年", "顺延")],
    "app_row:carried_over": [("结转", "上年"), ("申请",)],
    "app_row:granted": [("同意公开", "予以公开")],
    "app_row:total_processed": [("办结", "答复")],
    "review:review": [("复议",)],
    "review:litigation": [("诉讼",)],
}
