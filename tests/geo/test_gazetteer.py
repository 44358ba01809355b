from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from veille.config import Settings
from veille.geo import build
from veille.geo.gazetteer import Gazetteer, load_gazetteer
from veille.geo.normalize import normalize


@pytest.mark.parametrize("name, canonical, country", [
    ("Kaboul", "Kabul", "AF"),
    ("Londres", "London", "GB"),
    ("Pékin", "Beijing", "CN"),
    ("Le Caire", "Cairo", "EG"),
    ("États-Unis", "United States", "US"),
    ("Allemagne", "Germany", "DE"),
    ("U.S.", "United States", "US"),
])
def test_lookup_finds_french_exonyms_and_aliases(gazetteer: Gazetteer, name, canonical, country):
    assert any(c.name == canonical and c.country == country for c in gazetteer.lookup(name))


@pytest.mark.parametrize("name, fcode", [
    ("Kabul International Airport", "AIRP"),
    ("Afghanistan", "PCLI"),
    ("Afrique", "CONT"),
    ("Texas", "ADM1"),
])
def test_lookup_kinds_of_places(gazetteer: Gazetteer, name, fcode):
    assert fcode in {c.fcode for c in gazetteer.lookup(name)}


def test_lookup_never_matches_airport_codes(gazetteer: Gazetteer):
    assert not [c for c in gazetteer.lookup("KBL") if c.fclass == "S"]


def test_places_near_finds_the_airport_of_a_city(gazetteer: Gazetteer):
    (kabul,) = [c for c in gazetteer.lookup("Kabul") if c.fclass == "P"]
    near = gazetteer.places_near(kabul.lat, kabul.lon, "S", 40.0)
    assert near and near[0].country == "AF"


def test_countries_and_subdivisions_have_points(gazetteer: Gazetteer):
    (fr,) = [c for c in gazetteer.lookup("France") if c.fcode == "PCLI"]
    assert 43 < fr.lat < 49 and -2 < fr.lon < 7  # the mainland, not an overseas department
    (tx,) = [c for c in gazetteer.lookup("Texas") if c.fcode == "ADM1"]
    assert (tx.country, tx.admin1) == ("US", "TX") and 26 < tx.lat < 36


def test_build_records_version_and_leaves_no_temp_file(gazetteer: Gazetteer):
    assert build.builder_version(gazetteer.path) == build.BUILDER_VERSION
    assert not list(gazetteer.path.parent.glob(f".{gazetteer.path.name}.*.tmp"))


def test_build_failure_leaves_no_file(tmp_path: Path, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("simulated crash")
    monkeypatch.setattr(build, "load_cities", broken)
    target = tmp_path / "g.sqlite"
    with pytest.raises(RuntimeError):
        build.build_gazetteer(target)
    assert list(tmp_path.iterdir()) == []


def test_load_gazetteer_rebuilds_an_older_version(tmp_path: Path, monkeypatch):
    target = tmp_path / "g.sqlite"
    with sqlite3.connect(target) as con:
        con.executescript(build.SCHEMA)
        con.execute("INSERT INTO meta VALUES ('builder_version', '0')")
    calls: list[Path] = []

    def fake_build(path: Path, **kwargs) -> float:
        calls.append(path)
        with sqlite3.connect(path) as con:
            con.execute("UPDATE meta SET value = ? WHERE key = 'builder_version'", (build.BUILDER_VERSION,))
        return 0.0
    monkeypatch.setattr("veille.geo.gazetteer.build_gazetteer", fake_build)
    load_gazetteer(Settings.from_env(gazetteer_path=target))
    load_gazetteer(Settings.from_env(gazetteer_path=target))
    assert calls == [target]  # built once, then reused


@pytest.mark.parametrize("name, lat_range, lon_range", [
    ("Canada", (55, 65), (-100, -90)),  # the atlas point, not the centre of its (southern) towns
    ("Australia", (-30, -20), (128, 140)),
    ("France", (44, 48), (0, 4)),
])
def test_countries_sit_at_their_conventional_point(gazetteer: Gazetteer, name, lat_range, lon_range):
    (country,) = [c for c in gazetteer.lookup(name) if c.fcode == "PCLI"]
    assert lat_range[0] < country.lat < lat_range[1] and lon_range[0] < country.lon < lon_range[1]


@pytest.mark.parametrize("name, country, lat_range, lon_range", [
    ("Helmand", "AF", (29, 33), (63, 66)),
    ("Nangarhar", "AF", (33.5, 35), (69.5, 71.5)),
    ("Baghlan", "AF", (35, 37), (68, 70)),  # GeoNames writes « Wilayat-e Baghlan »
    ("Akita Prefecture", "JP", (39, 41), (139.5, 141)),
    ("Ontario", "CA", (42, 56), (-95, -74)),
])
def test_first_level_divisions_sit_among_their_towns(gazetteer: Gazetteer, name, country, lat_range, lon_range):
    adm = [c for c in gazetteer.lookup(name) if c.fcode == "ADM1" and c.country == country]
    assert adm and all(lat_range[0] < c.lat < lat_range[1] and lon_range[0] < c.lon < lon_range[1] for c in adm)


@pytest.mark.parametrize("name, country, lat_range", [
    ("Gironde", "FR", (44, 46)),  # GeoNames writes « Département de la Gironde »
    ("Fife", "GB", (55.5, 57)),
])
def test_second_level_divisions_are_found_without_their_administrative_word(gazetteer: Gazetteer, name, country,
                                                                             lat_range):
    adm = [c for c in gazetteer.lookup(name) if c.fcode == "ADM2" and c.country == country]
    assert adm and lat_range[0] < adm[0].lat < lat_range[1]


@pytest.mark.parametrize("name", ["Central", "Western"])
def test_divisions_named_only_by_generic_words_are_not_indexed(gazetteer: Gazetteer, name):
    assert not [c for c in gazetteer.lookup(name) if c.fclass == "A"]


@pytest.mark.parametrize("variant, countries, expected", [
    ("Koundouz", ("AF",), "Kunduz"),
    ("Panchir", ("AF",), "Panjshir"),
    ("Qandahar", ("AF", "PK"), "Kandahar"),
])
def test_lookup_variant_finds_another_romanization(gazetteer: Gazetteer, variant, countries, expected):
    found = gazetteer.lookup_variant(variant, countries)
    assert found and all(c.country in countries for c in found)
    assert any(normalize(expected) in normalize(c.name) for c in found)


@pytest.mark.parametrize("name, countries", [
    ("Kandahar", ("FR",)),  # only places of the countries given
    ("Kunduk", ("AF",)),  # a consonant changed: another name
    ("Hérat Valley", ("AF",)),  # several words: not a transliteration
    ("Kab", ("AF",)),  # too short to compare
])
def test_lookup_variant_stays_strict(gazetteer: Gazetteer, name, countries):
    assert gazetteer.lookup_variant(name, countries) == ()


@pytest.mark.parametrize("name, country", [
    ("North Darfur", "SD"),  # the source names it « Northern Darfur »
    ("Sud-Kivu", "CD"),  # the source names it "South Kivu"
    ("North Kivu", "CD"),  # the source names it « Nord-Kivu »
])
def test_lookup_finds_a_subdivision_under_another_form_of_its_compass_word(gazetteer: Gazetteer, name, country):
    assert any(c.fcode == "ADM1" and c.country == country for c in gazetteer.lookup(name))


def test_compass_word_alone_is_no_variant_key(gazetteer: Gazetteer):
    # « Northern » (a province) gives no « nord »-only key beyond its own alternates: a bare compass word is
    # never derived from a name that has nothing after it.
    from veille.geo.build_admin import _Namer
    from veille.geo.sources import build_conf
    namer = _Namer(build_conf())
    assert namer.compass_variants("northern") == []
    assert namer.compass_variants("north west") == []
    assert set(namer.compass_variants("southern kordofan")) == {"south kordofan", "sud kordofan"}
