"""Golden sentences for the PLOVER lexicons built by tools/build_event_lexicon.py (issue 18).

Invented sentences, French and English, for every one of the 16 types and for each class of
loss on unseen news: nominal triggers, multiword and idiomatic acts, rare types. A case passes
when the expected type is among the events found in the sentence. The ``QUIET`` cases name no
act (a noun of the lexicon used as something else) and must yield no event of the type.
"""
import pytest

from veille.config import Settings
from veille.model import Document
from veille.nlp.events import extract_events
from veille.nlp.text import for_parse


def found(models, lang, text):
    parsed = models[lang](for_parse(text))
    events = extract_events(Document(text=text, lang=lang), parsed, dates=[], places=[], quotes=[],
                            entities=[], settings=Settings.defaults())
    return {e.type for e in events}


NOMINAL = [  # the act named by a noun
    ("en", "The massacre left the hamlet of Dorvel empty.", "ASSAULT"),
    ("en", "Survivors described the slaughter in the market of Tesk.", "ASSAULT"),
    ("en", "A wave of abductions has terrified the farmers of the plateau.", "ASSAULT"),
    ("en", "The crackdown on the student union began at dawn.", "COERCE"),
    ("en", "Airstrikes flattened two warehouses near the river port.", "ASSAULT"),
    ("en", "The reprisals against the village lasted three days.", "ASSAULT"),
    ("en", "The assassination of the mayor shocked the province.", "ASSAULT"),
    ("en", "A bombardment of the old town started after midnight.", "ASSAULT"),
    ("en", "The beheading of two guards was filmed by the militants.", "ASSAULT"),
    ("en", "The detention of the two reporters drew wide criticism.", "COERCE"),
    ("en", "The deportation of the seasonal workers resumed in June.", "COERCE"),
    ("en", "A curfew remains in force across the capital.", "COERCE"),
    ("en", "The confiscation of the newspaper's presses was ordered by the governor.", "COERCE"),
    ("en", "The rioting spread to the northern suburbs.", "PROTEST"),
    ("en", "The walkout paralysed the ports for a week.", "PROTEST"),
    ("en", "The deployment of the mountain brigade alarmed the neighbours.", "MOBILIZE"),
    ("en", "The embargo on fuel hit the island hard.", "SANCTION"),
    ("en", "The expulsion of the attaché was announced by the ministry.", "SANCTION"),
    ("en", "The inquiry into the shooting will report in the autumn.", "ACCUSE"),
    ("en", "The acquittal of the former colonel angered the families.", "CONCEDE"),
    ("fr", "La tuerie a fait fuir les habitants de Varenne-sur-Lis.", "ASSAULT"),
    ("fr", "Les enlèvements se multiplient sur la route du plateau.", "ASSAULT"),
    ("fr", "La répression des étudiants a duré toute la semaine.", "COERCE"),
    ("fr", "Les représailles contre le village ont duré trois jours.", "ASSAULT"),
    ("fr", "Une rafle a visé les vendeurs ambulants du quartier.", "COERCE"),
    ("fr", "Le massacre a eu lieu près de la rivière.", "ASSAULT"),
    ("fr", "L'assassinat du maire a choqué la province.", "ASSAULT"),
    ("fr", "Le pilonnage de la colline a repris à l'aube.", "ASSAULT"),
    ("fr", "La fusillade a éclaté devant la mairie.", "ASSAULT"),
    ("fr", "L'incarcération des deux journalistes a suscité l'indignation.", "COERCE"),
    ("fr", "Le couvre-feu reste en vigueur dans la capitale.", "COERCE"),
    ("fr", "La déportation des travailleurs saisonniers a repris en juin.", "COERCE"),
    ("fr", "Les émeutes ont gagné les quartiers nord.", "PROTEST"),
    ("fr", "Le déploiement de la brigade de montagne inquiète les voisins.", "MOBILIZE"),
    ("fr", "L'embargo sur le carburant frappe durement l'île.", "SANCTION"),
    ("fr", "L'enquête sur la fusillade rendra ses conclusions à l'automne.", "ACCUSE"),
    ("fr", "L'acquittement de l'ancien colonel a révolté les familles.", "CONCEDE"),
    ("fr", "Le saccage de la préfecture a duré une heure.", "ASSAULT"),
    ("fr", "Le lynchage du voleur présumé a été filmé.", "ASSAULT"),
    ("fr", "La séquestration des employés a pris fin dimanche.", "COERCE"),
]

MULTIWORD = [  # multiword and idiomatic acts
    ("en", "Soldiers rounded up forty men in the square of Kelmar.", "COERCE"),
    ("en", "Police opened fire on the crowd outside the depot.", "ASSAULT"),
    ("en", "The rebels laid siege to the garrison town for a month.", "COERCE"),
    ("en", "The activist was detained without charge for six weeks.", "COERCE"),
    ("en", "Two guards were gunned down at the checkpoint.", "ASSAULT"),
    ("en", "Militants blew up the bridge over the Sarn.", "ASSAULT"),
    ("en", "Gunmen took hostages on the coastal road.", "ASSAULT"),
    ("en", "The militia set fire to the granary of the village.", "ASSAULT"),
    ("en", "The junta declared a state of emergency in the north.", "COERCE"),
    ("en", "The army seized control of the radio station.", "COERCE"),
    ("en", "Thousands took to the streets of the capital on Sunday.", "PROTEST"),
    ("en", "Dock workers went on strike over unpaid wages.", "PROTEST"),
    ("en", "The prisoner began a hunger strike in his cell.", "PROTEST"),
    ("en", "The two neighbours cut ties after the border incident.", "SANCTION"),
    ("en", "The court found him guilty of fraud.", "SANCTION"),
    ("en", "The government recalled its ambassador for consultations.", "SANCTION"),
    ("en", "The rebels laid down their arms on Friday.", "RETREAT"),
    ("en", "The militia stepped down from its positions in the valley.", "RETREAT"),
    ("en", "The minister stepped down after the scandal.", "RETREAT"),
    ("en", "The two navies held joint exercises in the strait.", "COOPERATE"),
    ("en", "The agencies shared intelligence on the smuggling ring.", "COOPERATE"),
    ("en", "The two presidents held talks in the border town of Aldra.", "CONSULT"),
    ("en", "The parties reached an agreement on the water rights.", "AGREE"),
    ("en", "Prosecutors opened an investigation into the fire.", "ACCUSE"),
    ("en", "The union filed a complaint against the mining company.", "ACCUSE"),
    ("en", "The council turned down the request for a new base.", "REJECT"),
    ("en", "The militia issued an ultimatum to the town elders.", "THREATEN"),
    ("en", "The commander vowed revenge for the ambush.", "THREATEN"),
    ("en", "The authorities lifted the curfew on Monday.", "CONCEDE"),
    ("en", "The government dropped the charges against the students.", "CONCEDE"),
    ("fr", "Les gendarmes ont fait feu sur le véhicule au barrage.", "ASSAULT"),
    ("fr", "La police a mis la main sur trois suspects à Villebrune.", "COERCE"),
    ("fr", "Des miliciens ont passé à tabac deux commerçants.", "ASSAULT"),
    ("fr", "Les insurgés ont ouvert le feu sur la patrouille.", "ASSAULT"),
    ("fr", "Le commando a fait exploser le pont de la Sarne.", "ASSAULT"),
    ("fr", "Les assaillants ont mis le feu à l'école du village.", "ASSAULT"),
    ("fr", "Les rebelles ont pris d'assaut la caserne.", "ASSAULT"),
    ("fr", "Le gouvernement a décrété l'état d'urgence dans le nord.", "COERCE"),
    ("fr", "L'opposant a été placé en garde à vue mardi.", "COERCE"),
    ("fr", "L'ancien ministre a été assigné à résidence.", "COERCE"),
    ("fr", "Des milliers de personnes sont descendues dans la rue samedi.", "PROTEST"),
    ("fr", "Le détenu a entamé une grève de la faim.", "PROTEST"),
    ("fr", "Les deux pays ont rompu leurs relations diplomatiques.", "SANCTION"),
    ("fr", "Le tribunal a reconnu coupable l'ancien gouverneur.", "SANCTION"),
    ("fr", "Les combattants ont déposé les armes vendredi.", "RETREAT"),
    ("fr", "Les deux marines ont mené des exercices conjoints dans le détroit.", "COOPERATE"),
    ("fr", "Le parquet a ouvert une enquête sur l'incendie.", "ACCUSE"),
    ("fr", "Le syndicat a porté plainte contre la compagnie minière.", "ACCUSE"),
    ("fr", "Les autorités ont levé le couvre-feu lundi.", "CONCEDE"),
    ("fr", "Le chef de la milice a lancé un ultimatum aux notables.", "THREATEN"),
    ("fr", "Le président a rendu hommage aux secouristes.", "SUPPORT"),
    ("fr", "Les deux délégations ont trouvé un accord sur le partage de l'eau.", "AGREE"),
    ("fr", "Les miliciens ont pris le contrôle du poste frontière.", "COERCE"),
    ("fr", "La ville a organisé une opération ville morte lundi.", "PROTEST"),
    ("fr", "Le ministre a présenté ses excuses aux familles.", "CONCEDE"),
]

RARE = [  # types seen rarely in the dev set
    ("en", "Riot police detained the organisers of the march.", "COERCE"),
    ("en", "The regime banned the main opposition party.", "COERCE"),
    ("en", "Border guards deported three hundred migrants.", "COERCE"),
    ("en", "The junta censored the only independent weekly.", "COERCE"),
    ("en", "The rebel leader threatened the governor with a long war.", "THREATEN"),
    ("en", "The warlord intimidated the voters of the district.", "THREATEN"),
    ("en", "The president pardoned two hundred prisoners.", "CONCEDE"),
    ("en", "The minister apologised for the raid on the clinic.", "CONCEDE"),
    ("en", "The regime eased restrictions on travel to the coast.", "CONCEDE"),
    ("en", "The ministry mobilized ten thousand reservists.", "MOBILIZE"),
    ("en", "The army deployed tanks along the northern border.", "MOBILIZE"),
    ("en", "Both governments massed troops near the disputed pass.", "MOBILIZE"),
    ("en", "The foreign minister praised the mediators of the truce.", "SUPPORT"),
    ("en", "The council commended the rescue teams.", "SUPPORT"),
    ("en", "The prime minister endorsed the peace plan.", "SUPPORT"),
    ("en", "The agency donated forty tonnes of grain to the camps.", "AID"),
    ("en", "The navy rescued ninety people from a sinking boat.", "AID"),
    ("en", "The neighbouring state granted asylum to the dissident.", "AID"),
    ("en", "The two police forces cooperated on the smuggling case.", "COOPERATE"),
    ("en", "The authorities extradited the suspect to the neighbouring state.", "COOPERATE"),
    ("en", "The union demanded the release of its leader.", "REQUEST"),
    ("en", "The bishops urged the militias to lay down their arms.", "REQUEST"),
    ("en", "The opposition condemned the arrests of students.", "ACCUSE"),
    ("en", "The prosecutor indicted the former police chief.", "ACCUSE"),
    ("en", "The junta rejected the mediators' proposal.", "REJECT"),
    ("en", "The regional bloc imposed sanctions on the junta.", "SANCTION"),
    ("en", "The rebels released the aid workers on Tuesday.", "RETREAT"),
    ("en", "The troops withdrew from the border town.", "RETREAT"),
    ("en", "The ministers met in the lakeside town of Ober.", "CONSULT"),
    ("en", "The president visited the flooded districts.", "CONSULT"),
    ("en", "The two factions signed a ceasefire.", "AGREE"),
    ("en", "The government promised free elections next year.", "AGREE"),
    ("en", "Hundreds of students demonstrated outside the parliament.", "PROTEST"),
    ("en", "Youths looted shops in the old market.", "PROTEST"),
    ("en", "Gunmen kidnapped the village chief.", "ASSAULT"),
    ("en", "Jets bombed the fuel depot near the airport.", "ASSAULT"),
    ("fr", "La police a interpellé une vingtaine de manifestants.", "COERCE"),
    ("fr", "Le régime a interdit le principal parti d'opposition.", "COERCE"),
    ("fr", "Les gardes-frontières ont expulsé trois cents migrants.", "COERCE"),
    ("fr", "La junte a censuré le seul hebdomadaire indépendant.", "COERCE"),
    ("fr", "Les soldats ont assiégé le quartier pendant deux jours.", "COERCE"),
    ("fr", "Le chef rebelle a menacé le gouverneur d'une longue guerre.", "THREATEN"),
    ("fr", "Le seigneur de guerre a intimidé les électeurs du district.", "THREATEN"),
    ("fr", "Le président a gracié deux cents prisonniers.", "CONCEDE"),
    ("fr", "Le ministre s'est excusé pour le raid contre la clinique.", "CONCEDE"),
    ("fr", "Le régime a assoupli les restrictions de déplacement.", "CONCEDE"),
    ("fr", "Le ministère a mobilisé dix mille réservistes.", "MOBILIZE"),
    ("fr", "L'armée a déployé des chars le long de la frontière nord.", "MOBILIZE"),
    ("fr", "Les deux gouvernements ont massé des troupes près du col.", "MOBILIZE"),
    ("fr", "L'état-major a dépêché des renforts vers la ville.", "MOBILIZE"),
    ("fr", "Le ministre a félicité les médiateurs de la trêve.", "SUPPORT"),
    ("fr", "Le conseil a salué le travail des équipes de secours.", "SUPPORT"),
    ("fr", "L'agence a acheminé quarante tonnes de céréales vers les camps.", "AID"),
    ("fr", "La marine a secouru quatre-vingt-dix personnes en mer.", "AID"),
    ("fr", "Le pays voisin a accordé l'asile au dissident.", "AID"),
    ("fr", "Les deux polices ont coopéré sur l'affaire de contrebande.", "COOPERATE"),
    ("fr", "Les autorités ont extradé le suspect vers le pays voisin.", "COOPERATE"),
    ("fr", "Le syndicat réclame la libération de son dirigeant.", "REQUEST"),
    ("fr", "Les évêques ont exhorté les milices à déposer les armes.", "REQUEST"),
    ("fr", "L'opposition a dénoncé les arrestations d'étudiants.", "ACCUSE"),
    ("fr", "Le procureur a inculpé l'ancien chef de la police.", "ACCUSE"),
    ("fr", "La junte a rejeté la proposition des médiateurs.", "REJECT"),
    ("fr", "Le bloc régional a imposé des sanctions à la junte.", "SANCTION"),
    ("fr", "Les rebelles ont relâché les humanitaires mardi.", "RETREAT"),
    ("fr", "Les troupes se sont retirées de la ville frontalière.", "RETREAT"),
    ("fr", "Les ministres se sont rencontrés au bord du lac.", "CONSULT"),
    ("fr", "Les deux factions ont signé un cessez-le-feu.", "AGREE"),
    ("fr", "Des centaines d'étudiants ont manifesté devant le parlement.", "PROTEST"),
    ("fr", "Des jeunes ont pillé les boutiques du vieux marché.", "PROTEST"),
    ("fr", "Des hommes armés ont enlevé le chef du village.", "ASSAULT"),
    ("fr", "Des avions ont bombardé le dépôt de carburant.", "ASSAULT"),
    ("fr", "Des inconnus ont poignardé un passant près de la gare.", "ASSAULT"),
    ("fr", "La police a dispersé les manifestants à coups de matraque.", "COERCE"),
    ("fr", "Les rebelles ont mitraillé les maisons du hameau.", "ASSAULT"),
]

QUIET = [  # words of the lexicons used as no act
    ("en", "The menu of the restaurant offered grilled fish.", "AGREE"),
    ("en", "The minister was admitted to hospital on Monday.", "CONCEDE"),
    ("en", "The farmers shared a meal after the harvest.", "COOPERATE"),
    ("en", "The committee drafted a new report.", "MOBILIZE"),
    ("fr", "Il reste à peine dix minutes avant le départ.", "SANCTION"),
    ("fr", "Grâce à la pluie, la récolte sera bonne.", "CONCEDE"),
    ("fr", "Le projet vise à réduire la pollution.", "ASSAULT"),
    ("fr", "Les hommes armés ont été vus près du puits.", "MOBILIZE"),
    ("fr", "Le conseil a rappelé que la séance est publique.", "SANCTION"),
    ("fr", "La conférence de presse aura lieu à midi.", "CONSULT"),
]

#: known gaps (the parse, or a hand-tuned events.json entry that wins): kept visible, not counted as passing
GAPS = {
    "Les rebelles ont relâché les humanitaires mardi.": "the parse hangs the object on the date (« les humanitaires » amod of « mardi »)",
    "Des inconnus ont poignardé un passant près de la gare.": "the parse splits the sentence before the object (« un passant » a root)",
}


def _marked(cases):
    return [pytest.param(*c, marks=pytest.mark.xfail(reason=GAPS[c[1]], strict=True)) if c[1] in GAPS
            else c for c in cases]


def _ids(cases):
    return [f"{lang}-{etype}-{i}" for i, (lang, _, etype) in enumerate(cases)]


@pytest.mark.parametrize("lang, text, etype", _marked(NOMINAL), ids=_ids(NOMINAL))
def test_golden_nominal_trigger(models, lang, text, etype):
    assert etype in found(models, lang, text)


@pytest.mark.parametrize("lang, text, etype", _marked(MULTIWORD), ids=_ids(MULTIWORD))
def test_golden_multiword_act(models, lang, text, etype):
    assert etype in found(models, lang, text)


@pytest.mark.parametrize("lang, text, etype", _marked(RARE), ids=_ids(RARE))
def test_golden_rare_type(models, lang, text, etype):
    assert etype in found(models, lang, text)


@pytest.mark.parametrize("lang, text, etype", QUIET, ids=_ids(QUIET))
def test_golden_no_false_event(models, lang, text, etype):
    assert etype not in found(models, lang, text)


def test_golden_covers_every_type_in_both_languages():
    from veille.model import EVENT_TYPES
    for lang in ("fr", "en"):
        seen = {t for cases in (NOMINAL, MULTIWORD, RARE) for lg, _, t in cases if lg == lang}
        assert seen == set(EVENT_TYPES), (lang, set(EVENT_TYPES) - seen)
