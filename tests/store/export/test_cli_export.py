"""``veille export``: every format with the filters, one-line errors for bad filter values."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from veille.cli import main
from veille.store.export import FORMATS


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_cli_export_every_format(store_path, tmp_path, fmt):
    out = tmp_path / f"out-{fmt}"
    r = CliRunner().invoke(main, ["export", "--db", str(store_path), "--format", fmt, "--out", str(out),
                                  "--type", "assault", "--country", "fr", "--since", "2024-03-01"])
    assert r.exit_code == 0, r.output
    assert r.output.startswith("exported") and out.exists()


def test_cli_export_geojson_to_stdout(store_path):
    r = CliRunner().invoke(main, ["export", "--db", str(store_path), "--format", "geojson", "--story", "s-2"])
    assert r.exit_code == 0
    body = r.stdout
    assert json.loads(body)["type"] == "FeatureCollection"


@pytest.mark.parametrize("args", [["--since", "2024-02-30"], ["--type", "BOMB"], ["--country", "FRA"]])
def test_cli_export_bad_filter_is_one_line(store_path, args):
    r = CliRunner().invoke(main, ["export", "--db", str(store_path), "--format", "acled", *args])
    assert r.exit_code == 1 and r.output.strip().startswith("Error: V105 ") and len(r.output.strip().splitlines()) == 1
