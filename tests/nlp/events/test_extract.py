"""Events stage: trigger typing, arguments, casualties, modality, on hand-written sentences."""
import pytest

from veille.config import Settings
from veille.model import DateMention, Document, Evidence, Place, Quote
from veille.nlp.events import extract_events
from veille.nlp.text import for_parse


def run(models, lang, text, *, dates=(), places=(), quotes=()):
    doc = Document(text=text, lang=lang)
    parsed = models[lang](for_parse(text))
    return extract_events(doc, parsed, dates=list(dates), places=list(places), quotes=list(quotes),
                          entities=[], settings=Settings.defaults())


def types(events):
    return {e.type for e in events}


@pytest.mark.parametrize("lang, text, expected", [
    ("fr", "Les rebelles ont attaqué une caserne de l'armée dans le nord du pays.", "ASSAULT"),
    ("fr", "La ville est tombée aux mains des insurgés après trois jours de combats.", "COERCE"),
    ("fr", "Les miliciens ont pris le contrôle de l'aéroport.", "COERCE"),
    ("fr", "Quinze manifestants ont été interpellés par la police.", "COERCE"),
    ("fr", "Les deux pays ont conclu un accord sur la frontière.", "AGREE"),
    ("fr", "Le ministre a rencontré son homologue lundi.", "CONSULT"),
    ("fr", "Le gouvernement a salué le courage des secouristes.", "SUPPORT"),
    ("fr", "Les otages ont été libérés samedi.", "RETREAT"),
    ("fr", "L'ONU appelle à un cessez-le-feu immédiat.", "REQUEST"),
    ("fr", "Le président accuse l'opposition de fomenter des troubles.", "ACCUSE"),
    ("fr", "Le parlement a rejeté la proposition de trêve.", "REJECT"),
    ("fr", "Le chef rebelle a menacé les autorités de nouvelles attaques.", "THREATEN"),
    ("fr", "Des milliers de manifestants ont défilé lors d'une manifestation contre la réforme.", "PROTEST"),
    ("fr", "L'armée a déployé des renforts dans la région.", "MOBILIZE"),
    ("fr", "Les deux armées ont mené une opération conjointe contre les trafiquants.", "COOPERATE"),
    ("fr", "Les soldats se sont retirés de la ville.", "RETREAT"),
    ("fr", "Le tribunal a condamné l'ancien ministre à cinq ans de prison.", "SANCTION"),
    ("fr", "La France condamne l'attaque au Niger.", "ACCUSE"),
    ("en", "Gunmen attacked a police station in the east of the country.", "ASSAULT"),
    ("en", "The town fell to the rebels on Monday.", "COERCE"),
    ("en", "Police arrested twenty protesters outside the parliament.", "COERCE"),
    ("en", "The two parties signed a ceasefire agreement.", "AGREE"),
    ("en", "The foreign minister met with his counterpart in the capital.", "CONSULT"),
    ("en", "The rebels released the hostages on Sunday.", "RETREAT"),
    ("en", "The union urged the government to reopen the talks.", "REQUEST"),
    ("en", "The ministry condemned the attack.", "ACCUSE"),
    ("en", "The council rejected the proposal.", "REJECT"),
    ("en", "The militia threatened the villagers.", "THREATEN"),
    ("en", "Thousands joined a protest against the new law.", "PROTEST"),
    ("en", "The army deployed troops along the border.", "MOBILIZE"),
    ("en", "Soldiers opened fire on the crowd.", "ASSAULT"),
])
def test_extract_events_types(models, lang, text, expected):
    assert expected in types(run(models, lang, text))


@pytest.mark.parametrize("lang, text", [
    ("fr", "Le ministre a déclaré que la situation restait calme."),
    ("fr", "Il a publié un communiqué sur son site."),
    ("en", "The spokesman said the weather was fine."),
    ("en", "The company released a statement on Friday."),
    ("en", "Officials fear further attacks in the coming weeks."),
])
def test_extract_events_no_event_in_plain_statements(models, lang, text):
    assert run(models, lang, text) == []


@pytest.mark.parametrize("lang, text, killed, injured", [
    ("fr", "Au moins 13 soldats ont été tués dans l'attaque.", 13, None),
    ("fr", "L'explosion a fait une quarantaine de morts et 52 blessés.", 40, 52),
    ("fr", "La milice a perdu 40 de ses hommes et 35 autres ont été blessés.", 40, 35),
    ("fr", "L'attentat a fait des dizaines de morts.", 10, None),
    ("fr", "L'attaque a fait 3 000 morts selon les autorités.", 3000, None),
    ("fr", "L'attaque a fait 12 morts et 3\u202f000 blessés.", 12, 3000),
    ("en", "Twelve soldiers died and 15 more were wounded when the convoy was ambushed near the base.", 12, 15),
    ("en", "A car bomb exploded in the market, killing 13 people.", 13, None),
    ("en", "The death toll rose to 20 on Tuesday.", 20, None),
])
def test_extract_events_casualties(models, lang, text, killed, injured):
    assaults = [e for e in run(models, lang, text) if e.type == "ASSAULT"]
    assert assaults and assaults[0].killed == killed and assaults[0].injured == injured


def test_extract_events_range_keeps_low_and_high(models):
    ev = [e for e in run(models, "fr", "Les frappes ont fait de 13 à 20 morts.") if e.type == "ASSAULT"][0]
    assert (ev.killed, ev.killed_high) == (13, 20)


@pytest.mark.parametrize("lang, text, actor, target", [
    ("fr", "Les rebelles ont attaqué le convoi.", "rebels", "convoi"),
    ("fr", "Le convoi a été attaqué par les rebelles.", "rebels", "convoi"),
    ("en", "The convoy was attacked by rebels.", "rebels", "convoy"),
    ("en", "Rebels attacked the convoy.", "rebels", "convoy"),
])
def test_extract_events_actor_and_target_active_and_passive(models, lang, text, actor, target):
    ev = [e for e in run(models, lang, text) if e.type == "ASSAULT"][0]
    assert actor in ev.actors and any(target in t for t in ev.targets)


@pytest.mark.parametrize("lang, text, modality, source", [
    ("fr", "Les prisonniers auraient été libérés dimanche.", "uncertain", None),
    ("fr", "Selon des témoins, les soldats ont tiré sur la foule.", "reported", "témoins"),
    ("fr", "Le porte-parole a affirmé que les rebelles avaient attaqué la ville.", "reported", "porte-parole"),
    ("fr", "Les rebelles ont nié avoir attaqué la ville.", "denied", "rebelles"),
    ("fr", "Les rebelles ont attaqué la ville.", "asserted", None),
    ("fr", "L'attaque a été revendiquée par le groupe rebelle.", "reported", "groupe rebelle"),
    ("en", "The militia denied attacking the village.", "denied", "militia"),
    ("en", "According to witnesses, soldiers attacked the village.", "reported", "witnesses"),
    ("en", "The rebels allegedly attacked the village.", "uncertain", None),
])
def test_extract_events_modality_and_source(models, lang, text, modality, source):
    ev = [e for e in run(models, lang, text) if e.type in ("ASSAULT", "RETREAT")][0]
    assert ev.modality == modality
    assert (ev.according_to is None) if source is None else (source in ev.according_to)


def test_extract_events_source_from_enclosing_quote(models):
    text = "« Les soldats ont attaqué notre village », a dit un habitant."
    q = Quote(evidence=Evidence.of(text, 2, 39), speaker="un habitant", kind="direct")
    ev = [e for e in run(models, "fr", text, quotes=[q]) if e.type == "ASSAULT"][0]
    assert (ev.according_to, ev.modality) == ("un habitant", "reported")


def test_extract_events_evidence_trigger_place_and_date(models):
    text = "Lundi, les rebelles ont attaqué Lorsk. Le temps était clair."
    place = Place(evidence=Evidence.of(text, 31, 36), name="Lorsk", country="XX", lat=1.0, lon=2.0)
    date = DateMention(evidence=Evidence.of(text, 0, 5), value="2024-05-06", granularity="day")
    ev = run(models, "fr", text, dates=[date], places=[place])[0]
    assert ev.evidence.text == "Lundi, les rebelles ont attaqué Lorsk."
    assert ev.trigger.text == "attaqué" and ev.place is place and ev.date == "2024-05-06"
    assert ev.evidence.check(text) and ev.trigger.check(text)


def test_extract_events_future_release_is_concede(models):
    assert "CONCEDE" in types(run(models, "fr", "Le gouvernement va libérer les prisonniers politiques."))


def test_extract_events_two_types_in_one_sentence(models):
    evs = run(models, "en", "Police arrested ten rioters after protesters torched cars.")
    assert {"COERCE", "PROTEST"} <= types(evs)


@pytest.mark.parametrize("lang, text, etype", [
    ("fr", "Les rebelles n'ont pas attaqué la ville.", "ASSAULT"),
    ("fr", "Des soldats sont arrivés pour évacuer les civils.", "AID"),
    ("en", "Officials fear attacks on the capital.", "ASSAULT"),
    ("en", "The rebels did not attack the town.", "ASSAULT"),
])
def test_extract_events_negated_or_irrealis_is_no_event(models, lang, text, etype):
    assert etype not in types(run(models, lang, text))


def test_extract_events_undated_sentence_takes_the_single_incident_day(models):
    text = "Mardi, une bombe a explosé au marché. L'explosion a détruit plusieurs étals."
    date = DateMention(evidence=Evidence.of(text, 0, 5), value="2024-05-07", granularity="day")
    evs = run(models, "fr", text, dates=[date])
    assert [e.date for e in evs if e.type == "ASSAULT"] == ["2024-05-07", "2024-05-07"]


def test_extract_events_single_victim_counts_one(models):
    ev = [e for e in run(models, "en", "A teenager was shot dead by a police officer on Tuesday.")
          if e.type == "ASSAULT"][0]
    assert ev.killed == 1 and "police officer" in ev.actors
