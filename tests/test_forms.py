"""Cells printed as little forms (`key : value` lines, keys in a column of their own) read field by field.

Word boxes are those of busan2025_social_welfare_bureau p48 (printed - 44 -, `2025년 공모 계획`), rows 1 and
5 of its 사업명(사업내용) column, as the PDF engine gives them (x0, top; points)."""

from __future__ import annotations

from pipeline.layout.forms import PlacedWord, form_fields
from pipeline.schemas.document import Word


def words(*rows: tuple[float, list[tuple[str, float]]]) -> list[PlacedWord]:
    """Words of a cell: each row is its top and (text, x0) pairs; width 6 points a letter, height 11."""
    return [
        PlacedWord(Word(text, x0, x0 + 6 * len(text), top, top + 11), line)
        for line, (top, row) in enumerate(rows, start=1)
        for text, x0 in row
    ]


def fields(cell: list[PlacedWord]) -> list[tuple[str, str]]:
    return [(f.key, f.text) for f in form_fields(cell)]


ROW_1 = words(
    (131.0, [("읍면동", 163), ("스마트", 200), ("개선모델", 319), ("개발", 366), ("지", 393)]),
    (137.6, [("사", 100), ("업", 116), ("명", 133), (":", 149)]),
    (144.2, [("원사업(복지+안전분야", 163), ("부문)", 273)]),
    (159.4, [("읍면동의", 163), ("복지안전서비스를", 210), ("통해", 297)]),
    (164.9, [("사업내용", 100), (":", 149)]),
    (171.4, [("발굴", 163), ("및", 188), ("발굴된", 203)]),
    (185.7, [("사업기간", 100), (":", 149), ("2025년", 163)]),
    (202.4, [("사업규모", 100), (":", 149), ("미정", 163)]),
)
"""A key centred between the two lines of its value: the first line of 사업명 comes before its key."""

ROW_5 = words(
    (534.2, [("사", 100), ("업", 116), ("명", 133), (":", 149), ("노인", 163), ("시범사업", 334)]),
    (556.3, [("「돌봄통합지원법」", 163), ("시행(‘26.", 246)]),
    (568.7, [("사업내용", 100), (":", 149), ("효율적", 163), ("컨설팅,", 373)]),
    (582.2, [("건보공단", 163), ("간접지원", 364)]),
    (602.1, [("사업기간", 100), (":", 149), ("2025년", 163)]),
    (624.4, [("사업규모", 100), (":", 149), ("20백만원(국비", 163), ("10,", 234), ("시비", 250), ("10)", 273)]),
)
"""A key on the middle line of three: the line above it belongs to it, not to the key above."""


def test_a_key_centred_between_its_value_lines_gets_both_lines() -> None:
    assert fields(ROW_1) == [
        ("사업명", "읍면동 스마트 개선모델 개발 지 원사업(복지+안전분야 부문)"),
        ("사업내용", "읍면동의 복지안전서비스를 통해 발굴 및 발굴된"),
        ("사업기간", "2025년"),
        ("사업규모", "미정"),
    ]


def test_a_value_line_above_its_key_joins_the_key_below_the_widest_gap() -> None:
    assert fields(ROW_5) == [
        ("사업명", "노인 시범사업"),
        ("사업내용", "「돌봄통합지원법」 시행(‘26. 효율적 컨설팅, 건보공단 간접지원"),
        ("사업기간", "2025년"),
        ("사업규모", "20백만원(국비 10, 시비 10)"),
    ]


def test_prose_with_a_colon_is_no_form() -> None:
    prose = words(
        (100.0, [("추진상황", 100), (":", 149), ("공모", 163)]),
        (113.0, [("향후", 100), ("계획", 130), ("검토", 163)]),  # words in the key column, no key
        (126.0, [("사업규모", 100), (":", 149), ("미정", 163)]),
    )
    assert fields(prose) == []
    one_key = words((100.0, [("비고", 100), (":", 149), ("공모", 163)]))
    assert fields(one_key) == []
