-- Warehouse schema: one row per document in `documents`, every other table keyed by doc_id.
-- Loading a document replaces all its rows in one transaction (pipeline/warehouse/store.py).
-- Column names are a contract with researchers' queries: add columns, never rename these.
-- Per-document tables carry no primary-key index: the loader replaces a document's rows as a whole,
-- which keeps (doc_id, table_id, row_idx, col_idx) unique, and an index would grow in memory with
-- the warehouse.

CREATE TABLE IF NOT EXISTS documents (
    doc_id          VARCHAR PRIMARY KEY,
    source_path     VARCHAR NOT NULL,
    source_key      VARCHAR,   -- the document's identity: absolute path of its file (pipeline/identity.py)
    sha256          VARCHAR,
    format          VARCHAR,
    encoding        VARCHAR,
    title           VARCHAR,
    issuer          VARCHAR,
    report_date     DATE,      -- the first of the month when the cover prints only a month
    report_date_precision VARCHAR, -- day or month
    status          VARCHAR NOT NULL CHECK (status IN ('ok', 'failed', 'duplicate')),
    error           VARCHAR,
    duplicate_of    VARCHAR,   -- status duplicate: the document with the same bytes, loaded once
    parser_version  VARCHAR NOT NULL,
    ingested_at     TIMESTAMP NOT NULL,
    n_lines         INTEGER,
    n_pages         INTEGER,
    n_tables        INTEGER,
    n_cells         INTEGER
);

CREATE TABLE IF NOT EXISTS tables (
    doc_id          VARCHAR NOT NULL,
    table_id        VARCHAR NOT NULL,
    caption         VARCHAR,
    kind            VARCHAR,
    unit            VARCHAR,
    unit_text       VARCHAR,
    as_of           VARCHAR,   -- ISO date (YYYY-MM-DD) or year-month (YYYY-MM) as printed
    first_line      INTEGER NOT NULL,
    last_line       INTEGER NOT NULL,
    page            INTEGER,
    source          VARCHAR,   -- tab, html, aligned, pdf-ruled, pdf-words, hwp
    n_rows          INTEGER,
    n_cols          INTEGER,
    header_rows     INTEGER,
    parent_table_id VARCHAR,
    section_id      VARCHAR
);

CREATE TABLE IF NOT EXISTS cells (
    doc_id          VARCHAR NOT NULL,
    table_id        VARCHAR NOT NULL,
    row_idx         INTEGER NOT NULL,
    col_idx         INTEGER NOT NULL,
    row_label       VARCHAR,
    col_label       VARCHAR,
    raw_text        VARCHAR NOT NULL,
    value           DOUBLE,
    value_kind      VARCHAR,
    amount_krw      BIGINT,
    unit            VARCHAR,
    secondary_value DOUBLE,
    secondary_kind  VARCHAR,
    secondary_unit  VARCHAR,
    footnote        VARCHAR,
    is_header       BOOLEAN,
    row_span        INTEGER,
    col_span        INTEGER,
    flags           VARCHAR[],
    line            INTEGER NOT NULL,
    page            INTEGER,
    unit_source     VARCHAR,   -- value, header, annotation, annotation_by_kind, row_label
    x0              DOUBLE,    -- box on the page in PDF points (paged formats only)
    top             DOUBLE,
    x1              DOUBLE,
    bottom          DOUBLE
);

CREATE TABLE IF NOT EXISTS sections (
    doc_id          VARCHAR NOT NULL,
    section_id      VARCHAR NOT NULL,
    level           INTEGER,
    marker          VARCHAR,
    title           VARCHAR,
    first_line      INTEGER,
    last_line       INTEGER,
    parent_id       VARCHAR
);

CREATE TABLE IF NOT EXISTS lines (
    doc_id          VARCHAR NOT NULL,
    line            INTEGER NOT NULL,
    page            INTEGER,
    page_line       INTEGER,
    text            VARCHAR,
    section_id      VARCHAR
);

-- How each PDF page read: text, cid (fonts without a Unicode map: not loaded), image (needs OCR), rotated,
-- empty. A page that is not `text` or `empty` also has a validation issue (check_name = page_unread).
CREATE TABLE IF NOT EXISTS pages (
    doc_id          VARCHAR NOT NULL,
    page            INTEGER NOT NULL,
    status          VARCHAR NOT NULL CHECK (status IN ('text', 'cid', 'image', 'rotated', 'empty')),
    chars           INTEGER,
    garbage_chars   INTEGER,
    images          INTEGER,
    upright_share   DOUBLE
);

-- Every load or failed load of a document, with how many rows each table had before and after:
-- a fact that disappears on reload is accounted for here.
CREATE TABLE IF NOT EXISTS load_events (
    doc_id          VARCHAR NOT NULL,
    loaded_at       TIMESTAMP NOT NULL,
    event           VARCHAR NOT NULL,   -- loaded, failed, kept_previous, duplicate, pruned
    parser_version  VARCHAR,
    sha256          VARCHAR,
    detail          VARCHAR              -- JSON: {"cells": [before, after], ...} or the error
);

-- Domain facts (pipeline/extract). Each row points back to its document, table and line.

CREATE TABLE IF NOT EXISTS org_units (
    doc_id          VARCHAR NOT NULL,
    name            VARCHAR NOT NULL,   -- as printed, spaces folded
    canonical_name  VARCHAR NOT NULL,   -- shared across documents
    parent_name     VARCHAR,
    rank            VARCHAR,            -- kind of unit: 실, 국, 관, 과, 담당관, 추진단, 팀, 사업소, 센터, ...
    team_count      INTEGER,            -- as printed: 복지정책과(6), 5팀(35명)
    functions       VARCHAR,            -- duties listed instead of teams
    line            INTEGER NOT NULL,
    page            INTEGER,
    unit_id         VARCHAR,            -- doc_id/top>...>unit (canonical names): stable across re-ingests
    parent_id       VARCHAR,            -- unit_id of the parent; NULL for a top unit
    grade           VARCHAR,            -- 1·2급, 3급, ... where printed after the name
    staff_count     INTEGER,            -- staff printed in the chart: 5팀(35명)
    source          VARCHAR,            -- chart, prose, table
    summary         VARCHAR,            -- on a chart's top unit: the count line (5 담당관 1 추진단 20 팀)
    box             DOUBLE[]            -- the unit's box on the page: x0, top, x1, bottom (points)
);

CREATE TABLE IF NOT EXISTS org_name_matches (
    doc_id          VARCHAR NOT NULL,
    name            VARCHAR NOT NULL,
    candidate       VARCHAR NOT NULL,
    score           DOUBLE,
    merged          BOOLEAN,            -- false: a near miss, recorded and not merged
    line            INTEGER
);

CREATE TABLE IF NOT EXISTS headcounts (
    doc_id          VARCHAR NOT NULL,
    table_id        VARCHAR,
    org_unit        VARCHAR,            -- canonical org name; NULL when the table is about the issuer
    org_unit_id     VARCHAR,            -- org_units.unit_id of the same document, where the unit is known
    category        VARCHAR NOT NULL,   -- 합계, 일반직, 임기제, 4급, ...
    authorized      INTEGER,            -- 정원
    current         INTEGER,            -- 현원
    as_of           VARCHAR,
    raw_text        VARCHAR,
    line            INTEGER NOT NULL,
    page            INTEGER
);

CREATE TABLE IF NOT EXISTS budget_facts (
    doc_id          VARCHAR NOT NULL,
    table_id        VARCHAR NOT NULL,
    subject         VARCHAR,            -- what the money is for
    measure         VARCHAR,            -- one vocabulary: pipeline/lexicon/words.py MEASURES
    fiscal_year     INTEGER,
    funding_source  VARCHAR,            -- 국비, 시비, 구비, 민간, 기타, 계
    amount_krw      BIGINT NOT NULL,
    is_total        BOOLEAN,
    raw_text        VARCHAR NOT NULL,
    unit            VARCHAR,
    line            INTEGER NOT NULL,
    page            INTEGER,
    org_unit        VARCHAR,            -- the 과/담당관 of the row or column, when the table is by org unit
    direction       VARCHAR             -- 세입 or 세출
);

CREATE TABLE IF NOT EXISTS kpi_facts (
    doc_id          VARCHAR NOT NULL,
    table_id        VARCHAR,            -- NULL for a KPI written in prose
    program         VARCHAR NOT NULL,
    period          VARCHAR,
    target_value    DOUBLE,
    target_unit     VARCHAR,
    actual_value    DOUBLE,
    actual_unit     VARCHAR,
    achievement_pct DOUBLE,
    line            INTEGER NOT NULL,
    page            INTEGER,
    actual_period   VARCHAR,            -- the actual's year when it differs (’24 실적 → ’25 목표)
    measure         VARCHAR             -- what a pair measures when a row has several (대상인원, 예산)
);

CREATE TABLE IF NOT EXISTS amount_mentions (
    doc_id          VARCHAR NOT NULL,
    section_title   VARCHAR,
    context         VARCHAR,            -- the label (소요예산) or, for a breakdown part, its funding source
    raw_text        VARCHAR NOT NULL,
    amount_krw      BIGINT,             -- NULL for a range: see amount_low_krw / amount_high_krw
    is_part         BOOLEAN,
    line            INTEGER NOT NULL,
    page            INTEGER,
    amount_low_krw  BIGINT,             -- a range (3~20억원): its low end
    amount_high_krw BIGINT,             -- and its high end
    is_approximate  BOOLEAN,            -- 약 4천억원, 150억원 내외
    part_of         VARCHAR,            -- a part: the raw text of its total
    part_of_line    INTEGER,            -- and the line the total is printed on
    currency        VARCHAR,            -- KRW, or the foreign currency of an amount never converted (USD)
    amount_foreign  BIGINT              -- a foreign amount in its currency's units; NULL for won
);

-- What the documents' own arithmetic says about themselves (pipeline/validate). Source values are never
-- changed: `expected` is what the check computed, `actual` what the document printed.
CREATE TABLE IF NOT EXISTS validation_issues (
    doc_id          VARCHAR NOT NULL,
    table_id        VARCHAR,
    check_name      VARCHAR NOT NULL,
    severity        VARCHAR NOT NULL,
    message         VARCHAR NOT NULL,
    expected        DOUBLE,
    actual          DOUBLE,
    line            INTEGER,
    page            INTEGER
);
