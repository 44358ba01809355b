"""Regions the builder derives from packaged data: cores of compass-named divisions, UN M49 world regions,
and CLDR's short country names."""
from __future__ import annotations

import pytest

from veille.geo.build_regions import _core, _direction_of
from veille.geo.gazetteer import Gazetteer, distance_km
from veille.geo.sources import build_conf


@pytest.fixture(scope="module")
def directions() -> dict[str, str]:
    return _direction_of(build_conf())


@pytest.mark.parametrize("norm, expected", [
    ("north darfur", ("darfur", "north")),
    ("nord kivu", ("kivu", "north")),
    ("kivu sud", ("kivu", "south")),
    ("lanao del norte", ("lanao", "north")),  # the article goes with the trailing compass word
    ("nord du quebec", ("quebec", "north")),  # and with the opening one
    ("central java", ("java", "centre")),
])
def test_core_strips_one_compass_word_at_either_end(directions, norm, expected):
    assert _core(norm, directions, set(build_conf()["region_core"]["link_words"])) == expected


@pytest.mark.parametrize("norm", ["darfur", "north", "north east", "central west"])
def test_core_needs_a_name_and_a_compass_word(directions, norm):
    assert _core(norm, directions, set(build_conf()["region_core"]["link_words"])) is None


@pytest.mark.parametrize("name, country, lat, lon", [
    ("Darfur", "SD", 13.0, 24.5),  # North, South, West, East and Central Darfur
    ("Kordofan", "SD", 12.5, 30.0),  # North, South and West Kordofan
    ("Kivu", "CD", -1.5, 28.5),  # Nord-Kivu and Sud-Kivu
    ("Java", "ID", -7.2, 110.0),  # West, Central and East Java
])
def test_compass_named_divisions_imply_their_region(gazetteer: Gazetteer, name, country, lat, lon):
    regions = [c for c in gazetteer.lookup(name) if c.fcode == "RGN" and c.country == country]
    assert regions, [(c.name, c.fcode, c.country) for c in gazetteer.lookup(name)]
    assert distance_km(regions[0].lat, regions[0].lon, lat, lon) < 300
    assert regions[0].fclass == "L" and regions[0].population == 0


@pytest.mark.parametrize("name", ["Kasai", "Virginia", "Kazakhstan"])
def test_a_core_that_already_names_a_division_or_country_is_no_new_region(gazetteer: Gazetteer, name):
    # « Kasaï » beside « Kasaï-Oriental » is the province; "West Virginia" does not make a second Virginia
    assert not [c for c in gazetteer.lookup(name) if c.fcode == "RGN"]


@pytest.mark.parametrize("name", ["Cape", "Red Sea", "Province"])
def test_a_generic_core_is_no_region(gazetteer: Gazetteer, name):
    # "Western Cape", "Northern Red Sea", "Eastern Province": generic nouns, not a region's name
    assert not [c for c in gazetteer.lookup(name) if c.fcode == "RGN" and c.country is not None]


@pytest.mark.parametrize("name, lat, lon", [
    ("Western Europe", 50.2, 7.4),
    ("Europe de l'Ouest", 50.2, 7.4),  # CLDR's French name of the same M49 region
    ("South Asia", 23.0, 77.0),  # "Southern Asia" under its other compass form
    ("Eastern Europe", 50.0, 30.0),
    ("Afrique subsaharienne", 0.0, 20.0),
])
def test_world_regions_sit_among_their_countries(gazetteer: Gazetteer, name, lat, lon):
    regions = [c for c in gazetteer.lookup(name) if c.fcode == "RGN" and c.country is None]
    assert regions
    assert distance_km(regions[0].lat, regions[0].lon, lat, lon) < 600


def test_world_regions_leave_a_name_to_its_continent_or_country(gazetteer: Gazetteer):
    assert [c.fcode for c in gazetteer.lookup("North America")] == ["CONT"]
    assert not [c for c in gazetteer.lookup("Micronesia") if c.fcode == "RGN"]


@pytest.mark.parametrize("name, country", [("Biélorussie", "BY"), ("Tchéquie", "CZ"), ("Burma", "MM"),
                                           ("Macédoine du Nord", "MK")])
def test_cldr_short_country_names_are_indexed(gazetteer: Gazetteer, name, country):
    assert any((c.fcode or "").startswith("PCL") and c.country == country for c in gazetteer.lookup(name))
