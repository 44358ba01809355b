"""Events stage: rules that look past the trigger's clause — quotations over several sentences, reports
carried on by the next sentence, speculation, anaphoric ripostes, scene-setting nouns and campaign dating.

These run the whole pipeline (`veille.extract`) because they depend on the quotes and dates stages.
"""
import pytest
from spacy.tokens import Doc

from veille.api import extract
from veille.config import Settings
from veille.lang.events import load_lexicon
from veille.nlp.syntax import rejoin_sentences
from veille.nlp.pipeline import load_model


def events(text, published="2025-03-10"):
    return extract(text, published).events


def by_trigger(evs, word):
    found = [e for e in evs if e.trigger.text == word]
    assert found, f"no event on {word!r} in {[(e.type, e.trigger.text) for e in evs]}"
    return found[0]


def test_events_quote_over_two_sentences_is_its_speakers_account(models):
    text = ("Le gouverneur a confirmé que les affrontements duraient depuis trois jours.\n"
            "« Nos positions ont été attaquées par des hommes armés venus du nord. Nous avons tenu la ligne », "
            "a déclaré Marc Delorme, commandant de la garnison.")
    ev = by_trigger(events(text), "attaquées")
    assert (ev.type, ev.modality, ev.according_to) == ("ASSAULT", "reported", "Marc Delorme")


@pytest.mark.parametrize("text", [
    "Les ambassades sont devenues une cible probable d'attaques terroristes.",
    "The embassy has become a likely target of attacks, officials warned.",
    "Le ministre redoute une possible offensive sur la capitale.",
])
def test_events_speculative_act_is_no_event(models, text):
    assert not [e for e in events(text) if e.type == "ASSAULT"]


def test_events_target_of_a_real_attack_is_kept(models):
    assert [e for e in events("Le convoi a été la cible d'une attaque près de la frontière.") if e.type == "ASSAULT"]


def test_events_riposte_to_the_attack_is_the_same_clash(models):
    text = "Les miliciens ont nié avoir attaqué le village, assurant qu'ils n'avaient fait que répondre à l'attaque."
    assaults = [e for e in events(text) if e.type == "ASSAULT"]
    assert len(assaults) == 1 and assaults[0].modality == "denied"


def test_events_riposte_to_a_named_attack_stays_apart(models):
    text = "Les rebelles ont attaqué un poste frontière, puis l'armée a répondu à l'attaque des rebelles par des frappes."
    assert len([e for e in events(text) if e.type == "ASSAULT"]) >= 2


def test_events_ongoing_fighting_setting_the_scene_takes_neither_the_statement_date_nor_its_source(models):
    text = ("Au milieu des affrontements en cours, le ministre Paul Verdier a déclaré mardi que les négociations "
            "avaient échoué.")
    ev = by_trigger(events(text), "affrontements")
    assert (ev.date, ev.modality, ev.according_to) == (None, "asserted", None)


def test_events_act_setting_the_scene_shares_the_statement_day(models):
    text = "À la suite de l'attentat, le ministre Paul Verdier a déclaré mardi que l'enquête avançait."
    ev = by_trigger(events(text), "attentat")
    assert (ev.date, ev.modality) == ("2025-03-04", "asserted")


def test_events_report_carried_by_anaphor_and_connective(models):
    text = ("Le quotidien La Gazette du Nord a révélé que l'armée avait évacué des blessés vers la capitale.\n"
            "Les soldats ont ensuite escorté les familles jusqu'à la frontière, selon ces informations.\n"
            "De même, des médecins militaires ont aidé des villageois à quitter la zone.")
    evs = events(text)
    first = by_trigger(evs, "évacué")
    assert first.modality == "reported" and first.according_to
    for word in ("escorté", "aidé"):
        ev = by_trigger(evs, word)
        assert ev.modality == "reported" and "Gazette" in (ev.according_to or ""), word


def test_events_connective_without_a_report_before_stays_asserted(models):
    text = "L'armée a évacué des blessés vers la capitale.\nDe même, des médecins ont aidé des villageois à fuir."
    ev = by_trigger(events(text), "aidé")
    assert (ev.modality, ev.according_to) == ("asserted", None)


@pytest.mark.parametrize("text, word", [
    ("Le journal a indiqué que, selon l'accord, les rebelles ont rassemblé les otages près du port.", "rassemblé"),
    ("Under the deal, the militia gathered the foreign workers at the border post.", "gathered"),
])
def test_events_handing_people_over_under_an_agreement_is_cooperation(models, text, word):
    assert by_trigger(events(text), word).type == "COOPERATE"


def test_events_gathering_without_an_agreement_is_not_cooperation(models):
    evs = events("Les rebelles ont rassemblé leurs partisans près du port.")
    assert not [e for e in evs if e.type == "COOPERATE"]


@pytest.mark.parametrize("text, word, etype", [
    ("Les gardes n'ont eu aucun scrupule à libérer les détenus.", "libérer", "RETREAT"),
    ("Les soldats n'ont pas hésité à bombarder le quartier.", "bombarder", "ASSAULT"),
    (("Les alliés ont passé vingt ans dans le pays, sous couvert de combattre la milice et de former puis "
      "d'équiper l'armée régulière, sans succès."), "équiper", "AID"),
])
def test_events_infinitive_implied_by_its_head_is_an_act(models, text, word, etype):
    assert by_trigger(events(text), word).type == etype


def test_events_hesitation_not_negated_is_no_act(models):
    assert not [e for e in events("Les soldats hésitent à bombarder le quartier.") if e.type == "ASSAULT"]


def test_events_inference_from_someones_words_is_uncertain_and_the_writers(models):
    ev = by_trigger(events("Les propos du ministre semblent indiquer que les rebelles ont libéré les otages."),
                    "libéré")
    assert (ev.modality, ev.according_to) == ("uncertain", None)


def test_events_contrast_clause_in_present_tense_is_the_narrators(models):
    text = ("Le porte-parole Luc Arnaud a déclaré que des centaines de détenus avaient été libérés "
            "alors que l'armée a achevé son retrait de la région.")
    evs = events(text)
    assert by_trigger(evs, "libérés").modality == "reported"
    assert by_trigger(evs, "retrait").modality == "asserted"


def test_events_fighting_that_goes_on_is_not_dated_by_its_restart(models):
    pass_text = ("Les affrontements ont repris dimanche près de la frontière.\n"
                 "Les combats se poursuivent dans la vallée, selon des témoins.")
    evs = events(pass_text)
    assert by_trigger(evs, "affrontements").date == "2025-03-09"
    assert by_trigger(evs, "combats").date is None


@pytest.fixture(scope="module")
def fr_vocab():
    return load_model(Settings.defaults().models["fr"]).vocab


def test_sentences_rejoin_a_cut_with_no_end_punctuation(fr_vocab):
    words = ["Les", "troupes", "du", "Joint", "Command", "ont", "aidé", "des", "civils", ".", "Puis", "rien", "."]
    starts = [True, False, False, False, True, False, False, False, False, False, True, False, False]
    doc = Doc(fr_vocab, words=words, sent_starts=starts)
    syn = load_lexicon("fr").syntax
    assert [s.text for s in rejoin_sentences(doc, syn.sentence_openers, syn.sentence_ends)] == [
        "Les troupes du Joint Command ont aidé des civils .", "Puis rien ."]
