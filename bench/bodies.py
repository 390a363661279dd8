"""Synthetic bases for the benchmarks: bodies of every kind, named as they are in reality.

Governments of provinces, cities, districts and counties (江西省人民政府, 赣州市人民政府, 赣州市章贡区人民政府),
their offices (…人民政府办公厅/办公室), departments of each level (江西省教育厅, 赣州市交通运输局, 瑞金市市场监督管理局),
development zones and their 管理委员会 (赣州经济技术开发区管理委员会), and bodies of places no gazetteer holds
(青禾县人民政府). Each body has a report of five years, copied from a corpus report (its tables and prose)
under the body's name; some bodies print their name in two ways in different years, as real ones do. The
provinces of the corpus's own bodies are left out, so the development questions read as they do on the corpus.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, replace

from knowledge.names.places import Place, gazetteer, short_name
from parsers import ParsedReport

CORPUS_PROVINCES = frozenset({"江苏省", "天津市", "上海市", "福建省"})
YEARS = 5
PROVINCE_DEPARTMENTS = ("教育厅", "公安厅", "民政厅", "财政厅", "人力资源和社会保障厅", "自然资源厅", "生态环境厅",
                        "住房和城乡建设厅", "交通运输厅", "水利厅", "农业农村厅", "商务厅", "卫生健康委员会",
                        "发展和改革委员会", "市场监督管理局", "应急管理厅", "审计厅", "统计局")
LOCAL_DEPARTMENTS = ("教育局", "公安局", "民政局", "司法局", "财政局", "人力资源和社会保障局", "自然资源和规划局",
                     "生态环境局", "住房和城乡建设局", "交通运输局", "水利局", "农业农村局", "商务局",
                     "文化广电和旅游局", "卫生健康委员会", "发展和改革委员会", "市场监督管理局", "应急管理局", "审计局",
                     "统计局", "医疗保障局", "退役军人事务局", "城市管理局")
ZONES = ("高新技术产业开发区", "经济技术开发区", "经济开发区", "工业园区")
# Share of the bodies of each kind (what is left after governments, offices, zones and unlisted places is
# departments, as in reality: most bodies that report are departments).
SHARES = {"government": 0.15, "office": 0.10, "zone": 0.08, "unlisted": 0.07}
_INVENTED = "青禾鹤鸣澜石云梦桂川松岭枫溪柳塘碧泉银杉竹湾栖霞雁荡梧峰"


@dataclass(frozen=True)
class SyntheticBody:
    """A body of the benchmark base: its kind, the names its reports print, and the name people use for it."""

    kind: str
    names: tuple[str, ...]
    asked: str


def _prefix(place: Place, rng: random.Random) -> str:
    """A place as printed before a body's name: alone, or after its city (赣州市章贡区)."""
    city = place.parents[1] if len(place.parents) >= 2 else ""
    return city + place.name if city and rng.random() < 0.5 else place.name


def _candidates(rng: random.Random) -> dict[str, list[SyntheticBody]]:
    places = sorted((p for ps in gazetteer().by_name.values() for p in ps
                     if p.chain[0] not in CORPUS_PROVINCES), key=lambda p: p.chain)
    kinds: dict[str, list[SyntheticBody]] = {k: [] for k in ("government", "office", "department", "zone", "unlisted")}
    for place in places:
        full, short = _prefix(place, rng), short_name(place.name)
        both = (full + "人民政府", place.name + "人民政府")
        kinds["government"].append(SyntheticBody("government", both, short))
        office = "办公厅" if place.level == 1 else "办公室"
        kinds["office"].append(SyntheticBody("office", (full + "人民政府" + office,), short + "政府" + office))
        for department in PROVINCE_DEPARTMENTS if place.level == 1 else LOCAL_DEPARTMENTS:
            kinds["department"].append(SyntheticBody("department", (full + department, place.name + department),
                                                     short + department))
        if place.level >= 2 and rng.random() < 0.4:
            zone = short + rng.choice(ZONES)
            kinds["zone"].append(SyntheticBody("zone", (zone + "管理委员会", zone + "管委会"), zone))
    for first in _INVENTED:
        for second in _INVENTED:
            if first != second:
                name = first + second + rng.choice("县区市")
                kinds["unlisted"].append(SyntheticBody("unlisted", (name + "人民政府", name), first + second))
    return kinds


def synthetic_bodies(count: int, seed: int = 7) -> list[SyntheticBody]:
    """`count` bodies of every kind, in the shares of SHARES (departments make up the rest)."""
    rng = random.Random(seed)
    kinds = _candidates(rng)
    chosen: list[SyntheticBody] = []
    for kind, share in SHARES.items():
        chosen += rng.sample(kinds[kind], min(len(kinds[kind]), round(count * share)))
    chosen += rng.sample(kinds["department"], min(len(kinds["department"]), count - len(chosen)))
    rng.shuffle(chosen)
    return chosen


def unheld_bodies(count: int, seed: int = 7) -> list[SyntheticBody]:
    """Bodies of every kind, named as the held ones are, that a base of `synthetic_bodies(count)` does not hold
    (none of their printed names is a held body's)."""
    held = {name for body in synthetic_bodies(count, seed) for name in body.names}
    return [body for bodies in _candidates(random.Random(seed)).values() for body in bodies
            if not held & set(body.names)]


def write_bodies(bodies: list[SyntheticBody], sources: list[ParsedReport],
                 write: Callable[[ParsedReport, list[str]], object], seed: int = 7) -> int:
    """Write five years of reports for every body (a fifth print their second name in some years); how many."""
    rng = random.Random(seed)
    by_year: dict[int, list[ParsedReport]] = {}
    for source in sources:
        by_year.setdefault(source.year, []).append(source)
    written: set[tuple[str, int]] = set()
    for body in bodies:
        first = rng.randint(2019, 2021)
        two_names = len(body.names) > 1 and rng.random() < 0.2
        for year in range(first, first + YEARS):
            source = rng.choice(by_year.get(year) or sources)
            issuer = body.names[year % 2] if two_names else body.names[0]
            if (issuer, year) in written:  # two places of one name (朝阳区 of 北京 and of 长春) printed bare
                continue
            written.add((issuer, year))
            write(replace(source, issuer=issuer, year=year, title=f"{issuer}{year}年政府信息公开工作年度报告"),
                  [source.file])
    return len(written)


def body_questions(bodies: list[SyntheticBody], per_kind: int = 20,
                   seed: int = 7) -> list[tuple[str, str, tuple[str, ...]]]:
    """Questions about the synthetic bodies, by kind of body: by the name printed and by the name people use,
    each with the names its body's reports print (an answer from any other issuer is wrong)."""
    rng = random.Random(seed)
    out = []
    for kind in ("government", "office", "department", "zone", "unlisted"):
        of_kind = [b for b in bodies if b.kind == kind]
        for body in rng.sample(of_kind, min(per_kind, len(of_kind))):
            year = rng.randint(2021, 2023)
            out.append((f"{body.names[0]}{year}年收到多少申请", kind, body.names))
            out.append((f"{body.asked}{year}年主动公开了多少条信息", kind, body.names))
    return out


def unheld_questions(bodies: list[SyntheticBody], count: int = 60, seed: int = 7) -> list[str]:
    """Questions about bodies not held, by the name printed and by the name people use: no figure may answer
    them, and each is answered with the held bodies whose names are closest."""
    rng = random.Random(seed)
    out = []
    for body in rng.sample(bodies, min(count, len(bodies))):
        year = rng.randint(2021, 2023)
        out += [f"{body.names[0]}{year}年收到多少申请", f"{body.asked}{year}年主动公开了多少条信息"]
    return out
