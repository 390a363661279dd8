"""The bodies of the base and the names people use for them: kept at ingest, looked up by index when answering.

At the end of every writer's turn each issuer new to the base is read once (`read_issuer`, kept in
`issuer_names`), every reading held is grouped into bodies (`group_bodies`), and the bodies that changed are
written again with their names (`forms_of`): `bodies` (each body's display name, place and department),
`body_forms` (each name of a body, with its role), `name_forms` (every name held, once) and `body_reports` (each
body's report of each year). Opening a base then reads none of them whole: `StoredNames` answers the directory's
questions with indexed queries, so its cost does not grow with the base.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import sys
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import sqlite_utils

from knowledge.names.bodies import BodyName, department_forms, misprinted_place, read_issuer
from knowledge.names.forms import Body, derivation_version, forms_of, group_bodies
from knowledge.names.misprints import Evidence, web_addresses
from knowledge.names.similar import SimilarNames

_VERSION_KEY = "names_version"
_LONGEST_KEY = "longest_name"
# How many looked-up stretches and name lookups a served base keeps (a few MB at most; emptied when full).
_KEPT_PIECES = 20_000
_KEPT_LOOKUPS = 2_000
_KEPT_BODIES = 20_000  # bodies of the places looked up (`inside`) a served base keeps
_BODY = "SELECT key, name, names, chain, department, note FROM bodies"


def index_bodies(db: sqlite_utils.Database) -> int:
    """Bring the stored bodies in step with the reports: read the issuers new to the base (every issuer, when
    the names were derived by another version), forget those no report names any more, write again the bodies
    that changed, and choose each body's report of each year. How many issuers were read."""
    version = names_version()
    if stored_version(db.conn) != version:
        for table in ("issuer_names", "body_forms", "name_forms", "bodies"):
            db.execute(f"DELETE FROM {table}")
    known = {issuer for (issuer,) in db.execute("SELECT issuer FROM issuer_names")}
    held = {issuer for (issuer,) in db.execute("SELECT DISTINCT issuer FROM reports")}
    gone = json.dumps(sorted(known - held), ensure_ascii=False)
    db.execute("DELETE FROM issuer_names WHERE issuer IN (SELECT value FROM json_each(?))", [gone])
    new = sorted(held - known)
    db.conn.executemany("INSERT INTO issuer_names (issuer, chain, department, note) VALUES (?, ?, ?, ?)",
                        [(issuer, _chain_text(r.chain), r.department, r.note)
                         for issuer, r in ((i, read_issuer(i)) for i in new)])
    readings = {issuer: BodyName(tuple(json.loads(chain)), department or "", note or "") for issuer, chain,
                department, note in db.execute("SELECT issuer, chain, department, note FROM issuer_names")}
    readings.update(_read_misprints(db, readings))
    _write_bodies(db, group_bodies(readings))
    _choose_reports(db)
    longest = db.execute("SELECT max(length(form)) FROM name_forms").fetchone()[0] or 0
    db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?), (?, ?)",
               [_VERSION_KEY, version, _LONGEST_KEY, str(longest)])
    return len(new)


def _read_misprints(db: sqlite_utils.Database, readings: dict[str, BodyName]) -> dict[str, BodyName]:
    """The issuers whose place is printed one character off divisions (or was read as one), read again with what
    their reports carry (files' names, web addresses) when that changed since they were last read so: a file
    added since may settle, or unsettle, the reading. Those whose reading changed, kept."""
    marked = dict(db.execute("SELECT issuer, evidence FROM issuer_names WHERE evidence IS NOT NULL"))
    changed, marks = {}, []
    for issuer, read in readings.items():
        if not (read.note or misprinted_place(read.chain)):
            continue
        mark = _evidence_mark(db, issuer)
        if marked.get(issuer) == mark:
            continue
        marks.append((mark, issuer))
        again = read_issuer(issuer, report_evidence(db, issuer))
        if again != read:
            changed[issuer] = again
    db.conn.executemany("UPDATE issuer_names SET chain = ?, department = ?, note = ? WHERE issuer = ?",
                        [(_chain_text(r.chain), r.department, r.note, issuer) for issuer, r in changed.items()])
    db.conn.executemany("UPDATE issuer_names SET evidence = ? WHERE issuer = ?", marks)
    return changed


def _evidence_mark(db: sqlite_utils.Database, issuer: str) -> str:
    """What the issuer's reports are, cheaply (their files' names and stored files' fingerprints, no text): the
    evidence is gathered again only when this changes."""
    rows = db.execute("SELECT id || ':' || coalesce(files, '') FROM reports WHERE issuer = ? UNION ALL "
                      "SELECT sha256 FROM sources WHERE issuer = ?", [issuer, issuer])
    return hashlib.sha1("\n".join(sorted(row[0] for row in rows)).encode()).hexdigest()[:16]


def report_evidence(db: sqlite_utils.Database, issuer: str) -> Evidence:
    """What the issuer's reports carry besides the name they print: their files' names and the web addresses
    their text prints."""
    files: dict[str, None] = {}
    addresses: dict[str, None] = {}
    for file, names, text in db.execute(
            "SELECT r.file, r.files, group_concat(s.text, char(10)) FROM reports r "
            "LEFT JOIN sections s ON s.report_id = r.id WHERE r.issuer = ? GROUP BY r.id ORDER BY r.year", [issuer]):
        files.update(dict.fromkeys(n for n in [file, *json.loads(names or "[]")] if n))
        addresses.update(dict.fromkeys(web_addresses(text or "")))
    return Evidence(tuple(files), tuple(addresses))


@cache
def names_version() -> str:
    """A fingerprint of how the stored names are derived: the names room's (derivation_version) and this
    module's, which gathers what the reading of an issuer takes from its reports (report_evidence)."""
    digest = hashlib.sha1(derivation_version().encode() + Path(__file__).read_bytes())
    return digest.hexdigest()[:16]


def stored_version(conn: sqlite3.Connection) -> str:
    """The version of the derivation the stored names come from ("" when none is stored)."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", [_VERSION_KEY]).fetchone()
    return str(row[0]) if row else ""


def _chain_text(chain: tuple[str, ...]) -> str:
    return json.dumps(chain, ensure_ascii=False)


def _row(body: Body) -> tuple[str, str, str, str, str, str, str]:
    return (body.key, body.name, json.dumps(body.names, ensure_ascii=False), _chain_text(body.chain),
            body.department, body.note, body.names[0])


def _write_bodies(db: sqlite_utils.Database, bodies: list[Body]) -> None:
    """Write the bodies whose row changed (and their names); drop the bodies no issuer is any more."""
    stored = {row[0]: tuple(row) for row in db.execute(
        "SELECT key, name, names, chain, department, note, first FROM bodies")}
    rows = {body.key: (body, _row(body)) for body in bodies}
    stale = json.dumps(sorted(k for k in stored if k not in rows or rows[k][1] != stored[k]), ensure_ascii=False)
    fresh = [body for body, row in rows.values() if stored.get(body.key) != row]
    dropped = list(db.execute("SELECT DISTINCT form, role FROM body_forms WHERE body_key IN "
                              "(SELECT value FROM json_each(?))", [stale]))
    for table, column in (("bodies", "key"), ("body_forms", "body_key")):
        db.execute(f"DELETE FROM {table} WHERE {column} IN (SELECT value FROM json_each(?))", [stale])
    db.conn.executemany("INSERT INTO bodies (key, name, names, chain, department, note, first) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?)", [_row(body) for body in fresh])
    forms = [(form, role, body.key) for body in fresh for form, role in sorted(forms_of(body))]
    db.conn.executemany("INSERT INTO body_forms (form, role, body_key) VALUES (?, ?, ?)", forms)
    db.conn.executemany("INSERT OR IGNORE INTO name_forms (form, role) VALUES (?, ?)",
                        sorted({(form, role) for form, role, _ in forms}))
    db.conn.executemany("DELETE FROM name_forms WHERE form = ? AND role = ? AND NOT EXISTS "
                        "(SELECT 1 FROM body_forms f WHERE f.form = ? AND f.role = ?)",
                        [(form, role, form, role) for form, role in dropped])
    db.conn.executemany("UPDATE issuer_names SET body_key = ? WHERE issuer = ?",
                        [(body.key, issuer) for body in fresh for issuer in body.names])


def _choose_reports(db: sqlite_utils.Database) -> None:
    """One report per body and year: when two names of one body have one in the same year, the one with more
    cells (the earlier stored, when they have as many)."""
    db.execute("DELETE FROM body_reports")
    db.execute("""
    INSERT INTO body_reports (report_id, name, year)
    SELECT id, name, year FROM (
        SELECT r.id, b.name, r.year, row_number() OVER (
            PARTITION BY b.key, r.year ORDER BY coalesce(r.cells, 0) DESC, r.id) AS rank
        FROM reports r JOIN issuer_names n ON n.issuer = r.issuer JOIN bodies b ON b.key = n.body_key)
    WHERE rank = 1
    """)


class StoredNames:
    """The names the base keeps, for the directory: each question answered by an indexed query."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        row = conn.execute("SELECT value FROM meta WHERE key = ?", [_LONGEST_KEY]).fetchone()
        self.longest = int(row[0]) if row else 0
        self._similar: SimilarNames | None = None
        # What was looked up, kept while this object serves the (read-only) base: every question asks for the
        # roles of the stretches of its text, most of them the same words (年, 收到, 申请…) question after question.
        self._roles: dict[str, tuple[str, ...]] = {}
        self._named: dict[tuple[tuple[str, ...], str], list[Body]] = {}
        self._inside: dict[tuple[tuple[str, ...], int, str], list[Body]] = {}
        self._inside_kept = 0  # the bodies `_inside` holds
        self._begins: dict[str, bool] = {}  # whether a held name begins with a pair of characters

    def known(self, pieces: Iterable[str]) -> set[tuple[str, str]]:
        """The (name, role) pairs held among the pieces."""
        roles = {piece: self._roles.get(piece) for piece in pieces}
        missing = [piece for piece, held in roles.items() if held is None]
        if missing:
            found: dict[str, tuple[str, ...]] = dict.fromkeys(missing, ())
            rows = self.conn.execute("SELECT form, role FROM name_forms WHERE form IN "
                                     "(SELECT value FROM json_each(?))", [json.dumps(missing, ensure_ascii=False)])
            for form, role in rows:
                found[form] += (role,)
            if len(self._roles) + len(found) > _KEPT_PIECES:
                self._roles.clear()
            self._roles.update(found)
            roles.update(found)
        return {(piece, role) for piece, held in roles.items() for role in held or ()}

    def beginnings(self, pairs: Iterable[str]) -> set[str]:
        """The pairs of characters some held name begins with (looked up by the index of names, each once; a pair
        that cannot be bounded above is kept, as one may)."""
        wanted = set(pairs)
        begins = {pair: self._begins[pair] for pair in wanted if pair in self._begins}
        missing = [pair for pair in wanted - begins.keys() if pair and ord(pair[-1]) < sys.maxunicode]
        if missing:
            bounds = json.dumps([[pair, pair[:-1] + chr(ord(pair[-1]) + 1)] for pair in missing], ensure_ascii=False)
            rows = self.conn.execute("SELECT json_extract(value, '$[0]') FROM json_each(?) WHERE EXISTS (SELECT 1 "
                                     "FROM name_forms WHERE form >= json_extract(value, '$[0]') AND "
                                     "form < json_extract(value, '$[1]'))", [bounds])
            found = {pair for (pair,) in rows}
            fresh = {pair: pair in found for pair in missing}
            if len(self._begins) + len(fresh) > _KEPT_PIECES:
                self._begins.clear()
            self._begins.update(fresh)
            begins.update(fresh)
        return {pair for pair in wanted if begins.get(pair, True)}

    def named(self, forms: Iterable[str], role: str) -> list[Body]:
        """The bodies one of the forms names in the role, in the order of their first names."""
        key = (tuple(forms), role)
        if key not in self._named:
            if len(self._named) >= _KEPT_LOOKUPS:
                self._named.clear()
            self._named[key] = self._named_now(*key)
        return list(self._named[key])

    def _named_now(self, forms: tuple[str, ...], role: str) -> list[Body]:
        rows = self.conn.execute(
            f"{_BODY} WHERE key IN (SELECT body_key FROM body_forms "
            "WHERE form IN (SELECT value FROM json_each(?)) AND role = ?) ORDER BY first",
            [json.dumps(list(forms), ensure_ascii=False), role])
        return [_body(row) for row in rows]

    def inside(self, chain: tuple[str, ...], limit: int = -1, department: str = "") -> list[Body]:
        """The bodies whose place lies in (or is) the place of the chain, in the order of their first names; with
        a department's name, only the bodies it names, kept before their names are read (a province holds
        hundreds of bodies, few of one kind)."""
        key = (chain, limit, department)
        if key not in self._inside:
            found = self._inside_now(*key)
            if self._inside_kept + len(found) > _KEPT_BODIES:
                self._inside.clear()  # a province's bodies are many: what is kept is bounded by bodies, not lookups
                self._inside_kept = 0
            self._inside[key] = found
            self._inside_kept += len(found)
        return list(self._inside[key])

    def _inside_now(self, chain: tuple[str, ...], limit: int, department: str) -> list[Body]:
        path = "/".join(chain)
        rows = self.conn.execute(f"{_BODY} WHERE (key >= ? AND key < ?) OR (key >= ? AND key < ?) ORDER BY first "
                                 "LIMIT ?", [path + "/", path + "0", path + "|", path + "}", -1 if department else limit])
        if not department:
            return [_body(row) for row in rows]
        kept = [row for row in rows if row[4] and department in department_forms(row[4])]
        return [_body(row) for row in (kept if limit < 0 else kept[:limit])]

    def names(self) -> list[str]:
        """Every body's display name (a scan: for saying what is held instead of a name not held)."""
        return [name for (name,) in self.conn.execute("SELECT name FROM bodies ORDER BY first")]

    def similar(self) -> SimilarNames:
        """The display names indexed by character, built the first time a name not held is asked (the base is
        read-only while this object serves it)."""
        if self._similar is None:
            self._similar = SimilarNames(self.names())
        return self._similar


def _body(row: tuple[str, str, str, str, str, str]) -> Body:
    key, name, names, chain, department, note = row
    return Body(key, name, tuple(json.loads(names)), tuple(json.loads(chain)), department or "", note or "")
