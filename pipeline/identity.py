"""Which document a file is: one identity per source file, whatever batch it arrives in.

The rule (README, "Document identity"):
- a document is its file: the absolute path with symlinks resolved (`source_key`);
- its `doc_id` is given once, at its first load, and never changes: the file name stem; when another file
  already holds that stem, the whole file name if that file sits in the same folder (`plan.pdf` beside
  `plan.hwp`), else the stem with `-` and 8 hex digits of a hash of the path, so `2023/report.txt` and
  `2024/report.txt` are two documents, in one run or in two;
- a file whose bytes equal a document already stored (or earlier in the same run) is recorded as a
  duplicate of that document and not loaded a second time;
- a stored document whose file is gone and whose bytes reappear under a new path (a renamed or moved
  file, a corpus moved to another folder) keeps its id.

Pure functions: the warehouse gives what it stores, these decide. Every command that names documents uses
them: `ingest` and `pipeline parse` against what the warehouse or record folder holds, `validate` (which
reads no warehouse) as a fresh ingest would (`fresh_doc_ids`).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

MAX_NAME_BYTES = 255
"""Longest file name most file systems take (ext4, APFS, NTFS in UTF-16 units)."""


@dataclass(frozen=True)
class StoredDocument:
    """What the warehouse knows of one document, as far as identity goes."""

    doc_id: str
    source_key: str
    sha256: str | None
    status: str


def gone_under(documents: list[StoredDocument], roots: list[str]) -> list[StoredDocument]:
    """The documents under `roots` (source keys of folders or files) whose file no longer exists, by
    doc_id: what `--prune` removes. A document whose file is still there is kept, read this run or not."""
    prefixes = [r.rstrip(os.sep) for r in roots]
    return [
        doc
        for doc in sorted(documents, key=lambda d: d.doc_id)
        if any(doc.source_key == p or doc.source_key.startswith(p + os.sep) for p in prefixes)
        and not os.path.lexists(doc.source_key)
    ]


def path_text(path: Path | str) -> str:
    """A path as text that can be stored and printed: file names that are not UTF-8 (CP949 names out of
    Korean zip archives) are decoded as CP949, else their undecodable bytes are written as `\\xNN`."""
    raw = os.fsencode(path)
    for encoding in ("utf-8", "cp949"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", errors="backslashreplace")


def source_key(path: Path) -> str:
    """The identity of a file: its absolute path, symlinks resolved, as storable text."""
    try:
        resolved = path.resolve()
    except OSError:
        resolved = path.absolute()
    return path_text(resolved)


def _candidates(path: Path, key: str) -> tuple[str, str, str]:
    """The ids a new file may take, in order: stem, whole name (beside a same-stem sibling), stem-hash."""
    stem = path_text(path.stem) or path_text(path.name) or "document"
    return stem, path_text(path.name), _suffixed(stem, key)


def _suffixed(stem: str, key: str) -> str:
    return f"{stem}-{hashlib.sha256(key.encode('utf-8')).hexdigest()[:8]}"


def assign_doc_ids(
    files: list[tuple[Path, str, str | None]],
    stored: list[StoredDocument],
    exists: Callable[[str], bool] = os.path.exists,
) -> dict[str, str]:
    """doc_id of each file (`(path, source_key, sha256)`), by source_key; stored documents keep theirs.

    Files are taken in source_key order, so a batch gives the same ids whatever order it was listed in.
    """
    by_key = {d.source_key: d for d in stored}
    by_id = {d.doc_id: d for d in stored}
    holders = {d.doc_id: d.source_key for d in stored}
    ids: dict[str, str] = {}
    for _, key, _ in files:
        if key in by_key:
            ids[key] = by_key[key].doc_id
    for path, key, digest in sorted(files, key=lambda f: f[1]):
        if key in ids:
            continue
        stem, name, hashed = _candidates(path, key)
        holder = by_id.get(stem)
        moved = (
            holder is not None
            and digest is not None
            and holder.sha256 == digest
            and holder.source_key not in ids
            and not exists(holder.source_key)
        )
        if stem not in holders or moved:
            doc_id = stem
        elif os.path.dirname(holders[stem]) == os.path.dirname(key) and name not in holders:
            doc_id = name
        else:
            doc_id = hashed
        ids[key] = doc_id
        holders[doc_id] = key
    return ids


def fresh_doc_ids(paths: list[Path]) -> dict[Path, str]:
    """The doc_id of each file as an ingest into an empty warehouse gives it (the rule above, with nothing
    stored): for commands that read no warehouse, such as the `validate` gate."""
    keys = {path: source_key(path) for path in paths}
    ids = assign_doc_ids([(path, keys[path], None) for path in paths], [])
    return {path: ids[keys[path]] for path in paths}


def duplicates_of(
    files: list[tuple[str, str | None, str]],
    stored: list[StoredDocument],
) -> dict[str, str]:
    """For each file (`(source_key, sha256, doc_id)`) whose bytes another document already has: that
    document's doc_id. The first holder is a stored, loaded document of another file, else the file
    earliest in source_key order in this run; a file is never a duplicate of itself."""
    in_run = {key for key, _, _ in files}
    first: dict[str, str] = {}
    for doc in sorted(stored, key=lambda d: d.source_key):
        if doc.status == "ok" and doc.sha256 and doc.source_key not in in_run:
            first.setdefault(doc.sha256, doc.doc_id)
    found: dict[str, str] = {}
    for key, digest, doc_id in sorted(files):
        if digest is None:
            continue
        holder = first.setdefault(digest, doc_id)
        if holder != doc_id:
            found[key] = holder
    return found


def record_file_name(doc_id: str, suffix: str = ".json") -> str:
    """A file name for a document's records that stays within the file system's 255-byte limit: a long
    doc_id is cut at a character boundary and given a hash, so two long ids never share a file."""
    name = f"{doc_id}{suffix}"
    if len(name.encode("utf-8")) <= MAX_NAME_BYTES:
        return name
    tag = "-" + hashlib.sha256(doc_id.encode("utf-8")).hexdigest()[:16]
    room = MAX_NAME_BYTES - len((tag + suffix).encode("utf-8"))
    head = doc_id.encode("utf-8")[:room].decode("utf-8", errors="ignore")
    return f"{head}{tag}{suffix}"
