"""The heading tree of a report and the section every line and table belongs to."""

from __future__ import annotations

from pipeline.layout.sections import heading_of, set_section_ids
from pipeline.schemas.document import Line
from tests.conftest import DOC_000


def test_heading_marks() -> None:
    assert heading_of("Ⅱ. 現 경제상황") == (1, "Ⅱ.", "現 경제상황")
    assert heading_of("I. 일반 현황") == (1, "I.", "일반 현황")
    assert heading_of("3 2023년 운영사업 현황") == (2, "3", "2023년 운영사업 현황")
    assert heading_of("① 주얼리 혁신성장 패키지 지원사업")[0] == 3
    assert heading_of("□ 2023년도 예산") == (4, "□", "2023년도 예산")
    assert heading_of(" ㅇ 소 요 예 산 : 20,255백만원")[0] == 5
    assert heading_of("- 소요예산 : 341,800천원")[0] == 6
    assert heading_of("2023. 11. 13.") is None
    assert heading_of("1,300,231,000") is None


def test_section_tree_of_000(documents) -> None:
    document = documents[DOC_000]
    by_title = {s.title: s for s in document.sections}
    general = by_title["일반 현황"]
    budget_status = by_title["예산 현황"]
    budget_2023 = by_title["2023년도 예산"]
    assert (general.level, general.first_line) == (1, 13)
    assert budget_status.parent_id == general.section_id
    assert budget_2023.parent_id == budget_status.section_id
    assert budget_2023.first_line == 65 and budget_2023.last_line == 95
    assert document.line(71).section_id == budget_2023.section_id
    table = next(t for t in document.tables if t.first_line == 69)
    assert table.section_id == budget_2023.section_id


def test_lone_heading_number_takes_the_next_line_as_title(documents) -> None:
    document = documents[DOC_000]
    section = next(s for s in document.sections if s.title == "첨단장비 및 품질향상을 위한 감정지원")
    assert (section.marker, section.level, section.first_line) == ("4", 2, 312)


def test_section_ids_are_written_as_assignment_writes_them() -> None:
    assert not Line.model_config.get("validate_assignment")  # else the write would skip a check
    written, assigned = Line(number=1, text="□ 예산"), Line(number=1, text="□ 예산")
    set_section_ids([written], ["s0001"])
    assigned.section_id = "s0001"
    assert written == assigned and written.model_fields_set == assigned.model_fields_set
