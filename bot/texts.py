"""Texts every chat channel shares: greeting, help, the list of reports, example questions, sources."""

from __future__ import annotations

import json

from knowledge import Service

HELP_TEXT = """怎么问：直接用中文说出机关、年份和想知道的数字。例如：
· 蓟州区2020年收到多少政府信息公开申请
· 平潭2021年行政复议有几件
· 上海市科委2024年不予公开一共多少件
· 平潭2021年比2019年多收了多少申请
追问可以只说变化的部分：“那2019年呢”“自然人呢”“行政诉讼呢”。
每个数字都注明出自哪份报告的哪一节、哪一行；报告里没有的，我会直说。
命令：/reports 查看收录的报告，/source 查看上一个回答的完整出处。"""


def greeting(service: Service) -> str:
    reports = service.reports()
    years = sorted({r.year for r in reports})
    bodies = sorted({r.issuer for r in reports})
    span = f"{years[0]}–{years[-1]}年" if years else "暂无"
    names = "、".join(bodies[:6]) + ("等" if len(bodies) > 6 else "")
    return (f"您好！我回答政府信息公开工作年度报告里的数字，并注明出处。\n"
            f"目前收录 {len(reports)} 份报告（{span}）：{names or '暂无'}。\n"
            "可以点下面的例子试试，或直接提问。")


def reports_text(service: Service) -> str:
    reports = service.reports()
    by_body: dict[str, list[int]] = {}
    for report in reports:
        by_body.setdefault(report.issuer, []).append(report.year)
    lines = [f"共收录 {len(reports)} 份报告："]
    for body in sorted(by_body)[:50]:
        lines.append(f"· {body}：{'、'.join(str(y) for y in by_body[body])}年")
    if len(by_body) > 50:
        lines.append(f"……另有 {len(by_body) - 50} 个机关")
    return "\n".join(lines)


def source_text(service: Service, last: dict | None) -> str:
    """The full source of a chat's last answer: report, section, row and column, page, file."""
    if not last or not last.get("figures"):
        return "还没有可以查看出处的回答。先问一个问题吧。"
    lines = [f"问题：{last['question']}"]
    for figure in last["figures"][:5]:
        lines += [f"报告：《{figure['report_title']}》", f"章节：{figure['section']}", f"项目：{figure['label']}",
                  f"键：{figure['key']}"]
        if figure.get("page"):
            lines.append(f"页码：第{figure['page']}页")
        lines += [f"  · {p['label']} {p['display']}（{p['key']}）" for p in figure.get("parts") or []]
        lines.append(f"文件：{', '.join(_files(service.files_of(figure['issuer'], figure['year'])))}")
    return "\n".join(lines)


def _files(files: str) -> list[str]:
    try:
        return list(json.loads(files))
    except (TypeError, ValueError):
        return [files]
