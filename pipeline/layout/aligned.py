"""Tables aligned with spaces in text exports (placeholder until column reconstruction lands)."""

from schemas.document import Line, Table


def find_aligned_tables(lines: list[Line], skip: set[int]) -> list[Table]:
    """Tables laid out with runs of spaces, outside the lines in `skip` (already in other tables)."""
    return []
