"""ETL pipeline for Korean public-sector work reports."""

from __future__ import annotations

import hashlib
from pathlib import Path

RELEASE = "0.3.0"
CODE_SUFFIXES = frozenset({".py", ".sql", ".c"})


def code_digest(root: Path = Path(__file__).parent) -> str:
    """A digest of the package's own code (rules, SQL, the C loops): any change to a rule gives a new parser
    version, so an existing warehouse re-parses its documents instead of keeping the facts an older rule
    made (a version typed by hand stayed 0.2.1 through every rule change until stop 24)."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.suffix in CODE_SUFFIXES and "__pycache__" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


PARSER_VERSION = f"{RELEASE}+{code_digest()}"
"""Stored with every document; a document whose stored version differs is parsed again by ingest."""
