"""One filter record for every format: checked values, parameterised SQL, every format narrowed."""
from __future__ import annotations

import json

import pytest

from veille.errors import VeilleError
from veille.store.export import FORMATS, ExportFilter, export
from veille.store.export.filters import SCOPES, where


@pytest.mark.parametrize("kwargs,message", [
    ({"since": "2024-13-01"}, "--since"), ({"until": "yesterday"}, "--until"),
    ({"since": "2024-05-01", "until": "2024-04-01"}, "after"), ({"type": "BOMBING"}, "--type"),
    ({"country": "France"}, "--country"),
])
def test_filter_rejects_bad_values(kwargs, message):
    with pytest.raises(VeilleError, match=message) as e:
        ExportFilter.of(**kwargs)
    assert e.value.code == "V105"


def test_filter_normalises_case():
    assert ExportFilter.of(type="assault", country="fr") == ExportFilter(type="ASSAULT", country="FR")


@pytest.mark.parametrize("scope", SCOPES)
def test_filter_where_is_parameterised(scope):
    hostile = "s-1' OR '1'='1"
    sql, params = where(ExportFilter.of(since="2024-01-01", story=hostile, country="FR"), scope)
    assert hostile not in sql and hostile in params and sql.count("?") == len(params)
    assert where(ExportFilter(), scope) == ("1=1", [])


def test_filter_hostile_story_matches_nothing(store):
    assert export(store, "plover", None, ExportFilter.of(story="s-1' OR '1'='1")) == "exported 0 PLOVER events"


def test_filter_partial_act_date_counts_as_its_first_day(store):
    # the protest happened "in May 2024" (2024-05): kept from May 1st, not after
    assert "1 incidents" in export(store, "acled", None, ExportFilter.of(since="2024-05-01", until="2024-05-01"))
    assert "0 incidents" in export(store, "acled", None, ExportFilter.of(since="2024-05-02"))


def _count(store, fmt: str, tmp_path, filters: ExportFilter) -> int:
    """The number of top-level records a format wrote."""
    out = tmp_path / fmt
    export(store, fmt, str(out), filters)
    if fmt == "geojson":
        return len(json.loads(out.read_text(encoding="utf-8"))["features"])
    if fmt in ("csv", "parquet"):
        import pyarrow.parquet as pq

        return sum(len((out / f).read_text(encoding="utf-8").splitlines()) - 1 for f in
                   ("documents.csv", "places.csv", "events.csv")) if fmt == "csv" else \
            sum(pq.read_table(out / f"{t}.parquet").num_rows for t in ("documents", "events", "incidents"))
    lines = out.read_text(encoding="utf-8").splitlines()
    return len(lines) - (1 if fmt == "acled" else 0)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("filters", [ExportFilter.of(type="ASSAULT"), ExportFilter.of(country="SN"),
                                     ExportFilter.of(story="s-2"), ExportFilter.of(until="2024-03-31")],
                         ids=["type", "country", "story", "until"])
def test_filter_narrows_every_format(store, tmp_path, fmt, filters):
    everything = _count(store, fmt, tmp_path / "all", ExportFilter())
    narrowed = _count(store, fmt, tmp_path / "some", filters)
    assert 0 < narrowed < everything


def test_filter_none_keeps_the_jsonl_export_whole(store):
    import io

    from veille.store.export.jsonl import export_jsonl
    from veille.store.export.records import extraction_record

    out = io.StringIO()
    export_jsonl(store, out)
    assert [json.loads(line) for line in out.getvalue().splitlines()] == \
        [json.loads(json.dumps(extraction_record(ex), ensure_ascii=False)) for ex in store.extractions()]
