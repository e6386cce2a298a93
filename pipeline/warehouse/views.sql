-- Views for the questions researchers ask across reports. Recreated on every read-write open, so they
-- follow the tables; their columns are described in comments.sql (a column named as a table column means
-- the same thing and carries that column's comment).

-- Budget facts with what an analyst needs beside the amount: the organisation unit when the subject is
-- one, the direction (세입 revenue / 세출 spending) when the table says it, and the amount in 백만원.
CREATE OR REPLACE VIEW v_budget AS
SELECT b.doc_id,
       d.title AS document_title,
       coalesce(b.org_unit, o.canonical_name) AS org_unit,
       b.subject,
       CASE
           WHEN b.direction IS NOT NULL THEN b.direction
           WHEN replace(concat_ws(' ', t.caption, s.title, b.subject, b.measure), ' ', '') LIKE '%세입%' THEN '세입'
           WHEN replace(concat_ws(' ', t.caption, s.title, b.subject, b.measure), ' ', '') LIKE '%세출%' THEN '세출'
       END AS direction,
       b.measure,
       b.fiscal_year,
       b.funding_source,
       b.is_total,
       b.amount_krw,
       round(b.amount_krw / 1e6, 3) AS amount_million_krw,
       b.raw_text,
       b.unit,
       t.caption,
       b.table_id,
       b.page,
       b.line
FROM budget_facts b
JOIN documents d USING (doc_id)
LEFT JOIN tables t ON t.doc_id = b.doc_id AND t.table_id = b.table_id
LEFT JOIN sections s ON s.doc_id = t.doc_id AND s.section_id = t.section_id
LEFT JOIN (SELECT DISTINCT canonical_name FROM org_units) o
       ON o.canonical_name = replace(b.subject, ' ', '');

CREATE OR REPLACE VIEW v_budget_by_org_year AS
SELECT doc_id,
       org_unit,
       fiscal_year,
       direction,
       measure,
       CAST(sum(amount_krw) AS BIGINT) AS amount_krw,
       round(sum(amount_krw) / 1e6, 3) AS amount_million_krw,
       count(*) AS n_facts,
       min(page) AS page,
       min(line) AS line
FROM v_budget
WHERE org_unit IS NOT NULL
GROUP BY ALL;

CREATE OR REPLACE VIEW v_headcount_by_unit AS
SELECT h.doc_id,
       d.title AS document_title,
       coalesce(h.org_unit, '(기관 전체)') AS org_unit,
       h.category,
       h.authorized,
       h.current,
       h.current - h.authorized AS surplus,
       h.as_of,
       h.raw_text,
       h.table_id,
       h.page,
       h.line
FROM headcounts h
JOIN documents d USING (doc_id);

CREATE OR REPLACE VIEW v_kpi_rates AS
SELECT k.doc_id,
       d.title AS document_title,
       k.program,
       k.period,
       k.target_value,
       k.target_unit,
       k.actual_value,
       k.actual_unit,
       k.achievement_pct,
       CASE WHEN k.target_value > 0 AND k.actual_value IS NOT NULL
            THEN round(100.0 * k.actual_value / k.target_value, 1) END AS computed_pct,
       coalesce(k.target_unit = k.actual_unit, true) AS same_unit,
       k.table_id,
       k.page,
       k.line
FROM kpi_facts k
JOIN documents d USING (doc_id);

CREATE OR REPLACE VIEW v_amounts_by_project AS
SELECT doc_id,
       section_title AS project,
       raw_text,
       max(amount_krw) FILTER (WHERE NOT is_part) AS total_krw,
       max(amount_krw) FILTER (WHERE is_part AND context = '국비') AS national_krw,
       max(amount_krw) FILTER (WHERE is_part AND context = '시비') AS city_krw,
       max(amount_krw) FILTER (WHERE is_part AND context = '구비') AS district_krw,
       max(context) FILTER (WHERE NOT is_part) AS context,
       min(page) AS page,
       line
FROM amount_mentions
GROUP BY doc_id, section_title, line, raw_text;

CREATE OR REPLACE VIEW v_issues_located AS
SELECT i.doc_id,
       i.table_id,
       i.check_name,
       i.severity,
       i.message,
       i.expected,
       i.actual,
       t.caption,
       t.kind,
       t.unit AS table_unit,
       c.row_label,
       c.col_label,
       c.raw_text AS cell_text,
       c.row_idx,
       c.col_idx,
       c.amount_krw AS actual_krw,
       CASE WHEN c.value_kind = 'krw' AND c.value <> 0
            THEN CAST(round(i.expected * c.amount_krw / c.value) AS BIGINT) END AS expected_krw,
       i.page,
       i.line
FROM validation_issues i
LEFT JOIN tables t ON t.doc_id = i.doc_id AND t.table_id = i.table_id
LEFT JOIN cells c
       ON c.doc_id = i.doc_id AND c.table_id = i.table_id AND c.line = i.line
      AND c.value = i.actual AND NOT c.is_header
QUALIFY row_number() OVER (
    PARTITION BY i.doc_id, i.table_id, i.line, i.check_name, i.message ORDER BY c.col_idx DESC
) = 1;

-- The sheet analysts ask for first: per document, budget by unit and direction in 백만원 and won,
-- headcounts by unit, KPIs with target / actual / rate; every row with its page and line.
CREATE OR REPLACE VIEW v_analyst AS
SELECT doc_id, document_title, '예산' AS topic, coalesce(org_unit, subject) AS item,
       funding_source AS category, direction, measure, fiscal_year,
       amount_million_krw, amount_krw,
       NULL::INTEGER AS authorized, NULL::INTEGER AS current, NULL::INTEGER AS surplus,
       NULL::DOUBLE AS target_value, NULL::DOUBLE AS actual_value, NULL::VARCHAR AS value_unit,
       NULL::DOUBLE AS achievement_pct, page, line
FROM v_budget
UNION ALL
SELECT doc_id, document_title, '인력', org_unit, category, NULL, '정원/현원', NULL,
       NULL, NULL, authorized, current, surplus, NULL, NULL, '명', NULL, page, line
FROM v_headcount_by_unit
UNION ALL
SELECT doc_id, document_title, '성과지표', program, period, NULL, NULL, NULL,
       NULL, NULL, NULL, NULL, NULL, target_value, actual_value, coalesce(actual_unit, target_unit),
       coalesce(achievement_pct, computed_pct), page, line
FROM v_kpi_rates
ORDER BY doc_id, topic, line;

-- The org tree of each document: a unit's path from its top unit, its depth (0 = top), and the org key
-- that joins the same unit across documents (issuing body and canonical name).
CREATE OR REPLACE VIEW v_org_tree AS
WITH RECURSIVE tree(doc_id, unit_id, path, depth, top_id) AS (
    SELECT doc_id, unit_id, canonical_name, 0, unit_id
    FROM org_units
    WHERE parent_id IS NULL
    UNION ALL
    SELECT u.doc_id, u.unit_id, t.path || ' > ' || u.canonical_name, t.depth + 1, t.top_id
    FROM org_units u
    JOIN tree t ON u.doc_id = t.doc_id AND u.parent_id = t.unit_id
    WHERE t.depth < 20
)
SELECT
    t.doc_id, t.unit_id, u.parent_id, t.top_id, t.path, t.depth,
    u.name, u.canonical_name, u.rank, u.team_count, u.functions, u.source, u.page, u.line,
    coalesce(d.issuer, '') || ':' || u.canonical_name AS org_key
FROM tree t
JOIN org_units u ON u.doc_id = t.doc_id AND u.unit_id = t.unit_id
LEFT JOIN documents d ON d.doc_id = t.doc_id;
