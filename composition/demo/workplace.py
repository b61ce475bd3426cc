"""The demo workplace: "Demo Kommune" with a school and a daycare, drawn from "På forkant".

Loading it twice gives the same data (people, themes and cards are matched by e-mail and name);
cards are created through the board services, like a member would.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import SimpleNamespace

from django.db import transaction
from django.utils import timezone
from simple_history.models import HistoricalRecords

from apv.demo import load_school_apv
from apv.pulse.demo import load_school_pulses
from forkant import services as core
from forkant.models import AMG, Membership, Organisation, OrganisationAdmin, Role, User
from handleplan import services as board
from handleplan.models import Action, Idea, Meeting, MeetingKind, Radius, Status, Theme
from metoder.evaluation.demo import load_evaluation
from metoder.instruments.demo import load_instruments
from metoder.reminders.demo import load_reminders
from metoder.training.demo import load_training
from metoder.year.demo import load_year

DEMO_PASSWORD = "demo1234"  # noqa: S105 (documented demo accounts, only where `demo` was run)


@dataclass(frozen=True)
class Person:
    email: str
    first_name: str
    last_name: str


@dataclass(frozen=True)
class Card:
    theme: str
    status: Status
    title: str
    why: str = ""
    how: str = ""
    who: str | None = None  # e-mail of the responsible member
    others: str = ""
    deadline_days: int | None = None
    confidential: bool = False


LEDER = Person("leder@demo.dk", "Hanne", "Bech")
AMR = Person("amr@demo.dk", "Jonas", "Madsen")
TR = Person("tr@demo.dk", "Sara", "Holm")
LAESER = Person("laeser@demo.dk", "Ulla", "Krogh")
AMR2 = Person("amr2@demo.dk", "Ali", "Hassan")
LEDER2 = Person("leder2@demo.dk", "Birthe", "Lund")
ADMIN = Person("admin@demo.dk", "Karin", "Vestergaard")

SCHOOL = "Solsikkeskolen"
DAYCARE = "Børnehuset Mælkebøtten"

# Every account the demo makes, with who it is – what `manage.py demo` prints when it is done.
ACCOUNTS = [
    (LEDER, f"leder, {SCHOOL}"),
    (AMR, f"AMR, {SCHOOL}"),
    (TR, f"TR, {SCHOOL}"),
    (LAESER, f"MED observer, {SCHOOL} (read only)"),
    (LEDER2, f"leder, {DAYCARE}"),
    (AMR2, f"AMR, {DAYCARE}"),
    (ADMIN, "organisation admin, Demo Kommune"),
]

ST, PA, GG, IM, OP, AF = (
    Status.STARTET,
    Status.PARKERET,
    Status.GODT_I_GANG,
    Status.I_MAAL,
    Status.OPFOELGNING,
    Status.AFSLUTTET,
)

STRESS = "Forebyggelse af stress"
NY_ORG = "Risikovurdering, ny organisation"
FLYTNING = "Opfølgning på flytning, indskolingen"
TRIVSEL = "Interviews, generel trivsel"
VOLD = "Vold og trusler"

SCHOOL_CARDS = [
    Card(
        STRESS,
        PA,
        "Fast “stille time” uden møder om torsdagen",
        why="Mange oplever, at forberedelsen forsvinder i møder.",
        how="Forslag fra personalemødet – tages op, når skemaet for næste år lægges.",
    ),
    Card(
        STRESS,
        ST,
        "Fælles aftaler om mails efter kl. 17",
        why="Trivselsmålingen viser, at mange læser mails om aftenen.",
        how="Udkast til aftale drøftes i teamene og vedtages på personalemødet.",
        who=AMR.email,
        deadline_days=21,
    ),
    Card(
        STRESS,
        ST,
        "Kursus for teamkoordinatorer i at spotte stresstegn",
        why="Koordinatorerne er tættest på kollegerne og ser tegnene først.",
        how="To eftermiddage med BFA's materiale “Forstå og forebyg stress”.",
        who=LEDER.email,
        others="Teamkoordinatorerne",
        deadline_days=45,
    ),
    Card(
        STRESS,
        GG,
        "Overblik over opgaver i 7.-9. årgang",
        why="Tidspres og uklare forventninger i udskolingen (APV 2025).",
        how="Opgavepyramide med hvert team; AMG samler op og prioriterer.",
        who=AMR.email,
        others="Teamene i udskolingen",
        deadline_days=14,
    ),
    Card(
        STRESS,
        IM,
        "Plan for afløsning ved sygdom",
        why="Kolleger løber stærkt, når nogen er syge.",
        how="Fast afløserpulje og tydelig prioritering af, hvad der kan aflyses.",
        who=LEDER.email,
    ),
    Card(
        STRESS,
        OP,
        "Evaluer mødefri fredage",
        why="Forsøget har kørt et halvt år – virker det?",
        how="Dørkarmsinterviews i alle teams i november.",
        who=TR.email,
        deadline_days=30,
    ),
    Card(
        STRESS,
        AF,
        "Stresspolitik opdateret og gennemgået på personalemøde",
        why="Den gamle politik var fra 2019.",
        who=LEDER.email,
    ),
    Card(
        NY_ORG,
        PA,
        "Spørg kollegerne: hvad bekymrer jer ved den nye struktur?",
        how="Idé fra tavlemødet – kan bruges i risikovurderingen.",
    ),
    Card(
        NY_ORG,
        ST,
        "Risikovurdering af sammenlægningen af SFO og indskoling",
        why="Nye teams og nye ledere fra 1. januar.",
        how="Skema til risikovurdering af forandringer (Metode 5).",
        who=AMR.email,
        others="MED-udvalget",
        deadline_days=28,
    ),
    Card(
        NY_ORG,
        GG,
        "Tydelige roller for de nye afdelingsledere",
        why="Medarbejderne er i tvivl om, hvem de skal gå til.",
        how="Rollebeskrivelser på intranettet og præsentation på personalemøde.",
        who=LEDER.email,
        deadline_days=10,
    ),
    Card(NY_ORG, IM, "Informationsmøde om ny organisation", who=LEDER.email, others="Skoleleder"),
    Card(
        NY_ORG,
        OP,
        "Følg op på arbejdsmængden tre måneder efter",
        how="Kort spørgeskema + temperaturmåling på personalemødet.",
        who=AMR.email,
        deadline_days=60,
    ),
    Card(
        FLYTNING,
        ST,
        "Bedre akustik i de nye klasselokaler",
        why="Lærerne oplever meget støj efter flytningen.",
        how="Måling af efterklangstid og tilbud på lydabsorbenter.",
        who=AMR.email,
        others="Teknisk serviceleder",
        deadline_days=35,
    ),
    Card(
        FLYTNING,
        GG,
        "Forberedelsespladser til indskolingens lærere",
        why="Der mangler rolige arbejdspladser efter flytningen.",
        who=LEDER.email,
        deadline_days=-5,
    ),
    Card(FLYTNING, IM, "Nye garderobeskabe til personalet", who=LEDER.email),
    Card(
        FLYTNING,
        AF,
        "Gennemgang af de nye lokaler med AMR",
        how="Fokuseret gennemgang med tjekliste.",
        who=AMR.email,
    ),
    Card(
        FLYTNING,
        PA,
        "Grønne planter i personalerummet",
        how="Idé fra kollegerne – måske via elevrådets budget.",
    ),
    Card(
        TRIVSEL,
        ST,
        "Dørkarmsinterviews i alle teams",
        why="Vi vil høre, hvordan det går, mellem APV'erne.",
        how="To AMG-medlemmer besøger hvert team i 10 minutter.",
        who=TR.email,
        others="Jonas",
        deadline_days=20,
    ),
    Card(
        TRIVSEL,
        GG,
        "Sidemandsinterview på personalemødet",
        how="Hvad giver energi? Hvad dræner? Svarene samles på post-its.",
        who=AMR.email,
        deadline_days=7,
    ),
    Card(
        TRIVSEL,
        OP,
        "Opfølgning på trivselsmålingen 2025",
        how="Resultater præsenteret; teams vælger ét fokuspunkt hver.",
        who=LEDER.email,
        deadline_days=40,
    ),
    Card(TRIVSEL, AF, "Fælles morgenmad hver fredag i december", who=TR.email),
    Card(TRIVSEL, PA, "Trivselsambassadør i hvert team", how="Idé på hold til efter sommerferien."),
    Card(
        TRIVSEL,
        ST,
        "Samtaler med team med højt sygefravær",
        why="Fraværet i ét team er steget markant.",
        how="Leder og AMR holder samtaler; fortroligt indtil videre.",
        who=LEDER.email,
        deadline_days=12,
        confidential=True,
    ),
    Card(
        VOLD,
        ST,
        "Fælles procedure ved udadreagerende elever",
        why="Tre episoder med slag og spark i indskolingen i efteråret.",
        how="Risikovurdering af vold og trusler (Metode 5, forslag 2).",
        who=AMR.email,
        others="Inklusionsvejleder",
        deadline_days=18,
    ),
    Card(
        VOLD,
        GG,
        "Kursus i konflikthåndtering for alle i indskolingen",
        who=LEDER.email,
        deadline_days=50,
    ),
    Card(VOLD, IM, "Registrering af episoder i det digitale skema", who=AMR.email),
    Card(
        VOLD,
        OP,
        "Debriefing efter episoden i 2.b",
        why="Fortrolig personsag.",
        who=LEDER.email,
        deadline_days=5,
        confidential=True,
    ),
    Card(VOLD, PA, "Alarmknap i SFO'ens værksted", how="Idé fra SFO-personalet."),
]

STOEJ = "Støj i garderoben"
TEMPO = "Arbejdsmængde og tidspres"
IT = "Nyt dokumentationssystem"

DAYCARE_CARDS = [
    Card(STOEJ, ST, "Lydabsorberende plader i garderoben", who=AMR2.email, deadline_days=30),
    Card(STOEJ, GG, "Aflevering i to hold om morgenen", who=LEDER2.email, deadline_days=14),
    Card(STOEJ, PA, "Piktogrammer, der viser hvor der skal være stille"),
    Card(TEMPO, ST, "Fast pausedækning på stuerne", who=LEDER2.email, deadline_days=21),
    Card(TEMPO, OP, "Evaluer den nye vagtplan", who=AMR2.email, deadline_days=40),
    Card(TEMPO, AF, "Ekstra medhjælper i indkøringsperioden", who=LEDER2.email),
    Card(IT, ST, "Oplæring i det nye system for alle pædagoger", who=AMR2.email, deadline_days=25),
    Card(IT, IM, "Tablet på hver stue", who=LEDER2.email),
    Card(IT, PA, "Superbrugere, der kan hjælpe kollegerne"),
    Card(TEMPO, GG, "Tjekliste til lukkevagten", who=AMR2.email, deadline_days=9),
]


def _person(person: Person) -> User:
    user = User.objects.filter(email=person.email).first()
    if user is None:
        user = User.objects.create_user(
            email=person.email,
            password=DEMO_PASSWORD,
            first_name=person.first_name,
            last_name=person.last_name,
        )
    return user


def _member(amg: AMG, person: Person, role: Role, *, read_only: bool = False) -> Membership:
    membership, _created = Membership.objects.update_or_create(
        amg=amg, user=_person(person), defaults={"role": role, "read_only": read_only}
    )
    return membership


def _board(amg: AMG, themes: list[str], cards: list[Card], today: datetime.date) -> None:
    by_name = {theme.name: theme for theme in Theme.objects.filter(amg=amg)}
    for name in themes:
        if name not in by_name:
            by_name[name] = board.create_theme(amg=amg, name=name)
    members = {m.user.email: m for m in Membership.objects.filter(amg=amg).select_related("user")}
    existing = set(Action.objects.filter(amg=amg).values_list("title", flat=True))
    for card in cards:
        if card.title in existing:
            continue
        board.create_action(
            amg=amg,
            theme=by_name[card.theme],
            status=card.status,
            title=card.title,
            why=card.why,
            how=card.how,
            responsible=members.get(card.who) if card.who else None,
            others=card.others,
            deadline=today + datetime.timedelta(days=card.deadline_days)
            if card.deadline_days is not None
            else None,
            confidential=card.confidential,
        )


def _next_meeting(amg: AMG, moedeleder: str, now: datetime.datetime) -> None:
    if Meeting.objects.filter(amg=amg, starts_at__gte=now).exists():
        return
    local = timezone.localtime(now)
    days_ahead = (1 - local.weekday()) % 7 or 7  # next Tuesday
    starts = local.replace(hour=8, minute=15, second=0, microsecond=0) + datetime.timedelta(
        days=days_ahead
    )
    board.set_next_tavlemoede(amg=amg, starts_at=starts, moedeleder=moedeleder, now=now)


@contextmanager
def _acting_as(user: User) -> Iterator[None]:
    """History rows name the member who made the change, as they do for a request."""
    HistoricalRecords.context.request = SimpleNamespace(user=user)
    try:
        yield
    finally:
        del HistoricalRecords.context.request


def _history(amg: AMG) -> None:
    """A card edited over a few meetings (its history, with an earlier version to restore) and
    a card deleted by mistake, waiting in the bin. Only once: the edits are made once."""
    card = Action.objects.filter(amg=amg, title="Fælles aftaler om mails efter kl. 17").first()
    if card is None or card.history.count() > 1:
        return
    leder = Membership.objects.get(amg=amg, user__email=LEDER.email)
    amr = Membership.objects.get(amg=amg, user__email=AMR.email)
    with _acting_as(amr.user):
        board.update_action(
            action=card,
            how="Forslag til aftaler samles på personalemødet; AMG skriver dem sammen.",
        )
    with _acting_as(leder.user):
        board.update_action(action=card, others="Skoleledelsen og teamkoordinatorerne")
        doomed = board.create_action(
            amg=amg,
            theme=card.theme,
            title="Spørgeskema om mails (erstattet af dialog på personalemødet)",
            status=Status.PARKERET,
        )
        board.delete_action(action=doomed)


@transaction.atomic
def load_demo(now: datetime.datetime | None = None) -> Organisation:
    now = now or timezone.now()
    today = timezone.localdate(now)
    org, _created = Organisation.objects.get_or_create(name="Demo Kommune")
    OrganisationAdmin.objects.get_or_create(organisation=org, user=_person(ADMIN))
    # The inspection bundle's cover: made-up numbers and a town that does not exist.
    if not org.cvr:
        core.set_organisation_details(
            organisation=org, cvr="11223344", address="Rådhustorvet 1, 9999 Demoby"
        )

    school, _created = AMG.objects.get_or_create(organisation=org, name=SCHOOL)
    if not school.p_number:
        core.set_amg_details(
            amg=school, name=SCHOOL, address="Solsikkevej 12, 9999 Demoby", p_number="1011223344"
        )
    _member(school, LEDER, Role.LEDER)
    _member(school, AMR, Role.AMR)
    _member(school, TR, Role.TR)
    _member(school, LAESER, Role.ANDET, read_only=True)
    _board(school, [STRESS, NY_ORG, FLYTNING, TRIVSEL, VOLD], SCHOOL_CARDS, today)
    _next_meeting(school, "Jonas Madsen", now)
    _history(school)
    _workplace_voice(school, now)
    load_school_apv(school, today)  # the APV
    load_school_pulses(school, now)  # Tag temperaturen: two closed pulses, one open
    load_training(school, now)  # training record
    load_reminders(school)  # the members' reminder choices
    load_year(school, now)  # the årshjul, an AMG-møde with agenda and referat
    load_evaluation(school, now)  # last year's annual evaluation

    daycare, _created = AMG.objects.get_or_create(organisation=org, name=DAYCARE)
    if not daycare.p_number:
        core.set_amg_details(
            amg=daycare,
            name=DAYCARE,
            address="Mælkebøttestien 3, 9999 Demoby",
            p_number="1011223355",
        )
    _member(daycare, LEDER2, Role.LEDER)
    _member(daycare, AMR2, Role.AMR)
    _board(daycare, [STOEJ, TEMPO, IT], DAYCARE_CARDS, today)
    _next_meeting(daycare, "Ali Hassan", now)
    load_instruments(school, now, daycare=daycare)  # self-assessments
    return org


# Ideas waiting for moderation, the matrix, a nudging plan, two past tavlemøder ----------

# The senders' private links to some of the demo's ideas (README: "Try the journeys"), so their
# fate pages can be opened: /min-ide/<token>/. Real ones are random (handleplan/views/ideas.py).
DEMO_FATE_TOKENS = {
    "waiting": "demo-ide-venter-paa-gruppen",
    "board": "demo-ide-staar-paa-tavlen",
    "merged": "demo-ide-flettet-med-en-anden",
    "declined": "demo-ide-afvist-med-begrundelse",
}

WAITING_IDEAS = [
    ("Kan vi få en fast mødefri formiddag i indskolingen? Vi når aldrig at forberede os.", ""),
    ("Lyset i personalerummet flimrer og giver hovedpine.", "Mads, SFO"),
    ("Mødefri formiddag en gang om ugen ville hjælpe meget på stressen.", ""),
    ("Forslag: en makkerordning for nye kolleger det første halve år.", "Lærke"),
]
PLACED = {  # parked cards on the effect × reach matrix (Metode 6)
    "Fast “stille time” uden møder om torsdagen": ("stor", "mange", "selv"),
    "Spørg kollegerne: hvad bekymrer jer ved den nye struktur?": ("stor", "faa", "selv"),
    "Trivselsambassadør i hvert team": ("lille", "mange", "andre"),
}


def _workplace_voice(amg: AMG, now: datetime.datetime) -> None:
    """Loaded once per AMG: skipped when the AMG already has ideas."""
    if Idea.objects.filter(amg=amg).exists():
        return
    members = list(Membership.objects.filter(amg=amg, read_only=False).select_related("user"))
    by_role = {member.role: member for member in members}
    leader, amr = by_role[Role.LEDER], by_role[Role.AMR]
    cards = {action.title: action for action in Action.objects.filter(amg=amg)}
    themes = {theme.name: theme for theme in Theme.objects.filter(amg=amg)}

    # Two past tavlemøder, each with cards moved and an idea handled while it ran.
    history = [
        (
            5,
            "Risikovurdering af sammenlægningen af SFO og indskoling",
            Status.GODT_I_GANG,
            "Skiltning ved lærerværelset: “Forstyr ikke – forberedelse”",
            "Vi afprøver skiltet i fire uger.",
        ),
        (
            2,
            "Overblik over opgaver i 7.-9. årgang",
            Status.I_MAAL,
            "Sofa i personalerummet er gået i stykker",
            "Opgaveoverblikket er i mål; evalueres efter jul.",
        ),
    ]
    away = by_role.get(Role.TR)  # sent apologies (afbud) for the first of them
    for weeks_ago, title, status, idea_text, decisions in history:
        day = timezone.localtime(now - datetime.timedelta(weeks=weeks_ago))
        day -= datetime.timedelta(days=(day.weekday() - 1) % 7)  # that week's Tuesday
        start = day.replace(hour=8, minute=15, second=0, microsecond=0)
        apologies = [away] if away is not None and weeks_ago == 5 else []
        meeting = board.start_meeting(
            amg=amg,
            kind=MeetingKind.TAVLEMOEDE,
            moedeleder=amr.display_name,
            referent=leader.display_name,
            attendees=[m for m in members if m not in apologies],
            other_attendees=2,
            now=start,
            apologies=apologies,
        )
        if title in cards and cards[title].status != status:
            board.move_action(action=cards[title], status=status)
        sent = start - datetime.timedelta(days=3)
        if weeks_ago == 5:
            idea = board.submit_idea(
                amg=amg, text=idea_text, now=sent, fate_token=DEMO_FATE_TOKENS["board"]
            )
            # A colleague had the same idea: merged, so the card says two colleagues raised it.
            twin = board.submit_idea(
                amg=amg,
                text="Et skilt på døren til lærerværelset, så man kan forberede sig i fred?",
                now=sent,
                fate_token=DEMO_FATE_TOKENS["merged"],
            )
            board.merge_idea(idea=twin, into=idea, by=amr, now=start)
            board.publish_idea(idea=idea, theme=themes[STRESS], title=idea_text, by=amr, now=start)
        else:
            idea = board.submit_idea(
                amg=amg, text=idea_text, now=sent, fate_token=DEMO_FATE_TOKENS["declined"]
            )
            board.decline_idea(
                idea=idea,
                reason="Sendt videre til pedellen – ikke en sag for AMG.",
                shared_reason="Tak! Vi har sendt den videre til pedellen, som sørger for en ny "
                "sofa. Det er ikke en sag for arbejdsmiljøgruppen.",
                by=leader,
                now=start,
            )
        meeting = board.end_meeting(
            meeting=meeting,
            decisions=decisions,
            notes="",
            next_starts_at=None,
            next_moedeleder="",
            now=start + datetime.timedelta(minutes=30),
        )
        # The ended meeting as saved (not the stale copy from before), so its history is true.
        meeting.referat_sent_at = meeting.ended_at
        meeting.save(update_fields=["referat_sent_at"])

    for n, (text, name) in enumerate(WAITING_IDEAS):
        token = DEMO_FATE_TOKENS["waiting"] if n == 0 else ""
        board.submit_idea(
            amg=amg, text=text, name=name, now=now - datetime.timedelta(days=1), fate_token=token
        )
    first = Idea.objects.filter(amg=amg, status="ny").order_by("pk").first()
    if first is not None:
        board.place_on_matrix(item=first, effect="stor", reach="mange", radius=Radius.SELV)
    for title, (effect, reach, radius) in PLACED.items():
        if title in cards and cards[title].status == Status.PARKERET:
            board.place_on_matrix(item=cards[title], effect=effect, reach=reach, radius=radius)

    nudged = cards.get("Fælles aftaler om mails efter kl. 17")
    if nudged is not None:
        board.save_nudge_plan(
            action=nudged,
            goal="Færre mails sendt efter kl. 17, så kollegerne kan holde fri om aftenen.",
            barriers="Man vil gerne have opgaven ud af hovedet, og udskudt afsendelse er bøvlet.",
            solution="Udskudt afsendelse til kl. 7 som standard i mailprogrammet, og en lille "
            "påmindelse i signaturen: “Jeg skriver, når det passer mig – svar, når det passer "
            "dig.”",
            types=["standard", "normer"],
        )
    # A card that has been in Startet since the summer: marked as stalled on the board.
    stalled = cards.get("Kursus for teamkoordinatorer i at spotte stresstegn")
    if stalled is not None:
        # Demo only: the card is backdated, as if it had not moved for two months.
        Action.objects.filter(pk=stalled.pk).update(moved_at=now - datetime.timedelta(weeks=9))
