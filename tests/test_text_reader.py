"""The text reader: encodings, line endings, line numbers, and specific errors for bad files."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.errors import EmptyDocumentError, EncodingError, UnsupportedFormatError
from pipeline.parse import document_records, laid_out_document, parse_path
from pipeline.readers import read_document
from pipeline.readers.text import decode_report, text_words
from tests.conftest import RAW, REALDOCS, ROOT

REPORT = "□ 2023년도 예산\n\n(단위 : 천원)\n\n구 분\t예산액\n민간위탁금 총계\t1,370,315\n"


def test_utf8_with_bom_is_read_as_utf8() -> None:
    text, encoding = decode_report("\ufeff".encode() + REPORT.encode("utf-8"))
    assert encoding == "utf-8"
    assert text.startswith("□ 2023년도 예산")


def test_cp949_is_detected_not_guessed() -> None:
    text, encoding = decode_report(REPORT.encode("cp949"))
    assert encoding == "cp949"
    assert "민간위탁금 총계\t1,370,315" in text


def test_euc_kr_file_reads_through_cp949(tmp_path: Path) -> None:
    path = tmp_path / "euckr_report.txt"
    path.write_bytes(REPORT.encode("euc-kr"))
    document = laid_out_document(path)
    assert document.encoding == "cp949"
    assert document.tables[0].cells[-1].text == "1,370,315"
    assert document.tables[0].cells[-1].line == 6


def test_crlf_and_lf_give_the_same_lines(tmp_path: Path) -> None:
    (tmp_path / "lf.txt").write_bytes(REPORT.encode())
    (tmp_path / "crlf.txt").write_bytes(REPORT.replace("\n", "\r\n").encode())
    lf, crlf = read_document(tmp_path / "lf.txt"), read_document(tmp_path / "crlf.txt")
    assert [line.text for line in lf.lines] == [line.text for line in crlf.lines]
    assert crlf.line(6).text == "민간위탁금 총계\t1,370,315"


def test_undecodable_bytes_fail_with_the_offset() -> None:
    data = "구분".encode() + b"\xff\xfe\xfa\xfb" * 20
    with pytest.raises(EncodingError, match=r"neither UTF-8 nor CP949/EUC-KR.*offset 6"):
        decode_report(data)


def test_empty_file_fails() -> None:
    with pytest.raises(EmptyDocumentError, match="empty file"):
        decode_report(b"  \n\n")


def test_nul_bytes_fail_as_binary() -> None:
    with pytest.raises(EncodingError, match="NUL bytes"):
        decode_report(b"\x00\x01\x02binary")


def test_unknown_suffix_is_unsupported(tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    path.write_bytes(b"PK\x03\x04")
    with pytest.raises(UnsupportedFormatError, match=r"unsupported file type .\.docx."):
        read_document(path)


def test_words_carry_display_columns() -> None:
    words = text_words("경 제 정 책 과 134,534", 95)
    assert [w.text for w in words][:2] == ["경", "제"]
    assert (words[1].x0, words[-1].x0, words[-1].top) == (3.0, 15.0, 95.0)


def test_line_numbers_match_the_file(documents) -> None:
    document = documents["000_6b0094b7c08c0da0"]
    assert document.line(71).text.startswith("민간위탁금 총계\t1,370,315")
    assert len(document.lines) == 429


TEXT_REPORTS = sorted(
    [*RAW.glob("*.txt"), *(ROOT / "tests/fixtures/pdf").glob("*.txt"), *REALDOCS.glob("*.txt")]
)
"""Every readable text report of the repository (the samples, the PDF fixtures' text twins) and of realdocs."""


@pytest.mark.parametrize("path", TEXT_REPORTS, ids=lambda p: p.name)
def test_a_text_report_gives_the_same_records_without_its_words(path: Path) -> None:
    """`parse_path` reads text lines without their words (no step to the records reads them): the records
    of every text report here must be those of the document read with its words."""
    with_words = laid_out_document(path)
    without = read_document(path, text_words=False)
    assert [w.text for w in with_words.lines[0].words] == with_words.lines[0].text.split()
    assert [(line.number, line.text, line.words) for line in without.lines] == [
        (line.number, line.text, []) for line in read_document(path).lines
    ]
    wanted = document_records(with_words).model_dump(exclude={"document": {"ingested_at"}})
    assert parse_path(path).model_dump(exclude={"document": {"ingested_at"}}) == wanted
