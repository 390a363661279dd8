"""Issuer names read as bodies at ingest time, so that opening a base of many reports stays quick."""

from __future__ import annotations

import json

import sqlite_utils

from knowledge.names.bodies import BodyName, read_issuer


def index_bodies(db: sqlite_utils.Database) -> int:
    """Read every issuer name of the base that has not been read yet; how many were new."""
    known = {r["issuer"] for r in db.query("SELECT issuer FROM issuer_names")}
    new = sorted({r["issuer"] for r in db.query("SELECT DISTINCT issuer FROM reports")} - known)
    rows = []
    for issuer in new:
        read = read_issuer(issuer)
        rows.append({"issuer": issuer, "body_key": read.key if read.chain else "|" + issuer,
                     "chain": json.dumps(read.chain, ensure_ascii=False), "department": read.department,
                     "note": read.note})
    db.table("issuer_names").insert_all(rows, pk="issuer", replace=True, batch_size=500)
    return len(rows)


def stored_names(rows: list[dict]) -> dict[str, tuple[str, BodyName]]:
    """Issuer → (body key, how it was read), from the rows of `issuer_names`."""
    return {r["issuer"]: (r["body_key"], BodyName(tuple(json.loads(r["chain"])), r["department"], r["note"] or ""))
            for r in rows}
