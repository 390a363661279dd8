"""Adding report files to the knowledge base: paths and folders, manifests, uploads from the staff pages."""

from knowledge.ingest.files import Given, IngestResult, ingest_paths, read_manifest, rebuild, upgrade, walk
from knowledge.ingest.update import to_update
from knowledge.ingest.uploads import Upload, UploadLimits, result_line
from parsers.pipeline import REPORT_SUFFIXES

__all__ = ["REPORT_SUFFIXES", "Given", "IngestResult", "Upload", "UploadLimits", "ingest_paths", "read_manifest",
           "rebuild", "result_line", "to_update", "upgrade", "walk"]
