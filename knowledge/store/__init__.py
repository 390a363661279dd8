"""The knowledge base file: the only room that knows its tables.

schema.py keeps the migrations and opens a base; write.py writes merged reports (merge.py merges the files of one
report); read.py reads it for answering as typed rows; checks.py turns stored checks into the parsers' records;
body_index.py keeps each issuer's reading as a body, so that opening a base of many reports stays quick.
"""

from knowledge.store.read import Catalog, CellRow, CheckRow, FactRow, ReportInfo, SectionRow
from knowledge.store.schema import MIGRATIONS, open_db
from knowledge.store.write import write_report

__all__ = ["MIGRATIONS", "Catalog", "CellRow", "CheckRow", "FactRow", "ReportInfo", "SectionRow", "open_db",
           "write_report"]
