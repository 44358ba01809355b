"""Tests of the dates stage: a table of French and English expressions, non-dates, and invariants."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings as hsettings, strategies as st

from veille.config import Settings
from veille.errors import VeilleError
from veille.lang.dates import build_grammar
from veille.model import DateMention, Document, Evidence
from veille.nlp.dates import extract_dates, find_dates

D = dt.date.fromisoformat
FRI = "2021-08-27"  # a Friday
SAT = "2021-08-28"  # a Saturday

# (publication date, sentence, expected [(surface, value)])
FR_CASES = [
    (FRI, "Le ministre a parlé hier.", [("hier", "2021-08-26")]),
    (FRI, "Il a été arrêté avant-hier à Lyon.", [("avant-hier", "2021-08-25")]),
    (FRI, "Les négociations reprennent aujourd'hui.", [("aujourd'hui", "2021-08-27")]),
    (FRI, "Aujourd’hui, la ville est calme.", [("Aujourd’hui", "2021-08-27")]),
    (FRI, "Le sommet se tiendra demain à Genève.", [("demain", "2021-08-28")]),
    (FRI, "Une réunion est prévue après-demain.", [("après-demain", "2021-08-29")]),
    (FRI, "Vendredi, le porte-parole a répondu aux questions.", [("Vendredi", "2021-08-27")]),
    (FRI, "Le convoi a été attaqué jeudi près de la frontière.", [("jeudi", "2021-08-26")]),
    (FRI, "Les manifestants se sont réunis samedi.", [("samedi", "2021-08-21")]),
    (FRI, "Le texte a été voté lundi dernier.", [("lundi dernier", "2021-08-23")]),
    (FRI, "Le président a démissionné vendredi dernier.", [("vendredi dernier", "2021-08-20")]),
    (FRI, "Il se rendra à Dakar lundi prochain.", [("lundi prochain", "2021-08-30")]),
    (FRI, "Il arrivera vendredi prochain.", [("vendredi prochain", "2021-09-03")]),
    (FRI, "Le vote aura lieu mardi.", [("mardi", "2021-08-31")]),
    (FRI, "Les combats ont repris mardi soir.", [("mardi", "2021-08-24")]),
    (FRI, "Ce mercredi matin, les forces sont entrées dans la ville.", [("mercredi", "2021-08-25")]),
    (FRI, "Hier soir, des tirs ont été entendus.", [("Hier", "2021-08-26")]),
    (FRI, "Ce matin, le couvre-feu a été levé.", [("Ce matin", "2021-08-27")]),
    (FRI, "Des explosions ont retenti cette nuit dans la capitale.", [("cette nuit", "2021-08-26")]),
    (FRI, "Les combats ont commencé la nuit dernière.", [("la nuit dernière", "2021-08-26")]),
    (FRI, "Ce soir, le président s'exprimera.", [("Ce soir", "2021-08-27")]),
    (FRI, "La ville a été bombardée dans la nuit de mardi à mercredi.",
     [("la nuit de mardi à mercredi", "2021-08-24")]),
    (FRI, "Trois bus ont brûlé dans la nuit de samedi à dimanche.",
     [("la nuit de samedi à dimanche", "2021-08-21")]),
    (FRI, "Les faits se sont produits dans la nuit du 14 au 15 août.",
     [("la nuit du 14 au 15 août", "2021-08-14")]),
    (FRI, "Kaboul est tombée le 15 août.", [("15 août", "2021-08-15")]),
    (FRI, "La vidéo a été mise en ligne le 19 août 2021.", [("19 août 2021", "2021-08-19")]),
    ("2021-09-03", "Il est arrivé le 1er septembre.", [("1er septembre", "2021-09-01")]),
    ("2021-09-01", "Ils ont annoncé ce 1er septembre leur retrait.", [("1er septembre", "2021-09-01")]),
    (FRI, "Le document est daté du 15/08/2021.", [("15/08/2021", "2021-08-15")]),
    (FRI, "Rendez-vous le 3.9.2021 à Paris.", [("3.9.2021", "2021-09-03")]),
    ("2023-07-26", "Le chef de l'État a été retenu mercredi 26 juillet.", [("mercredi 26 juillet", "2023-07-26")]),
    ("2022-01-10", "Le 30 décembre, un attentat a frappé la ville.", [("30 décembre", "2021-12-30")]),
    ("2021-12-20", "Le scrutin est prévu le 5 janvier.", [("5 janvier", "2022-01-05")]),
    (FRI, "Il a été libéré le 6 mai dernier.", [("6 mai dernier", "2021-05-06")]),
    ("2003-02-24", "Les deux tours du vote se tiendront les 6 et 13 avril prochains.",
     [("6", "2003-04-06"), ("13 avril prochains", "2003-04-13")]),
    ("2021-04-20", "Le festival se déroulera du 3 au 9 mai.", [("3 au 9 mai", "2021-05-03")]),
    ("2021-04-20", "Les cérémonies auront lieu les 3, 4 et 5 mai.", [("3, 4 et 5 mai", "2021-05-03")]),
    ("2002-04-03", "Fermeture du musée : du mercredi 3 avril jusqu'au samedi 6 avril.",
     [("mercredi 3 avril", "2002-04-03"), ("samedi 6 avril", "2002-04-06")]),
    (FRI, "Les pourparlers se sont tenus entre le 2 mai et le 14 juin.",
     [("2 mai", "2021-05-02"), ("14 juin", "2021-06-14")]),
    ("1999-06-20", "La bibliothèque sera fermée en juillet.", [("juillet", "1999-07")]),
    ("2021-09-10", "Les pluies ont été fortes en août.", [("août", "2021-08")]),
    ("2021-03-01", "Les combats ont éclaté en novembre.", [("novembre", "2020-11")]),
    ("1999-05-23", "Le traité sera signé en juin prochain.", [("juin prochain", "1999-06")]),
    ("2002-02-09", "Les prix ont augmenté depuis septembre dernier.", [("septembre dernier", "2001-09")]),
    ("2002-09-14", "Le chantier s'achèvera début octobre.", [("début octobre", "2002-10")]),
    ("2021-09-01", "La situation s'est dégradée à la mi-août.", [("à la mi-août", "2021-08")]),
    ("2002-09-01", "Le chômage a baissé par rapport à août 2001.", [("août 2001", "2001-08")]),
    ("1999-05-23", "Le projet date d'octobre 98.", [("octobre 98", "1998-10")]),
    (FRI, "Les prix ont grimpé le mois dernier.", [("mois dernier", "2021-07")]),
    (FRI, "L'an dernier, la récolte a été mauvaise.", [("L'an dernier", "2020")]),
    (FRI, "Le déficit s'est creusé l'année dernière.", [("l'année dernière", "2020")]),
    (FRI, "Les élections auront lieu l'an prochain.", [("l'an prochain", "2022")]),
    (FRI, "Cette année, le festival est annulé.", [("Cette année", "2021")]),
    (FRI, "À son apogée en 2016, le groupe comptait 3 000 combattants.", [("2016", "2016")]),
    (FRI, "En 1995, il a fondé l'association.", [("1995", "1995")]),
    (FRI, "Depuis 1999, le régiment a été déployé six fois.", [("1999", "1999")]),
    (FRI, "Le dispositif est en place depuis 1998.", [("1998", "1998")]),
    (FRI, "Dès l'année 2001, la commune investira.", [("2001", "2001")]),
    (FRI, "La rencontre ouvre la saison 2002/2003.", [("2002", "2002"), ("2003", "2003")]),
    (FRI, "Il y a deux jours, un convoi a sauté sur une mine.", [("Il y a deux jours", "2021-08-25")]),
    (FRI, "Le village a été repris il y a 3 jours.", [("il y a 3 jours", "2021-08-24")]),
    (FRI, "Il y a un an, la ville tombait.", [("Il y a un an", "2020")]),
    (FRI, "La veille, les négociations avaient échoué.", [("La veille", "2021-08-26")]),
    (FRI, "Le 15 août, Kaboul est tombée. Le lendemain, l'aéroport était envahi.",
     [("15 août", "2021-08-15"), ("Le lendemain", "2021-08-16")]),
    (FRI, "Il a été arrêté à la veille des élections.", []),
    (FRI, "Les combats ont commencé à 22 heures.", []),
    (FRI, "Le groupe compte 2016 combattants.", []),
    (FRI, "Le bilan s'élève à 3 000 morts.", []),
    (FRI, "Deux jours plus tard, il a été libéré.", []),
    (FRI, "Le musée est fermé le lundi.", []),
    (FRI, "Les négociations ont duré trois semaines.", []),
    (FRI, "Ce week-end, les routes seront chargées.", []),
    (FRI, "Ces dernières années, la violence a augmenté.", []),
    (FRI, "Le prix atteint 2000 euros.", []),
    (FRI, "Les années 1990 ont été marquées par la guerre.", []),
    (FRI, "Ils étaient sept. Le groupe est reparti.", []),
    (FRI, "La planète Mars est visible à l'œil nu.", []),
    (FRI, "Plus de 2000 manifestants ont défilé.", []),
    ("1999-07-09", "Aujourd'hui vendredi, le gouvernement annonce sa composition.",
     [("Aujourd'hui vendredi", "1999-07-09")]),
    ("1999-08-10", "Le comité organise dimanche 29 août un rallye.", [("dimanche 29 août", "1999-08-29")]),
    (FRI, "Elle est née le 21 janvier 1913.", [("21 janvier 1913", "1913-01-21")]),
    ("2002-01-21", "Les faits remontent au 10 novembre 93.", [("10 novembre 93", "1993-11-10")]),
    ("2021-03-05", "Le 29 février, il a neigé.", [("29 février", "2020-02-29")]),
    ("2024-06-11", "Le match de dimanche a été reporté.", [("dimanche", "2024-06-09")]),
    ("2023-06-29", "Les heurts ont repris pour la deuxième nuit consécutive.",
     [("la deuxième nuit consécutive", "2023-06-28")]),
    ("2021-08-23", "Samedi, des milliers de personnes ont défilé.", [("Samedi", "2021-08-21")]),
    (FRI, "Le 31 août, les dernières troupes partiront.", [("31 août", "2021-08-31")]),
    ("2003-02-24", "Il a été condamné le 20 décembre dernier.", [("20 décembre dernier", "2002-12-20")]),
    ("2003-02-16", "Les obsèques seront célébrées lundi 17 février.", [("lundi 17 février", "2003-02-17")]),
    (FRI, "Le 15 sept. 2021, l'accord sera signé.", [("15 sept. 2021", "2021-09-15")]),
    ("2021-03-01", "Le 15 janv. dernier, la trêve a été rompue.", [("15 janv. dernier", "2021-01-15")]),
    ("2021-09-02", "Il est arrivé mardi 31 août.", [("mardi 31 août", "2021-08-31")]),
    (FRI, "Le ministre a parlé hier à 10 h.", [("hier", "2021-08-26")]),
    (FRI, "Tard dans la nuit, les secours sont arrivés.", []),
    (FRI, "Le scrutin se tiendra dimanche 5 et lundi 6.", [("dimanche 5", "2021-09-05"), ("lundi 6", "2021-09-06")]),
    (FRI, "Mardi 21 h, la séance a été levée.", [("Mardi", "2021-08-24")]),
]

EN_CASES = [
    (SAT, "Mardell spoke to reporters on Friday.", [("Friday", "2021-08-27")]),
    (SAT, "The bombing on Thursday killed 13 troops.", [("Thursday", "2021-08-26")]),
    (SAT, "The base was abandoned on July 2.", [("July 2", "2021-07-02")]),
    (SAT, "Prisoners were freed on August 15.", [("August 15", "2021-08-15")]),
    (SAT, "The blast occurred on August 26, 2021.", [("August 26, 2021", "2021-08-26")]),
    (SAT, "The deal was signed on Aug. 15, 2021.", [("Aug. 15, 2021", "2021-08-15")]),
    (SAT, "The law took effect on 15 Aug. 2021.", [("15 Aug. 2021", "2021-08-15")]),
    (SAT, "Talks resumed Aug 15th.", [("Aug 15th", "2021-08-15")]),
    (SAT, "He was arrested on the 3rd of August.", [("3rd of August", "2021-08-03")]),
    (SAT, "The city fell to insurgents last month.", [("last month", "2021-07")]),
    (SAT, "The group was at its peak in 2016.", [("2016", "2016")]),
    (SAT, "The mission lasted 40 hours.", []),
    ("2021-04-20", "The festival runs May 3-5.", [("May 3-5", "2021-05-03")]),
    ("2021-04-20", "Voting is scheduled for May 3 and 4.", [("May 3 and 4", "2021-05-03")]),
    ("2021-05-20", "Rallies were held on 3 and 10 May.", [("3", "2021-05-03"), ("10 May", "2021-05-10")]),
    (SAT, "The minister resigned yesterday.", [("yesterday", "2021-08-27")]),
    (SAT, "Gunfire was heard last night.", [("last night", "2021-08-27")]),
    (SAT, "The president will speak tonight.", [("tonight", "2021-08-28")]),
    (SAT, "Markets reopened today.", [("today", "2021-08-28")]),
    (SAT, "The vote is tomorrow.", [("tomorrow", "2021-08-29")]),
    (SAT, "Three days ago, the convoy was hit.", [("Three days ago", "2021-08-25")]),
    (SAT, "The town was captured 2 days ago.", [("2 days ago", "2021-08-26")]),
    (SAT, "He met the envoy last Friday.", [("last Friday", "2021-08-27")]),
    (SAT, "The summit opens next Tuesday.", [("next Tuesday", "2021-08-31")]),
    (SAT, "Troops will withdraw on Tuesday.", [("Tuesday", "2021-08-31")]),
    (SAT, "Protesters gathered on Saturday.", [("Saturday", "2021-08-28")]),
    (SAT, "Police said on Tuesday night that six cars burned.", [("Tuesday", "2021-08-24")]),
    (SAT, "This morning, the airport reopened.", [("This morning", "2021-08-28")]),
    (SAT, "Every Friday, the market is closed.", []),
    (SAT, "The attacks of Sept. 11, 2001 changed everything.", [("Sept. 11, 2001", "2001-09-11")]),
    (SAT, "The report was published in March 2020.", [("March 2020", "2020-03")]),
    (SAT, "Fighting intensified in March.", [("March", "2021-03")]),
    (SAT, "Elections are due in November.", [("November", "2021-11")]),
    (SAT, "Fighting resumed in early August.", [("early August", "2021-08")]),
    (SAT, "Officials said the plan may change.", []),
    (SAT, "The ceasefire was agreed on 12/25/2020.", [("12/25/2020", "2020-12-25")]),
    (SAT, "The form is dated 2021-08-15.", [("2021-08-15", "2021-08-15")]),
    (SAT, "Last year, the harvest failed.", [("Last year", "2020")]),
    (SAT, "Inflation will ease next year.", [("next year", "2022")]),
    (SAT, "This year, the rains came early.", [("This year", "2021")]),
    (SAT, "In a statement on Monday, the ministry denied it.", [("Monday", "2021-08-23")]),
    ("2022-01-10", "On Dec. 30, a bomb exploded.", [("Dec. 30", "2021-12-30")]),
    ("2021-12-20", "The trial starts on Jan. 5.", [("Jan. 5", "2022-01-05")]),
    (SAT, "He was born in 1975.", [("1975", "1975")]),
    (SAT, "The militia had 2016 fighters.", []),
    (SAT, "Since 2014, the region has been unstable.", [("2014", "2014")]),
    (SAT, "Between 2015 and 2018 the numbers tripled.", [("2015", "2015"), ("2018", "2018")]),
    (SAT, "The building is 1200 meters away.", []),
    (SAT, "Revenue reached $2020 million.", []),
    (SAT, "He was killed two years ago.", [("two years ago", "2019")]),
    (SAT, "On Thursday, a blast hit the gate. The day before, officials had warned of an attack.",
     [("Thursday", "2021-08-26"), ("The day before", "2021-08-25")]),
    (SAT, "Friday, Aug. 27, 2021", [("Friday, Aug. 27, 2021", "2021-08-27")]),
    (SAT, "The talks resume Monday, August 30.", [("Monday, August 30", "2021-08-30")]),
    (SAT, "Shells fell during the night of Tuesday to Wednesday.",
     [("the night of Tuesday to Wednesday", "2021-08-24")]),
    (SAT, "The weekend was quiet.", []),
    (SAT, "Two days later, he was released.", []),
    (SAT, "The operation lasted 72 hours.", []),
    (SAT, "He returned on the 5th.", []),
    (SAT, "The attack came on Thursday, August 26.", [("Thursday, August 26", "2021-08-26")]),
    (SAT, "In mid-July, the offensive began.", [("mid-July", "2021-07")]),
    ("2021-08-30", "He arrived Sunday.", [("Sunday", "2021-08-29")]),
    (SAT, "A curfew was imposed yesterday evening.", [("yesterday", "2021-08-27")]),
    (SAT, "The trial began on 2 March 2020.", [("2 March 2020", "2020-03-02")]),
    (SAT, "He left in late 2019.", [("2019", "2019")]),
    (SAT, "The March for Peace drew thousands.", []),
    (SAT, "The decision came in May.", [("May", "2021-05")]),
    (SAT, "Ministers met in Marseille.", []),
]


def _found(text: str, pub: str | None, lang: str) -> list[tuple[str, str | None]]:
    return [(d.evidence.text, d.value) for d in find_dates(text, D(pub) if pub else None, lang)]


@pytest.mark.parametrize("pub,text,expected", FR_CASES)
def test_find_dates_french_expressions(pub, text, expected):
    assert _found(text, pub, "fr") == expected


@pytest.mark.parametrize("pub,text,expected", EN_CASES)
def test_find_dates_english_expressions(pub, text, expected):
    assert _found(text, pub, "en") == expected


@pytest.mark.parametrize("lang,text,expected", [
    ("fr", "Il est parti hier.", [("hier", None)]),
    ("fr", "Kaboul est tombée le 15 août.", [("15 août", None)]),
    ("fr", "Kaboul est tombée le 15 août 2021.", [("15 août 2021", "2021-08-15")]),
    ("fr", "À son apogée en 2016, le groupe était fort.", [("2016", "2016")]),
    ("fr", "Vendredi, il a parlé.", [("Vendredi", None)]),
    ("fr", "Par rapport à août 2001, le chômage baisse.", [("août 2001", "2001-08")]),
    ("en", "He left yesterday.", [("yesterday", None)]),
    ("en", "Prisoners were freed on August 15.", [("August 15", None)]),
    ("en", "The blast occurred on August 26, 2021.", [("August 26, 2021", "2021-08-26")]),
    ("en", "The city fell last month.", [("last month", None)]),
])
def test_find_dates_without_publication_leaves_relative_unresolved(lang, text, expected):
    assert _found(text, None, lang) == expected


@pytest.mark.parametrize("text,relative,granularity,anchor", [
    ("Le ministre a parlé hier.", True, "day", FRI),
    ("La vidéo a été mise en ligne le 19 août 2021.", False, "day", None),
    ("Les prix ont grimpé le mois dernier.", True, "month", FRI),
    ("En 1995, il a fondé l'association.", False, "year", None),
])
def test_extract_dates_fields(text, relative, granularity, anchor):
    doc = Document(text=text, lang="fr", published=D(FRI))
    [m] = extract_dates(doc, None, settings=Settings.defaults())
    assert (m.relative, m.granularity, m.anchor) == (relative, granularity, anchor)
    assert m.evidence.check(text)


def test_find_dates_timestamp_publication_gives_plain_dates():
    [m] = find_dates("Il est parti hier.", dt.datetime(2021, 8, 27, 14, 30), "fr")
    assert (m.value, m.anchor) == ("2021-08-26", "2021-08-27")


def test_find_dates_anchored_day_keeps_its_anchor():
    ms = find_dates("Le 15 août, Kaboul est tombée. Le lendemain, la foule a envahi l'aéroport.", D(FRI), "fr")
    assert [(m.value, m.anchor) for m in ms] == [("2021-08-15", FRI), ("2021-08-16", "2021-08-15")]


def test_extract_dates_unknown_language_raises_v203():
    # One policy for a language without a pack (the pipeline stores and reports such documents as skipped).
    doc = Document(text="Gestern, am 15. August 2021.", lang="de", published=D(FRI))
    with pytest.raises(VeilleError) as e:
        extract_dates(doc, None, settings=Settings.defaults())
    assert e.value.code == "V203"


@pytest.mark.parametrize("data,key", [
    ({"weekdays": {}, "moths": {}}, "moths"),
    ({"weekdays": {}, "cues": {"year_cues": []}}, "year_cues"),
    ({"weekdays": {}, "pattern": [{"kind": "iso", "regex": "x", "flags": "i"}]}, "flags"),
])
def test_build_grammar_rejects_unknown_key_with_v204(data, key):
    with pytest.raises(VeilleError) as e:
        build_grammar("xx", data)
    assert e.value.code == "V204" and key in e.value.message


def test_find_dates_settings_window_reach_bounds_the_scan():
    conf = Settings.from_env(["dates.anchor_reach=5"]).dates
    text = "Le 15 août, Kaboul est tombée. Le lendemain, la foule a envahi l'aéroport."
    ms = find_dates(text, D(FRI), "fr", settings=conf)
    assert [(m.value, m.anchor) for m in ms] == [("2021-08-15", FRI), ("2021-08-28", FRI)]


DATE_BITS = st.sampled_from([
    "le 15 août", "hier soir", "vendredi dernier", "du 3 au 9 mai", "les 6 et 13 avril", "en 2016",
    "la nuit de mardi à mercredi", "Aug. 15, 2021", "May 3-5", "last night", "3 days ago", "15/08/2021",
    "2002/2003", "l'an dernier", "mi-août", "il y a 2 jours", "le 31 février", "32/13/2021", "1er", "’",
])


@hsettings(max_examples=150, deadline=None)
@given(parts=st.lists(st.one_of(st.text(max_size=20), DATE_BITS), max_size=8),
       lang=st.sampled_from(["fr", "en"]),
       pub=st.one_of(st.none(), st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31))))
def test_find_dates_evidence_matches_text(parts, lang, pub):
    text = " ".join(parts)
    for m in find_dates(text, pub, lang):
        assert text[m.evidence.start:m.evidence.end] == m.evidence.text
        assert m.value is None or len(m.value) in (4, 7, 10)




@pytest.mark.parametrize("text,expected", [
    ("La bibliothèque rouvrira ses portes en août.", "1999-08"),
    ("La bibliothèque a rouvert ses portes en août.", "1998-08"),
])
def test_extract_dates_future_tense_from_parse(nlp_fr, text, expected):
    doc = Document(text=text, lang="fr", published=D("1999-06-10"))
    [m] = extract_dates(doc, nlp_fr(text), settings=Settings.defaults())
    assert m.value == expected