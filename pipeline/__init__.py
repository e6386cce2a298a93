"""ETL pipeline for Korean public-sector work reports."""

PARSER_VERSION = "0.2.1"
