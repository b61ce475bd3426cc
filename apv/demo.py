"""The demo school's APV: a closed APV from three years ago and the revision in progress, with
every kind of kortlægning, problems linked to the existing cards, the five psychosocial risk
factors assessed, follow-ups, sickness absence (with one small unit that must be suppressed), a
risk assessment of each kind, incidents and the guidelines on violence and threats.

"Klar til tilsyn?" tells a realistic story from it: most points in order; the areas due for their
3-year revision within weeks while the revision is under way and the guidelines due for their
yearly review (due soon); an accident with absence not reported in EASY and a follow-up past its
date (overdue).

Called from composition.demo.workplace after the board exists; safe to run again (matched by title).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from apv import catalogue, services
from apv.models import APV, Area, Problem, RiskAssessment
from apv.survey_csv import Row
from forkant.models import AMG, Membership
from handleplan.models import Action, Theme

OLD_TITLE = "APV 2023 – hele skolen"
NEW_TITLE = "APV 2026 – revision efter ny organisation"

AREAS = [
    # name, kind, days since last assessed (None: never), employees
    ("Indskolingen", Area.Kind.ENHED, 3 * 365 - 40, 16),
    ("Mellemtrinnet", Area.Kind.ENHED, 3 * 365 - 40, 14),
    ("Udskolingen", Area.Kind.ENHED, 3 * 365 - 40, 18),
    ("SFO", Area.Kind.ENHED, 3 * 365 - 40, 11),
    ("Administrationen", Area.Kind.ENHED, 3 * 365 - 40, 3),
    ("Faglokaler og værksteder", Area.Kind.LOKALE, 400, None),
]

# The trivselsmålinger's scale, as confirmed at import (catalogue.SURVEY_SCALES, "enig_1_5").
AGREE_1_5 = {
    "scale_low": Decimal(1),
    "scale_high": Decimal(5),
    "low_means": "helt uenig",
    "high_means": "helt enig",
}


def _line(*counts: int) -> list[int]:
    return list(counts)


def load_school_apv(amg: AMG, today: datetime.date) -> None:
    if APV.objects.filter(amg=amg, title=NEW_TITLE).exists():
        return
    areas = {}
    for name, kind, _days, _employees in AREAS:
        area = Area.objects.filter(amg=amg, name=name).first() or services.create_area(
            amg=amg, name=name, kind=kind
        )
        areas[name] = area
    members = list(Membership.objects.filter(amg=amg, read_only=False).select_related("user"))
    themes = {t.name: t for t in Theme.objects.filter(amg=amg)}
    cards = {a.title: a for a in Action.objects.filter(amg=amg)}

    # Three years ago: a questionnaire APV for the whole school, closed.
    old = services.start_apv(
        amg=amg,
        title=OLD_TITLE,
        method=APV.Method.SPOERGESKEMA,
        start_date=today - datetime.timedelta(days=3 * 365 + 10),
        scope="Hele skolen: fysisk og psykisk arbejdsmiljø.",
        areas=[a for n, a in areas.items() if n != "Faglokaler og værksteder"],
        members=members,
        other_participants="MED-udvalget",
    )
    services.import_survey(
        apv=old,
        title="APV-spørgeskema 2023",
        filename="apv-2023.csv",
        rows=[
            Row(2, "Jeg har tid nok til mine opgaver", Decimal("2.9"), "", 41),
            Row(3, "Jeg ved, hvad der forventes af mig", Decimal("3.6"), "", 41),
            Row(4, "Jeg har oplevet trusler fra elever eller forældre", Decimal("1.8"), "", 41),
        ],
        **AGREE_1_5,
    )
    services.save_problem(
        apv=old,
        title="Tidspres i udskolingen",
        description="Mange lærere i udskolingen når ikke forberedelsen inden for arbejdstiden.",
        area=areas["Udskolingen"],
        affected="Lærerne i 7.–9. årgang",
        affected_count=18,
        probability=4,
        consequence=3,
        cause="Flere elever med særlige behov og mange møder.",
        risk_factors=["arbejdsmaengde"],
        focus_points=["arbejdsmaengde", "krav"],
        sources=[Problem.Source.SPOERGESKEMA],
        urgency=Problem.Urgency.HURTIGT,
    )
    services.close_apv(apv=old, today=today - datetime.timedelta(days=3 * 365 - 40))
    services.set_availability(
        apv=old,
        on=today - datetime.timedelta(days=3 * 365 - 45),
        how="På intranettet under Arbejdsmiljø og i mappen i personalerummet",
    )
    # The areas were assessed at different times since; set the dates the demo tells.
    for name, _kind, days, _employees in AREAS:
        Area.objects.filter(pk=areas[name].pk).update(
            last_assessed=today - datetime.timedelta(days=days) if days else None
        )

    # A change since: the SFO and the indskoling were merged and moved.
    services.register_change(
        amg=amg,
        date=today - datetime.timedelta(days=75),
        kind="omorganisering",
        description="SFO og indskoling lagt sammen under én afdelingsleder; flytning til ny fløj",
        areas=[areas["Indskolingen"], areas["SFO"]],
    )

    # The revision, started from the old APV (its problem comes along).
    apv = services.start_apv(
        amg=amg,
        title=NEW_TITLE,
        method=APV.Method.KOMBINERET,
        start_date=today - datetime.timedelta(days=60),
        scope=(
            "Indskolingen, SFO og udskolingen efter sammenlægningen; psykisk arbejdsmiljø "
            "(arbejdsmængde, krav, vold og trusler) og de nye lokaler."
        ),
        areas=[areas[n] for n in ("Indskolingen", "SFO", "Udskolingen", "Administrationen")],
        members=members,
        other_participants="Teamkoordinatorerne, MED-udvalget",
        previous=old,
    )
    session = services.add_dialog_session(
        apv=apv,
        date=today - datetime.timedelta(days=45),
        participants=34,
        counts={
            "arbejdsmaengden": _line(1, 3, 6, 8, 6, 4, 3, 2, 1, 0),
            "kravene": _line(0, 2, 4, 6, 8, 6, 4, 3, 1, 0),
            "konflikter": _line(2, 3, 5, 7, 6, 5, 3, 2, 1, 0),
            "arbejdsglaeden": _line(0, 0, 1, 2, 4, 6, 9, 7, 4, 1),
            "samlet": _line(0, 1, 2, 4, 7, 8, 6, 4, 2, 0),
        },
        reflections=(
            "Arbejdsglæden er høj, men mange står lavt på arbejdsmængden. Flere i indskolingen "
            "nævner uro efter sammenlægningen og episoder med udadreagerende elever."
        ),
        proposals=(
            "Faste teammøder med dagsorden i stedet for ad hoc-møder\n"
            "Én fælles kalender for indskoling og SFO\n"
            "Makkerordning for nye kolleger"
        ),
    )
    if STRESS in themes:
        services.park_proposals(session=session, theme=themes[STRESS])
    services.import_survey(
        apv=apv,
        title="Trivselsmåling 2026",
        filename="trivsel-2026.csv",
        rows=[
            Row(2, "Jeg har tid nok til mine opgaver", Decimal("2.7"), "Indskolingen", 15),
            Row(3, "Jeg har tid nok til mine opgaver", Decimal("3.4"), "Mellemtrinnet", 13),
            Row(4, "Jeg har tid nok til mine opgaver", Decimal("2.5"), "Udskolingen", 17),
            Row(5, "Jeg ved, hvad der forventes af mig", Decimal("2.9"), "Indskolingen", 15),
            Row(6, "Jeg ved, hvad der forventes af mig", Decimal("3.8"), "Mellemtrinnet", 13),
            Row(7, "Jeg ved, hvad der forventes af mig", Decimal("3.5"), "Udskolingen", 17),
            Row(8, "Jeg føler mig tryg på arbejdet", Decimal("3.1"), "Indskolingen", 15),
            Row(9, "Jeg føler mig tryg på arbejdet", Decimal("4.2"), "Mellemtrinnet", 13),
            Row(10, "Jeg føler mig tryg på arbejdet", Decimal("3.6"), "Udskolingen", 17),
            # Administrationen: 4 answers, never shown (the small-group rule).
            Row(11, "Jeg føler mig tryg på arbejdet", Decimal("2.0"), "Administrationen", 4),
            Row(12, "Jeg har tid nok til mine opgaver", Decimal("3.0"), "Administrationen", 4),
        ],
        **AGREE_1_5,
    )
    services.add_gennemgang(
        apv=apv,
        kind="aaben",
        form="doerkarm",
        where="Indskolingens nye fløj og SFO",
        date=today - datetime.timedelta(days=30),
        participants="Jonas Madsen (AMR), Sara Holm (TR)",
        focus="Samarbejdet efter sammenlægningen",
        general_themes="Travlhed i overgangen mellem skoledag og SFO; uklart, hvem der beslutter.",
        positive="Stor hjælpsomhed mellem kollegerne; de nye lokaler er lyse.",
        negative="Larm i fællesrummet; forberedelsespladser mangler.",
        conflicts="To episoder med en udadreagerende elev i 2.b i sidste måned.",
        urgency="hurtigt",
    )
    services.add_input(
        apv=apv,
        channel="mus",
        date=today - datetime.timedelta(days=20),
        summary="Flere nævner i MUS, at rollerne i den nye afdeling er uklare.",
    )

    carried = apv.problems.get(title="Tidspres i udskolingen")
    services.save_problem(
        apv=apv,
        problem=carried,
        **{
            **{f: getattr(carried, f) for f in services.PROBLEM_FIELDS},
            "probability": 4,
            "consequence": 4,
            "sources": [Problem.Source.SPOERGESKEMA, Problem.Source.DIALOGISK],
        },
    )
    _link(
        carried,
        cards,
        "Overblik over opgaver i 7.-9. årgang",
        "Fælles aftaler om mails efter kl. 17",
    )
    roles = services.save_problem(
        apv=apv,
        title="Uklare roller efter sammenlægningen af SFO og indskoling",
        description="Medarbejderne ved ikke, hvem der træffer beslutninger i hverdagen.",
        area=areas["Indskolingen"],
        affected="Pædagoger og lærere i indskoling og SFO",
        affected_count=27,
        probability=4,
        consequence=3,
        cause="Ny organisation uden afklarede roller for afdelingslederne.",
        risk_factors=["uklare_krav"],
        focus_points=["krav", "forudsigelighed"],
        sources=[Problem.Source.DIALOGISK, Problem.Source.GENNEMGANG, Problem.Source.INPUT],
        urgency=Problem.Urgency.HURTIGT,
    )
    _link(roles, cards, "Tydelige roller for de nye afdelingsledere")
    violence = services.save_problem(
        apv=apv,
        title="Udadreagerende elever i indskolingen",
        description="Episoder med slag og spark mod personalet, især i overgangen til SFO.",
        area=areas["Indskolingen"],
        affected="Personalet i indskolingen og SFO",
        affected_count=27,
        probability=3,
        consequence=4,
        cause="Elever med svære problemer; mange skift i løbet af dagen.",
        risk_factors=["vold", "foelelsesmaessige_krav"],
        focus_points=["elever", "vold"],
        sources=[Problem.Source.GENNEMGANG, Problem.Source.HAENDELSE],
        urgency=Problem.Urgency.LAENGERE,
        permanent=True,
    )
    _link(
        violence,
        cards,
        "Fælles procedure ved udadreagerende elever",
        "Kursus i konflikthåndtering for alle i indskolingen",
    )
    noise = services.save_problem(
        apv=apv,
        title="Støj i indskolingens fællesrum",
        area=areas["Indskolingen"],
        affected="Personale og elever i fællesrummet",
        probability=3,
        consequence=2,
        cause="Hårde overflader i den nye fløj.",
        sources=[Problem.Source.GENNEMGANG],
        urgency=Problem.Urgency.LAENGERE,
    )
    _link(noise, cards, "Bedre akustik i de nye klasselokaler")

    # The five psychosocial risk factors of the rules, each assessed with its reason.
    services.assess_factors(
        apv=apv,
        assessments=[
            (
                "arbejdsmaengde",
                "fundet",
                "Målingen og den dialogiske APV: mange står lavt på arbejdsmængden, især i "
                "udskolingen (se problemet om tidspres).",
            ),
            (
                "uklare_krav",
                "fundet",
                "Rollerne efter sammenlægningen er uklare (MUS og gennemgangen).",
            ),
            (
                "foelelsesmaessige_krav",
                "fundet",
                "Arbejdet med elever med svære problemer i indskolingen og SFO.",
            ),
            (
                "kraenkende",
                "ikke_fundet",
                "Hverken målingen, MUS eller gennemgangen viser mobning eller chikane.",
            ),
            (
                "vold",
                "fundet",
                "Episoder med udadreagerende elever, også registreret som hændelser.",
            ),
        ],
        on=today - datetime.timedelta(days=14),
    )
    services.set_availability(
        apv=apv,
        on=today - datetime.timedelta(days=40),
        how="Foreløbig udgave på intranettet under Arbejdsmiljø; opdateres efter hvert AMG-møde",
    )

    # Follow-up plans and the evaluation log.
    plans = [
        ("Overblik over opgaver i 7.-9. årgang", 20, "Kort spørgerunde i teamene", "Jonas Madsen"),
        ("Fælles aftaler om mails efter kl. 17", 9, "Spørgsmål på personalemødet", "Sara Holm"),
        ("Tydelige roller for de nye afdelingsledere", 45, "Dørkarmsinterviews", "Jonas Madsen"),
        (
            "Fælles procedure ved udadreagerende elever",
            30,
            "Gennemgang af registrerede episoder",
            "Hanne Bech",
        ),
        (
            "Kursus i konflikthåndtering for alle i indskolingen",
            -12,
            "Evaluering i teamet",
            "Hanne Bech",
        ),
        ("Bedre akustik i de nye klasselokaler", 60, "Lydmåling i fællesrummet", "Jonas Madsen"),
    ]
    for title, days, how, who in plans:
        if title in cards:
            services.set_follow_up(
                action=cards[title],
                follow_up_on=today + datetime.timedelta(days=days),
                follow_up_how=how,
                follow_up_who=who,
            )
    if "Fælles procedure ved udadreagerende elever" in cards:
        services.add_evaluation(
            action=cards["Fælles procedure ved udadreagerende elever"],
            date=today - datetime.timedelta(days=10),
            who="Hanne Bech og Jonas Madsen",
            verdict="delvist",
            note="Proceduren kendes i indskolingen, men ikke af vikarerne.",
        )
    if "Overblik over opgaver i 7.-9. årgang" in cards:
        services.add_evaluation(
            action=cards["Overblik over opgaver i 7.-9. årgang"],
            date=today - datetime.timedelta(days=3),
            who="Jonas Madsen",
            verdict="ikke",
            note="Opgavepyramiden er lavet i to af tre teams.",
        )

    # Sickness absence: Administrationen has 3 employees and is never shown on its own.
    employees = {name: n for name, _k, _d, n in AREAS if n}
    base = {
        "Indskolingen": 38,
        "Mellemtrinnet": 25,
        "Udskolingen": 41,
        "SFO": 22,
        "Administrationen": 6,
    }
    for q, factor in (("K1", 1.0), ("K2", 0.8), ("K3", 0.7), ("K4", 1.1)):
        for name, days in base.items():
            short = Decimal(str(round(days * factor, 1)))
            long = Decimal(str(round(days * factor * (0.9 if name == "Udskolingen" else 0.4), 1)))
            services.save_absence(
                apv=apv,
                area=areas[name],
                period=f"{today.year - 1}-{q}",
                employees=employees[name],
                short_days=short,
                long_days=long,
            )
    services.set_absence_assessment(
        apv=apv,
        contributes="delvist",
        assessment=(
            "Langtidsfraværet i udskolingen hænger efter gruppens vurdering sammen med tidspres "
            "og mange møder (se problemet om tidspres). Korttidsfraværet følger sæsonen."
        ),
    )

    _risk_assessments(amg, apv, today, themes, cards)
    _incidents(amg, today, cards)
    _guidelines(amg, today)


STRESS = "Forebyggelse af stress"


def _link(problem: Problem, cards: dict[str, Action], *titles: str) -> None:
    problem.actions.add(*[cards[t] for t in titles if t in cards])


def _risk_assessments(
    amg: AMG, apv: APV, today: datetime.date, themes: dict[str, Theme], cards: dict[str, Action]
) -> None:
    skema = services.save_risk_assessment(
        amg=amg,
        kind=RiskAssessment.Kind.SKEMA,
        apv=apv,
        title="Overgangen fra skoledag til SFO",
        department="Indskolingen og SFO",
        date=today - datetime.timedelta(days=25),
        done_by="Hanne Bech, Jonas Madsen",
        description=(
            "Kl. 13.30–14.00 skifter eleverne fra klasse til SFO; mange voksne skifter også."
        ),
        previous_incidents="To episoder med slag mod en pædagog i garderoben.",
        risks="Uro og konflikter, når eleverne ikke ved, hvem der har ansvaret.",
        prevention="Fast overleveringsplan; én voksen står altid i garderoben.",
        guidelines="Skolens retningslinje om vold og trusler (2024).",
        training="Gennemgang af retningslinjen for vikarer og nyansatte.",
        follow_up="AMG følger op på tavlemødet om to måneder (Jonas).",
        deadline=today + datetime.timedelta(days=60),
    )
    if "Fælles procedure ved udadreagerende elever" in cards:
        skema.actions.add(cards["Fælles procedure ved udadreagerende elever"])
    change = services.save_risk_assessment(
        amg=amg,
        kind=RiskAssessment.Kind.FORANDRING,
        apv=apv,
        title="Sammenlægning af SFO og indskoling",
        department="Indskolingen og SFO",
        date=today - datetime.timedelta(days=70),
        done_by="AMG og ledelsen",
    )
    services.save_change_rows(
        assessment=change,
        rows=[
            {
                "theme": str(catalogue.CHANGE_THEMES[0].text),
                "attention": "Indeklima og akustik i den nye fløj.",
                "prevention": "AMG går de nye lokaler igennem med brugerne.",
                "responsible": "Leder og AMR, inden flytning",
                "status": "Gennemgang holdt; akustik på handleplanen.",
            },
            {
                "theme": str(catalogue.CHANGE_THEMES[1].text),
                "attention": "Utryghed om fremtidige opgaver og ny leder.",
                "prevention": "Ugentlige infomøder på 15 minutter.",
                "responsible": "Ledelsen, løbende",
                "status": "Infomøderne holdes hver mandag.",
            },
            {
                "theme": str(catalogue.CHANGE_THEMES[3].text),
                "attention": "Rygter om nedskæringer.",
                "prevention": "Tydelig kommunikation om proces og tidsplan.",
                "responsible": "Skoleleder",
                "status": "Nyt infosite på intra.",
            },
        ],
    )
    vold = services.save_risk_assessment(
        amg=amg,
        kind=RiskAssessment.Kind.VOLD,
        apv=apv,
        title="Vold og trusler i indskolingen",
        department="Indskolingen",
        date=today - datetime.timedelta(days=20),
        done_by="AMG",
    )
    services.save_vold_answers(
        assessment=vold,
        answers={
            "definition": "Både fysisk vold og trusler, også ord og gestik, der opleves truende.",
            "former": "Slag, spark og skub fra enkelte elever; verbale trusler fra få forældre.",
            "hvor_hvornaar": "I overgangen til SFO og i frikvartererne.",
            "udsatte": "Vikarer og nyansatte, som ikke kender eleverne.",
            "allerede": "Retningslinje fra 2024 og debriefing efter episoder.",
            "moenstre": "De fleste episoder sker mellem 13 og 14.",
            "registrering": "Digitalt skema; AMR gennemgår det hver måned.",
        },
    )
    tasks = services.save_risk_assessment(
        amg=amg,
        kind=RiskAssessment.Kind.OPGAVER,
        apv=apv,
        title="Opgavefordeling i team 8",
        department="Udskolingen, team 8",
        date=today - datetime.timedelta(days=15),
        done_by="Team 8 med AMR",
        revisit_on=today + datetime.timedelta(days=90),
    )
    services.save_task_balance(
        assessment=tasks,
        rows=[
            {"initials": "LA", "red": 5, "yellow": 3, "green": 2, "note": "Prøveforberedelse"},
            {"initials": "SU", "red": 2, "yellow": 4, "green": 4, "note": ""},
            {"initials": "BI", "red": 1, "yellow": 3, "green": 6, "note": "Kan tage en rød opgave"},
            {"initials": "MI", "red": 4, "yellow": 2, "green": 2, "note": "Ny i teamet"},
        ],
    )


def _incidents(amg: AMG, today: datetime.date, cards: dict[str, Action]) -> None:
    procedure = [cards[t] for t in ("Fælles procedure ved udadreagerende elever",) if t in cards]
    services.save_incident(
        amg=amg,
        date=today - datetime.timedelta(days=40),
        kind="vold",
        where="Garderoben, indskolingen",
        before="Eleven var blevet afbrudt i en leg ved skiftet til SFO.",
        what="En elev slog og sparkede en pædagog.",
        handling="Eleven blev skærmet; debriefing samme dag; forældrene orienteret.",
        absence_from=today - datetime.timedelta(days=39),
        reported_easy=True,
        reported_on=today - datetime.timedelta(days=33),
        amo_informed=True,
        actions=procedure,
    )
    services.save_incident(
        amg=amg,
        date=today - datetime.timedelta(days=19),
        kind="ulykke",
        where="Sløjdlokalet",
        what="En lærer skar sig på en kniv under rengøring af værkstedet.",
        handling="Skadestue; kniven erstattet med en sikkerhedskniv.",
        absence_from=today - datetime.timedelta(days=18),
        reported_easy=False,
        amo_informed=True,
    )
    services.save_incident(
        amg=amg,
        date=today - datetime.timedelta(days=6),
        kind="trusler",
        where="Telefon, administrationen",
        what="En forælder truede en sekretær i telefonen.",
        handling="Samtalen afbrudt; leder ringede op dagen efter.",
        amo_informed=False,
    )


def _guidelines(amg: AMG, today: datetime.date) -> None:
    """Agreed in MED two years ago and last reviewed almost a year ago: due for review soon."""
    services.save_guideline(
        amg=amg,
        title="Vold og trusler på Solsikkeskolen",
        text=(
            "Forebyggelse: Vi kender eleverne og deres signaler og planlægger overgangene "
            "mellem skole og SFO, så ingen står alene med en elev, der kan reagere udad.\n\n"
            "Når det sker: Skærm eleven og de andre børn, tilkald en kollega, og afbryd "
            "situationen. Lederen tager over, når hun er til stede.\n\n"
            "Bagefter: Debriefing samme dag, tilbud om psykologhjælp, registrering under "
            "Hændelser, og anmeldelse i EASY, hvis der er fravær ud over dagen – senest 14 dage "
            "efter første fraværsdag. AMG ser på episoden ved næste møde."
        ),
        document="",
        agreed_by="MED-udvalget og AMG",
        agreed_on=today - datetime.timedelta(days=2 * 365),
        last_reviewed=today - datetime.timedelta(days=365 - 30),
    )
