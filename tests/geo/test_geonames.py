from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

import pytest

from veille.config import Settings
from veille.errors import VeilleError
from veille.geo import build
from veille.geo.gazetteer import Gazetteer, load_gazetteer
from veille.geo.geonames import import_geonames

# Invented places in the 19-column GeoNames layout (geonameid, name, asciiname, alternatenames,
# lat, lon, feature class, feature code, country, cc2, admin1..4, population, elevation, dem, tz, date).
ROWS = [
    [90000001, "Velmora", "Velmora", "Velmore,Velmorah", 41.5, 20.25, "P", "PPLA", "AL", "", "43", "", "", "",
     52000, "", 300, "Europe/Tirane", "2024-01-01"],
    [90000002, "Dostan Valley", "Dostan Valley", "", 35.2, 69.9, "T", "VAL", "AF", "", "42", "", "", "",
     0, "", 2400, "Asia/Kabul", "2024-01-01"],
    [90000003, "Port Orlin", "Port Orlin", "", -8.1, 115.2, "P", "PPL", "ID", "", "02", "", "", "",
     800, "", 5, "Asia/Makassar", "2024-01-01"],
]
ALT_ROWS = [
    [1, 90000001, "fr", "Velmoré", "1", "", "", "", "", ""],
    [2, 90000002, "fr", "Vallée de Dostan", "", "", "", "", "", ""],
    [3, 90000002, "link", "https://example.org/dostan", "", "", "", "", "", ""],
    [4, 99999999, "en", "Nowhere At All", "", "", "", "", "", ""],
]


def _empty_base(path: Path, **kwargs) -> float:
    """Stands in for the packaged build: a fresh file with the schema and version, no places."""
    path.unlink(missing_ok=True)
    with sqlite3.connect(path) as con:
        con.executescript(build.SCHEMA)
        con.execute("INSERT OR REPLACE INTO meta VALUES ('builder_version', ?)", (build.BUILDER_VERSION,))
    return 0.0


@pytest.fixture(autouse=True)
def small_base(monkeypatch):
    monkeypatch.setattr("veille.geo.geonames.build_gazetteer", _empty_base)
    monkeypatch.setattr("veille.geo.gazetteer.build_gazetteer", _empty_base)


def _tsv(rows: list[list]) -> str:
    return "".join("\t".join(str(c) for c in r) + "\n" for r in rows)


@pytest.fixture(params=["plain", "zip"])
def dumps(request, tmp_path: Path) -> tuple[Path, Path]:
    if request.param == "plain":
        main, alt = tmp_path / "allCountries.txt", tmp_path / "alternateNamesV2.txt"
        main.write_text(_tsv(ROWS), encoding="utf-8")
        alt.write_text(_tsv(ALT_ROWS), encoding="utf-8")
        return main, alt
    main, alt = tmp_path / "allCountries.zip", tmp_path / "alternateNamesV2.zip"
    with zipfile.ZipFile(main, "w") as zf:
        zf.writestr("allCountries.txt", _tsv(ROWS))
    with zipfile.ZipFile(alt, "w") as zf:
        zf.writestr("iso-languagecodes.txt", "ISO 639-3\tISO 639-2\n")
        zf.writestr("alternateNamesV2.txt", _tsv(ALT_ROWS))
    return main, alt


def test_import_geonames_loads_places_and_names(dumps, tmp_path: Path):
    gaz = tmp_path / "g.sqlite"
    seen: list[int] = []
    assert import_geonames(gaz, dumps[0], dumps[1], progress=seen.append) == 3
    assert seen and seen[-1] == 3
    g = Gazetteer(gaz)
    (velmora,) = g.lookup("Velmore")
    assert (velmora.id, velmora.country, velmora.fcode, velmora.population) == (90000001, "AL", "PPLA", 52000)
    assert velmora.geonameid == 90000001 and velmora.lat == pytest.approx(41.5)
    (fr,) = g.lookup("Velmoré")
    assert fr.lang == "fr"
    assert [c.name for c in g.lookup("vallée de Dostan")] == ["Dostan Valley"]
    assert g.lookup("Nowhere At All") == ()  # names of places not imported are not kept
    assert g.lookup("https://example.org/dostan") == ()


def test_import_geonames_without_alternate_names_upserts(tmp_path: Path):
    main = tmp_path / "allCountries.txt"
    main.write_text(_tsv(ROWS), encoding="utf-8")
    gaz = tmp_path / "g.sqlite"
    import_geonames(gaz, main)
    changed = [r[:14] + [60000] + r[15:] if r[0] == 90000001 else r for r in ROWS]
    main.write_text(_tsv(changed), encoding="utf-8")
    import_geonames(gaz, main)
    with sqlite3.connect(gaz) as con:
        assert con.execute("SELECT count(*), max(population) FROM places").fetchone() == (3, 60000)


@pytest.mark.parametrize("line, code", [("1\tonly three\tcolumns\n", "V105"), (None, "V101")])
def test_import_geonames_reports_bad_input(tmp_path: Path, line, code):
    main = tmp_path / "allCountries.txt"
    if line is not None:
        main.write_text(line, encoding="utf-8")
    with pytest.raises(VeilleError) as err:
        import_geonames(tmp_path / "g.sqlite", main)
    assert err.value.code == code


def test_load_gazetteer_replays_the_import_after_a_rebuild(tmp_path: Path):
    main = tmp_path / "allCountries.txt"
    main.write_text(_tsv(ROWS), encoding="utf-8")
    gaz = tmp_path / "g.sqlite"
    import_geonames(gaz, main)
    with sqlite3.connect(gaz) as con:
        con.execute("UPDATE meta SET value = '0' WHERE key = 'builder_version'")
    reloaded = load_gazetteer(Settings.from_env(gazetteer_path=gaz))
    assert [c.name for c in reloaded.lookup("Port Orlin")] == ["Port Orlin"]
