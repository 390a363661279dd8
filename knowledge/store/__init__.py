"""The knowledge base file: the only room that knows its tables, and the only SQL on it.

schema.py keeps the migrations, opens and copies a base; write.py writes merged reports (merge.py merges the files
of one report); read.py reads it for answering (the Catalog) and holds the typed rows; reports.py reads the report
list and one report for the staff; export.py reads every cell and figure for export; sources.py finds and drops the
parsed files a base keeps; corrections.py keeps staff corrections of cells apart from them; taught.py the phrases staff taught; writer.py gives
writers their turns (a lock across processes, a copy swapped in); checks.py turns stored checks into the parsers'
records; body_index.py keeps each issuer's reading as a body, so that opening a base of many reports stays quick.
"""

from knowledge.store.body_index import index_bodies
from knowledge.store.checks import (
    StoredCell,
    StoredCheck,
    certain_values,
    failed_check,
    template_of,
)
from knowledge.store.corrections import (
    NARRATIVE,
    Correction,
    carry_corrections,
    correction_history,
    fact_key,
    record_correction,
    undo_correction,
)
from knowledge.store.export import ExportedCell, ExportedFact, exported_rows
from knowledge.store.read import Catalog, CellRow, CheckRow, FactRow, ReportInfo, SectionRow, count_reports
from knowledge.store.reports import ReportReader, StoredReport
from knowledge.store.schema import MIGRATIONS, copy_base, open_db, outdated
from knowledge.store.sources import (
    SourceRow,
    delete_source,
    other_contents,
    source_paths,
    source_with,
    sources_at,
    sources_of,
)
from knowledge.store.taught import (
    Taught,
    TaughtPhrase,
    carry_taught,
    record_taught,
    taught_history,
    undo_taught,
)
from knowledge.store.write import (
    add_file,
    delete_report,
    rebuild_report,
    report_id,
    save_source,
    write_report,
)
from knowledge.store.writer import BaseCopy, Waiting, write_turn, writer_lock

__all__ = ["MIGRATIONS", "NARRATIVE", "BaseCopy", "Catalog", "CellRow", "CheckRow", "Correction", "ExportedCell",
           "ExportedFact", "FactRow", "ReportInfo", "ReportReader", "SectionRow", "SourceRow", "StoredCell",
           "StoredCheck", "StoredReport", "Taught", "TaughtPhrase", "Waiting", "add_file", "carry_corrections",
           "carry_taught", "certain_values", "copy_base", "correction_history", "count_reports", "delete_report",
           "delete_source", "exported_rows", "fact_key", "failed_check", "index_bodies", "open_db", "other_contents",
           "outdated", "rebuild_report", "record_correction", "record_taught", "report_id", "save_source",
           "source_paths", "source_with", "sources_at", "sources_of", "taught_history", "template_of",
           "undo_correction", "undo_taught", "write_report", "write_turn", "writer_lock"]
