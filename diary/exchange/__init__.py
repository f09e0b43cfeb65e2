"""Export a whole diary to one CSV or JSON file, and import such a file, losslessly.

An export is a list of *records*, each a `kind` and its fields: the profile, own foods,
food aliases, triggers, every entry of every kind (deleted ones too, with their
created/updated/deleted times) and the undo journal (`change`). The fields of each kind
are derived from the models, so a new column or kind is exported without anyone
remembering to add it here.

Values: instants are UTC in ISO 8601 ("2026-11-20T08:30:00.000000Z"), local days
"YYYY-MM-DD", numbers as Python writes them (a float reads back to the same float),
booleans true/false, a spasm's triggers a list of trigger names.

CSV: one file, one header, a `kind` column and the union of every kind's fields; a row
leaves the fields of other kinds empty. An empty unquoted cell is "no value" (NULL); a
quoted empty cell ("") is empty text, so nothing is lost. A spasm's triggers are one cell
with one name per line (a trigger name never holds a line break). Quoting follows RFC 4180.
A text cell a spreadsheet would evaluate (starting with = + - @, tab or CR) gets a leading
apostrophe, which import removes again (diary/exchange/codecs.py: `neutralise`).

JSON: {"format": "diary export", "version": 1, "schema": ..., "exported_at": ...,
"records": [...]}, written one record per line.

Import is all or nothing: the whole file is read and checked before the diary is
touched, and every bad row is reported with its line number (`diary.errors.ImportRejected`).

The parts depend one way: fields (from the models) <- codecs (one per field type) <-
formats (CSV and JSON text) <- writers (export) <- readers (import's checks) <- merge
(import's writes). Standard library and the models only, no Click (the CLI is
diary/cli/exchange.py).
"""

from __future__ import annotations

from diary.exchange.fields import CSV_COLUMNS, ENTRY_KINDS, RECORD_KINDS, Record
from diary.exchange.formats import csv_cell, csv_rows
from diary.exchange.merge import ImportSummary, describe_summary, import_records
from diary.exchange.readers import ImportFile, parse_import, read_import
from diary.exchange.writers import FORMATS, export_records, export_text, write_export

__all__ = [
    "CSV_COLUMNS", "ENTRY_KINDS", "FORMATS", "RECORD_KINDS", "ImportFile",
    "ImportSummary", "Record", "csv_cell", "csv_rows", "describe_summary", "export_records", "export_text",
    "import_records", "parse_import", "read_import", "write_export",
]
