"""docs/questions.md: five questions across reports, their SQL and the answers the pipeline gives now.

Every query runs against the bundled corpus; the answer table under it is rewritten when it changes
(and the test fails, so the change is looked at and committed). The figures asserted below were read off
the source documents."""

from __future__ import annotations

import re
from pathlib import Path

from pipeline.outputs.query import markdown, run_query
from tests.conftest import ROOT

QUESTIONS = ROOT / "docs" / "questions.md"
BLOCK = re.compile(r"(```sql\n(?P<sql>.*?)```\n)(?:\n(?P<answer>\|.*?\n)(?=\n|$))?", re.DOTALL)


def answered(text: str, warehouse: Path) -> tuple[str, list[str]]:
    """The document with each query's answer table (re)written under it, and the answers."""
    answers: list[str] = []

    def fill(match: re.Match) -> str:
        answer = markdown(run_query(warehouse, match["sql"], external_access=True)) + "\n"
        answers.append(answer)
        return f"{match.group(1)}\n{answer}"

    return BLOCK.sub(fill, text), answers


def test_five_questions_and_their_current_answers(corpus_warehouse: Path) -> None:
    current = QUESTIONS.read_text(encoding="utf-8")
    text, answers = answered(current, corpus_warehouse)
    assert len(answers) == 5
    if text != current:
        QUESTIONS.write_text(text, encoding="utf-8")
    assert text == current, "docs/questions.md answers changed and were rewritten: review and commit"
    budget, short, kpi, projects, issues = answers
    assert "| 일자리정책과 | 252,250,000,000 | 252,250 | 29 | 28 | 2 |" in budget  # 001 line 96, 35
    assert "| 뷰티패션산업과 | [27] | [24] | -3 | 2 |" in short  # 001 line 37: 27/24
    assert "| 주얼리 체험 프로그램 운영 | 500 | 198 | 회 | 39.6 | 39.6 |" in kpi  # 000 line 47
    assert "전통시장 및 상점가 시설 현대화 사업 | 29,324,000,000 | 5,760,000,000 | 19.6 |" in projects
    assert "| 000_6b0094b7c08c0da0 | total_sum |" in issues
