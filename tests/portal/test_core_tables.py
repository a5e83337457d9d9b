"""The kernel's table reader and safe writer (``portal.core.tables``): formulas are seen, never
read as blank; library errors come out in the user's language; the header row may sit under a
title; the writer neutralises every formula prefix and its apostrophe is read back off."""

import csv
import io
import zipfile

import pytest
from django.utils import translation
from openpyxl import Workbook, load_workbook

from portal.core import tables as kernel
from portal.core.tables import FORMULA_PREFIXES, TableError, neutralise, read_table, write_csv, write_xlsx


def workbook_bytes(rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_an_xlsx_formula_is_kept_as_its_text_and_listed_not_read_as_blank():
    data = workbook_bytes([["nip", "score", "link"], ["198609262015051001", "=2+2", '=HYPERLINK("http://x","y")'],
                           ["198609262015051002", 4, "plain"]])
    table = read_table(data, "f.xlsx")
    assert table.rows[0] == (2, ["198609262015051001", "=2+2", '=HYPERLINK("http://x","y")'])
    assert table.formulas == {2: [1, 2]}
    assert table.rows[1] == (3, ["198609262015051002", "4", "plain"])


def test_a_text_cell_that_starts_with_an_equals_sign_is_no_formula():
    workbook = Workbook()
    workbook.active.append(["name"])
    workbook.active.append(["=not a formula"])
    workbook.active["A2"].data_type = "s"  # stored as text, as a spreadsheet's "'=" input is
    out = io.BytesIO()
    workbook.save(out)
    table = read_table(out.getvalue(), "t.xlsx")
    assert table.formulas == {}


def test_a_long_number_the_spreadsheet_rounded_is_listed():
    table = read_table(workbook_bytes([["nip"], [1.98609262015051e17], ["198609262015051001"]]), "n.xlsx")
    assert table.rounded == {2: [0]}


def test_csv_has_no_formulas_and_our_apostrophe_is_read_off():
    table = read_table(b"name,score\n'=SUM(A1),=2+2\n'+62 811,3\n'O'Neil,4\n")
    assert [cells for _line, cells in table.rows] == [["=SUM(A1)", "=2+2"], ["+62 811", "3"], ["'O'Neil", "4"]]
    assert table.formulas == {}


def test_the_header_may_sit_under_a_title_and_lines_stay_the_spreadsheets():
    rows = [["REKAP PENILAIAN KINERJA"], [], ["NIP Pegawai", "Nilai", "Nilai"], ["1", "3", "4"], [], ["2", "5", "5"]]
    table = read_table(workbook_bytes(rows), "r.xlsx", header_row=3)
    assert table.header_line == 3 and table.titles == ["NIP Pegawai", "Nilai", "Nilai"]
    assert table.headers == ["nip_pegawai", "nilai", "nilai_2"]
    assert [line for line, _cells in table.rows] == [4, 6]
    # Without a header row the first non-empty row is the header, with its true line number.
    assert read_table(b"\n\nnip,x\n1,2\n").rows == [(4, ["1", "2"])]
    assert [n for n, _c in kernel.head(workbook_bytes(rows), "r.xlsx", limit=4)] == [1, 2, 3, 4]


@pytest.mark.parametrize(("data", "name", "expected"), [
    (b"PK\x03\x04broken", "x.xlsx", "bukan buku kerja XLSX yang utuh"),
    (b"\xd0\xcf\x11\xe0" + b"\x00" * 600, "x.xlsx", ".xls"),
    (None, "x.xlsx", "arsip ZIP"),
    (b"nip,x\n", "x.csv", "tanpa baris data"),
])
def test_library_errors_reach_the_user_in_indonesian(data, name, expected):
    if data is None:  # a ZIP that is no workbook (an .ods or .docx renamed)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            archive.writestr("content.xml", "<x/>")
        data = out.getvalue()
    with translation.override("id"), pytest.raises(TableError) as caught:
        read_table(data, name)
    message = str(caught.value)
    assert expected in message
    assert "File is not a zip file" not in message and "There is no item named" not in message


def test_a_damaged_csv_is_a_message_not_a_crash():
    with translation.override("id"), pytest.raises(TableError, match="CSV"):
        read_table(b"a,b\n\"x" + b"y" * 200_000 + b"\n", "big.csv")


@pytest.mark.parametrize("prefix", FORMULA_PREFIXES)
def test_every_formula_prefix_is_neutralised_and_read_back(prefix):
    value = f"{prefix}1+1"
    assert neutralise(value) == "'" + value
    text = "".join(write_csv(["v"], [[value], [-1], [2.5]]))
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"), newline="")))
    assert rows[1] == ["'" + value] and rows[2] == ["-1"] and rows[3] == ["2.5"]
    sheet = load_workbook(io.BytesIO(write_xlsx(["v"], [[value], [-1]]))).active
    assert sheet["A2"].value.replace("\n", "\r") == "'" + value and sheet["A2"].data_type == "s"
    assert sheet["A3"].value == -1 and sheet["A3"].data_type == "n"
    if prefix not in ("\t", "\r"):  # the reader strips surrounding white space, as it always has
        assert read_table(text.encode()).rows[0][1] == [value]


def test_the_csv_writer_sends_pieces_of_many_rows():
    pieces = list(write_csv(["n"], ([i] for i in range(4500)), chunk_rows=2000))
    assert len(pieces) == 3
    assert sum(p.count("\n") for p in pieces) == 4501


def test_column_letters():
    assert [kernel.column_letter(i) for i in (0, 25, 26, 701)] == ["A", "Z", "AA", "ZZ"]
