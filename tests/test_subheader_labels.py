"""Column labels printed inside a table's body (pipeline.lexicon.labels.subheader_labels).

The grids are those of real tables: the 규제 개요 form of regulatory_analysis_76076 (its 14.비용감축제 rows),
and the 성과지표 table of busan2025_culture_sports_bureau p74, whose text targets (`설계공모 | 설계용역 착수`)
sit over the next indicator's numbers without labelling them.
"""

from __future__ import annotations

from pipeline.lexicon.labels import arrow_head_labels, subheader_labels
from pipeline.schemas.document import Cell, Table


def table(rows: list[list[tuple[int, int, str]]], header_rows: int = 1) -> Table:
    """A table from rows of (col, col_span, text)."""
    cells = [
        Cell(row=r, col=col, col_span=span, text=text, line=r + 1, is_header=r < header_rows)
        for r, row in enumerate(rows)
        for col, span, text in row
    ]
    n_cols = max(col + span for row in rows for col, span, _ in row)
    return Table(
        table_id="t001",
        source="hwp",
        first_line=1,
        last_line=len(rows),
        n_rows=len(rows),
        n_cols=n_cols,
        header_rows=header_rows,
        cells=cells,
    )


FORM = [
    [(0, 1, "1.규제사무명"), (1, 13, "안전모의 지급 및 확인 의무 강화")],
    [(0, 1, "기타"), (1, 1, "13.우선허용· 사후 규제 적용여부"), (2, 12, "해당 없음")],
    [(0, 1, "기타"), (1, 1, "14.비용감축제 (단위:백만원)"), (2, 2, "적용여부"), (4, 5, "비용"), (9, 4, "편익"),
     (13, 1, "연간균등순비용")],
    [(2, 2, "미적용"), (4, 5, "28.43"), (9, 4, "0"), (13, 1, "3.59")],
    [(0, 1, "기타"), (1, 1, "15.규제정비 계획"), (2, 12, "산업안전보건기준에 관한 규칙 제24조")],
]  # fmt: skip


def test_a_label_row_inside_a_form_labels_the_numbers_under_it() -> None:
    labels = subheader_labels(table(FORM))
    assert labels == {(3, 4): "비용", (3, 9): "편익", (3, 13): "연간균등순비용"}


def test_a_row_of_text_targets_over_numbers_is_no_label_row() -> None:
    kpi = [
        [(0, 1, "정책과제"), (1, 1, "추진사업"), (2, 1, "성과지표"), (3, 1, "’24년"), (4, 1, "’25년")],
        [(1, 1, "• 방송․OTT 콘텐츠 제작 허브 구축"), (2, 1, "추진공정"), (3, 1, "부지확보"), (4, 1, "기본계획 수립")],
        [(1, 1, "• 게임융복합스페이스 조성"), (2, 1, "추진공정"), (3, 1, "설계공모"), (4, 1, "설계용역 착수")],
        [(1, 1, "• 웹툰 해외 교류 추진"), (2, 1, "교류국 수"), (3, 1, "2개국"), (4, 1, "3개국")],
        [(1, 1, "• 소통․화합의 종교문화활동 지원"), (2, 1, "추진실적"), (3, 1, "방문 60개소"), (4, 1, "방문 60개소")],
        [(1, 1, "• 문화상품 디자인 시민만족도"), (2, 1, "만족도(%)"), (3, 1, "85%"), (4, 1, "86%")],
    ]  # fmt: skip
    assert subheader_labels(table(kpi)) == {}


def test_placeholders_and_the_first_body_row_label_nothing() -> None:
    budget = [
        [(0, 1, "구분"), (1, 1, "2024"), (2, 1, "2025")],
        [(0, 1, "예산"), (1, 1, "예산"), (2, 1, "결산")],  # a header row the header rule missed
        [(0, 1, "국비"), (1, 1, "100"), (2, 1, "200")],
        [(0, 1, "계"), (1, 1, "-"), (2, 1, "해당없음")],
        [(0, 1, "시비"), (1, 1, "300"), (2, 1, "400")],
    ]
    assert subheader_labels(table(budget)) == {}


def test_numbers_not_all_under_the_label_row_end_it() -> None:
    rows = [*FORM[:3], [(2, 2, "미적용"), (4, 5, "28.43"), (9, 2, "0"), (11, 3, "3.59")]]
    assert subheader_labels(table(rows)) == {}


def test_text_under_a_label_rows_columns_ends_it() -> None:
    """culture p74 once its stacked row is split: `국비확보 | 총회개최` (text targets of one project) over
    `6위 | 4위` (a rank, no value for the label rule) over `68회 | 80회`: the targets label nothing."""
    kpi = [
        [(0, 1, "정책과제"), (1, 1, "추진사업"), (2, 1, "성과지표"), (3, 1, "’24년"), (4, 1, "’25년")],
        [(1, 1, "• 2025 세계도핑방지기구 총회 추진"), (2, 1, "추진실적"), (3, 1, "국비확보"), (4, 1, "총회개최")],
        [(1, 1, "• 제106회 전국체육대회 참가"), (2, 1, "순위"), (3, 1, "6위"), (4, 1, "4위")],
        [(1, 1, "• 생활체육대회 개최 확대"), (2, 1, "추진실적"), (3, 1, "68회"), (4, 1, "80회")],
    ]  # fmt: skip
    assert subheader_labels(table(kpi)) == {}


def test_a_head_over_an_indicator_and_two_years_names_each_value_by_both() -> None:
    """culture p74: `성 과 지 표 (’24년 →’25년)` heads the indicator column and the two years' columns;
    90% is 성과지표 이용률(%) ’24년, 95% 성과지표 이용률(%) ’25년."""
    kpi = [
        [(0, 1, "정책과제"), (1, 1, "추 진 사 업"), (2, 3, "성 과 지 표 (’24년 →’25년)")],
        [(1, 1, "• 통합문화이용권 이용률 향상"), (2, 1, "이용률(%)"), (3, 1, "90%"), (4, 1, "95%")],
        [(1, 1, "• 생활문화센터 확충"), (2, 1, "개소 수"), (3, 1, "27개소"), (4, 1, "38개소")],
    ]  # fmt: skip
    labels = arrow_head_labels(table(kpi))
    assert labels[(1, 3)] == "성 과 지 표 이용률(%) ’24년"
    assert labels[(1, 4)] == "성 과 지 표 이용률(%) ’25년"
    assert labels[(2, 4)] == "성 과 지 표 개소 수 ’25년"
    assert (1, 2) not in labels
