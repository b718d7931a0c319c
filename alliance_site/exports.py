"""Tables as CSV or XLSX downloads, safe to open in a spreadsheet."""

import csv
import io

from django.http import HttpResponse

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_cell(value):
    """Neutralise spreadsheet formula injection: a text cell that a spreadsheet would
    read as a formula gets a leading apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


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
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
