"""The Catalog's reads of a report: its cells read by value with the key words kept once, as the cells view has them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from knowledge.store.read import Catalog, read_cells
from parsers.template import CellKey


def test_cells_are_read_as_the_cells_view_holds_them(corpus_db: Path) -> None:
    catalog = Catalog(corpus_db)
    try:
        view = sqlite3.connect(corpus_db)
        columns = "table_id, row, col, value, raw, blank, uncertain, unit, label, section, page, file"
        by_report = {report_id: view.execute(f"SELECT {columns} FROM cells WHERE report_id = ?", [report_id]).fetchall()
                     for (report_id,) in view.execute("SELECT id FROM reports").fetchall()}
        view.close()
        assert sum(1 for rows in by_report.values() if rows) > 5
        for report_id, expected in by_report.items():
            cells = catalog.cells(report_id)
            assert list(cells) == [CellKey.text(t, r, c) for t, r, c, *_ in expected]
            assert [(c.table_id, c.row, c.col, c.value, c.raw, c.blank, c.uncertain, c.unit, c.label, c.section,
                     c.page, c.file) for c in cells.values()] == \
                [(t, r, c, v, raw, bool(b), bool(u), unit, label, section, page, file)
                 for t, r, c, v, raw, b, u, unit, label, section, page, file in expected]
            # keys the caller's map lacks (a base written since it was read) are read again, not dropped
            assert read_cells(catalog.conn, report_id, {}) == cells
    finally:
        catalog.close()
