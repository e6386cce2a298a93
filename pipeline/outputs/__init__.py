"""Outputs for analysts: exports (CSV, Parquet, Excel) and the HTML review page."""
