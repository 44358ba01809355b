"""The export registry: one writer per format, an unknown format is a V302 error."""
from __future__ import annotations

import json

import pytest

from veille.errors import VeilleError
from veille.model import Document, Extraction
from veille.store.db import Store
from veille.store.export import FORMATS, INCIDENT_WRITERS, writer


def test_export_registry_names_every_format():
    assert set(FORMATS) == {"jsonl", "csv", "geojson", "parquet", "plover", "acled"} and set(INCIDENT_WRITERS) == {"text", "jsonl", "csv"}
    with pytest.raises(VeilleError, match="unknown export format 'xml'"):
        writer("xml")


def test_export_jsonl_and_csv_writers(tmp_path):
    with Store(tmp_path / "v.db") as s:
        s.write_extraction(Extraction(document=Document(text="Un texte.", id="a", lang="fr")))
        s.commit()
        assert writer("jsonl")(s, str(tmp_path / "out.jsonl")) == "exported 1 documents"
        assert "documents: 1" in writer("csv")(s, str(tmp_path / "csv"))
    assert json.loads((tmp_path / "out.jsonl").read_text(encoding="utf-8"))["id"] == "a"
    assert (tmp_path / "csv" / "events.csv").exists()
