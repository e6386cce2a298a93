"""Coverage counts facts: dates, ordinals, list and page numbers of the reports are not facts to capture."""

from __future__ import annotations

from pipeline.coverage import coverage, fact_tokens


def test_dates_ordinals_list_and_page_numbers_are_not_facts() -> None:
    assert fact_tokens("2023.9.30. 기준 (단위: 천원)") == []  # 000 line 68
    assert fact_tokens("- '23. 03.~'25. 12. 서울주얼리지원센터 1·2관 신규위탁") == []  # 000 line 27
    assert fact_tokens("Ⅱ. 2024년 주요성과········································· 5") == []  # contents entry
    assert fact_tokens("  - 32 -") == [] and fact_tokens("1. 추진 배경") == [] and fact_tokens("3 2023년 운영사업 현황") == []
    assert fact_tokens("제3조 2항에 따라 2차 사업") == [] and fact_tokens("일자분야 1일차, 9.21(수) 2일차") == []
    assert fact_tokens("작 성 자 지역경제과장 : 엄창식 (1300)") == []  # 004 line 135: a phone extension
    assert fact_tokens("○ 위 치 : 서울특별시 금천구 시흥대로57길 5(지상 2층, 시흥1동)") == []  # 004 line 34


def test_facts_stay_counted_and_misses_carry_their_line() -> None:
    assert fact_tokens("소요예산 : 341,800천원 (45개업체)") == ["341,800", "45"]
    assert fact_tokens("- 직무교육 수료 291명(83.1%), 인턴매칭 224명(77.0%)") == ["291", "83.1", "224", "77.0"]
    result = coverage("d", [(7, "○ 2025년 예산 : 1,785억원, 정원 149명")], [(7, "1,785억원")])
    assert (result.covered, result.total, result.missing) == (1, 2, [(7, "149")])
    assert result.texts[7] == "○ 2025년 예산 : 1,785억원, 정원 149명"


def test_captions_contacts_and_footnote_marks_are_not_facts() -> None:
    """Lines of the FIS 22-3 brief (한국재정정보원): a figure's number, the colophon's phone numbers and a
    footnote mark closing a line are no facts; a breakdown's last part that closes a bracket is one."""
    assert fact_tokens("<그림 1> 특별회계 재정융자 제도 발전") == [] and fact_tokens("〈표 6〉 지방교부세 종류별 현황") == []
    assert fact_tokens("메트로타워 T 02)6908-8200 F 02)6312-8959") == []
    assert fact_tokens("지출활동이 수행된다는 것을 의미 1)") == []
    assert fact_tokens("총사업비 154억원(국 55억, 시30억, 구 69)") == ["154", "55", "30", "69"]
    assert fact_tokens("[표 3] 계 35/361)") == ["35", "361"]


def test_a_line_of_bare_numbers_is_a_chart_label_not_a_fact() -> None:
    """FIS 22-3 p5: a chart's data labels (`16.1 15.7`) and its axis years printed backwards (`3591 4591`)
    name nothing a fact could be; one number alone on a line, or numbers beside a word, still count."""
    assert fact_tokens("16.1 15.7") == []
    assert fact_tokens("3591 4591 5591 7591") == []
    assert fact_tokens("-0.1 0 .3 0 .2") == []
    assert fact_tokens("합계 1,110 508") == ["1,110", "508"]
    assert fact_tokens("12,345") == ["12,345"]
