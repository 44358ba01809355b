"""Events stage: sources resolved through context, implausible sources, and event dating rules."""
import datetime

import pytest

from veille.config import Settings
from veille.model import DateMention, Document, Entity, Evidence, Quote
from veille.nlp.events import extract_events
from veille.nlp.text import for_parse


def run(models, lang, text, *, dates=(), quotes=(), entities=(), published=None):
    doc = Document(text=text, lang=lang, published=published)
    parsed = models[lang](for_parse(text))
    return extract_events(doc, parsed, dates=list(dates), places=[], quotes=list(quotes),
                          entities=list(entities), settings=Settings.defaults())


def span(text, part, kind="day", value=None):
    start = text.index(part)
    return DateMention(evidence=Evidence.of(text, start, start + len(part)), value=value, granularity=kind)


def of_type(events, etype):
    found = [e for e in events if e.type == etype]
    assert found, f"no {etype} in {[(e.type, e.trigger.text) for e in events]}"
    return found[0]


@pytest.mark.parametrize("lang, text, mention, speaker", [
    ("fr", "Radio Sud a d'abord révélé l'affaire. La chaîne a indiqué que des soldats avaient attaqué le convoi.",
     "chaîne", "Radio Sud"),
    ("en", "The Daily Post broke the story. The newspaper said that soldiers attacked the convoy.",
     "newspaper", "The Daily Post"),
])
def test_extract_events_source_described_after_its_name(models, lang, text, mention, speaker):
    start = text.index(mention)
    q = Quote(evidence=Evidence.of(text, start, len(text)), speaker=speaker, kind="indirect",
              speaker_evidence=Evidence.of(text, start, start + len(mention)))
    ev = of_type(run(models, lang, text, quotes=[q]), "ASSAULT")
    assert (ev.modality, ev.according_to) == ("reported", speaker)


@pytest.mark.parametrize("text, source", [
    ("Le gouverneur de la province a été arrêté mardi soir par des militaires, a appris l'agence de source "
     "sécuritaire.", "source sécuritaire"),
    ("L'armée a lancé un ultimatum aux mutins, a appris l'agence de source proche de la présidence.",
     "source proche de la présidence"),
])
def test_extract_events_described_source_not_the_relaying_outlet(models, text, source):
    events = run(models, "fr", text)
    assert events and all(e.according_to == source for e in events)


@pytest.mark.parametrize("lang, text, speaker", [
    ("fr", "Lundi, les rebelles ont attaqué la caserne de la ville.", "Lundi"),
    ("en", "On Monday, rebels attacked the town's barracks.", "Monday"),
])
def test_extract_events_weekday_is_no_source(models, lang, text, speaker):
    q = Quote(evidence=Evidence.of(text, 0, len(text)), speaker=speaker, kind="indirect",
              speaker_evidence=Evidence.of(text, text.index(speaker), text.index(speaker) + len(speaker)))
    ev = of_type(run(models, lang, text, quotes=[q], dates=[span(text, speaker, value="2024-05-06")]), "ASSAULT")
    assert (ev.modality, ev.according_to) == ("asserted", None)


@pytest.mark.parametrize("lang, text, name", [
    ("fr", "Selon le ministre de l'Intérieur Paul Durand, cinquante émeutiers ont été interpellés.",
     "Paul Durand"),
    ("en", "According to Interior Minister Paul Durand, police arrested fifty rioters.", "Paul Durand"),
])
def test_extract_events_person_named_inside_a_description(models, lang, text, name):
    ent = Entity(name=name, kind="person")
    ev = of_type(run(models, lang, text, entities=[ent]), "COERCE")
    assert ev.according_to == name


def test_extract_events_report_day_does_not_date_the_reported_acts(models):
    text = "The talks between the two factions have failed, the agency reported on Wednesday."
    wed = datetime.date(2024, 5, 8)
    ev = of_type(run(models, "en", text, dates=[span(text, "Wednesday", value=wed.isoformat())], published=wed),
                 "CONSULT")
    assert ev.date is None


def test_extract_events_same_day_report_dates_every_act(models):
    text = "L'Union a condamné mercredi l'attaque du palais. Elle appelle les militaires à libérer le président."
    wed = datetime.date(2024, 5, 8)
    events = run(models, "fr", text, dates=[span(text, "mercredi", value=wed.isoformat())], published=wed)
    assert of_type(events, "REQUEST").date == wed.isoformat()


@pytest.mark.parametrize("lang, text, when", [
    ("fr", "Des centaines de détenus avaient été libérés bien avant les attaques de mardi.", "mardi"),
    ("en", "Hundreds of inmates had been released long before the attacks of Tuesday.", "Tuesday"),
])
def test_extract_events_date_of_another_event_noun_not_borrowed(models, lang, text, when):
    events = run(models, lang, text, dates=[span(text, when, value="2024-05-07")])
    assert of_type(events, "RETREAT").date is None


@pytest.mark.parametrize("lang, text, when, etype", [
    ("en", "In the port city, where a boy was shot dead by police on Tuesday, rioters torched cars.", "Tuesday",
     "PROTEST"),
    ("en", "Ten thousand police officers were deployed, twice the numbers mobilised on Wednesday.", "Wednesday",
     "MOBILIZE"),
])
def test_extract_events_date_in_another_clause_not_borrowed(models, lang, text, when, etype):
    text += " Calm returned on Friday."
    events = run(models, lang, text, dates=[span(text, when, value="2024-05-07"),
                                            span(text, "Friday", value="2024-05-10")])
    assert of_type(events, etype).date is None


def test_extract_events_riot_lede_dates_the_night_acts(models):
    text = ("Riots spread to several cities on Thursday night.\n\n"
            "Rioters torched a bus depot and police arrested forty people.")
    events = run(models, "en", text, dates=[span(text, "Thursday", value="2024-05-09")])
    assert {e.type: e.date for e in events}.get("COERCE") == "2024-05-09"


@pytest.mark.parametrize("lang, text, etype", [
    ("fr", "L'attaque a fait douze morts lundi à Lorsk.\n\nDes membres de l'Union régionale ont condamné "
           "l'attaque.", "ACCUSE"),
    ("en", "The attack killed twelve people on Monday in Lorsk.\n\nThe regional union condemned the attack.",
     "ACCUSE"),
])
def test_extract_events_statement_by_international_body_has_no_place(models, lang, text, etype):
    from veille.model import Place
    start = text.index("Lorsk")
    place = Place(evidence=Evidence.of(text, start, start + 5), name="Lorsk", country="XX", lat=1.0, lon=2.0)
    events = extract_events(Document(text=text, lang=lang), models[lang](for_parse(text)),
                            dates=[span(text, "lundi" if lang == "fr" else "Monday", value="2024-05-06")],
                            places=[place], quotes=[], entities=[], settings=Settings.defaults())
    ev = of_type(events, etype)
    assert ev.place is None and ev.date is None
    assert of_type(events, "ASSAULT").place is not None


def test_extract_events_undated_mention_of_a_deadly_attack_takes_its_day(models):
    text = ("A bombing killed twelve people at the market on Monday.\n\n"
            "Witnesses said a man detonated an explosion near the gate.")
    events = run(models, "en", text, dates=[span(text, "Monday", value="2024-05-06")])
    assert all(e.date == "2024-05-06" for e in events if e.type == "ASSAULT")


def test_extract_events_date_of_a_planned_act_not_borrowed(models):
    text = ("Le général a révélé que l'armée avait partagé des renseignements avec la milice, citant un "
            "objectif commun de terminer l'évacuation avant le 31 mai.")
    events = run(models, "fr", text, dates=[span(text, "31 mai", value="2024-05-31"),
                                            span(text, "général", value="2024-05-02")])
    assert of_type(events, "COOPERATE").date is None


@pytest.mark.parametrize("lang, text, etype", [
    ("fr", "Selon l'accord, les miliciens ont escorté les civils jusqu'à la frontière.", "AGREE"),
    ("en", "According to the agreement, the militia escorted the civilians to the border.", "AGREE"),
])
def test_extract_events_noun_after_source_marker_is_no_event(models, lang, text, etype):
    assert etype not in {e.type for e in run(models, lang, text)}


def test_extract_events_speaker_spanning_a_headline_keeps_its_last_line(models):
    text = "Les rebelles libérés\n\nLe ministère a annoncé que les rebelles avaient attaqué la caserne."
    start = text.index("Le ministère") + 3
    q = Quote(evidence=Evidence.of(text, start, len(text)), speaker="libérés\n\nLe ministère", kind="indirect")
    ev = of_type(run(models, "fr", text, quotes=[q],
                     entities=[Entity(name="libérés\n\nLe ministère", kind="org")]), "ASSAULT")
    assert ev.according_to is not None and "\n" not in ev.according_to


@pytest.mark.parametrize("text, etype", [
    ("Les miliciens avanceraient vers la capitale depuis deux jours.", "ASSAULT"),
    ("Les rebelles attaqueraient les convois sur la route du nord.", "ASSAULT"),
])
def test_extract_events_conditional_form_is_uncertain(models, text, etype):
    assert of_type(run(models, "fr", text), etype).modality == "uncertain"


@pytest.mark.parametrize("text", [
    "Les miliciens avançaient vers la capitale quand l'armée a riposté.",
])
def test_extract_events_imperfect_is_not_conditional(models, text):
    assert all(e.modality == "asserted" for e in run(models, "fr", text))


@pytest.mark.parametrize("lang, text, etype", [
    ("fr", "Le porte-parole a déclaré que des détenus avaient été libérés pendant la prise de pouvoir des rebelles.",
     "COERCE"),
    ("en", "The spokesman said that hundreds of inmates were set free during the rebels' takeover of the city.",
     "COERCE"),
])
def test_extract_events_time_adjunct_event_is_the_narrators(models, lang, text, etype):
    events = run(models, lang, text)
    ev = of_type(events, etype)
    assert (ev.modality, ev.according_to) == ("asserted", None)
    assert of_type(events, "RETREAT").modality == "reported"
