"""Every view that touches AMG data, for every persona.

Members read and (unless read-only) write their own AMG; the organisation admin reads every AMG
of the organisation but writes nothing; everybody else gets 404 (not even the existence of the
AMG is confirmed); anonymous visitors are sent to the login page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.test import Client
from django.urls import get_resolver, reverse
from django.utils import timezone

from forkant import services
from handleplan.models import Action, Status, Theme
from tests import builders
from tests.conftest import World


@dataclass(frozen=True)
class Endpoint:
    name: str
    method: str
    kwargs: Callable[[World], dict[str, int]]
    write: bool
    data: Callable[[World], dict[str, object]] = field(default=lambda w: {})


def amg(w: World) -> dict[str, int]:
    return {"amg_id": w.amg.pk}


def action(w: World) -> dict[str, int]:
    return {"amg_id": w.amg.pk, "pk": w.action.pk}


def theme(w: World) -> dict[str, int]:
    return {"amg_id": w.amg.pk, "pk": w.theme.pk}


def version(w: World) -> dict[str, int]:
    record = w.action.history.order_by("history_id").first()
    return {"amg_id": w.amg.pk, "pk": w.action.pk, "history_id": record.history_id}


def binned_action(w: World) -> dict[str, int]:
    from handleplan import services as board

    doomed = builders.make_action(w.amg, w.theme, title="Til papirkurven")
    pk = doomed.pk
    board.delete_action(action=doomed)
    record = Action.history.filter(id=pk, history_type="-").get()
    return {"amg_id": w.amg.pk, "history_id": record.history_id}


def binned_theme(w: World) -> dict[str, int]:
    from handleplan import services as board

    doomed = builders.make_theme(w.amg, "Til papirkurven")
    pk = doomed.pk
    board.delete_theme(theme=doomed)
    record = Theme.history.filter(id=pk, history_type="-").get()
    return {"amg_id": w.amg.pk, "history_id": record.history_id}


def screen(w: World) -> dict[str, int]:
    created, _token = services.create_wall_screen(
        amg=w.amg, name="Gangen", created_by=w.leder.user, now=timezone.now()
    )
    return {"amg_id": w.amg.pk, "pk": created.pk}


def idea(w: World) -> dict[str, int]:
    return {"amg_id": w.amg.pk, "pk": builders.make_idea(w.amg, "Cykelstativ ved indgangen").pk}


def matrix_idea(w: World) -> dict[str, object]:
    return {"amg_id": w.amg.pk, "kind": "ide", "pk": builders.make_idea(w.amg).pk}


def matrix_card(w: World) -> dict[str, object]:
    parked = builders.make_action(w.amg, w.theme, status=Status.PARKERET)
    return {"amg_id": w.amg.pk, "kind": "handling", "pk": parked.pk}


def running_meeting(w: World) -> dict[str, int]:
    return {"amg_id": w.amg.pk, "pk": builders.start_meeting(w.amg).pk}


def held_meeting(w: World) -> dict[str, int]:
    return {"amg_id": w.amg.pk, "pk": builders.make_held_meeting(w.amg).pk}


def meeting_version(w: World) -> dict[str, int]:
    meeting = builders.make_held_meeting(w.amg)
    record = meeting.history.order_by("history_id").last()
    return {"amg_id": w.amg.pk, "pk": meeting.pk, "history_id": record.history_id}


def ready_export(w: World) -> dict[str, int]:
    from tests.bundle import make_export

    return {"amg_id": w.amg.pk, "pk": make_export(w.amg, w.leder.user).pk}


def failed_export(w: World) -> dict[str, int]:
    from tests.bundle import make_export

    return {"amg_id": w.amg.pk, "pk": make_export(w.amg, w.leder.user, state="failed").pk}


def pulse_pk(w: World) -> dict[str, int]:
    from tests.apv.pulse_builders import open_pulse

    return {"amg_id": w.amg.pk, "pk": open_pulse(w.amg).pk}


def pulse_proposal(w: World) -> dict[str, int]:
    from tests.apv.pulse_builders import answer, open_pulse

    pulse = open_pulse(w.amg)
    answer(pulse, proposal="Flere pauser i løbet af dagen")
    return {"amg_id": w.amg.pk, "pk": pulse.proposals.get().pk}


ENDPOINTS = [
    Endpoint("readiness", "get", amg, write=False),
    Endpoint("board", "get", amg, write=False),
    Endpoint("amg_search", "get", amg, write=False),
    Endpoint("board_poll", "get", amg, write=False),
    Endpoint("action_detail", "get", action, write=False),
    Endpoint("inspection", "get", amg, write=False),
    # Exporting keeps a copy and changes none of the AMG's data: readers may do it too.
    Endpoint("inspection_export_create", "post", amg, write=False),
    Endpoint("inspection_export", "get", ready_export, write=False),
    Endpoint("inspection_export_download", "get", ready_export, write=False),
    Endpoint("inspection_export_retry", "post", failed_export, write=False),
    Endpoint("screen_list", "get", amg, write=False),
    Endpoint("board_poster", "get", amg, write=False),
    Endpoint("action_history", "get", action, write=False),
    Endpoint("bin", "get", amg, write=False),
    Endpoint("action_restore", "post", version, write=True),
    Endpoint("bin_restore_action", "post", binned_action, write=True),
    Endpoint("bin_restore_theme", "post", binned_theme, write=True),
    Endpoint("handleplan_csv", "get", amg, write=False),
    Endpoint("handleplan_xlsx", "get", amg, write=False),
    Endpoint("action_new", "get", amg, write=True),
    Endpoint(
        "action_new",
        "post",
        amg,
        write=True,
        data=lambda w: {"title": "Ny", "theme": w.theme.pk, "status": "startet"},
    ),
    Endpoint("action_edit", "get", action, write=True),
    Endpoint(
        "action_edit",
        "post",
        action,
        write=True,
        data=lambda w: {"title": "Ændret", "theme": w.theme.pk, "status": "startet"},
    ),
    Endpoint("action_move", "post", action, write=True, data=lambda w: {"status": "i_maal"}),
    Endpoint("action_delete", "get", action, write=True),
    Endpoint("action_delete", "post", action, write=True),
    Endpoint("theme_new", "post", amg, write=True, data=lambda w: {"name": "Nyt tema"}),
    Endpoint("theme_edit", "get", theme, write=True),
    Endpoint("theme_edit", "post", theme, write=True, data=lambda w: {"name": "Omdøbt"}),
    Endpoint("theme_move", "post", theme, write=True, data=lambda w: {"retning": "ned"}),
    Endpoint("theme_delete", "post", theme, write=True),
    Endpoint("meeting_edit", "get", amg, write=True),
    Endpoint(
        "meeting_edit",
        "post",
        amg,
        write=True,
        data=lambda w: {"starts_at": "2099-01-06T08:15", "moedeleder": "Mette"},
    ),
    Endpoint("screen_create", "post", amg, write=True, data=lambda w: {"name": "Kantinen"}),
    Endpoint("screen_rename", "get", screen, write=True),
    Endpoint("screen_rename", "post", screen, write=True, data=lambda w: {"name": "Kantinen"}),
    Endpoint("screen_renew_link", "post", screen, write=True),
    Endpoint("screen_revoke", "post", screen, write=True),
    Endpoint("screen_pair_code", "get", amg, write=True),
    Endpoint(
        "screen_pair_code",
        "post",
        amg,
        write=True,
        data=lambda w: {
            "par-code": services.start_code_pairing(now=timezone.now())[1],
            "par-name": "TV",
        },
    ),
    # Ideas, the matrix, nudging, meetings and referat
    Endpoint("board_settings", "get", amg, write=True),
    Endpoint("board_settings", "post", amg, write=True, data=lambda w: {"stalled_weeks": 4}),
    Endpoint("nudge_edit", "get", action, write=True),
    Endpoint(
        "nudge_edit",
        "post",
        action,
        write=True,
        data=lambda w: {"goal": "Færre mails", "types": ["standard"]},
    ),
    Endpoint("idea_queue", "get", amg, write=False),
    Endpoint("idea_code_renew", "post", amg, write=True),
    Endpoint("idea_publish", "get", idea, write=True),
    Endpoint(
        "idea_publish",
        "post",
        idea,
        write=True,
        data=lambda w: {"title": "Cykler", "theme": w.theme.pk},
    ),
    Endpoint("idea_merge", "get", idea, write=True),
    Endpoint(
        "idea_merge",
        "post",
        idea,
        write=True,
        data=lambda w: {"into": builders.make_idea(w.amg).pk},
    ),
    Endpoint("idea_decline", "get", idea, write=True),
    Endpoint("idea_decline", "post", idea, write=True, data=lambda w: {"reason": "Løst"}),
    Endpoint("matrix", "get", amg, write=False),
    Endpoint(
        "matrix_place",
        "post",
        matrix_idea,
        write=True,
        data=lambda w: {"effect": "stor", "reach": "mange"},
    ),
    Endpoint(
        "matrix_place",
        "post",
        matrix_card,
        write=True,
        data=lambda w: {"effect": "lille", "reach": "faa"},
    ),
    Endpoint(
        "matrix_decide",
        "post",
        matrix_idea,
        write=True,
        data=lambda w: {"decision": "nu", "theme": w.theme.pk},
    ),
    Endpoint(
        "matrix_decide", "post", matrix_card, write=True, data=lambda w: {"decision": "senere"}
    ),
    Endpoint("meeting_list", "get", amg, write=False),
    Endpoint("meeting_start", "get", amg, write=True),
    Endpoint(
        "meeting_start",
        "post",
        amg,
        write=True,
        data=lambda w: {"kind": "tavlemoede", "moedeleder": "Mette", "other_attendees": 2},
    ),
    Endpoint("meeting_detail", "get", held_meeting, write=False),
    Endpoint("meeting_detail", "get", running_meeting, write=False),
    Endpoint("meeting_end", "get", running_meeting, write=True),
    Endpoint(
        "meeting_end", "post", running_meeting, write=True, data=lambda w: {"notes": "Godt møde"}
    ),
    Endpoint("referat_edit", "get", held_meeting, write=True),
    Endpoint(
        "referat_edit", "post", held_meeting, write=True, data=lambda w: {"referat": "Rettet"}
    ),
    Endpoint("referat_send", "post", held_meeting, write=True),
    Endpoint("referat_pdf", "get", held_meeting, write=False),
    Endpoint("meeting_history", "get", held_meeting, write=False),
    Endpoint("meeting_restore", "post", meeting_version, write=True),
    Endpoint("member_list", "get", amg, write=False),
]

# The APV --------------------------------------------------------------------------


def _apv_world(w: World):  # type: ignore[no-untyped-def]
    from tests.apv import builders as apv

    if not hasattr(w, "_apv"):
        area = apv.make_area(w.amg, "Indskolingen")
        w._apv = apv.make_apv(w.amg, areas=[area])
        w._area = area
        w._problem = apv.make_problem(w._apv, area=area)
        w._dialog = apv.make_dialog(w._apv)
        w._risk = apv.make_risk(w.amg)
        w._incident = apv.make_incident(w.amg)
    return w


def apv_pk(w: World) -> dict[str, int]:
    return {"amg_id": w.amg.pk, "pk": _apv_world(w)._apv.pk}


def area_pk(w: World) -> dict[str, int]:
    return {"amg_id": w.amg.pk, "pk": _apv_world(w)._area.pk}


def problem_pk(w: World) -> dict[str, int]:
    return {"amg_id": w.amg.pk, "pk": _apv_world(w)._problem.pk}


def dialog_pk(w: World) -> dict[str, int]:
    return {"amg_id": w.amg.pk, "pk": _apv_world(w)._dialog.pk}


def risk_pk(w: World) -> dict[str, int]:
    return {"amg_id": w.amg.pk, "pk": _apv_world(w)._risk.pk}


def incident_pk(w: World) -> dict[str, int]:
    return {"amg_id": w.amg.pk, "pk": _apv_world(w)._incident.pk}


def survey_pk(w: World) -> dict[str, int]:
    from decimal import Decimal

    from apv import services as apv_services
    from apv.survey_csv import Row

    survey = apv_services.import_survey(
        apv=_apv_world(w)._apv, title="Trivsel", filename="t.csv", rows=[Row(2, "Q", Decimal(3))]
    )
    return {"amg_id": w.amg.pk, "pk": survey.pk}


def gennemgang_pk(w: World) -> dict[str, int]:
    from apv import services as apv_services

    g = apv_services.add_gennemgang(
        apv=_apv_world(w)._apv,
        kind="aaben",
        form="doerkarm",
        where="Lærerværelset",
        date=timezone.localdate(),
        participants="AMR",
        urgency="laengere",
    )
    return {"amg_id": w.amg.pk, "pk": g.pk}


def absence_pk(w: World) -> dict[str, int]:
    from decimal import Decimal

    from apv import services as apv_services

    world = _apv_world(w)
    record = apv_services.save_absence(
        apv=world._apv,
        area=world._area,
        period="2025",
        employees=12,
        short_days=Decimal(30),
        long_days=Decimal(10),
    )
    return {"amg_id": w.amg.pk, "pk": record.pk}


def risk_kind(w: World) -> dict[str, object]:
    return {"amg_id": w.amg.pk, "kind": "vold"}


APV_ENDPOINTS = [
    Endpoint("apv_home", "get", amg, write=False),
    Endpoint("apv_detail", "get", apv_pk, write=False),
    Endpoint("apv_areas", "get", amg, write=False),
    Endpoint("part_kortlaegning", "get", apv_pk, write=False),
    Endpoint("part_analyse", "get", apv_pk, write=False),
    Endpoint("part_handlingsplan", "get", apv_pk, write=False),
    Endpoint("part_opfoelgning", "get", apv_pk, write=False),
    Endpoint("part_sygefravaer", "get", apv_pk, write=False),
    Endpoint("dialog_detail", "get", dialog_pk, write=False),
    Endpoint("survey_detail", "get", survey_pk, write=False),
    Endpoint("survey_scale", "post", survey_pk, write=True, data=lambda w: {"scale": "enig_1_5"}),
    Endpoint("gennemgang_detail", "get", gennemgang_pk, write=False),
    Endpoint("problem_detail", "get", problem_pk, write=False),
    Endpoint("risk_list", "get", amg, write=False),
    Endpoint("risk_detail", "get", risk_pk, write=False),
    Endpoint("risk_pdf", "get", risk_pk, write=False),
    Endpoint("incident_list", "get", amg, write=False),
    Endpoint("apv_new", "get", amg, write=True),
    Endpoint(
        "apv_new",
        "post",
        amg,
        write=True,
        data=lambda w: {
            "title": "APV",
            "method": "dialogisk",
            "start_date": "2026-01-05",
            "status": "i_gang",
        },
    ),
    Endpoint("apv_edit", "get", apv_pk, write=True),
    Endpoint(
        "apv_edit",
        "post",
        apv_pk,
        write=True,
        data=lambda w: {
            "title": "APV",
            "method": "dialogisk",
            "start_date": "2026-01-05",
            "status": "i_gang",
        },
    ),
    Endpoint("apv_close", "post", apv_pk, write=True),
    Endpoint(
        "apv_no_problems",
        "post",
        apv_pk,
        write=True,
        data=lambda w: {"on": "2026-01-05", "with_whom": "Alle"},
    ),
    Endpoint(
        "apv_areas", "post", amg, write=True, data=lambda w: {"name": "Kantinen", "kind": "lokale"}
    ),
    Endpoint("area_edit", "get", area_pk, write=True),
    Endpoint(
        "area_edit",
        "post",
        area_pk,
        write=True,
        data=lambda w: {"name": "Udskolingen", "kind": "enhed"},
    ),
    Endpoint(
        "change_new",
        "post",
        amg,
        write=True,
        data=lambda w: {
            "date": "2026-01-05",
            "kind": "it",
            "description": "Nyt system",
            "areas": [_apv_world(w)._area.pk],
        },
    ),
    Endpoint(
        "part_sygefravaer",
        "post",
        apv_pk,
        write=True,
        data=lambda w: {
            "area": _apv_world(w)._area.pk,
            "period": "2025",
            "employees": 12,
            "short_days": "30",
            "long_days": "5",
        },
    ),
    Endpoint(
        "absence_assessment",
        "post",
        apv_pk,
        write=True,
        data=lambda w: {"absence_contributes": "delvist", "absence_assessment": "Tidspres"},
    ),
    Endpoint("absence_delete", "post", absence_pk, write=True),
    Endpoint("pulse_list", "get", amg, write=False),
    Endpoint("pulse_detail", "get", pulse_pk, write=False),
    Endpoint("pulse_open", "get", amg, write=True),
    Endpoint("pulse_open", "post", amg, write=True),
    Endpoint("pulse_close", "post", pulse_pk, write=True),
    Endpoint("pulse_proposal_approve", "post", pulse_proposal, write=True),
    Endpoint("pulse_proposal_decline", "post", pulse_proposal, write=True),
    Endpoint("pulse_proposal_idea", "post", pulse_proposal, write=True),
    Endpoint("dialog_new", "get", apv_pk, write=True),
    Endpoint(
        "dialog_new",
        "post",
        apv_pk,
        write=True,
        data=lambda w: {"date": "2026-01-05", "participants": 10, "samlet_5": 3},
    ),
    Endpoint("dialog_park", "post", dialog_pk, write=True, data=lambda w: {"theme": w.theme.pk}),
    Endpoint("survey_import", "get", apv_pk, write=True),
    Endpoint("gennemgang_new", "get", apv_pk, write=True),
    Endpoint(
        "gennemgang_new",
        "post",
        apv_pk,
        write=True,
        data=lambda w: {
            "kind": "aaben",
            "form": "team",
            "where": "Team 7",
            "date": "2026-01-05",
            "participants": "AMR",
            "urgency": "laengere",
        },
    ),
    Endpoint("input_new", "get", apv_pk, write=True),
    Endpoint(
        "input_new",
        "post",
        apv_pk,
        write=True,
        data=lambda w: {"channel": "mus", "date": "2026-01-05", "summary": "Travlhed"},
    ),
    Endpoint("problem_new", "get", apv_pk, write=True),
    Endpoint(
        "problem_new",
        "post",
        apv_pk,
        write=True,
        data=lambda w: {"title": "Støj", "probability": 2, "consequence": 2, "urgency": "laengere"},
    ),
    Endpoint("problem_edit", "get", problem_pk, write=True),
    Endpoint(
        "problem_edit",
        "post",
        problem_pk,
        write=True,
        data=lambda w: {"title": "Støj", "probability": 2, "consequence": 2, "urgency": "laengere"},
    ),
    Endpoint(
        "problem_to_actions",
        "post",
        problem_pk,
        write=True,
        data=lambda w: {"titles": "Lydplader", "theme": w.theme.pk},
    ),
    Endpoint("follow_up_edit", "get", action, write=True),
    Endpoint(
        "follow_up_edit",
        "post",
        action,
        write=True,
        data=lambda w: {"follow_up_on": "2026-03-01", "follow_up_how": "Spørg teamet"},
    ),
    Endpoint("evaluation_new", "get", action, write=True),
    Endpoint(
        "evaluation_new",
        "post",
        action,
        write=True,
        data=lambda w: {"date": "2026-03-01", "who": "AMR", "verdict": "virket"},
    ),
    Endpoint("risk_new", "get", risk_kind, write=True),
    Endpoint(
        "risk_new",
        "post",
        risk_kind,
        write=True,
        data=lambda w: {"title": "Vold", "date": "2026-01-05"},
    ),
    Endpoint("risk_edit", "get", risk_pk, write=True),
    Endpoint(
        "risk_edit",
        "post",
        risk_pk,
        write=True,
        data=lambda w: {"title": "Ny", "date": "2026-01-05"},
    ),
    Endpoint("risk_content", "get", risk_pk, write=True),
    Endpoint(
        "risk_to_action",
        "post",
        risk_pk,
        write=True,
        data=lambda w: {"title": "Retningslinje", "theme": w.theme.pk},
    ),
    Endpoint("incident_new", "get", amg, write=True),
    Endpoint(
        "incident_new",
        "post",
        amg,
        write=True,
        data=lambda w: {"date": "2026-01-05", "kind": "vold", "where": "Gården", "what": "Slag"},
    ),
    Endpoint("incident_edit", "get", incident_pk, write=True),
    Endpoint(
        "incident_edit",
        "post",
        incident_pk,
        write=True,
        data=lambda w: {"date": "2026-01-05", "kind": "vold", "where": "Gården", "what": "Slag"},
    ),
]
ENDPOINTS += APV_ENDPOINTS


# What the engine of obligations asks for: the five risk factors, the APV available to the
# employees, the guidelines on violence and threats.
def guideline_pk(w: World) -> dict[str, int]:
    from apv import services as apv_services

    made = apv_services.save_guideline(
        amg=w.amg,
        title="Vold og trusler",
        text="Sådan gør vi",
        document="",
        agreed_by="MED",
        agreed_on=timezone.localdate(),
        last_reviewed=timezone.localdate(),
    )
    return {"amg_id": w.amg.pk, "pk": made.pk}


GUIDELINE_DATA = {
    "title": "Vold og trusler",
    "text": "Sådan gør vi",
    "agreed_by": "MED",
    "agreed_on": "2026-01-05",
    "last_reviewed": "2026-01-05",
}
ENDPOINTS += [
    Endpoint(
        "factor_assessments",
        "post",
        apv_pk,
        write=True,
        data=lambda w: {"vold-verdict": "fundet", "vold-why": "Elever slår"},
    ),
    Endpoint("apv_availability", "get", apv_pk, write=True),
    Endpoint(
        "apv_availability",
        "post",
        apv_pk,
        write=True,
        data=lambda w: {"on": "2026-01-05", "how": "På intranettet"},
    ),
    Endpoint("guideline_list", "get", amg, write=False),
    Endpoint("guideline_new", "get", amg, write=True),
    Endpoint("guideline_new", "post", amg, write=True, data=lambda w: GUIDELINE_DATA),
    Endpoint("guideline_edit", "get", guideline_pk, write=True),
    Endpoint("guideline_edit", "post", guideline_pk, write=True, data=lambda w: GUIDELINE_DATA),
    Endpoint("guideline_reviewed", "post", guideline_pk, write=True),
]


# The training record (topic `training`) ---------------------------------------------


def trainee(w: World) -> dict[str, int]:
    return {"amg_id": w.amg.pk, "pk": w.amr.pk}


def training_course(w: World) -> dict[str, int]:
    from metoder.training import services as training_services

    course = training_services.add_course(
        membership=w.amr,
        kind="supplerende",
        title="Psykisk arbejdsmiljø",
        days=1,
        offered_on=timezone.localdate(),
        taken_on=None,
    )
    return {"amg_id": w.amg.pk, "pk": course.pk}


COURSE_DATA = {"kind": "supplerende", "title": "Konflikthåndtering", "days": "1,5",
               "offered_on": "2026-03-01"}  # fmt: skip
ENDPOINTS += [
    Endpoint("training_member", "get", trainee, write=False),
    Endpoint(
        "training_member", "post", trainee, write=True, data=lambda w: {"took_office": "2026-01-05"}
    ),
    Endpoint("training_course_add", "post", trainee, write=True, data=lambda w: COURSE_DATA),
    Endpoint("training_course_edit", "get", training_course, write=True),
    Endpoint(
        "training_course_edit", "post", training_course, write=True, data=lambda w: COURSE_DATA
    ),
    Endpoint("training_course_delete", "post", training_course, write=True),
]
# The year: årshjul, AMG-møde agendas, agenda templates, calendar feeds --------------

YEAR = 2026


def year_amg(w: World) -> dict[str, int]:
    return {"amg_id": w.amg.pk, "year": YEAR}


def wheel_item(w: World) -> dict[str, int]:
    import datetime

    from metoder.year import services as year_services

    item = year_services.add_item(
        amg=w.amg,
        year=YEAR,
        kind="eget",
        title="Sommerfest",
        date=datetime.date(YEAR, 6, 20),
        now=timezone.now(),
    )
    return {"amg_id": w.amg.pk, "pk": item.pk}


def amg_meeting(w: World) -> dict[str, int]:
    import datetime

    from metoder.year import services as year_services

    plan = year_services.add_meeting(
        amg=w.amg,
        kind="amg_moede",
        starts_at=timezone.make_aware(datetime.datetime(YEAR, 9, 15, 14, 0)),
        moedeleder="Mette",
    )
    return {"amg_id": w.amg.pk, "pk": plan.meeting_id}


def agenda_quarter(w: World) -> dict[str, int]:
    return {"amg_id": w.amg.pk, "quarter": 3}


def closed_period(w: World) -> dict[str, int]:
    import datetime

    from metoder.year import services as year_services

    period, _moved = year_services.save_closed_period(
        amg=w.amg,
        period=None,
        name="Efterårsferie",
        starts_on=datetime.date(YEAR, 10, 10),
        ends_on=datetime.date(YEAR, 10, 18),
        now=timezone.now(),
    )
    return {"amg_id": w.amg.pk, "pk": period.pk}


def _closed_data(w: World) -> dict[str, object]:
    return {"name": "Vinterferie", "starts_on": f"{YEAR}-02-14", "ends_on": f"{YEAR}-02-22"}


YEAR_ENDPOINTS = [
    Endpoint("year_wheel", "get", amg, write=False),
    Endpoint("year_detail", "get", year_amg, write=False),
    Endpoint("year_pdf", "get", year_amg, write=False),
    Endpoint("year_generate", "post", year_amg, write=True, data=lambda w: {"source": "skabelon"}),
    Endpoint("year_item_new", "get", year_amg, write=True),
    Endpoint(
        "year_item_new",
        "post",
        year_amg,
        write=True,
        data=lambda w: {"kind": "eget", "title": "Trivselsdag", "date": f"{YEAR}-05-01"},
    ),
    Endpoint("year_item_edit", "get", wheel_item, write=True),
    Endpoint(
        "year_item_edit",
        "post",
        wheel_item,
        write=True,
        data=lambda w: {"kind": "eget", "title": "Flyttet", "date": f"{YEAR}-06-27"},
    ),
    Endpoint("year_item_delete", "get", wheel_item, write=True),
    Endpoint("year_item_delete", "post", wheel_item, write=True),
    Endpoint("year_meeting_new", "get", year_amg, write=True),
    Endpoint(
        "year_meeting_new",
        "post",
        year_amg,
        write=True,
        data=lambda w: {"kind": "tavlemoede", "starts_at": f"{YEAR}-03-05T08:15"},
    ),
    Endpoint("year_meeting_edit", "get", amg_meeting, write=True),
    Endpoint(
        "year_meeting_edit",
        "post",
        amg_meeting,
        write=True,
        data=lambda w: {"starts_at": f"{YEAR}-09-22T14:00", "agenda": "Siden sidst"},
    ),
    Endpoint("year_meeting_delete", "get", amg_meeting, write=True),
    Endpoint("year_meeting_delete", "post", amg_meeting, write=True),
    Endpoint("meeting_agenda", "get", amg_meeting, write=False),
    Endpoint("agenda_pdf", "get", amg_meeting, write=False),
    Endpoint(
        "agenda_checklist",
        "post",
        amg_meeting,
        write=True,
        data=lambda w: {"ticked": ["foer-doerkarm"]},
    ),
    Endpoint("agenda_send", "post", amg_meeting, write=True),
    Endpoint("year_templates", "get", amg, write=False),
    Endpoint(
        "year_template_edit",
        "post",
        agenda_quarter,
        write=True,
        data=lambda w: {"q3-focus": "Føling", "q3-items": "Siden sidst\nHandleplan"},
    ),
    Endpoint("calendar_feed_create", "post", amg, write=True),
    Endpoint("calendar_feed_revoke", "post", amg, write=True),
    Endpoint("closed_period_new", "get", amg, write=True),
    Endpoint("closed_period_new", "post", amg, write=True, data=_closed_data),
    Endpoint("closed_period_edit", "get", closed_period, write=True),
    Endpoint("closed_period_edit", "post", closed_period, write=True, data=_closed_data),
    Endpoint("closed_period_delete", "post", closed_period, write=True),
]
ENDPOINTS += YEAR_ENDPOINTS


# --- instruments: the self-assessment rounds ---
def instrument_round(w: World) -> dict[str, int]:
    from metoder.instruments import services as rounds

    made = rounds.open_round(
        amg=w.amg,
        instrument_key="kompetencemodel",
        by=w.leder,
        participants=[w.leder, w.amr],
        now=timezone.now(),
    )
    return {"amg_id": w.amg.pk, "pk": made.pk}


def instrument_decision(w: World) -> dict[str, int]:
    from metoder.instruments import services as rounds
    from metoder.instruments.models import Round

    kwargs = instrument_round(w)
    made = rounds.decide(
        round_=Round.objects.get(pk=kwargs["pk"]),
        kind="note",
        text="Vi tager det op igen i marts",
        by=w.leder,
        now=timezone.now(),
    )
    return {**kwargs, "decision_pk": made.pk}


ENDPOINTS += [
    Endpoint("instrument_home", "get", amg, write=False),
    Endpoint("instrument_round_new", "get", amg, write=True),
    Endpoint(
        "instrument_round_new",
        "post",
        amg,
        write=True,
        data=lambda w: {"instrument": "kompetencemodel", "participants": [w.leder.pk, w.amr.pk]},
    ),
    Endpoint("instrument_round", "get", instrument_round, write=False),
    Endpoint("instrument_answer", "get", instrument_round, write=True),
    Endpoint(
        "instrument_answer",
        "post",
        instrument_round,
        write=True,
        data=lambda w: {"v_innovation": "3"},
    ),
    Endpoint("instrument_answer_reopen", "post", instrument_round, write=True),
    Endpoint("instrument_reveal", "post", instrument_round, write=True),
    Endpoint("instrument_close", "post", instrument_round, write=True),
    Endpoint("instrument_reopen", "post", instrument_round, write=True),
    Endpoint(
        "instrument_notes", "post", instrument_round, write=True, data=lambda w: {"notes": "x"}
    ),
    Endpoint(
        "instrument_decide",
        "post",
        instrument_round,
        write=True,
        data=lambda w: {"kind": "action", "text": "Mere tid til arbejdsmiljø"},
    ),
    Endpoint("instrument_decision_delete", "post", instrument_decision, write=True),
    Endpoint("instrument_round_delete", "post", instrument_round, write=True),
]


# The annual evaluation ---------------------------------------------


def _evaluation(w: World, *, concluded: bool = False):  # type: ignore[no-untyped-def]
    from metoder.evaluation import services as evaluations

    evaluation = evaluations.start_evaluation(amg=w.amg, year=timezone.localdate().year)
    if concluded and not evaluation.is_concluded:
        evaluations.save_draft(
            evaluation=evaluation,
            expected_version=None,
            answers={},
            goals_met="Ja",
            focus="Stress",
            cooperation="Tavlemøder",
            training="1,5 dag",
            expertise_present="ja",
        )
        evaluations.add_goal(evaluation=evaluation, title="Mødefri formiddag")
        evaluations.conclude(
            evaluation=evaluation,
            held_on=timezone.localdate(),
            participants=[w.amr],
            now=timezone.now(),
        )
    return evaluation


def evaluation_pk(w: World) -> dict[str, int]:
    return {"amg_id": w.amg.pk, "pk": _evaluation(w).pk}


def complete_evaluation_pk(w: World) -> dict[str, int]:
    from metoder.evaluation import services as evaluations

    evaluation = _evaluation(w)
    evaluations.save_draft(
        evaluation=evaluation,
        expected_version=None,
        answers={},
        goals_met="Ja",
        focus="Stress",
        cooperation="Tavlemøder",
        training="1,5 dag",
        expertise_present="ja",
    )
    evaluations.add_goal(evaluation=evaluation, title="Mødefri formiddag")
    return {"amg_id": w.amg.pk, "pk": evaluation.pk}


def concluded_evaluation_pk(w: World) -> dict[str, int]:
    return {"amg_id": w.amg.pk, "pk": _evaluation(w, concluded=True).pk}


def evaluation_input_pk(w: World) -> dict[str, int]:
    from metoder.evaluation import services as evaluations

    evaluation = _evaluation(w)
    item = evaluations.add_input(evaluation=evaluation, source="Dørkarm", text="Travlt")
    return {"amg_id": w.amg.pk, "pk": evaluation.pk, "item_pk": item.pk}


def evaluation_goal_pk(w: World) -> dict[str, int]:
    from metoder.evaluation import services as evaluations

    evaluation = _evaluation(w)
    goal = evaluations.add_goal(evaluation=evaluation, title="Mødefri formiddag")
    w._evaluation_goal = goal
    return {"amg_id": w.amg.pk, "pk": evaluation.pk, "goal_pk": goal.pk}


def evaluation_with_goal_pk(w: World) -> dict[str, int]:
    kwargs = evaluation_goal_pk(w)
    return {"amg_id": kwargs["amg_id"], "pk": kwargs["pk"]}


def _goal_of(w: World) -> int:
    from metoder.evaluation.models import EvaluationGoal

    return EvaluationGoal.objects.filter(amg=w.amg, action__isnull=True).values_list(
        "pk", flat=True
    )[0]


ENDPOINTS += [
    Endpoint("evaluation_list", "get", amg, write=False),
    Endpoint(
        "evaluation_start",
        "post",
        amg,
        write=True,
        data=lambda w: {"year": timezone.localdate().year},
    ),
    Endpoint("evaluation_detail", "get", evaluation_pk, write=False),
    Endpoint("evaluation_detail", "get", concluded_evaluation_pk, write=False),
    Endpoint(
        "evaluation_detail", "post", evaluation_pk, write=True, data=lambda w: {"focus": "Stress"}
    ),
    Endpoint(
        "evaluation_input_add",
        "post",
        evaluation_pk,
        write=True,
        data=lambda w: {"input-source": "Personalemøde", "input-text": "Mere ro"},
    ),
    Endpoint("evaluation_input_delete", "post", evaluation_input_pk, write=True),
    Endpoint(
        "evaluation_goal_add",
        "post",
        evaluation_pk,
        write=True,
        data=lambda w: {"goal-title": "Makkerordning"},
    ),
    Endpoint("evaluation_goal_delete", "post", evaluation_goal_pk, write=True),
    Endpoint(
        "evaluation_goals_to_actions",
        "post",
        evaluation_with_goal_pk,
        write=True,
        data=lambda w: {
            "actions-goals": [_goal_of(w)],
            "actions-theme": w.theme.pk,
            "actions-status": "parkeret",
        },
    ),
    Endpoint("evaluation_conclude", "get", complete_evaluation_pk, write=True),
    Endpoint(
        "evaluation_conclude",
        "post",
        complete_evaluation_pk,
        write=True,
        data=lambda w: {"held_on": timezone.localdate().isoformat(), "participants": [w.amr.pk]},
    ),
    Endpoint("evaluation_reopen", "get", concluded_evaluation_pk, write=True),
    Endpoint("evaluation_reopen", "post", concluded_evaluation_pk, write=True),
    Endpoint("evaluation_pdf", "get", evaluation_pk, write=False),
    Endpoint("evaluation_history", "get", evaluation_pk, write=False),
]

# Views with no AMG in the URL, each tested where its feature is.
PUBLIC_OR_OWN_TESTS = {
    "dashboard",  # tests/forkant/test_dashboard.py
    "login",
    "logout",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",  # tests/forkant/test_auth.py
    "set_language",  # tests/forkant/test_i18n.py
    "wall",
    "wall_board",
    "wall_pair",  # tests/forkant/test_wallscreens.py
    "wall_code",
    "screen_code_entry",  # tests/forkant/test_pairing_by_code.py (the TV's poll; the QR's page)
    "idea_form",
    "idea_thanks",  # tests/handleplan/test_ideas.py (public: no login, reached by its code)
    "idea_fate",  # tests/handleplan/test_ideas_come_back.py (public: reached by its secret)
    "pulse_answer",
    "pulse_thanks",  # tests/apv/test_pulse_views.py (public: staff's phones, reached by its code)
    # The invitee's link, the login code, the user's own pages, operation, public pages
    "invitation_accept",  # tests/forkant/test_invitations.py
    "login_code",
    "two_factor",
    "two_factor_disable",
    "recovery_codes_new",
    "recovery_codes_download",  # tests/forkant/test_two_factor.py
    "account",
    "password_change",
    "logout_everywhere",
    "account_data",
    "account_delete",  # tests/forkant/test_account.py
    # Every AMG the user may read, scoped by the access rule
    "search",  # tests/forkant/test_search.py
    "health",
    "accessibility",
    "privacy",  # tests/forkant/test_operation.py
    # Each user's own reminder choices (their own memberships only)
    "reminder_preferences",  # tests/metoder/test_reminders.py
    # The calendar feed is reached by its secret, not a login
    "calendar_feed",  # tests/metoder/test_year_ical.py
}

IDS = [f"{e.method}-{e.name}-{e.kwargs.__name__}" for e in ENDPOINTS]


def call(world: World, persona: str, endpoint: Endpoint, kwargs: dict[str, int] | None = None):  # type: ignore[no-untyped-def]
    client = world.client_for(persona)
    url = reverse(endpoint.name, kwargs=kwargs or endpoint.kwargs(world))
    if endpoint.method == "get":
        return client.get(url)
    return client.post(url, endpoint.data(world))


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=IDS)
@pytest.mark.parametrize("persona", ["leder", "amr"])
def test_members_with_write_access_can_use_every_view(world, persona, endpoint):
    response = call(world, persona, endpoint)
    assert response.status_code in {200, 302}, response.content[:500]


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=IDS)
@pytest.mark.parametrize("persona", ["laeser", "org_admin"])
def test_readers_can_read_but_get_403_on_every_write(world, persona, endpoint):
    response = call(world, persona, endpoint)
    if endpoint.write:
        assert response.status_code == 403
    else:  # a read, or a POST open to readers that answers with a redirect
        assert response.status_code == (200 if endpoint.method == "get" else 302)


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=IDS)
def test_outsider_gets_404_for_every_view_of_another_amg(world, endpoint):
    response = call(world, "outsider", endpoint)
    assert response.status_code == 404


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=IDS)
def test_anonymous_visitors_are_sent_to_login(world, endpoint):
    response = call(world, "anonymous", endpoint)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


OBJECT_ENDPOINTS = [e for e in ENDPOINTS if e.kwargs in (action, theme)]


@pytest.mark.parametrize(
    "endpoint", OBJECT_ENDPOINTS, ids=[f"{e.method}-{e.name}" for e in OBJECT_ENDPOINTS]
)
def test_another_amgs_object_answers_404_even_through_your_own_amg(world, endpoint):
    other = world.other_action if endpoint.kwargs is action else world.other_theme
    response = call(world, "leder", endpoint, {"amg_id": world.amg.pk, "pk": other.pk})
    assert response.status_code == 404


def test_another_amgs_wall_screen_answers_404_through_your_own_amg(world):
    other, _token = services.create_wall_screen(
        amg=world.other_amg, name="Deres skærm", created_by=world.outsider.user, now=timezone.now()
    )
    client = world.client_for("leder")
    for name in ("screen_rename", "screen_revoke", "screen_renew_link"):
        url = reverse(name, kwargs={"amg_id": world.amg.pk, "pk": other.pk})
        assert client.post(url, {"name": "x"}).status_code == 404
    other.refresh_from_db()
    assert other.name == "Deres skærm"
    assert not other.is_revoked


@pytest.mark.parametrize(
    "name", ["idea_publish", "idea_merge", "idea_decline", "meeting_end", "referat_edit"]
)
def test_another_amgs_idea_or_meeting_answers_404_through_your_own_amg(world, name):
    if name.startswith("idea"):
        other = builders.make_idea(world.other_amg, "Deres idé")
    else:
        other = builders.start_meeting(world.other_amg)
    url = reverse(name, kwargs={"amg_id": world.amg.pk, "pk": other.pk})
    client = world.client_for("leder")
    assert client.get(url).status_code == 404
    assert client.post(url, {"reason": "x", "referat": "x", "title": "x"}).status_code == 404


def test_another_amgs_matrix_item_answers_404_through_your_own_amg(world):
    other = builders.make_idea(world.other_amg, "Deres idé")
    url = reverse("matrix_place", kwargs={"amg_id": world.amg.pk, "kind": "ide", "pk": other.pk})
    response = world.client_for("leder").post(url, {"effect": "stor", "reach": "mange"})
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.effect == ""


def test_a_nonexistent_amg_answers_404_like_a_foreign_one(world):
    response = world.client_for("leder").get(reverse("board", kwargs={"amg_id": 999999}))
    assert response.status_code == 404


def test_every_url_is_covered_by_an_access_test():
    names = set()
    for top in get_resolver().url_patterns:
        if str(top.pattern).startswith("drift/admin"):
            continue  # Django's admin site, for operators only
        for pattern in getattr(top, "url_patterns", [top]):
            if pattern.name:
                names.add(pattern.name)
    covered = {e.name for e in ENDPOINTS} | PUBLIC_OR_OWN_TESTS | ADMIN_COVERED
    assert names - covered == set(), "Add the new views to ENDPOINTS or PUBLIC_OR_OWN_TESTS"


def test_views_never_load_tenant_objects_except_through_the_access_module():
    """The one checked way: views use amg_context()/ctx.get(), never Model.objects.get()."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    offenders = []
    paths = [*root.glob("*/views.py"), *root.glob("*/views/*.py"), *root.glob("*/*/views.py")]
    # The composition root's views (the inspection bundle's too) and the core's are among them.
    assert {
        root / "composition/views.py",
        root / "composition/inspection/views.py",
        root / "forkant/views/members.py",
    } <= set(paths)
    for path in paths:
        text = path.read_text()
        for needle in (".objects.get(", "get_object_or_404(", ".objects.filter("):
            if needle in text:
                offenders.append(f"{path.relative_to(root)}: {needle}")
    assert offenders == []


# Organisation administration --------------------------------------------------------
# Managing an AMG's people: its leder and AMR and the organisation's admin; a read-only member
# gets 403, the outsider 404. Managing the organisation's AMGs: its admins only (404 for others).


def member(w: World) -> dict[str, int]:
    return {"amg_id": w.amg.pk, "pk": w.laeser.pk}


def invitation(w: World) -> dict[str, int]:
    invited, _token = services.invite(
        organisation=w.organisation,
        amg=w.amg,
        email="ny@example.dk",
        role="tr",
        invited_by=w.leder.user,
        now=timezone.now(),
    )
    return {"amg_id": w.amg.pk, "pk": invited.pk}


def organisation(w: World) -> dict[str, int]:
    return {"organisation_id": w.organisation.pk}


def organisation_amg(w: World) -> dict[str, int]:
    return {"organisation_id": w.organisation.pk, "amg_id": w.amg.pk}


MANAGE_ENDPOINTS = [
    Endpoint(
        "member_invite",
        "post",
        amg,
        write=True,
        data=lambda w: {"email": "ny@example.dk", "role": "tr"},
    ),
    Endpoint("member_change", "post", member, write=True, data=lambda w: {"role": "tr"}),
    Endpoint("member_remove", "post", member, write=True),
    Endpoint("invitation_resend", "post", invitation, write=True),
    Endpoint("invitation_revoke", "post", invitation, write=True),
]
ORG_ENDPOINTS = [
    Endpoint("organisation", "get", organisation, write=False),
    Endpoint("amg_create", "post", organisation, write=True, data=lambda w: {"name": "Ny"}),
    Endpoint("amg_rename", "get", organisation_amg, write=True),
    Endpoint("amg_rename", "post", organisation_amg, write=True, data=lambda w: {"name": "Ny"}),
    Endpoint("amg_archive", "post", organisation_amg, write=True),
    Endpoint("organisation_two_factor", "post", organisation, write=True),
    Endpoint(
        "organisation_details",
        "post",
        organisation,
        write=True,
        data=lambda w: {"cvr": "29189846", "address": "Rådhuspladsen 1"},
    ),
]
# The organisation overview: its admins only, like the administration above.
ORG_ENDPOINTS += [
    Endpoint("organisation_overview", "get", organisation, write=False),
    Endpoint("organisation_overview_csv", "get", organisation, write=False),
]
ADMIN_COVERED = {e.name for e in MANAGE_ENDPOINTS + ORG_ENDPOINTS}
MANAGE_IDS = [f"{e.method}-{e.name}" for e in MANAGE_ENDPOINTS]
ORG_IDS = [f"{e.method}-{e.name}" for e in ORG_ENDPOINTS]


@pytest.mark.parametrize("endpoint", MANAGE_ENDPOINTS, ids=MANAGE_IDS)
@pytest.mark.parametrize("persona", ["leder", "amr", "org_admin"])
def test_leder_amr_and_org_admin_can_manage_the_amgs_people(world, persona, endpoint):
    response = call(world, persona, endpoint)
    assert response.status_code in {200, 302}, response.content[:500]


@pytest.mark.parametrize("endpoint", MANAGE_ENDPOINTS, ids=MANAGE_IDS)
@pytest.mark.parametrize(("persona", "status"), [("laeser", 403), ("outsider", 404)])
def test_others_cannot_manage_the_amgs_people(world, persona, status, endpoint):
    assert call(world, persona, endpoint).status_code == status


@pytest.mark.parametrize("endpoint", MANAGE_ENDPOINTS + ORG_ENDPOINTS, ids=MANAGE_IDS + ORG_IDS)
def test_anonymous_visitors_are_sent_to_login_from_administration(world, endpoint):
    response = call(world, "anonymous", endpoint)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("endpoint", ORG_ENDPOINTS, ids=ORG_IDS)
def test_only_the_organisations_admin_reaches_its_administration(world, endpoint):
    assert call(world, "org_admin", endpoint).status_code in {200, 302}
    for persona in ("leder", "amr", "laeser", "outsider"):
        assert call(world, persona, endpoint).status_code == 404, persona


@pytest.mark.parametrize("endpoint", ORG_ENDPOINTS, ids=ORG_IDS)
def test_another_organisations_admin_gets_404(world, endpoint):
    from tests import builders

    stranger = builders.make_org_admin(builders.make_organisation("Nabokommune")).user
    client = Client()
    client.force_login(stranger)
    url = reverse(endpoint.name, kwargs=endpoint.kwargs(world))
    response = client.get(url) if endpoint.method == "get" else client.post(url, {"name": "x"})
    assert response.status_code == 404


@pytest.mark.parametrize(
    "endpoint",
    [e for e in ENDPOINTS if e.write] + MANAGE_ENDPOINTS,
    ids=[f"{e.method}-{e.name}" for e in ENDPOINTS if e.write] + MANAGE_IDS,
)
def test_an_archived_amg_is_read_only_for_everyone(world, endpoint):
    kwargs = endpoint.kwargs(world)
    services.set_amg_archived(amg=world.amg, archived=True, now=timezone.now())
    for persona in ("leder", "amr", "org_admin"):
        assert call(world, persona, endpoint, kwargs).status_code == 403, persona


# The access check itself: one statement for everyone, every case the same as the ORM's reading.


def _context(user, amg_id):  # type: ignore[no-untyped-def]
    from django.test import RequestFactory

    from forkant.access import amg_context

    request = RequestFactory().get("/")
    request.user = user
    return amg_context(request, amg_id)


@pytest.mark.parametrize("persona", ["leder", "laeser", "org_admin"])
def test_the_access_check_is_one_query_for_members_and_admins(
    world, persona, django_assert_num_queries
):
    user = world.user(persona)
    with django_assert_num_queries(1):
        ctx = _context(user, world.amg.pk)
        assert ctx.amg.organisation.name == "Testkommune"  # loaded with it, no query
        if ctx.membership is not None:
            assert ctx.membership.amg is ctx.amg and ctx.membership.user is user
    assert ctx.amg == world.amg and ctx.amg.name == "Skolen"
    assert ctx.is_org_admin == (persona == "org_admin")
    membership = {"leder": world.leder, "laeser": world.laeser, "org_admin": None}[persona]
    assert ctx.membership == membership
    if membership is not None:  # every column read back as the ORM reads it
        fresh = type(membership).objects.get(pk=membership.pk)
        for field in type(membership)._meta.concrete_fields:
            assert getattr(ctx.membership, field.attname) == getattr(fresh, field.attname)
    assert ctx.can_write == (persona == "leder")


def test_a_member_who_also_administers_the_organisation_is_both(world):
    builders.make_org_admin(world.organisation, world.leder.user)
    ctx = _context(world.leder.user, world.amg.pk)
    assert ctx.membership == world.leder and ctx.is_org_admin


def test_a_removed_member_an_outsider_and_missing_or_huge_ids_get_404(world):
    from django.http import Http404

    services.remove_member(membership=world.amr, now=timezone.now())
    for user, amg_id in [
        (world.amr.user, world.amg.pk),  # removed: the row stays, the access goes
        (world.outsider.user, world.amg.pk),
        (world.leder.user, world.other_amg.pk),
        (world.leder.user, 10**9),
        (world.leder.user, 2**64),
        (world.leder.user, 0),
    ]:
        with pytest.raises(Http404):
            _context(user, amg_id)
