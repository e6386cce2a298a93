"""Words of org charts: the endings that give a unit's rank, the marks that list teams, chart cue words."""

from __future__ import annotations

RANK_WORDS = (
    "담당관",
    "추진단",
    "기획단",
    "사업소",
    "사무소",
    "시험소",
    "검사소",
    "연구원",
    "연구부",
    "위원회",
    "본부",
    "센터",
    "실",
    "국",
    "관",
    "과",
    "단",
    "부",
    "팀",
    "소",
    "원",
    "처",
    "TF",
)
"""Endings that give an org unit's rank, longest first (`기획담당관` is a 담당관, `기획관` a 관)."""

TEAM_RANK = "팀"
BULLET_MARKS = "▪▫■□◾◽●○◦•∙·ㆍ‧-–※❍❏➢▶▷◇◆*"
"""Marks that start a listed team or duty (`▪기 획`), never part of the name."""
DUTY_WORDS = ("및", "관련", "업무", "지원사항", "등")
"""A listed entry with one of these words is a duty (`시정 주요업무 계획 수립 및 조정`), not a team."""
CHART_CUES = ("조직도", "기구", "조직")
"""Words of the heading or summary line that announce a chart on the page."""
OFFICE_HOLDERS = (
    "장관",
    "차관",
    "청장",
    "처장",
    "원장",
    "시장",
    "도지사",
    "구청장",
    "군수",
    "실장",
    "국장",
    "본부장",
    "위원장",
    "차장",
)
"""A box naming an office holder (`장관`, `원장`) heads the chart but has no rank (`장관` is no 관)."""
