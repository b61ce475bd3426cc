"""The rules an AMG is held to, as data: the laws they come from, the inspector's thirteen
points, and each rule with its paragraph, what it requires, its deadlines and where it was read.

Validated by `forkant.obligations.catalogue` and the system check `forkant.E002` (a broken entry
fails `manage.py check`). When a law changes, change it here: the checks read their deadlines
from `parameters`, never from numbers of their own.

Where the citations come from (checked on 6 December 2026, without access to retsinformation.dk
from the machine this was written on): the issue that asked for the checks and the booklet "På
forkant" (shared/seeds) gave the laws; the paragraphs were read in the texts Arbejdstilsynet and
Folketinget publish (at.dk; ft.dk's copy of BEK nr. 1838 and of L 67, 2023-24, which became lov
nr. 1540 af 12/12/2023) and elov.dk's copy of BEK nr. 799. A `paragraph` is left empty where
those sources did not show it; `source_url` then points at where the requirement is described.
Deadlines that are the app's own choice, not the law's (how early to warn, the yearly review of
the violence guidelines, the gap between AMG meetings), say so in the rule's text.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

CHECKED_ON = "2026-12-06"

LAWS = [
    {
        "key": "arbejdsmiljoeloven",
        "title": "Lov om arbejdsmiljø",
        "citation": "LBK nr. 2062 af 16/11/2021 med senere ændringer",
        "url": "https://www.retsinformation.dk/eli/lta/2021/2062",
        "checked_on": CHECKED_ON,
        "note": "§ 15 a og § 9, stk. 1 (som ændret ved lov nr. 1540 af 12/12/2023) efter at.dk "
        "og ft.dk.",
    },
    {
        "key": "systematisk",
        "title": "Bekendtgørelse om systematisk arbejdsmiljøarbejde",
        "citation": "BEK nr. 1838 af 14/12/2023",
        "url": "https://www.retsinformation.dk/eli/lta/2023/1838",
        "checked_on": CHECKED_ON,
        "note": "Kapitel 2 og § 2 efter Folketingets kopi (BEU Alm.del 2023-24, bilag 99).",
    },
    {
        "key": "psykisk",
        "title": "Bekendtgørelse om psykisk arbejdsmiljø",
        "citation": "BEK nr. 1406 af 26/09/2020",
        "url": "https://www.retsinformation.dk/eli/lta/2020/1406",
        "checked_on": CHECKED_ON,
        "note": "Kapitel 3: de særlige regler om de fem påvirkninger, efter at.dk.",
    },
    {
        "key": "anmeldelse",
        "title": "Bekendtgørelse om anmeldelse af arbejdsulykker m.v. til Arbejdstilsynet",
        "citation": "BEK nr. 799 af 03/06/2022",
        "url": "https://www.retsinformation.dk/eli/lta/2022/799",
        "checked_on": CHECKED_ON,
        "note": "§ 1, stk. 1 og 2: senest 14 dage efter første fraværsdag.",
    },
]

# The thirteen points an inspector goes through at a grundtilsyn, in their order.
POINTS = [
    (1, _("Arbejdsmiljøorganisationen: medlemmer og roller")),
    (2, _("APV for alle områder inden for 3 år og efter ændringer")),
    (3, _("Risikovurdering af problemerne og de psykosociale risikofaktorer")),
    (4, _("Sygefraværet er inddraget i APV’en")),
    (5, _("En fuldstændig handlingsplan og de permanente risici")),
    (6, _("Opfølgning til tiden")),
    (7, _("AMG-møder holdt, med fremmøde")),
    (8, _("“Ingen problemer fundet”, hvor APV’en ikke fandt nogen")),
    (9, _("Den årlige arbejdsmiljødrøftelse med referat")),
    (10, _("Arbejdsmiljøuddannelse")),
    (11, _("Arbejdsulykker med fravær anmeldt i EASY")),
    (12, _("Skriftlige retningslinjer om vold og trusler")),
    (13, _("APV’en er tilgængelig for de ansatte")),
]

RULES = [
    {
        "key": "amo-members",
        "point": 1,
        "law": "arbejdsmiljoeloven",
        "paragraph": "kapitel 3",
        "title": _("Arbejdsmiljøorganisationens medlemmer og roller"),
        "text": _(
            "Arbejdsmiljøgruppen har en leder og en arbejdsmiljørepræsentant, og det fremgår, "
            "hvem der har hvilken rolle."
        ),
        "parameters": {"roles": ["leder", "amr"]},
        "checked_on": CHECKED_ON,
        "source_url": "https://www.retsinformation.dk/eli/lta/2021/2062",
    },
    {
        "key": "apv-revision",
        "point": 2,
        "law": "arbejdsmiljoeloven",
        "paragraph": "§ 15 a",
        "title": _("APV for hvert område mindst hvert %(years)s. år"),
        "text": _(
            "Arbejdspladsvurderingen skal revideres, når der sker ændringer af betydning for "
            "arbejdsmiljøet, og mindst hvert %(years)s. år. Appen advarer %(warn_days)s dage før."
        ),
        "parameters": {"years": 3, "warn_days": 90},
        "checked_on": CHECKED_ON,
        "source_url": "https://at.dk/regler/at-vejledninger/systematisk-arbejdsmiljoearbejde-1-3-1/",
    },
    {
        "key": "apv-changes",
        "point": 2,
        "law": "arbejdsmiljoeloven",
        "paragraph": "§ 15 a",
        "title": _("Revision efter ændringer"),
        "text": _(
            "En ændring i arbejdet, arbejdsmetoderne eller arbejdsprocesserne af betydning for "
            "arbejdsmiljøet (omorganisering, flytning, nyt IT-system) kræver en revision af "
            "APV’en for de områder, den berører."
        ),
        "parameters": {},
        "checked_on": CHECKED_ON,
        "source_url": "https://at.dk/regler/at-vejledninger/systematisk-arbejdsmiljoearbejde-1-3-1/",
    },
    {
        "key": "risk-assessment",
        "point": 3,
        "law": "systematisk",
        "paragraph": "§ 2, stk. 2, nr. 1",
        "title": _("Risikovurdering af hvert problem"),
        "text": _(
            "APV’en skal indeholde en risikovurdering af arbejdsmiljøproblemerne på grundlag af "
            "en afdækning af arbejdsmiljøforholdene: for hvert problem hvor sandsynligt og "
            "alvorligt det er, hvem det rammer, og hvad årsagen er."
        ),
        "parameters": {},
        "checked_on": CHECKED_ON,
        "source_url": "https://www.retsinformation.dk/eli/lta/2023/1838",
    },
    {
        "key": "psychosocial-factors",
        "point": 3,
        "law": "psykisk",
        "paragraph": "kapitel 3",
        "title": _("De fem psykosociale risikofaktorer vurderet"),
        "text": _(
            "For hver af de fem påvirkninger, bekendtgørelsen har særlige regler om – stor "
            "arbejdsmængde og tidspres; uklare eller modstridende krav; høje følelsesmæssige "
            "krav; krænkende handlinger, herunder mobning og seksuel chikane; arbejdsrelateret "
            "vold, også uden for arbejdstid – er det vurderet, om den findes, ikke findes eller "
            "ikke er relevant, og hvorfor."
        ),
        "parameters": {
            "factors": [
                "arbejdsmaengde",
                "uklare_krav",
                "foelelsesmaessige_krav",
                "kraenkende",
                "vold",
            ]
        },
        "checked_on": CHECKED_ON,
        "source_url": "https://at.dk/arbejdsmiljoeproblemer/psykisk-arbejdsmiljoe/om-psykisk-arbejdsmiljoe/bekendtgoerelse-om-psykisk-arbejdsmiljoe",
    },
    {
        "key": "absence-included",
        "point": 4,
        "law": "systematisk",
        "paragraph": "§ 2, stk. 2, nr. 2",
        "title": _("Sygefraværet inddraget"),
        "text": _(
            "Sygefraværet skal inddrages i APV’en for at vurdere, om forhold i arbejdsmiljøet "
            "kan medvirke til det."
        ),
        "parameters": {},
        "checked_on": CHECKED_ON,
        "source_url": "https://www.retsinformation.dk/eli/lta/2023/1838",
    },
    {
        "key": "action-plan",
        "point": 5,
        "law": "systematisk",
        "paragraph": "§ 2, stk. 2, nr. 3",
        "title": _("En skriftlig handlingsplan for problemerne"),
        "text": _(
            "Problemer, der ikke kan løses med det samme, skal have en skriftlig handlingsplan. "
            "For hver handling: problemet og dets årsag, hvad der gøres, hvem der er ansvarlig, "
            "en frist og en dato for opfølgning – og fristen skal holdes."
        ),
        "parameters": {},
        "checked_on": CHECKED_ON,
        "source_url": "https://www.retsinformation.dk/eli/lta/2023/1838",
    },
    {
        "key": "permanent-risks",
        "point": 5,
        "law": "systematisk",
        "paragraph": "§ 2, stk. 2, nr. 3",
        "title": _("De permanente risici holdes i handlingsplanen"),
        "text": _(
            "Risici, der hører til arbejdet og ikke forsvinder (fx udadreagerende borgere eller "
            "elever), står i handlingsplanen med deres faste forebyggelse og føres med over i "
            "næste APV."
        ),
        "parameters": {},
        "checked_on": CHECKED_ON,
        "source_url": "https://www.retsinformation.dk/eli/lta/2023/1838",
    },
    {
        "key": "follow-up",
        "point": 6,
        "law": "systematisk",
        "paragraph": "§ 2, stk. 2, nr. 4",
        "title": _("Opfølgning på handlingsplanen til tiden"),
        "text": _(
            "Handlingsplanen skal følges op: hver handlings opfølgning sker senest på den aftalte "
            "dato. Appen advarer %(warn_days)s dage før."
        ),
        "parameters": {"warn_days": 14},
        "checked_on": CHECKED_ON,
        "source_url": "https://www.retsinformation.dk/eli/lta/2023/1838",
    },
    {
        "key": "amo-meetings",
        "point": 7,
        "law": "arbejdsmiljoeloven",
        "paragraph": "kapitel 3",
        "title": _("AMG-møder holdt, med fremmøde"),
        "text": _(
            "Arbejdsmiljøgruppen mødes jævnligt, og det fremgår, hvem der deltog. Loven "
            "fastsætter ingen mødefrekvens; appen bruger årshjulets kvartalsvise AMG-møder (På "
            "forkant, Metode 8) og regner højst %(max_days_between)s dage mellem to møder."
        ),
        "parameters": {"max_days_between": 120, "warn_days": 30},
        "checked_on": CHECKED_ON,
        "source_url": "https://www.retsinformation.dk/eli/lta/2021/2062",
    },
    {
        "key": "no-problems-statement",
        "point": 8,
        "law": "systematisk",
        "paragraph": "§ 2, stk. 2",
        "title": _("Erklæring, når kortlægningen ikke fandt problemer"),
        "text": _(
            "APV’en skal være skriftlig, også når kortlægningen ikke fandt problemer: hvornår "
            "den blev gennemført, med hvem, og at der ikke blev fundet nogen."
        ),
        "parameters": {},
        "checked_on": CHECKED_ON,
        "source_url": "https://www.retsinformation.dk/eli/lta/2023/1838",
    },
    {
        "key": "annual-discussion",
        "point": 9,
        "law": "systematisk",
        "paragraph": "kapitel 2",
        "title": _("Den årlige arbejdsmiljødrøftelse"),
        "text": _(
            "Arbejdsgiveren skal hvert år gennemføre en arbejdsmiljødrøftelse med "
            "arbejdsmiljøorganisationen og skriftligt kunne dokumentere, at den har fundet sted. "
            "Appen advarer %(warn_days)s dage før, der er gået %(months)s måneder."
        ),
        "parameters": {"months": 12, "warn_days": 60},
        "checked_on": CHECKED_ON,
        "source_url": "https://at.dk/regler/at-vejledninger/systematisk-arbejdsmiljoearbejde-1-3-1/",
    },
    {
        "key": "mandatory-training",
        "point": 10,
        "law": "arbejdsmiljoeloven",
        "paragraph": "§ 9, stk. 1",
        "title": _("Den obligatoriske arbejdsmiljøuddannelse inden %(months)s måneder"),
        "text": _(
            "Lederen og arbejdsmiljørepræsentanten i arbejdsmiljøorganisationen skal have "
            "gennemført den obligatoriske arbejdsmiljøuddannelse (%(days)s dage) senest %(months)s "
            "måneder efter "
            "tiltrædelsen."
        ),
        "parameters": {"months": 3, "days": 3},
        "checked_on": CHECKED_ON,
        "source_url": "https://www.retsinformation.dk/eli/lta/2021/2062",
    },
    {
        "key": "supplementary-training",
        "point": 10,
        "law": "arbejdsmiljoeloven",
        "paragraph": "",
        "title": _("Supplerende arbejdsmiljøuddannelse tilbudt hvert år"),
        "text": _(
            "Arbejdsgiveren skal tilbyde lederen og arbejdsmiljørepræsentanten supplerende "
            "arbejdsmiljøuddannelse: %(first_year_days)s dage i det første funktionsår og "
            "%(later_year_days)s dag i hvert af de "
            "følgende. Appen advarer %(warn_days)s dage før funktionsåret slutter."
        ),
        "parameters": {"first_year_days": 2, "later_year_days": 1.5, "warn_days": 60},
        "checked_on": CHECKED_ON,
        "source_url": "https://at.dk/spoergsmaal-svar/s/supplerende-arbejdsmiljoeuddannelse-hvornaar/",
    },
    {
        "key": "easy-report",
        "point": 11,
        "law": "anmeldelse",
        "paragraph": "§ 1, stk. 1 og 2",
        "title": _("Arbejdsulykker med fravær anmeldt i EASY inden %(days)s dage"),
        "text": _(
            "En arbejdsulykke – også arbejdsrelateret vold, trusler og anden krænkende adfærd "
            "uden for arbejdstid – der giver fravær ud over tilskadekomstdagen, skal anmeldes "
            "snarest og senest %(days)s dage efter første fraværsdag, i EASY."
        ),
        "parameters": {"days": 14},
        "checked_on": CHECKED_ON,
        "source_url": "https://at.dk/regler/bekendtgoerelser/anmeldelse-arbejdsulykker-arbejdstilsynet-799/",
    },
    {
        "key": "violence-guideline",
        "point": 12,
        "law": "psykisk",
        "paragraph": "kapitel 3",
        "title": _("Skriftlige retningslinjer om vold og trusler"),
        "text": _(
            "Hvor arbejdet indebærer risiko for vold og trusler, skal der være retningslinjer "
            "for at identificere, forebygge og håndtere vold, og alle skal kende dem. Appen "
            "beder om en gennemgang hver %(review_months)s. måned og advarer %(warn_days)s "
            "dage før."
        ),
        "parameters": {"review_months": 12, "warn_days": 60},
        "checked_on": CHECKED_ON,
        "source_url": "https://at.dk/D-4-3",
    },
    {
        "key": "apv-available",
        "point": 13,
        "law": "arbejdsmiljoeloven",
        "paragraph": "§ 15 a",
        "title": _("APV’en er tilgængelig for de ansatte"),
        "text": _(
            "Arbejdspladsvurderingen skal være skriftlig og tilgængelig for ledelsen, de ansatte "
            "og Arbejdstilsynet: hvor og siden hvornår."
        ),
        "parameters": {},
        "checked_on": CHECKED_ON,
        "source_url": "https://www.retsinformation.dk/eli/lta/2021/2062",
    },
]
