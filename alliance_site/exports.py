"""Downloads: tables as CSV or XLSX, safe to open in a spreadsheet, and the file name
every download (tables, statistics, posters, certificates, calendars) is sent with."""

import csv
import io
import re
import unicodedata

from django.http import HttpResponse
from django.utils.http import content_disposition_header

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_cell(value):
    """Neutralise spreadsheet formula injection: a text cell that a spreadsheet would
    read as a formula gets a leading apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def ascii_filename(filename):
    """An ASCII stand-in for ``filename``, for browsers that ignore ``filename*``:
    accents dropped, other letters left out, "download" if nothing is left."""
    stem, dot, extension = filename.rpartition(".")
    if not dot:
        stem, extension = filename, ""

    def ascii_only(text):
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
        return re.sub(r"[^\w.\- ]+", "", text)

    stem = re.sub(r"[-_ ]{2,}", "-", ascii_only(stem)).strip("-_. ")
    extension = ascii_only(extension)
    return f"{stem or 'download'}.{extension}" if extension else stem or "download"


def content_disposition(filename, *, as_attachment=True):
    """The Content-Disposition header that keeps ``filename`` in every browser (RFC 6266):
    ``attachment; filename="<ASCII stand-in>"; filename*=utf-8''<UTF-8, percent-encoded>``
    when the name is not plain ASCII (a Chinese event slug, say), else
    ``attachment; filename="<name>"``. ``as_attachment=False`` gives ``inline`` (a PDF
    or a calendar the browser may open itself)."""
    header = content_disposition_header(as_attachment, filename)
    if "filename*=" not in header:
        return header
    fallback = content_disposition_header(as_attachment, ascii_filename(filename))
    return f"{fallback}; {header.split('; ', 1)[1]}"


def _cells(row):
    return [safe_cell(cell) if isinstance(cell, str) else cell for cell in row]


def table_response(filename, sheet_title, headings, rows, fmt):
    """A download of ``headings`` and ``rows`` as ``filename``.csv (UTF-8 with a BOM, for
    Excel) or .xlsx (text cells never formulas)."""
    headings = [str(heading) for heading in headings]
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(headings)
        for row in rows:
            writer.writerow(_cells(row))
        response = HttpResponse(
            "\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8"
        )
    else:
        from openpyxl import Workbook

        workbook = Workbook()
        sheet = workbook.active
        sheet.title = str(sheet_title)[:31]
        sheet.append(headings)
        for row in rows:
            sheet.append(_cells(row))
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # never a formula
        output = io.BytesIO()
        workbook.save(output)
        response = HttpResponse(output.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = content_disposition(f"{filename}.{fmt}")
    return response
