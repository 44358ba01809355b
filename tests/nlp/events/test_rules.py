"""Events stage, third round: general trigger rules, participant names and the writer's asides."""
import pytest

from veille.config import Settings
from veille.model import Document
from veille.nlp.events import extract_events
from veille.lang.events import load_lexicon
from veille.nlp.events.names import country_name, name_key
from veille.nlp.text import for_parse


def run(models, lang, text):
    doc = Document(text=text, lang=lang)
    parsed = models[lang](for_parse(text))
    return extract_events(doc, parsed, dates=[], places=[], quotes=[], entities=[], settings=Settings.defaults())


def of_type(events, etype):
    return [e for e in events if e.type == etype]


@pytest.mark.parametrize("lang, text, expected", [
    # a prefixed compound names the act of its last part
    ("fr", "Un double-attentat a frappé le marché central de la ville.", "ASSAULT"),
    ("fr", "L'armée a lancé une contre-offensive dans la vallée.", "ASSAULT"),
    # a form the lemmatizer left as is still finds its first-group infinitive
    ("fr", "Le garde sort son pistolet et tire quand le camion redémarre.", "ASSAULT"),
    # holding someone responsible for an act is an accusation
    ("fr", "Le ministre estime que la milice est responsable de l'attaque du convoi.", "ACCUSE"),
    ("en", "Officials said the militia was responsible for the attack on the convoy.", "ACCUSE"),
    # readiness to use force is a threat
    ("fr", "Les rebelles sont prêts à attaquer la capitale.", "THREATEN"),
    ("en", "The army is ready to attack the rebel positions.", "THREATEN"),
    # the fight announced to go on is a threat
    ("fr", "Le chef rebelle a assuré que le combat se poursuivra.", "THREATEN"),
    # soldiers holding a person, a mutiny: coercion
    ("fr", "Des soldats retiennent le ministre dans son bureau depuis mardi.", "COERCE"),
    ("fr", "Une mutinerie a éclaté dans le camp militaire.", "COERCE"),
    ("en", "A mutiny broke out at the naval base.", "COERCE"),
])
def test_trigger_general_rules(models, lang, text, expected):
    assert expected in {e.type for e in run(models, lang, text)}


@pytest.mark.parametrize("lang, text, absent", [
    ("fr", "Le préfet est responsable de la sécurité du port.", "ACCUSE"),
    ("en", "The ministry is responsible for the national budget.", "ACCUSE"),
    ("fr", "Les deux délégations sont prêtes à négocier.", "THREATEN"),
    ("fr", "L'accord de non-agression a été signé.", "ASSAULT"),
])
def test_trigger_general_rules_not_overfired(models, lang, text, absent):
    assert absent not in {e.type for e in run(models, lang, text)}


def test_merge_keeps_acts_of_different_modes_apart(models):
    text = "Des centaines de prisonniers ont été libérés alors que le pays achevait un retrait militaire."
    retreats = of_type(run(models, "fr", text), "RETREAT")
    assert {e.mode for e in retreats} == {"release", "withdraw"}


def test_accusation_speaker_is_actor_and_subject_is_accused(models):
    text = "Le ministre a déclaré que la milice était responsable de l'attaque."
    acc = of_type(run(models, "fr", text), "ACCUSE")
    assert acc and acc[0].modality == "asserted" and acc[0].according_to is None
    assert acc[0].actors == ["ministre"] and acc[0].targets == ["militia"]


@pytest.mark.parametrize("lang, text", [
    ("fr", "Le porte-parole a déclaré que des centaines de détenus – le groupe responsable des attaques de mardi – "
           "avaient été libérés."),
    ("en", "The spokesman said that hundreds of detainees (the group behind the bombings of May) had been freed."),
])
def test_aside_in_reported_speech_is_the_writers(models, lang, text):
    events = run(models, lang, text)
    assault = of_type(events, "ASSAULT")
    released = of_type(events, "RETREAT")
    assert assault and assault[0].according_to is None and assault[0].modality == "asserted"
    assert released and released[0].modality == "reported"


@pytest.mark.parametrize("text, expected", [
    ("les États-Unis", "United States"), ("Etats-Unis", "United States"), ("la France", "France"),
    ("Royaume-Uni", "United Kingdom"), ("Russie", "Russia"), ("Syrie", "Syria"), ("Allemagne", "Germany"),
    ("the United States", "United States"), ("U.S.", "United States"), ("Côte d'Ivoire", "Ivory Coast"),
    ("Washington", None), ("rebelles", None),
])
def test_country_name_english_short_form(text, expected):
    assert country_name(text) == expected


def test_name_key_drops_article_accents_and_case():
    assert name_key("L’Égypte", load_lexicon("fr").syntax.articles) == "egypte"


@pytest.mark.parametrize("lang, text, etype, role, expected", [
    ("fr", "Les États-Unis ont condamné l'attaque contre le convoi.", "ACCUSE", "actors", "United States"),
    ("en", "The United States condemned the attack on the convoy.", "ACCUSE", "actors", "United States"),
    ("fr", "L'armée du Mali a attaqué le camp des rebelles.", "ASSAULT", "actors", "Mali army"),
    ("fr", "La garde présidentielle a attaqué le camp.", "ASSAULT", "actors", "presidential guard"),
    ("fr", "Des milliers de prisonniers ont été libérés par les insurgés.", "RETREAT", "targets", "prisoners"),
])
def test_participant_names_english(models, lang, text, etype, role, expected):
    ev = of_type(run(models, lang, text), etype)
    assert ev and expected in getattr(ev[0], role)


@pytest.mark.parametrize("lang, text, etype, dropped", [
    ("fr", "Les rebelles ont pris le contrôle de la ville.", "COERCE", "contrôle"),
    ("fr", "Le gouvernement a condamné l'attaque.", "ACCUSE", "attaque"),
    ("en", "The government condemned the attack.", "ACCUSE", "attack"),
])
def test_non_participants_are_not_targets(models, lang, text, etype, dropped):
    ev = of_type(run(models, lang, text), etype)
    assert ev and all(dropped not in t for t in ev[0].targets)
