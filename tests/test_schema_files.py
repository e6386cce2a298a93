"""The JSON Schema files in schemas/ are the pydantic models' own schema: regenerated here, never edited."""

from __future__ import annotations

import json

from pipeline.schemas.document import Document
from pipeline.schemas.records import ParsedDocument
from tests.conftest import ROOT

MODELS = {"document": Document, "parsed_document": ParsedDocument}


def test_json_schema_files_are_the_models() -> None:
    changed = []
    for name, model in MODELS.items():
        path = ROOT / "schemas" / f"{name}.schema.json"
        text = json.dumps(model.model_json_schema(), ensure_ascii=False, indent=1) + "\n"
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path.name)
    assert changed == [], f"regenerated {changed} from the models: commit them"
