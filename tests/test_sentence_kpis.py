"""KPIs quoted inside a sentence (`pipeline/extract/sentence_kpis.py`), on lines copied from 고용노동부 업무보고
(2025. 12.): what a person reads off each line, and what the lines beside them do not give."""

from __future__ import annotations

from pathlib import Path

from pipeline.parse import parse_path

HEAD = "고용노동부 업무보고\n\n2025. 12. 11.\n\nⅠ. 일반현황\n"


def _kpis(tmp_path: Path, body: str) -> list[tuple[object, ...]]:
    path = tmp_path / "report.txt"
    path.write_text(HEAD + body, encoding="utf-8")
    return sorted(
        (k.program, k.period, k.target_value, k.target_unit, k.actual_value, k.actual_unit)
        for k in parse_path(path).kpi_facts
    )


def test_a_rate_on_a_dated_line_is_its_actual_at_that_date(tmp_path: Path) -> None:
    """p3 `임금체불 청산율 88.3%로 역대 최고 (’25.9월 기준)`, p4 `’25.10월 기준 고용률(63.4%),
    경제활동참가율(64.8%)`; a rate on a line that dates nothing, a change in points and a 달성률 are none."""
    found = _kpis(
        tmp_path,
        " □ 기본이 지켜지는 일터: 임금체불 청산율 88.3%로 역대 최고 (’25.9월 기준)\n"
        "  * ’25.10월 기준 고용률(63.4%), 경제활동참가율(64.8%) 역대 최고,\n"
        "  * 체불 노동자는 210,976명(전년 동기 대비 –2.9%) (’25.9월 기준)\n"
        "  * 산재 보상률 60.1%로 상승\n"
        "  * ’25.6월 기준 달성률 91.0%, 실업률 0.3%p 하락\n",
    )
    assert found == [
        ("경제활동참가율", "2025-10", None, None, 64.8, "%"),
        ("고용률", "2025-10", None, None, 63.4, "%"),
        ("임금체불 청산율", "2025-09", None, None, 88.3, "%"),
    ]


def test_quantities_after_years_up_to_which_a_figure_falls_are_targets(tmp_path: Path) -> None:
    """p13 `… 이행을 통해 업무상 질병` / `처리기간 ’26년말 160일 (’27년말 120일) 까지 단축`: two targets of the
    indicator the sentence names over the line break; without `까지`, or for a year before the report's, none."""
    found = _kpis(
        tmp_path,
        "  - ｢업무상 질병 산재처리기간 단축방안｣ (’25.9.1) 이행을 통해 업무상 질병\n"
        "처리기간 ’26년말 160일 (’27년말 120일) 까지 단축\n"
        "  - 건강진단 비용 지원 확대 (’26년 40억, 2.4만명)\n"
        "  - 상담 인력 ’24년 300명 까지 증원\n",
    )
    assert found == [
        ("업무상 질병 처리기간", "2026", 160, "일", None, None),
        ("업무상 질병 처리기간", "2027", 120, "일", None, None),
    ]


def test_a_change_from_now_to_a_later_year_by_part(tmp_path: Path) -> None:
    """p11 `민간·공공 장애인 의무고용률 상향(민간: 3.1→’29 3.5%/공공:3.8→’29 4.0%)`: per part, the ’29 figure
    is the target and the first the current actual; a change with no year (`(월120→140만원)`) is none."""
    found = _kpis(
        tmp_path,
        "  - 민간·공공 장애인 의무고용률 상향 (민간: 3.1→’29 3.5%/공공:3.8→’29 4.0%)\n"
        "  - 중소기업 노동자의 육아휴직 사용 등에 따른 대체인력 (월120→140만원) 지원\n",
    )
    assert found == [
        ("장애인 의무고용률 (공공)", "2029", 4.0, "%", 3.8, "%"),
        ("장애인 의무고용률 (민간)", "2029", 3.5, "%", 3.1, "%"),
    ]


def test_a_figure_set_as_the_goal_is_the_target_of_what_follows(tmp_path: Path) -> None:
    """p8 `OECD 평균 수준(1,700시간대)을 목표로 실노동시간 단축 본격 추진`: 1,700 hours (the 1,700s); a goal
    with no figure, or one whose object is a bare predicate (`…을 목표로 구축중`), gives nothing."""
    found = _kpis(
        tmp_path,
        " □ 주요내용: OECD 평균 수준(1,700시간대)을 목표로 실노동시간 단축 본격 추진\n"
        "  ㅇ 친환경 미술관의 구현을 목표로 운영\n"
        "  * 3년 3단계 과정으로 최종 300만어절을 목표로 구축중\n",
    )
    assert found == [("실노동시간 단축", None, 1700, "시간", None, None)]


def test_a_target_raised_in_brackets_is_the_new_figure(tmp_path: Path) -> None:
    """보건환경연구원 p37 `명절 성수기 등 개체동일성 검사 건수 확대(목표 : 350건→400건)`: the target is 400, with
    no actual (350 was a target too); the name starts after the examples (`… 등`) and leaves out `확대`. A
    change with no target word (`(350건→400건)`) or in two units is none."""
    found = _kpis(
        tmp_path,
        "  ◆ 추진내용 : 명절 성수기 등 개체동일성 검사 건수 확대(목표 : 350건→400건)\n"
        "  ◆ 추진내용 : 검사 건수 확대(350건→400건)\n"
        "  ◆ 추진내용 : 검사 인력 확대(목표 : 3명→400건)\n",
    )
    assert found == [("개체동일성 검사 건수", None, 400, "건", None, None)]


def test_a_year_change_names_what_ends_the_clause_before_it(tmp_path: Path) -> None:
    """고용노동부 p9 as its HWP prints it, one paragraph: `… 기술 활용(예: 드론) 등을 통해 작은 사업장 중심 감독
    대폭 확대(’25년2.4만개→’26년5만개)`; 보건환경연구원 p22 `❖ 추진내용 :위생용품 품목 확대(‘24년 19종→’25년
    21종)에 따른 …`: the program is what the clause before the bracket names, without the key."""
    found = _kpis(
        tmp_path,
        "   - 감독관 증원(’25년550명, ’26년650명)과 함께 기술 활용(예: 드론) 등을 통해 작은 사업장 중심 감독"
        " 대폭 확대(’25년2.4만개→’26년5만개)\n"
        "  ❖ 추진내용 :위생용품 품목 확대(‘24년 19종→’25년 21종)에 따른 검사 시스템 구축\n",
    )
    assert found == [
        ("위생용품 품목 확대", "2025", 21, "종", 19, "종"),
        ("작은 사업장 중심 감독 대폭 확대", "2026", 50_000, "개", 24_000, "개"),
    ]


def test_a_cover_date_with_its_weekday_and_hour_is_the_report_date(tmp_path: Path) -> None:
    """보건환경연구원's cover: `복지환경위원회 / 2025. 2. 10.(월) 16:00 / 2025년도 / 주요업무계획`: the meeting's
    date is the report's when the cover prints no other; a report's own `2022. 9.` goes first."""
    from pipeline.extract.metadata import read_cover
    from pipeline.parse import laid_out_document

    meeting = tmp_path / "meeting.txt"
    meeting.write_text("복지환경위원회\n2025. 2. 10.(월) 16:00\n\n2025년도\n주요업무계획\n\n보건환경연구원\n", encoding="utf-8")
    assert read_cover(laid_out_document(meeting)).report_date == "2025-02-10"
    own = tmp_path / "own.txt"
    own.write_text("기 획 경 제 위 원 회\n’22.09.22. (목) 10:00\n\n주 요 업 무 보 고\n\n2022. 9.\n\n경 제 정 책 실\n", encoding="utf-8")
    assert read_cover(laid_out_document(own)).report_date == "2022-09"
