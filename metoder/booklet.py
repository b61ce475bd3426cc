"""The booklet's words and lists that metoder uses, as data with where they come from.

From BFA's booklet "På forkant" (seed 000): the årshjul's example agendas and the
before/during/after checklist of an AMG-møde (kapitel 2, Metode 8), and the annual evaluation's
questions and required points (Metode 7). Like `apv/catalogue.py`, nothing here is written into
templates or code: pages, forms and services read it from here.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

# The year (årshjul) ------------------------------------------------------------------------------

# The booklet's example wheel (kapitel 2, Metode 8): one AMG-møde a quarter with its agenda.
BOOKLET_AGENDAS: dict[int, tuple[str, list[str]]] = {
    1: (
        "Fokus på forebyggelse af vold og fremme af arbejdsglæde",
        [
            "Siden sidst: status fra tavlemøderne og fremdrift i handleplanen",
            "Fokus på forebyggelse af vold og fremme af arbejdsglæde",
            "Input fra arbejdspladsen: Er det stadig de relevante fokuspunkter under temaet?",
            "Opdatering af handleplan",
        ],
    ),
    2: (
        "Risikovurdering af forestående organisationsændring",
        [
            "Siden sidst: status fra tavlemøderne og fremdrift i handleplanen",
            "Risikovurdering af forestående organisationsændring",
            "Valg af ny arbejdsmiljørepræsentant – intro til AMG's arbejde",
            "Opdatering af handleplan",
        ],
    ),
    3: (
        "Føling med organisationen og åben gennemgang",
        [
            "Siden sidst: Hvad er der sket? Herunder opsamling fra tavlemøder med status på "
            "fremdrift i handleplanen",
            "Dørkarmsinterview: Hvor har vi besøgt, og hvilke indblik gav det? Hvad kræver "
            "handling eller fortsat fokus?",
            "Føling med organisationen: Er der områder, vi ikke er nået rundt til? Kan nogen "
            "hjælpe os? Kan vi selv få det gjort?",
            "Opdatering af handleplan ud fra aftalte fokusområder og status på tavlemøder",
        ],
    ),
    4: (
        "Årlig evaluering og status på APV-arbejdet",
        [
            "Årlig evaluering med inddragelse af arbejdspladsen og status på APV-arbejdet",
            "Vurdering af kompetencebehov",
            "Opdatering af årshjul",
            "Opdatering af handleplan",
        ],
    ),
}

# "Før, under og efter mødet" (the booklet's example of the third quarter's meeting).
CHECKLIST: list[tuple[str, str, list[tuple[str, str]]]] = [
    (
        "foer",
        "Før mødet",
        [
            ("foer-doerkarm", "Åbne dørkarmsinterview"),
            ("foer-input", "Opsamling på input med fokus på overlevering"),
            ("foer-dagsorden", "Dagsorden udformet og gensidigt afstemt. Referent aftalt"),
        ],
    ),
    (
        "under",
        "På mødet",
        [
            ("under-siden-sidst", "Siden sidst, herunder opsamling fra tavlemøderne"),
            ("under-indtryk", "Fremlæggelse af indtryk fra dørkarmsinterview"),
            ("under-foeling", "Føling med organisationen: områder vi ikke er nået rundt til"),
            ("under-handleplan", "Opdatering af handleplan"),
        ],
    ),
    (
        "efter",
        "Efter mødet",
        [
            ("efter-referat", "Referat skrives, godkendes og udsendes til arbejdspladsen"),
            (
                "efter-orientering",
                "Orientering til alle om ny indsats og hvad der sættes i bero "
                "(mail og personalemøde)",
            ),
            ("efter-aarlig", "Planlægning af proces med årlig drøftelse"),
        ],
    ),
]
CHECKLIST_KEYS = frozenset(key for _g, _l, items in CHECKLIST for key, _t in items)

# The annual evaluation (årlig arbejdsmiljødrøftelse) ----------------------------------------------


class Question:
    """A question from the booklet, with its source; `code` keys the answer in `answers`."""

    def __init__(self, code: str, text: str, source: str, detail: str = "") -> None:
        self.code = code
        self.text = text
        self.detail = detail
        self.source = source

    @property
    def field_name(self) -> str:
        return f"q_{self.code}"


_M7 = _("Metode 7, s. 21")

# "Først i bakspejlet": what the look-back table answers, column by column.
BACK_QUESTIONS = [
    Question(
        "planlagt",
        _("Hvad havde vi planlagt og aftalt?"),
        _M7,
        _("Hvad skulle der helt konkret udføres i handleplanen?"),
    ),
    Question(
        "hvorfor",
        _("Hvorfor skulle det ske?"),
        _M7,
        _(
            "Tænk tilbage på dengang I lavede handleplanen: Hvilket forhold skulle indsatsen "
            "påvirke positivt?"
        ),
    ),
    Question("lykkedes", _("Lykkedes det så?"), _M7, _("Havde indsatsen den ønskede virkning?")),
]

# "Så mod arbejdsmiljøet i dag og fremadrettet": each answered in a field of its own.
AHEAD_QUESTIONS = [
    Question(
        "nu",
        _("Hvordan er jeres arbejdsmiljø, sådan som det er lige nu?"),
        _M7,
    ),
    Question(
        "apv",
        _("Er APV-resultater og -indsatser stadig dækkende?"),
        _M7,
        _("Er det stadig de vigtigste forhold, som I ser det?"),
    ),
    Question(
        "aendringer", _("Er der sket vigtige ændringer siden jeres seneste kortlægning?"), _M7
    ),
    Question("forbedringer", _("Hvor får I lyst til at lave forbedringer?"), _M7),
    Question(
        "krav",
        _("Er der krav, som I gerne vil skrue ned for?"),
        _M7,
        _("Er der ressourcer, som I gerne vil skrue op for?"),
    ),
    Question("andet", _("Er der andre idéer og forslag til input til den årlige drøftelse?"), _M7),
]
AHEAD_CODES = [q.code for q in AHEAD_QUESTIONS]

# The dørkarm-interview's three questions for collecting the workplace's input (Metode 7, p. 21,
# with the dørkarmsinterview of page 13).
DOORSTEP_QUESTIONS = [
    _("Hvad har fungeret godt?"),
    _("Hvad er I endnu ikke kommet i mål med?"),
    _("Hvad er der brug for at rette fokus på fremadrettet?"),
]

# The box "Krav til den årlige drøftelse" (Metode 7, p. 21): the points the drøftelse must cover,
# each answered by a field of AnnualEvaluation (the new goals are EvaluationGoal rows).
REQUIRED_POINTS = [
    ("goals_met", _("Er målene fra det foregående år nået?")),
    ("focus", _("Hvad skal være fokus på i det kommende år?")),
    ("goals", _("Hvad er de nye mål for det kommende år?")),
    (
        "cooperation",
        _("Hvordan skal samarbejdet om arbejdsmiljøet foregå, og hvordan vil vi nå målene?"),
    ),
    ("training", _("Hvordan vil I bruge jeres ret til årlig supplerende arbejdsmiljøuddannelse?")),
    ("expertise_present", _("Har arbejdsmiljøorganisationen den nødvendige ekspertise?")),
]
REQUIREMENTS_SOURCE = _("Metode 7, boksen “Krav til den årlige drøftelse”, s. 21")

TRAINING_RIGHT = _(
    "Både arbejdsmiljørepræsentanter og ledere har ret til to dages supplerende "
    "arbejdsmiljøuddannelse inden for det første år og 1,5 dag de følgende år."
)

# "Fire gode råd til arbejdsmiljøarbejdet fra Arbejdsmiljørådet" (2017), quoted in the booklet.
FOUR_ADVICE = [
    (
        _("Et godt samarbejde er vejen til et godt arbejdsmiljø"),
        _("Jeres lokale samarbejde er centrum for indsatsen."),
    ),
    (
        _("Tænk arbejdsmiljø ind i alle arbejdspladsens aktiviteter"),
        _("Både den strategiske ledelse og den daglige drift."),
    ),
    (
        _("Sæt mål for arbejdsmiljøet og målret kompetencerne"),
        _(
            "Tal strategisk om arbejdsmiljøet mindst én gang om året, hvor I også drøfter, "
            "hvilke kompetencer og uddannelser der er brug for."
        ),
    ),
    (
        _("Brug den supplerende uddannelse til at styrke jeres arbejdsmiljøarbejde"),
        _(
            "Husk, at arbejdsmiljørepræsentanter og ledere har ret til to dages supplerende "
            "arbejdsmiljøuddannelse inden for det første år – og 1,5 dag de følgende år."
        ),
    ),
]
FOUR_ADVICE_SOURCE = _("Arbejdsmiljørådet 2017, gengivet i “På forkant”")
