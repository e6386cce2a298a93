-- What every table, view and column means, with its unit and allowed values: DuckDB keeps these as
-- COMMENTs, so DESCRIBE, duckdb_columns() and DuckDB UIs show them, and docs/data-dictionary.md is
-- generated from them (tests/test_dictionary.py). A view column named as a table column (doc_id, line,
-- page, ...) takes that column's comment unless one is given here.

COMMENT ON TABLE documents IS 'One row per input file: what it is, whether it parsed, and row counts.';
COMMENT ON COLUMN documents.doc_id IS 'Document id, given at first load and kept: the file name stem; the whole name beside a same-stem file in its folder; else stem-<8 hex of the path> (README, Document identity). Every other table joins on it.';
COMMENT ON COLUMN documents.source_key IS 'The document''s identity: absolute path of its file, symlinks resolved.';
COMMENT ON COLUMN documents.duplicate_of IS 'For status duplicate: the document with the same bytes, whose records are loaded once.';
COMMENT ON COLUMN documents.source_path IS 'Path of the file as given to ingest.';
COMMENT ON COLUMN documents.sha256 IS 'SHA-256 of the file bytes (hex); an unchanged file is not re-parsed.';
COMMENT ON COLUMN documents.format IS 'Reader used. Allowed: text, pdf, hwp, hwpx (by the bytes, not the extension).';
COMMENT ON COLUMN documents.encoding IS 'Text encoding detected for text exports (utf-8, cp949); NULL for PDF.';
COMMENT ON COLUMN documents.title IS 'Report title read from the cover or first heading.';
COMMENT ON COLUMN documents.issuer IS 'Issuing office (기관/부서) read from the cover.';
COMMENT ON COLUMN documents.report_date IS 'Date printed on the cover; the first of the month when only a month is printed.';
COMMENT ON COLUMN documents.report_date_precision IS 'How much of report_date was printed. Allowed: day, month.';
COMMENT ON COLUMN documents.status IS 'Outcome of the last ingest. Allowed: ok, failed, duplicate (same bytes as duplicate_of; no records of its own).';
COMMENT ON COLUMN documents.error IS 'Why the document failed (specific, for a person to act on); NULL when ok.';
COMMENT ON COLUMN documents.parser_version IS 'Parser version that produced the rows; a new version re-parses.';
COMMENT ON COLUMN documents.ingested_at IS 'When the document was last loaded (UTC).';
COMMENT ON COLUMN documents.n_lines IS 'Source lines (count).';
COMMENT ON COLUMN documents.n_pages IS 'Pages (count); NULL for text exports.';
COMMENT ON COLUMN documents.n_tables IS 'Tables found (count).';
COMMENT ON COLUMN documents.n_cells IS 'Non-empty table cells (count).';

COMMENT ON TABLE tables IS 'One row per table found in a document.';
COMMENT ON COLUMN tables.doc_id IS 'Document id (documents.doc_id).';
COMMENT ON COLUMN tables.table_id IS 'Table id within the document (t001, t002, ... in reading order).';
COMMENT ON COLUMN tables.caption IS 'Nearest heading or caption above the table, as printed.';
COMMENT ON COLUMN tables.kind IS 'What the table is about, from its header and caption words. Allowed: budget, headcount, kpi, org, other.';
COMMENT ON COLUMN tables.unit IS 'Unit the table states for its numbers, normalised (원, 천원, 백만원, 억원, 명, %, ...); NULL when none is printed.';
COMMENT ON COLUMN tables.unit_text IS 'The unit note as printed, e.g. (단위: 천원).';
COMMENT ON COLUMN tables.as_of IS 'Reference date printed with the table (기준일): YYYY-MM-DD or YYYY-MM.';
COMMENT ON COLUMN tables.first_line IS 'First source line of the table (lines.line).';
COMMENT ON COLUMN tables.last_line IS 'Last source line of the table (lines.line).';
COMMENT ON COLUMN tables.page IS 'Page of the first line (1-based); NULL for text exports.';
COMMENT ON COLUMN tables.source IS 'How the table was found. Allowed: tab, html, aligned, pdf-ruled, pdf-words, hwp (the grid the HWP/HWPX file gives).';
COMMENT ON COLUMN tables.n_rows IS 'Rows in the grid, header rows included (count).';
COMMENT ON COLUMN tables.n_cols IS 'Columns in the grid (count).';
COMMENT ON COLUMN tables.header_rows IS 'Leading rows that are column headers (count).';
COMMENT ON COLUMN tables.parent_table_id IS 'Table this one continues (a table split across pages or blocks); NULL otherwise.';
COMMENT ON COLUMN tables.section_id IS 'Section the table sits in (sections.section_id).';

COMMENT ON TABLE cells IS 'One row per non-empty table cell, with its labels and its number read in won, percent, count, ...';
COMMENT ON COLUMN cells.doc_id IS 'Document id (documents.doc_id).';
COMMENT ON COLUMN cells.table_id IS 'Table id (tables.table_id).';
COMMENT ON COLUMN cells.row_idx IS 'Row in the grid, 0-based, header rows included.';
COMMENT ON COLUMN cells.col_idx IS 'Column in the grid, 0-based.';
COMMENT ON COLUMN cells.row_label IS 'Label of the row (the first column; parent labels joined with >).';
COMMENT ON COLUMN cells.col_label IS 'Label of the column (header rows joined with a space).';
COMMENT ON COLUMN cells.raw_text IS 'The cell exactly as printed.';
COMMENT ON COLUMN cells.value IS 'The number printed, in the table unit (not converted); NULL for text.';
COMMENT ON COLUMN cells.value_kind IS 'What the value is. Allowed: krw (money), pct (percent), count, area (㎡), date, text, other.';
COMMENT ON COLUMN cells.amount_krw IS 'Money in won (원) after applying the unit (천원 x1,000, 백만원 x1,000,000, 억원 x100,000,000); NULL unless value_kind = krw.';
COMMENT ON COLUMN cells.unit IS 'Unit of this cell (its own or the table''s): 원, 천원, 백만원, 억원, %, 명, 건, 개, ㎡, ...';
COMMENT ON COLUMN cells.unit_source IS 'How the unit was decided. Allowed: value (printed on the value), header (printed in the column or row header), annotation (the table''s one unit), annotation_by_kind (one of several units of the annotation, by the column''s money/count/rate words), row_label (by the row label''s words); NULL without a unit.';
COMMENT ON COLUMN cells.is_header IS 'True for a header cell.';
COMMENT ON COLUMN cells.row_span IS 'Rows the cell spans (merged cells; 1 when not merged).';
COMMENT ON COLUMN cells.col_span IS 'Columns the cell spans (merged cells; 1 when not merged).';
COMMENT ON COLUMN cells.flags IS 'List of notes on how the text was read (list_contains(flags, ''pair'')). Allowed: placeholder (-, 비예산: no number), pair (35/36: two values, the second in secondary_value), parenthesized ((1,200): a bracketed value, not a part of totals), decimal_comma_typo (80,4 read as 80.4), malformed_number (a number that could not be read), scaled (a count whose value is the printed number times its header''s scale: 3,293 under 인구(천명) is 3,293,000).';
COMMENT ON COLUMN cells.secondary_value IS 'The second value printed in the cell: 현원 of 29/28 or 27(27), the share 18.5 of 213(18.5%), 30 of 100.53㎡(30평); NULL when there is one value.';
COMMENT ON COLUMN cells.secondary_kind IS 'What secondary_value is: pct when printed with %, else the kind of the first value (krw, count, area, ...).';
COMMENT ON COLUMN cells.secondary_unit IS 'Unit printed with the second value (%, 평, 명, ...), NULL when none.';
COMMENT ON COLUMN cells.footnote IS 'Footnote mark printed on the value (35/361) -> 1, 12¹ -> ¹), NULL when none.';
COMMENT ON COLUMN cells.line IS 'Source line of the cell (lines.line).';
COMMENT ON COLUMN cells.page IS 'Page (1-based); NULL for text exports.';
COMMENT ON COLUMN cells.x0 IS 'Left edge of the cell on its page, in PDF points (1/72 inch) from the left; NULL for unpaged formats.';
COMMENT ON COLUMN cells.top IS 'Top edge of the cell, in PDF points from the top of the page; NULL for unpaged formats.';
COMMENT ON COLUMN cells.x1 IS 'Right edge of the cell, in PDF points from the left; NULL for unpaged formats.';
COMMENT ON COLUMN cells.bottom IS 'Bottom edge of the cell, in PDF points from the top of the page; NULL for unpaged formats.';

COMMENT ON TABLE sections IS 'One row per heading (Ⅰ. / 1 / ① / □ / ○ / -), as a tree through parent_id.';
COMMENT ON COLUMN sections.doc_id IS 'Document id (documents.doc_id).';
COMMENT ON COLUMN sections.section_id IS 'Section id within the document.';
COMMENT ON COLUMN sections.level IS 'Depth in the heading tree (1 = top).';
COMMENT ON COLUMN sections.marker IS 'The heading marker as printed (Ⅰ., 1., ①, □, ○, -).';
COMMENT ON COLUMN sections.title IS 'Heading text without its marker.';
COMMENT ON COLUMN sections.first_line IS 'First source line of the section.';
COMMENT ON COLUMN sections.last_line IS 'Last source line of the section.';
COMMENT ON COLUMN sections.parent_id IS 'Enclosing section (sections.section_id); NULL at the top.';

COMMENT ON TABLE lines IS 'One row per source line: the text every other row points back to.';
COMMENT ON COLUMN lines.doc_id IS 'Document id (documents.doc_id).';
COMMENT ON COLUMN lines.line IS 'Line number in the document, 1-based, across pages.';
COMMENT ON COLUMN lines.page IS 'Page (1-based); NULL for text exports.';
COMMENT ON COLUMN lines.page_line IS 'Line number within its page, 1-based; NULL for text exports.';
COMMENT ON COLUMN lines.text IS 'The line as read (PDF: words joined in reading order).';
COMMENT ON COLUMN lines.section_id IS 'Innermost section the line belongs to.';

COMMENT ON TABLE load_events IS 'Every load or failed load of a document, with row counts before and after: a fact that disappears on reload is accounted for here.';
COMMENT ON COLUMN load_events.doc_id IS 'Document id.';
COMMENT ON COLUMN load_events.loaded_at IS 'When it happened (UTC).';
COMMENT ON COLUMN load_events.event IS 'What happened. Allowed: loaded, failed, kept_previous (failed, previous rows kept), pruned (file gone).';
COMMENT ON COLUMN load_events.parser_version IS 'Parser version of the load.';
COMMENT ON COLUMN load_events.sha256 IS 'SHA-256 of the file loaded.';
COMMENT ON COLUMN load_events.detail IS 'JSON: {"cells": [before, after], ...} per table, or {"error": ...}.';

COMMENT ON TABLE org_units IS 'One row per organisation unit (실/국/과/팀) a document names, with its canonical name shared across documents.';
COMMENT ON COLUMN org_units.doc_id IS 'Document id.';
COMMENT ON COLUMN org_units.name IS 'Name as printed, spaces folded.';
COMMENT ON COLUMN org_units.canonical_name IS 'Name shared across documents (spacing and near-identical spellings merged): join on this.';
COMMENT ON COLUMN org_units.parent_name IS 'Enclosing unit as printed (the 국 of a 과); NULL when unknown.';
COMMENT ON COLUMN org_units.rank IS 'Kind of unit, from the ending of its name or the chart: 실, 국, 관, 본부, 과, 담당관, 추진단, 단, 팀, 사업소, 센터, 위원회, ...';
COMMENT ON COLUMN org_units.unit_id IS 'Stable id: doc_id/ then the canonical names from the top unit down, joined by > (the same on every re-ingest).';
COMMENT ON COLUMN org_units.parent_id IS 'unit_id of the enclosing unit (org_units.unit_id of the same document); NULL for a top unit.';
COMMENT ON COLUMN org_units.grade IS 'Grade of the head as printed after the name (1·2급, 3급, 3·4급, ...).';
COMMENT ON COLUMN org_units.staff_count IS 'Staff printed in the chart beside the unit (5팀(35명), 기획연수부(25)).';
COMMENT ON COLUMN org_units.source IS 'Where the unit was read: chart (an org chart drawn with boxes and connectors), prose (an org list), table (a row label).';
COMMENT ON COLUMN org_units.summary IS 'On the top unit of a chart: the count line printed with it (5 담당관 1 추진단 20 팀); checked against the units drawn (validation_issues.check_name = org_summary).';
COMMENT ON COLUMN org_units.box IS 'The unit''s box on the page [x0, top, x1, bottom] in PDF points (chart units; listed teams carry their list box).';
COMMENT ON COLUMN org_units.team_count IS 'Teams under the unit (count) as printed: 복지정책과(6), 5팀(35명); a mismatch with the teams listed is validation_issues.check_name = org_team_count.';
COMMENT ON COLUMN org_units.functions IS 'Main functions (주요기능/담당업무) as printed, or the duties a chart lists under the box instead of teams.';
COMMENT ON COLUMN org_units.line IS 'Source line (lines.line).';
COMMENT ON COLUMN org_units.page IS 'Page (1-based); NULL for text exports.';

COMMENT ON TABLE org_name_matches IS 'Org names matched to a canonical name by similarity: merged ones and near misses kept apart.';
COMMENT ON COLUMN org_name_matches.doc_id IS 'Document id.';
COMMENT ON COLUMN org_name_matches.name IS 'Name as printed in this document.';
COMMENT ON COLUMN org_name_matches.candidate IS 'Canonical name it resembles.';
COMMENT ON COLUMN org_name_matches.score IS 'Similarity, 0-100 (rapidfuzz ratio).';
COMMENT ON COLUMN org_name_matches.merged IS 'True: merged into candidate; false: a near miss, recorded and not merged.';
COMMENT ON COLUMN org_name_matches.line IS 'Source line.';

COMMENT ON TABLE headcounts IS 'One row per headcount figure: 정원 (authorized) and 현원 (current) of a unit and staff category.';
COMMENT ON COLUMN headcounts.doc_id IS 'Document id.';
COMMENT ON COLUMN headcounts.table_id IS 'Table the figure comes from.';
COMMENT ON COLUMN headcounts.org_unit IS 'Canonical org name (org_units.canonical_name); NULL when the row is the issuer as a whole.';
COMMENT ON COLUMN headcounts.org_unit_id IS 'The org_units.unit_id of the same document this headcount counts, where the unit is known (matched by canonical name).';
COMMENT ON COLUMN headcounts.category IS 'Staff category as printed: 합계 (total), 일반직, 임기제, 별정직, 4급, ...';
COMMENT ON COLUMN headcounts.authorized IS '정원: authorized posts (persons).';
COMMENT ON COLUMN headcounts.current IS '현원: staff in post (persons).';
COMMENT ON COLUMN headcounts.as_of IS 'Reference date (YYYY-MM-DD or YYYY-MM).';
COMMENT ON COLUMN headcounts.raw_text IS 'Cell text the figures were read from (35/36).';
COMMENT ON COLUMN headcounts.line IS 'Source line.';
COMMENT ON COLUMN headcounts.page IS 'Page (1-based); NULL for text exports.';

COMMENT ON TABLE budget_facts IS 'One row per budget amount in a table: subject, measure, year, funding source, in won.';
COMMENT ON COLUMN budget_facts.doc_id IS 'Document id.';
COMMENT ON COLUMN budget_facts.table_id IS 'Table the amount comes from.';
COMMENT ON COLUMN budget_facts.subject IS 'What the money is for (row label; parent labels joined with >).';
COMMENT ON COLUMN budget_facts.measure IS 'Which amount, from the column label: 예산액, 예산현액, 집행액, 잔액, 소요예산, 조성목표, ... (as printed).';
COMMENT ON COLUMN budget_facts.fiscal_year IS 'Fiscal year (YYYY) from the column, caption or table; NULL when none is printed.';
COMMENT ON COLUMN budget_facts.funding_source IS 'Who pays. Allowed: 국비 (national), 기금, 시비 (특별시·광역시, or a 시''s own), 도비, 구비, 군비, 지방비, 자체, 민간, 기타, 계 (all sources); NULL when not broken down.';
COMMENT ON COLUMN budget_facts.amount_krw IS 'Amount in won (원), the printed value times the unit.';
COMMENT ON COLUMN budget_facts.is_total IS 'True for a total row or column (총계, 합계, 소계, 계).';
COMMENT ON COLUMN budget_facts.raw_text IS 'The cell as printed.';
COMMENT ON COLUMN budget_facts.unit IS 'Unit the amount was printed in (원, 천원, 백만원, 억원).';
COMMENT ON COLUMN budget_facts.line IS 'Source line.';
COMMENT ON COLUMN budget_facts.page IS 'Page (1-based); NULL for text exports.';
COMMENT ON COLUMN budget_facts.org_unit IS 'The 과/담당관/국 the amount belongs to, when the table is by org unit (rows or columns); NULL otherwise.';
COMMENT ON COLUMN budget_facts.direction IS 'Allowed: 세입 (revenue), 세출 (expenditure); NULL when the labels and caption do not say.';

COMMENT ON TABLE kpi_facts IS 'One row per performance indicator (성과지표): target, actual and achievement.';
COMMENT ON COLUMN kpi_facts.doc_id IS 'Document id.';
COMMENT ON COLUMN kpi_facts.table_id IS 'Table the indicator comes from.';
COMMENT ON COLUMN kpi_facts.program IS 'Programme or indicator name (row label).';
COMMENT ON COLUMN kpi_facts.period IS 'Period the actual refers to (YYYY-MM-DD, YYYY-MM or as printed).';
COMMENT ON COLUMN kpi_facts.target_value IS 'Target (목표), in target_unit.';
COMMENT ON COLUMN kpi_facts.target_unit IS 'Unit of the target (명, 건, 회, 개업체, %, ...).';
COMMENT ON COLUMN kpi_facts.actual_value IS 'Actual (실적), in actual_unit.';
COMMENT ON COLUMN kpi_facts.actual_unit IS 'Unit of the actual; compare with target_unit before dividing.';
COMMENT ON COLUMN kpi_facts.achievement_pct IS 'Achievement rate (달성률) as printed, in percent (39.6 means 39.6 %).';
COMMENT ON COLUMN kpi_facts.line IS 'Source line.';
COMMENT ON COLUMN kpi_facts.page IS 'Page (1-based); NULL for text exports.';
COMMENT ON COLUMN kpi_facts.actual_period IS 'Year of the actual when it differs from the target''s (’24 실적 → ’25 목표); NULL otherwise.';
COMMENT ON COLUMN kpi_facts.measure IS 'What the pair measures when a row has several planned/actual pairs (대상인원, 예산); money pairs are in won (unit 원); NULL for one pair.';

COMMENT ON TABLE amount_mentions IS 'One row per amount of money written in prose (소요예산 : 320,793천원; 154억원(국 55억, 시 30억, 구 69억)).';
COMMENT ON COLUMN amount_mentions.doc_id IS 'Document id.';
COMMENT ON COLUMN amount_mentions.section_title IS 'Title of the section (usually the project) the amount is written in.';
COMMENT ON COLUMN amount_mentions.context IS 'The label before the amount (소요예산, 총사업비, ...) or, for a breakdown part, its funding source (국비, 시비, 구비).';
COMMENT ON COLUMN amount_mentions.raw_text IS 'The amount as printed.';
COMMENT ON COLUMN amount_mentions.amount_krw IS 'Amount in won (원); NULL for a range (see amount_low_krw, amount_high_krw).';
COMMENT ON COLUMN amount_mentions.amount_low_krw IS 'Low end of a range (3~20억원 -> 300,000,000) in won; NULL for one amount.';
COMMENT ON COLUMN amount_mentions.amount_high_krw IS 'High end of a range (3~20억원 -> 2,000,000,000) in won; NULL for one amount.';
COMMENT ON COLUMN amount_mentions.is_approximate IS 'True when printed as approximate (약 4천억원, 150억원 내외, 30억여원).';
COMMENT ON COLUMN amount_mentions.part_of IS 'For a part: the printed total it is a part of (on the same line, or the line above for a child line).';
COMMENT ON COLUMN amount_mentions.part_of_line IS 'For a part: the line of its total.';
COMMENT ON COLUMN amount_mentions.is_part IS 'True for a part of a breakdown in parentheses; false for the total or a lone amount.';
COMMENT ON COLUMN amount_mentions.line IS 'Source line.';
COMMENT ON COLUMN amount_mentions.page IS 'Page (1-based); NULL for text exports.';

COMMENT ON TABLE validation_issues IS 'What the document''s own arithmetic says about itself; source values are never changed.';
COMMENT ON COLUMN validation_issues.doc_id IS 'Document id.';
COMMENT ON COLUMN validation_issues.table_id IS 'Table the check ran on; NULL for prose.';
COMMENT ON COLUMN validation_issues.check_name IS 'Which check. Allowed: total_sum, rate_ratio, remainder, breakdown_sum, kpi_rate, typo, unparsed_number, missing_unit, implausible_amount, org_summary, org_team_count.';
COMMENT ON COLUMN validation_issues.severity IS 'Allowed: error (the numbers disagree), warning (read with a repair or an assumption).';
COMMENT ON COLUMN validation_issues.message IS 'What failed, in words, with the cell and the values.';
COMMENT ON COLUMN validation_issues.expected IS 'What the check computed, in the unit of the printed value.';
COMMENT ON COLUMN validation_issues.actual IS 'What the document printed, in its unit.';
COMMENT ON COLUMN validation_issues.line IS 'Source line of the printed value.';
COMMENT ON COLUMN validation_issues.page IS 'Page (1-based); NULL for text exports.';

COMMENT ON VIEW v_budget IS 'budget_facts with the org unit (when the subject is one), direction (세입/세출), amount in 백만원, caption.';
COMMENT ON COLUMN v_budget.document_title IS 'documents.title.';
COMMENT ON COLUMN v_budget.org_unit IS 'budget_facts.org_unit, else the canonical org name when the subject is an org unit known in any document; NULL otherwise.';
COMMENT ON COLUMN v_budget.direction IS 'Allowed: 세입 (revenue), 세출 (spending): budget_facts.direction, else when the caption, section, subject or measure says so; NULL otherwise.';
COMMENT ON COLUMN v_budget.amount_million_krw IS 'Amount in 백만원 (millions of won).';
COMMENT ON COLUMN v_budget.caption IS 'Caption of the table (tables.caption).';
COMMENT ON COLUMN v_budget.unit IS 'Unit the amount was printed in (원, 천원, 백만원, 억원).';
COMMENT ON COLUMN v_budget.raw_text IS 'The cell as printed.';

COMMENT ON VIEW v_budget_by_org_year IS 'Budget per document, org unit, fiscal year, direction and measure: sums in won and 백만원.';
COMMENT ON COLUMN v_budget_by_org_year.org_unit IS 'Canonical org name.';
COMMENT ON COLUMN v_budget_by_org_year.direction IS 'Allowed: 세입, 세출; NULL when the table does not say.';
COMMENT ON COLUMN v_budget_by_org_year.amount_krw IS 'Sum in won (원).';
COMMENT ON COLUMN v_budget_by_org_year.amount_million_krw IS 'Sum in 백만원 (millions of won).';
COMMENT ON COLUMN v_budget_by_org_year.n_facts IS 'Budget facts summed (count).';
COMMENT ON COLUMN v_budget_by_org_year.page IS 'First page of the facts.';
COMMENT ON COLUMN v_budget_by_org_year.line IS 'First source line of the facts.';

COMMENT ON VIEW v_headcount_by_unit IS 'Headcounts by unit and staff category: 정원, 현원 and 과부족 (current minus authorized).';
COMMENT ON COLUMN v_headcount_by_unit.org_unit IS 'Canonical org name; (기관 전체) for the issuer as a whole.';
COMMENT ON COLUMN v_headcount_by_unit.surplus IS '과부족: current minus authorized (persons; negative = vacancies).';
COMMENT ON COLUMN v_headcount_by_unit.raw_text IS 'Cell text the figures were read from.';

COMMENT ON VIEW v_kpi_rates IS 'KPIs with the printed achievement rate beside the rate computed from actual / target.';
COMMENT ON COLUMN v_kpi_rates.computed_pct IS '100 x actual / target, one decimal (percent); NULL without a positive target.';
COMMENT ON COLUMN v_kpi_rates.same_unit IS 'False when target and actual are in different units (the computed rate then compares unlike things).';

COMMENT ON VIEW v_amounts_by_project IS 'Amounts written in prose per project (section) and line: the total and its 국비/시비/구비 parts in won.';
COMMENT ON COLUMN v_amounts_by_project.project IS 'Section title the amount is written under.';
COMMENT ON COLUMN v_amounts_by_project.raw_text IS 'The amount as printed.';
COMMENT ON COLUMN v_amounts_by_project.total_krw IS 'Total (or lone amount) in won.';
COMMENT ON COLUMN v_amounts_by_project.national_krw IS '국비 part in won.';
COMMENT ON COLUMN v_amounts_by_project.city_krw IS '시비 part in won.';
COMMENT ON COLUMN v_amounts_by_project.district_krw IS '구비 part in won.';
COMMENT ON COLUMN v_amounts_by_project.context IS 'Label of the total (소요예산, 총사업비, ...).';

COMMENT ON VIEW v_issues_located IS 'Validation issues joined to the table and the cell they point at, with amounts in won.';
COMMENT ON COLUMN v_issues_located.caption IS 'Caption of the table.';
COMMENT ON COLUMN v_issues_located.kind IS 'Kind of the table (budget, headcount, kpi, org, other).';
COMMENT ON COLUMN v_issues_located.table_unit IS 'Unit of the table.';
COMMENT ON COLUMN v_issues_located.cell_text IS 'The flagged cell as printed.';
COMMENT ON COLUMN v_issues_located.actual_krw IS 'The printed amount in won (money cells only).';
COMMENT ON COLUMN v_issues_located.expected_krw IS 'What the check computed, in won (money cells only).';

COMMENT ON VIEW v_analyst IS 'The sheet analysts ask for first: per document, budget by unit and direction (백만원 and 원), headcounts by unit, KPIs with target/actual/rate; each row with page and line.';
COMMENT ON COLUMN v_analyst.topic IS 'Allowed: 예산 (budget), 인력 (headcount), 성과지표 (KPI).';
COMMENT ON COLUMN v_analyst.item IS 'Org unit, budget subject or KPI programme.';
COMMENT ON COLUMN v_analyst.category IS 'Funding source (예산), staff category (인력) or period (성과지표).';
COMMENT ON COLUMN v_analyst.value_unit IS 'Unit of target and actual (명, 건, ...).';
COMMENT ON COLUMN v_analyst.achievement_pct IS 'Achievement rate in percent: as printed, else computed from actual / target.';
COMMENT ON VIEW v_org_tree IS 'The org tree of each document: every unit with its path from the top unit (기획관 > 법무담당관 > 송무), depth (0 = top) and org_key.';
COMMENT ON COLUMN v_org_tree.top_id IS 'unit_id of the top unit of the tree the unit belongs to.';
COMMENT ON COLUMN v_org_tree.path IS 'Canonical names from the top unit down to this unit, joined by ` > `.';
COMMENT ON COLUMN v_org_tree.depth IS 'Levels below the top unit (0 = the top unit).';
COMMENT ON COLUMN v_org_tree.org_key IS 'Joins the same unit across documents: issuing body (documents.issuer) and canonical name, as issuer:canonical_name.';
