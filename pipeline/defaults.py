"""Default locations, in a module without imports so the command line can name them without loading
the parsers (`pipeline --help` stays fast). Each has an environment variable the CLI reads."""

from pathlib import Path

DEFAULT_RAW = Path("raw")
DEFAULT_PARSED = Path("parsed")
DEFAULT_WAREHOUSE = Path("warehouse/reports.duckdb")
