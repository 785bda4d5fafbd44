"""Reading an uploaded table (CSV or XLSX) into rows of cells, for every importer of the platform.

Files are read in memory and never stored; formulas and macros are not evaluated.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from django.utils.translation import gettext as _


class TableFileError(ValueError):
    """The file cannot be read as a table; the message says why, in words for the person uploading."""


def read_csv(content: bytes) -> list[list[str]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise TableFileError(_("The file is not UTF-8 text: save it as “CSV UTF-8” and try again.")) from error
    if "\x00" in text:
        raise TableFileError(_("The file is not a CSV text file."))
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise TableFileError(_("The file could not be read as CSV: %(e)s") % {"e": error}) from error


def read_xlsx(content: bytes, *, max_rows: int) -> list[list[Any]]:
    """The first worksheet's rows (values, not formulas), stopping a little past ``max_rows``."""
    from openpyxl import load_workbook

    if not content.startswith(b"PK\x03\x04"):
        raise TableFileError(_("The file is not an Excel workbook (.xlsx)."))
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds on a damaged file
        raise TableFileError(_("The file could not be read as an Excel workbook (.xlsx).")) from error
    try:
        rows = []
        for row in workbook.worksheets[0].iter_rows(values_only=True):
            rows.append(list(row))
            if len(rows) > max_rows + 50:  # enough to say "too many rows" without reading a huge sheet
                break
        return rows
    except Exception as error:
        raise TableFileError(_("The file could not be read as an Excel workbook (.xlsx).")) from error
    finally:
        workbook.close()


def read_table(filename: str, content: bytes, *, max_rows: int) -> list[list[Any]]:
    """Rows of a .csv or .xlsx upload, chosen by the file's extension and checked against its content."""
    extension = filename.rsplit(".", 1)[-1].casefold() if "." in filename else ""
    if extension == "csv":
        return read_csv(content)
    if extension == "xlsx":
        return read_xlsx(content, max_rows=max_rows)
    raise TableFileError(_("Upload a .csv or .xlsx file."))
