"""The bodies and their names kept at ingest, and the catalog looking them up by index instead of loading them."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest
import sqlite_utils

from knowledge.ingest import upgrade
from knowledge.names.bodies import department_forms, read_issuer
from knowledge.names.forms import DEPARTMENT, PLACE, derivation_version, forms_of, group_bodies
from knowledge.names.memory import MemoryNames
from knowledge.names.misprints import Evidence
from knowledge.store import Catalog, delete_report, index_bodies, open_db, write_report
from knowledge.store.body_index import StoredNames, names_version, report_evidence
from parsers import ParsedReport, parse_file
from tests.bot.test_cli import run
from tests.conftest import CORPUS
from xxgk_errors import DatabaseUnreadable

SEED = CORPUS / "pingtan-2022.txt"
CITY_DEPARTMENT = ("赣州市交通运输局", "江西省赣州市交通运输局")  # one body printed two ways


def seed() -> ParsedReport:
    return parse_file(SEED)


def write(db_path: Path, reports: list[tuple[str, int]], source: ParsedReport | None = None) -> None:
    """Copies of the seed report under the issuers and years, indexed as ingest does."""
    source = source or seed()
    db = open_db(db_path, create=True)
    with db.atomic():
        for issuer, year in reports:
            write_report(db, replace(source, issuer=issuer, year=year), [source.file])
        index_bodies(db)
    db.close()


HELD = [(CITY_DEPARTMENT[0], 2021), (CITY_DEPARTMENT[0], 2022), (CITY_DEPARTMENT[1], 2023), ("赣州市人民政府", 2022),
        ("赣州市章贡区人民政府", 2021), ("章贡区人民政府", 2022), ("赣州经济技术开发区管理委员会", 2022),
        ("青禾县人民政府", 2022)]


@pytest.fixture
def base(tmp_path: Path) -> Path:
    path = tmp_path / "kb.db"
    write(path, HELD)
    return path


def test_a_body_printed_two_ways_is_one_body_under_its_fullest_name(base: Path) -> None:
    catalog = Catalog(base)
    assert catalog.years(CITY_DEPARTMENT[1]) == [2021, 2022, 2023]
    assert CITY_DEPARTMENT[0] not in catalog.by_issuer
    assert [r.printed for r in catalog.by_issuer[CITY_DEPARTMENT[1]]] == [CITY_DEPARTMENT[0]] * 2 + [CITY_DEPARTMENT[1]]
    assert catalog.years("赣州市章贡区人民政府") == [2021, 2022]
    assert len(catalog.by_issuer) == 5 and len(catalog.reports) == len(HELD)


def test_bodies_are_resolved_from_the_names_stored_at_ingest(base: Path) -> None:
    directory = Catalog(base).directory
    assert directory.resolve(["赣州"], ["交通运输局"]).bodies == (CITY_DEPARTMENT[1],)
    assert directory.resolve(["赣州市"], []).bodies == ("赣州市人民政府",)
    assert directory.resolve(["章贡"], []).bodies == ("赣州市章贡区人民政府",)
    found = {(m.text, m.role) for m in directory.mentions("赣州市交通运输局2022年收到多少申请")}
    assert {("赣州市", "place"), ("交通运输局", "department")} <= found
    assert directory.resolve(["赣州市"], ["教育局"]).bodies == ()  # a department not held names no body


def test_the_store_keeps_what_the_derivation_gives_for_each_body(base: Path) -> None:
    held = StoredNames(Catalog(base).conn)
    bodies = group_bodies({issuer: read_issuer(issuer) for issuer, _ in HELD})
    assert sorted(held.names()) == sorted(b.name for b in bodies)
    for body in bodies:
        forms = forms_of(body)
        assert held.known(form for form, _ in forms) >= {f for f in forms if f[1] in (PLACE, DEPARTMENT)}
        for form, role in forms:
            assert body in held.named([form], role)
    assert held.longest == max(len(form) for body in bodies for form, _ in forms_of(body))


def test_the_bodies_of_a_department_inside_a_place_are_those_of_reading_every_body_inside(base: Path) -> None:
    """inside(chain, department=…) of a base keeps what filtering every body inside the place by the department
    keeps, in the same order, with and without a limit; and what the derivation held in memory gives."""
    held = StoredNames(Catalog(base).conn)
    memory = MemoryNames(issuer for issuer, _ in HELD)
    for chain in [("江西省",), ("江西省", "赣州市"), ("江西省", "赣州市", "章贡区"), ("青禾县",), ("江北省",)]:
        every = held.inside(chain)
        for department in ["交通运输局", "交通局", "教育局", "人民政府", "管委会"]:
            kept = [b for b in every if b.department and department in department_forms(b.department)]
            assert held.inside(chain, department=department) == kept, (chain, department)
            assert held.inside(chain, 1, department) == kept[:1]
            assert [b.name for b in memory.inside(chain, department=department)] == [b.name for b in kept]
    assert held.inside(("江西省",), department="交通局")  # the city's department, by its everyday name


def test_looked_up_names_kept_while_serving_answer_as_the_base_does(base: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The stretches and lookups a served base keeps give what the base gives, also when the store is emptied
    because it is full (a stretch kept before the emptying is still known)."""
    monkeypatch.setattr("knowledge.store.body_index._KEPT_PIECES", 3)
    monkeypatch.setattr("knowledge.store.body_index._KEPT_LOOKUPS", 1)
    held = StoredNames(Catalog(base).conn)
    pieces = ["赣州", "赣州市", "交通运输局", "章贡", "收到", "青禾县"]
    first = held.known(pieces[:2])
    assert held.known(pieces) == held.known(reversed(pieces)) == StoredNames(held.conn).known(pieces) >= first
    assert {("赣州", PLACE), ("交通运输局", DEPARTMENT)} <= held.known(pieces)
    for form in pieces * 2:
        assert held.named([form], PLACE) == StoredNames(held.conn).named([form], PLACE)


def test_the_pairs_held_names_begin_with_are_those_of_the_derived_names(base: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The pairs of characters a stored name begins with are those the derivation's names begin with, looked up
    or kept, also when what is kept is emptied because it is full."""
    monkeypatch.setattr("knowledge.store.body_index._KEPT_PIECES", 3)
    held = StoredNames(Catalog(base).conn)
    memory = MemoryNames(issuer for issuer, _ in HELD)
    firsts = {form[:2] for body in memory.bodies for form, _ in forms_of(body)}
    text = "赣州市交通运输局2022年收到多少申请，青禾县和章贡区呢"
    pairs = {text[at:at + 2] for at in range(len(text) - 1)} | firsts
    assert held.beginnings(pairs) == memory.beginnings(pairs) == firsts
    assert held.beginnings(sorted(pairs)[:4]) == set(sorted(pairs)[:4]) & firsts
    assert held.beginnings(pairs) == firsts and held.beginnings([]) == set()


def test_two_names_of_one_body_in_one_year_keep_the_report_with_more_cells(tmp_path: Path) -> None:
    full = seed()
    path = tmp_path / "kb.db"
    write(path, [(CITY_DEPARTMENT[0], 2022)], replace(full, cells=full.cells[:20]))
    write(path, [(CITY_DEPARTMENT[1], 2022)])
    write(path, [(CITY_DEPARTMENT[0], 2023)])
    chosen = Catalog(path).report(CITY_DEPARTMENT[1], 2022)
    assert chosen is not None and chosen.printed == CITY_DEPARTMENT[1]
    assert len(Catalog(path).cells(chosen.id)) == len(full.cells)


def test_reports_of_years_are_read_in_order_as_far_as_they_are_read(base: Path) -> None:
    catalog = Catalog(base)
    latest = catalog.latest_first
    every = list(latest)
    assert [r.year for r in every] == sorted((r.year for r in every), reverse=True)
    assert len(latest) == len(every) == len(HELD)
    assert latest[1:4] == every[1:4] and latest[-1] == every[-1] and latest[2:] == every[2:]
    of_2022 = catalog.reports_of_years([2022, 2021])
    assert [r.year for r in of_2022] == [2022] * 5 + [2021] * 2
    names = [r.issuer for r in of_2022 if r.year == 2022]
    assert names == sorted(names)
    with pytest.raises(IndexError):
        latest[len(every)]
    assert catalog.bodies_with_years([2021, 2022]) == sorted([CITY_DEPARTMENT[1], "赣州市章贡区人民政府"])
    assert catalog.latest_bodies(1) == [CITY_DEPARTMENT[1]]


def test_an_issuer_no_report_names_any_more_is_forgotten(base: Path) -> None:
    db = open_db(base, create=True)
    with db.atomic():
        delete_report(db, "青禾县人民政府", 2022)
        delete_report(db, CITY_DEPARTMENT[1], 2023)
        index_bodies(db)
    db.close()
    catalog = Catalog(base)
    assert "青禾县人民政府" not in catalog.by_issuer
    assert catalog.years(CITY_DEPARTMENT[0]) == [2021, 2022]  # its fullest name now is the one left
    assert catalog.directory.resolve(["青禾"], []).bodies == ()
    assert not StoredNames(catalog.conn).known(["青禾县"])


def test_names_another_version_derived_are_derived_again_with_a_line(base: Path) -> None:
    kb = sqlite_utils.Database(base)
    kb["meta"].upsert({"key": "names_version", "value": "an older derivation"}, pk="key")
    kb.close()
    with pytest.raises(DatabaseUnreadable, match="build --update"):
        Catalog(base)
    done = upgrade(base)
    assert done == [f"按本版重新读了报告所印的 {len({issuer for issuer, _ in HELD})} 个发布机关名称（报告不变）"]
    assert upgrade(base) == []
    assert Catalog(base).years(CITY_DEPARTMENT[1]) == [2021, 2022, 2023]


def test_a_base_of_the_version_before_is_upgraded_by_build_update(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    shutil.copy(SEED, reports / SEED.name)
    db = tmp_path / "kb.db"
    assert run("build", str(reports), "--db", str(db)).returncode == 0
    before = [(r.issuer, r.year, r.title) for r in Catalog(db).reports]
    kb = sqlite_utils.Database(db)  # as the version before this one left it: no body tables, no names version
    for table in ("body_forms", "name_forms", "bodies", "body_reports"):
        kb[table].drop()
    kb["_sqlite_migrations"].delete_where("name = ?", ["m006_body_names"])
    kb["meta"].delete_where("key = ?", ["names_version"])
    kb.close()
    with pytest.raises(DatabaseUnreadable, match="旧版"):
        Catalog(db)
    out = run("build", str(reports), "--update", "--db", str(db))
    assert out.returncode == 0, out.stdout + out.stderr
    assert "已升级（m006_body_names）" in out.stdout and "重新读了报告所印的 1 个发布机关名称" in out.stdout
    assert [(r.issuer, r.year, r.title) for r in Catalog(db).reports] == before
    again = run("build", str(reports), "--update", "--db", str(db))
    assert "已是最新" in again.stdout


def test_the_names_version_covers_what_the_store_gathers_as_evidence(tmp_path: Path) -> None:
    """A base whose names were derived before the store read the reports' file names (the names room alone
    fingerprinted) is read again, and its report printing a place one character off is read as its file names."""
    db_path = tmp_path / "kb.db"
    write(db_path, [("盱贻县人民政府", 2022)], replace(seed(), file="xuyi-2022.txt"))
    assert names_version() != derivation_version()
    kb = sqlite_utils.Database(db_path)
    assert [r["chain"] for r in kb.query("SELECT chain FROM issuer_names")] == ['["江苏省", "淮安市", "盱眙县"]']
    kb["meta"].upsert({"key": "names_version", "value": derivation_version()}, pk="key")
    kb.execute("UPDATE issuer_names SET chain = ?, note = ''", ['["盱贻县"]'])
    kb.conn.commit()
    kb.close()
    with pytest.raises(DatabaseUnreadable, match="build --update"):
        Catalog(db_path)
    upgrade(db_path)
    catalog = Catalog(db_path)
    assert catalog.directory.resolve(["盱眙县"], []).bodies == ("盱贻县人民政府",)
    assert catalog.body_note("盱贻县人民政府") == "报告印作“盱贻县”，按文件名“xuyi-2022.txt”读作“盱眙县”"


def test_report_evidence_is_the_files_names_and_the_web_addresses_printed(tmp_path: Path) -> None:
    report = seed()
    report.sections[0] = replace(report.sections[0], text=report.sections[0].text + "（网址：https://www.xuyi.gov.cn/）")
    write(tmp_path / "kb.db", [("盱贻县人民政府", 2022)], replace(report, file="report.txt"))
    db = open_db(tmp_path / "kb.db")
    assert report_evidence(db, "盱贻县人民政府") == Evidence(("report.txt",), ("www.xuyi.gov.cn",))
    db.close()


def test_only_issuers_printed_one_character_off_divisions_keep_a_mark_of_their_evidence(tmp_path: Path) -> None:
    """Their evidence is gathered again only when the mark of their reports changes (not at every writer's turn)."""
    write(tmp_path / "kb.db", [("盱贻县人民政府", 2022), ("赣州市人民政府", 2022)], replace(seed(), file="a.txt"))
    kb = sqlite_utils.Database(tmp_path / "kb.db")
    marks = {r["issuer"]: r["evidence"] for r in kb.query("SELECT issuer, evidence FROM issuer_names")}
    assert marks["赣州市人民政府"] is None and marks["盱贻县人民政府"]
    kb.execute("UPDATE reports SET files = ? WHERE issuer = ?", ['["a.txt", "xuyi-2022.txt"]', "盱贻县人民政府"])
    kb.conn.commit()
    kb.close()
    db = open_db(tmp_path / "kb.db", create=True)
    with db.atomic():
        index_bodies(db)
    db.close()
    assert Catalog(tmp_path / "kb.db").directory.resolve(["盱眙县"], []).bodies == ("盱贻县人民政府",)
