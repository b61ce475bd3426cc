"""The APV's fixed vocabulary, as data with a reference to where it comes from.

Questions, themes and lists are taken from BFA's booklet "På forkant" (seed 000) and from the
rules in force since 1 February 2024 (Bekendtgørelse om systematisk arbejdsmiljøarbejde), not
written into templates.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Item:
    code: str
    text: str
    source: str = ""


# The five parts of an APV (box "Love og regler: De formelle krav til APV'en").
PARTS = [
    Item("kortlaegning", _("Kortlægning"), _("“Love og regler”, del 1")),
    Item("analyse", _("Analyse"), _("“Love og regler”, del 2")),
    Item("handlingsplan", _("Handlingsplan"), _("“Love og regler”, del 3")),
    Item("opfoelgning", _("Opfølgning"), _("“Love og regler”, del 4")),
    Item("sygefravaer", _("Sygefravær"), _("“Love og regler”, del 5")),
]
PART_CODES = [part.code for part in PARTS]


@dataclass(frozen=True)
class RuleElement:
    code: str
    text: str
    parts: tuple[str, ...]


# The four elements of the rules since 1 February 2024, and which of the five parts answer them.
RULE_ELEMENTS = [
    RuleElement(
        "risikovurdering",
        _("En risikovurdering på grundlag af en afdækning af arbejdsmiljøforholdene"),
        ("kortlaegning", "analyse"),
    ),
    RuleElement("sygefravaer", _("Inddragelse af sygefraværet"), ("sygefravaer",)),
    RuleElement(
        "handlingsplan",
        _("En skriftlig handlingsplan for de problemer, der ikke løses med det samme"),
        ("handlingsplan",),
    ),
    RuleElement("opfoelgning", _("Opfølgning på handlingsplanen"), ("opfoelgning",)),
]

# Metode 1: the five themes of the dialogisk APV's 1–10 temperature line.
DIALOG_THEMES = [
    Item("arbejdsmaengden", _("Arbejdsmængden"), _("Metode 1")),
    Item("kravene", _("Kravene i arbejdet"), _("Metode 1")),
    Item("konflikter", _("Problemer med konflikter, trusler eller vold"), _("Metode 1")),
    Item("arbejdsglaeden", _("Arbejdsglæden"), _("Metode 1")),
    Item("samlet", _("Det psykiske arbejdsmiljø samlet set"), _("Metode 1")),
]
DIALOG_THEME_CODES = [theme.code for theme in DIALOG_THEMES]
DIALOG_POINTS = list(range(1, 11))


@dataclass(frozen=True)
class ScaleEnds:
    """What the two ends of a scale mean, e.g. 1 = “helt uenig” and 5 = “helt enig”."""

    code: str
    low: int
    high: int
    low_means: str
    high_means: str
    source: str = ""


# Metode 1 asks people to stand on the 1–10 line by how they experience each theme "nu og her",
# and then: "Hvad gør, at du ikke står længere nede? Hvad skulle der til, at du stod længere
# oppe?" – higher up is better, for every theme (for conflicts, threats and violence too: 10 is
# no problems). So the histograms say so at both ends, in each theme's own words.
_METODE_1_SCALE = _("Metode 1, trin 1–2 (“Hvad skulle der til, at du stod længere oppe?”)")
DIALOG_SCALES = {
    "arbejdsmaengden": ScaleEnds(
        "arbejdsmaengden", 1, 10, _("alt for meget"), _("passer godt"), _METODE_1_SCALE
    ),
    "kravene": ScaleEnds(
        "kravene", 1, 10, _("uklare eller for høje"), _("klare og rimelige"), _METODE_1_SCALE
    ),
    "konflikter": ScaleEnds(
        "konflikter", 1, 10, _("store problemer"), _("ingen problemer"), _METODE_1_SCALE
    ),
    "arbejdsglaeden": ScaleEnds(
        "arbejdsglaeden", 1, 10, _("ingen arbejdsglæde"), _("stor arbejdsglæde"), _METODE_1_SCALE
    ),
    "samlet": ScaleEnds("samlet", 1, 10, _("meget dårligt"), _("rigtig godt"), _METODE_1_SCALE),
}

# The scales surveys and trivselsmålinger commonly report on, offered when results are imported;
# the AMG confirms which one its tool used (or describes its own), so every chart can say what
# its ends mean.
SURVEY_SCALES = [
    ScaleEnds("enig_1_5", 1, 5, _("helt uenig"), _("helt enig"), _("Likert-skala med fem svar")),
    ScaleEnds("godt_1_5", 1, 5, _("meget dårligt"), _("meget godt"), _("Vurdering med fem svar")),
    ScaleEnds(
        "godt_0_100",
        0,
        100,
        _("dårligst"),
        _("bedst"),
        _("Score 0–100, hvor højt er godt (fx trivselsmålinger)"),
    ),
    ScaleEnds(
        "pct_positiv",
        0,
        100,
        _("ingen svarer positivt"),
        _("alle svarer positivt"),
        _("Andel positive svar i procent"),
    ),
    ScaleEnds(
        "godt_1_10", 1, 10, _("meget dårligt"), _("rigtig godt"), _("Skala 1–10 som Metode 1")
    ),
]
SURVEY_SCALE_CODES = {scale.code: scale for scale in SURVEY_SCALES}
OWN_SCALE = "egen"

# The psychosocial risk factors named in the rules (bekendtgørelse om psykisk arbejdsmiljø).
RISK_FACTORS = [
    Item("arbejdsmaengde", _("Stor arbejdsmængde og tidspres")),
    Item("uklare_krav", _("Uklare eller modstridende krav")),
    Item("foelelsesmaessige_krav", _("Høje følelsesmæssige krav")),
    Item("kraenkende", _("Krænkende handlinger, herunder mobning og seksuel chikane")),
    Item("vold", _("Vold og trusler")),
]

# Metode 5, box "Kendte risici inden for undervisning og universiteter": Arbejdstilsynet's
# arbejdsmiljøvejvisere nr. 35 and 36.
FOCUS_POINTS = [
    Item("arbejdsmaengde", _("Stor arbejdsmængde"), _("Metode 5, vejviser nr. 35/36")),
    Item("krav", _("Modstridende eller uklare krav"), _("Metode 5, vejviser nr. 35/36")),
    Item("social_stoette", _("Manglende social støtte"), _("Metode 5, vejviser nr. 35/36")),
    Item(
        "konflikter",
        _("Konflikter og mobning eller seksuel chikane"),
        _("Metode 5, vejviser nr. 35/36"),
    ),
    Item(
        "forudsigelighed",
        _("Mangel på forudsigelighed og jobusikkerhed"),
        _("Metode 5, vejviser nr. 35/36"),
    ),
    Item("indflydelse", _("Ringe indflydelse på eget arbejde"), _("Metode 5, vejviser nr. 35/36")),
    Item(
        "elever",
        _("Elever med svære problemer og konflikter med elever"),
        _("Metode 5, vejviser nr. 35/36"),
    ),
    Item(
        "vold",
        _("Vold og andre chokerende begivenheder"),
        _("Metode 5, vejviser nr. 35/36"),
    ),
]

# Metode 4, Forslag 2: how to prepare a focused gennemgang.
GENNEMGANG_QUESTIONS = [
    Item(
        "hvornaar",
        _(
            "Hvornår skal I gennemføre gennemgangen, så I får et typisk indtryk af "
            "arbejdsforholdene?"
        ),
        _("Metode 4, Forslag 2"),
    ),
    Item("tema", _("Hvilket arbejdsmiljøtema har I fokus på?"), _("Metode 4, Forslag 2")),
    Item(
        "indtryk",
        _("Hvor eller hvordan kan I få et dækkende indtryk af forholdene?"),
        _("Metode 4, Forslag 2"),
    ),
    Item(
        "orientering",
        _("Kan arbejdspladsen med fordel orienteres i forvejen?"),
        _("Metode 4, Forslag 2"),
    ),
    Item(
        "tal_med",
        _("Tal også med dem, der ikke umiddelbart er berørt – de har ofte observeret noget."),
        _("Metode 4, Forslag 2"),
    ),
    Item(
        "doerkarm",
        _(
            "Dørkarmsinterview: Hvordan går det egentligt lige nu? Hvem går du til, hvis der "
            "er pres på?"
        ),
        _("Metode 4, Forslag 3 (s. 13)"),
    ),
    Item(
        "sidemand",
        _("Sidemandsinterview: Hvad optager dig fagligt og trivselsmæssigt lige nu?"),
        _("Metode 4, Forslag 3 (s. 13)"),
    ),
    Item(
        "team",
        _("Dialog i teamet: Hvilke opgaver giver energi i arbejdet, og hvilke dræner?"),
        _("Metode 4, Forslag 3 (s. 13)"),
    ),
]

# Metode 5, Forslag 1: the themes of the example change risk assessment.
CHANGE_THEMES = [
    Item(
        "fysiske",
        _("Fysiske forhold"),
        _("Metode 5, Forslag 1"),
    ),
    Item(
        "utryghed",
        _("Trivsel: utryghed om fremtidige opgaver, kolleger, leder"),
        _("Metode 5, Forslag 1"),
    ),
    Item(
        "social",
        _("Trivsel: dårlig social trivsel efter ændring af organisation"),
        _("Metode 5, Forslag 1"),
    ),
    Item("rygter", _("Trivsel: rygtedannelse"), _("Metode 5, Forslag 1")),
]

# Metode 5, Forslag 2: "Få overblik over risikoen" (vold og trusler).
VOLD_QUESTIONS = [
    Item(
        "definition",
        _("Hvordan definerer I vold og trusler hos jer – både fysisk og psykisk?"),
        _("Metode 5, Forslag 2"),
    ),
    Item(
        "former",
        _("Hvilke former for trusler og vold risikerer I at møde? Hvor ofte og hvor alvorligt?"),
        _("Metode 5, Forslag 2"),
    ),
    Item(
        "hvor_hvornaar",
        _(
            "Hvor og hvornår er risikoen størst? Hvilke situationer og tidspunkter kræver "
            "særlig opmærksomhed?"
        ),
        _("Metode 5, Forslag 2"),
    ),
    Item(
        "udsatte",
        _("Er der særligt udsatte medarbejdere, fx praktikanter, vikarer og nyansatte?"),
        _("Metode 5, Forslag 2"),
    ),
    Item(
        "allerede",
        _("Hvad har I allerede gjort for at håndtere og undgå risici? Er der behov for mere?"),
        _("Metode 5, Forslag 2"),
    ),
    Item(
        "moenstre",
        _("Hvilke mønstre kan I se i de episoder, I allerede har registreret?"),
        _("Metode 5, Forslag 2"),
    ),
    Item(
        "registrering",
        _("Hvad er praksis hos jer for registrering af uønskede hændelser?"),
        _("Metode 5, Forslag 2"),
    ),
]

# Metode 5, Forslag 3: the three colours of tasks.
TASK_COLOURS = [
    Item(
        "groen",
        _("Grønne opgaver: rutineprægede, præget af forudsigelighed"),
        _("Metode 5, Forslag 3"),
    ),
    Item(
        "gul",
        _("Gule opgaver: mere komplekse, udfordrer fagligt, men inden for egen kontrol"),
        _("Metode 5, Forslag 3"),
    ),
    Item(
        "roed",
        _(
            "Røde opgaver: kræver overblik, korte deadlines eller tempo; på kanten af egen "
            "kapacitet"
        ),
        _("Metode 5, Forslag 3"),
    ),
]


def label(items: list[Item], code: str) -> str:
    return next((str(item.text) for item in items if item.code == code), code)


def choices(items: list[Item]) -> list[tuple[str, str]]:
    return [(item.code, item.text) for item in items]  # type: ignore[misc]
