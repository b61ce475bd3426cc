"""Benchmarks for the quality bars in PRODUCT.md §4 (run with `make bench`).

Builds a throw-away SQLite database with the demo workplace, grows the school's board to 200
cards, and measures in one run (median of repeated requests through Django's test client):

- the 200-card board against a trivial view (the login page), bar: 2× (the board as a member
  opens it: the board and the page around it rendered once per change and then served from
  the cache); the first view after one card changed, bar: 8× (only that card and its rows are
  rendered again); with an empty cache (reported);
- a card move on the 200-card board against the same move on a 10-card board, bar: 1.5× (the
  move answers with only the changed cells);
- the wall screen's poll of an unchanged board (304): at most two queries, with the demo's
  pulse open on the wall;
- a pulse answer from a phone against an idea sent from a phone (both without an account,
  both rate limited), bar: 1.5× (the answer is one UPDATE of the counters, the tally, the sum
  and the wall's revision; the idea two INSERTs and the revision);
- the demo school's inspection bundle (read, laid out and written as tagged PDF/A, as the
  worker does it) against WeasyPrint rendering a plain document of the same page count in the
  same PDF variant, bar: 1.5× (against WeasyPrint's default PDF is reported too);
- the organisation overview of 50 AMGs against the trivial view, bar: 5× (as an admin
  opens it: built at most CACHE_SECONDS ago; built afresh is reported too);
- the search of a generated AMG with 10,000 records (bench/searching.py) against the trivial
  view, bar: 3× on PostgreSQL (on SQLite it is reported only).

With `BENCH_DATABASE_URL=postgres://…` it runs on PostgreSQL instead, in a fresh database made
for the run next to the one named (`test_<name>`, dropped at the end), like the test runner's:

    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/forkant_bench make bench

Prints a table and exits 1 if a bar is not met (`--report` only prints; `--only-board` measures
only the board's rows, in seconds instead of minutes).
"""

from __future__ import annotations

import io
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TMP = tempfile.mkdtemp(prefix="forkant-bench-")
os.environ["DATABASE_URL"] = (
    os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{TMP}/bench.sqlite3"
)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "forkant.settings")
# Django's test client talks to "testserver". The test environment is not set up: it would
# instrument every template render (for assertions on templates), which real requests never pay.
os.environ["ALLOWED_HOSTS"] = "testserver"
os.environ["SECURE"] = "false"  # the test client speaks plain HTTP

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.core.signals import request_finished, request_started  # noqa: E402
from django.db import close_old_connections, connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402
from pypdf import PdfReader  # noqa: E402
from weasyprint import HTML  # noqa: E402

from composition.inspection.render import PDF_VARIANT, bundle, render_bundle_pdf  # noqa: E402
from forkant import services  # noqa: E402
from forkant.models import AMG  # noqa: E402
from handleplan import services as board  # noqa: E402
from handleplan.models import Action, Status  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
import searching  # noqa: E402

REPEAT = 15
# `bench.py --only-board`: just the board's rows (the PDF, overview and search take minutes).
ONLY_BOARD = "--only-board" in sys.argv


def median_ms(fn: Callable[[], object], repeat: int = REPEAT) -> float:
    fn()  # warm up
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> int:
    # Keep the connection and its query log across requests, as the test runner does, so the
    # poll's queries can be counted.
    request_started.disconnect(reset_queries)
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    postgresql = connection.vendor == "postgresql"
    if postgresql:  # a fresh database of its own, migrated
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        return _measure()
    finally:
        if postgresql:
            connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)


def _measure() -> int:
    call_command("migrate", verbosity=0)
    call_command("demo", stdout=io.StringIO())
    amg = AMG.objects.get(name="Solsikkeskolen")

    # The demo school's inspection bundle as the demo has it (before its board grows below).
    def render_inspection_pdf(amg_id: int) -> bytes:
        """The inspection bundle as the worker renders it: read, lay out, PDF/A."""
        return render_bundle_pdf(bundle(amg_id, document_id="FK-BNCH-0001")).data

    if ONLY_BOARD:
        return _report(_board(amg))
    pdf = render_inspection_pdf(amg.pk)
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    rows = "".join(
        f"<tr><td>Række {n}</td><td>{'tekst ' * 12}</td><td>{n}</td></tr>" for n in range(400)
    )
    plain_html = f'<html lang="da"><body><table>{rows}</table></body></html>'
    plain_pages = len(HTML(string=plain_html).render().pages)
    # Trim the plain document to the inspection PDF's page count.
    per_page = 400 / plain_pages
    rows = "".join(
        f"<tr><td>Række {n}</td><td>{'tekst ' * 12}</td><td>{n}</td></tr>"
        for n in range(max(1, int(per_page * pages) - 5))
    )
    plain_html = f'<html lang="da"><body><table>{rows}</table></body></html>'
    plain_pages = len(HTML(string=plain_html).render().pages)
    # Interleaved, so that load from elsewhere on the machine hits both alike. The plain
    # document is written both as WeasyPrint's default PDF and as the bundle's PDF/A variant
    # (what the archival format itself costs, whatever the document).
    pdf_times, plain_times, plain_a_times = [], [], []
    for _ in range(7):
        pdf_times.append(median_ms(lambda: render_inspection_pdf(amg.pk), repeat=1))
        plain_times.append(median_ms(lambda: HTML(string=plain_html).write_pdf(), repeat=1))
        plain_a_times.append(
            median_ms(lambda: HTML(string=plain_html).write_pdf(pdf_variant=PDF_VARIANT), repeat=1)
        )
    pdf_ms, plain_ms = statistics.median(pdf_times), statistics.median(plain_times)
    plain_a_ms = statistics.median(plain_a_times)

    board_rows = _board(amg)

    # A pulse answer against an idea, each from a fresh phone (no cookie); the rate limits are
    # lifted for the run (their bucket is still read and written, as for every real request).
    from apv.pulse import public as pulse_public
    from apv.pulse.queries import open_pulse
    from handleplan.views import ideas as idea_views

    idea_views.IDEA_RATE = pulse_public.ANSWER_RATE = 10**9
    pulse = open_pulse(amg.pk, timezone.now())
    idea_url = reverse("idea_form", args=[board.board_settings_for(amg).idea_code])
    answer_url = reverse("pulse_answer", args=[pulse.code])
    answer_data = {f"t-{code}": "6" for code in pulse.theme_codes}

    def send_idea() -> object:
        response = Client().post(idea_url, {"text": "Faste pauser", "name": "", "website": ""})
        if response.status_code != 302:
            raise RuntimeError(f"the idea answered {response.status_code}")
        return response

    def send_answer() -> object:
        response = Client().post(answer_url, answer_data)
        if response.status_code != 302:
            raise RuntimeError(f"the answer answered {response.status_code}")
        return response

    idea_times, answer_times = [], []
    for _ in range(REPEAT):  # interleaved
        idea_times.append(median_ms(send_idea, repeat=1))
        answer_times.append(median_ms(send_answer, repeat=1))
    idea_ms, answer_ms = statistics.median(idea_times), statistics.median(answer_times)

    # The organisation overview: 50 AMGs of a generated organisation, as its admin.
    from composition.demo.sample_organisation import load_sample_organisation
    from forkant.models import OrganisationAdmin

    sample = load_sample_organisation(name="Bench Kommune", amgs=50, admin_email="bench@demo.dk")
    org_admin = Client()
    org_admin.force_login(OrganisationAdmin.objects.get(organisation=sample).user)
    overview_url = reverse("organisation_overview", kwargs={"organisation_id": sample.pk})
    overview_times, trivial_times = [], []
    for _ in range(REPEAT):  # interleaved with the trivial view: load hits both alike
        overview_times.append(median_ms(lambda: org_admin.get(overview_url), repeat=1))
        trivial_times.append(median_ms(lambda: Client().get(reverse("login")), repeat=1))
    overview_ms, overview_trivial_ms = (
        statistics.median(overview_times),
        statistics.median(trivial_times),
    )

    def cold_overview() -> None:
        cache.clear()  # built afresh, as after CACHE_SECONDS or a change of the groups
        org_admin.get(overview_url)

    cold_overview_ms = median_ms(cold_overview)
    with CaptureQueriesContext(connection) as overview_queries:
        org_admin.get(overview_url)

    # The search over 10,000 records (bench/searching.py).
    search_rows = searching.measure(median_ms, lambda: Client().get(reverse("login")))

    results = [
        *board_rows,
        (
            "pulse answer vs idea",
            f"{answer_ms:.1f} ms",
            f"{answer_ms / idea_ms:.2f}× an idea sent ({idea_ms:.1f} ms)",
            answer_ms <= 1.5 * idea_ms,
        ),
        (
            "overview, 50 AMGs",
            f"{overview_ms:.1f} ms",
            f"{overview_ms / overview_trivial_ms:.1f}× trivial ({overview_trivial_ms:.1f} ms), "
            f"{len(overview_queries.captured_queries)} queries",
            overview_ms <= 5 * overview_trivial_ms,
        ),
        (
            "  built afresh (no cache)",
            f"{cold_overview_ms:.1f} ms",
            f"{cold_overview_ms / overview_trivial_ms:.1f}× trivial (for information)",
            True,
        ),
        (
            "demo inspection bundle",
            f"{pdf_ms:.0f} ms",
            f"{pdf_ms / plain_a_ms:.2f}× plain {PDF_VARIANT} ({plain_a_ms:.0f} ms, "
            f"{pages} vs {plain_pages} pages)",
            pdf_ms <= 1.5 * plain_a_ms,
        ),
        (
            "  against a plain default PDF",
            f"{plain_ms:.0f} ms",
            f"{pdf_ms / plain_ms:.2f}× plain PDF (for information)",
            True,
        ),
        *search_rows,
    ]
    return _report(results)


def _board(amg: AMG) -> list[tuple[str, str, str, bool]]:
    """The board's rows: the 200-card board, the first view after a change, a move, the poll."""
    member = amg.memberships.filter(read_only=False).select_related("user").first()
    themes = list(amg.themes.all())
    columns = list(Status)
    existing = Action.objects.filter(amg=amg).count()
    for n in range(200 - existing):
        board.create_action(
            amg=amg,
            theme=themes[n % len(themes)],
            status=columns[n % len(columns)],
            title=f"Ekstra handling nummer {n} på tavlen",
            responsible=member,
        )

    client = Client()
    client.force_login(member.user)
    board_url = reverse("board", kwargs={"amg_id": amg.pk})

    def cold_board() -> None:
        cache.clear()
        client.get(board_url)

    # The first view after a change: someone else moved one card (not timed), then the member
    # opens the board; the other 199 cards are as they were.
    moved = Action.objects.filter(amg=amg).order_by("-pk").first()
    turn = {"n": 0}

    def changed_board() -> float:
        turn["n"] += 1
        moved.refresh_from_db()
        board.move_action(action=moved, status=columns[2] if turn["n"] % 2 else columns[3])
        start = time.perf_counter()
        client.get(board_url)
        return (time.perf_counter() - start) * 1000

    # Interleaved, so that load from elsewhere on the machine hits all of them alike.
    changed_board()
    trivial_times, board_times, changed_times, cold_times = [], [], [], []
    for _ in range(REPEAT):
        trivial_times.append(median_ms(lambda: Client().get(reverse("login")), repeat=1))
        board_times.append(median_ms(lambda: client.get(board_url), repeat=1))
        changed_times.append(changed_board())
        cold_times.append(median_ms(cold_board, repeat=1))
    trivial_ms, board_ms = statistics.median(trivial_times), statistics.median(board_times)
    changed_ms, cold_ms = statistics.median(changed_times), statistics.median(cold_times)

    # The same move on a 10-card board (the daycare's, trimmed) and on the 200-card board.
    small = AMG.objects.get(name="Børnehuset Mælkebøtten")
    small_member = small.memberships.filter(read_only=False).select_related("user").first()
    small_themes = list(small.themes.all())
    for n in range(max(0, 10 - Action.objects.filter(amg=small).count())):
        board.create_action(amg=small, theme=small_themes[n % len(small_themes)], title=f"K{n}")
    for extra in Action.objects.filter(amg=small).order_by("-pk")[10:]:
        board.delete_action(action=extra)
    small_client = Client()
    small_client.force_login(small_member.user)

    def mover(amg: AMG, who: Client) -> Callable[[], object]:
        card = Action.objects.filter(amg=amg).order_by("pk").first()
        url = reverse("action_move", kwargs={"amg_id": amg.pk, "pk": card.pk})
        headers = {
            "HX-Request": "true",
            "HX-Current-URL": f"http://testserver{reverse('board', kwargs={'amg_id': amg.pk})}",
        }
        turn = {"n": 0}

        def move() -> object:
            turn["n"] += 1
            card.refresh_from_db(fields=["version"])
            status = columns[1] if turn["n"] % 2 else columns[2]
            response = who.post(url, {"status": status, "version": card.version}, headers=headers)
            if response.status_code != 200:
                raise RuntimeError(f"move answered {response.status_code}")
            return response

        return move

    move_small, move_big = mover(small, small_client), mover(amg, client)
    small_times, big_times = [], []
    for _ in range(REPEAT):  # interleaved, like the PDF below
        small_times.append(median_ms(move_small, repeat=1))
        big_times.append(median_ms(move_big, repeat=1))
    move_small_ms, move_big_ms = statistics.median(small_times), statistics.median(big_times)

    _screen, token = services.create_wall_screen(
        amg=amg, name="Bench", created_by=member.user, now=timezone.now()
    )
    tv = Client()
    tv.post(reverse("wall_pair", kwargs={"token": token}))
    etag = tv.get(reverse("wall_board"))["ETag"]
    with CaptureQueriesContext(connection) as poll_queries:
        status = tv.get(reverse("wall_board"), HTTP_IF_NONE_MATCH=etag).status_code
    poll_query_count = len(poll_queries.captured_queries)
    poll_ms = median_ms(lambda: tv.get(reverse("wall_board"), HTTP_IF_NONE_MATCH=etag))

    return [
        (
            "200-card board",
            f"{board_ms:.1f} ms",
            f"{board_ms / trivial_ms:.1f}× trivial ({trivial_ms:.1f} ms), bar 2×",
            board_ms <= 2 * trivial_ms,
        ),
        (
            "  first view after a change",
            f"{changed_ms:.1f} ms",
            f"{changed_ms / trivial_ms:.1f}× trivial, bar 8×",
            changed_ms <= 8 * trivial_ms,
        ),
        (
            "  with an empty cache",
            f"{cold_ms:.1f} ms",
            f"{cold_ms / trivial_ms:.1f}× trivial (for information)",
            True,
        ),
        (
            "move, 200 vs 10 cards",
            f"{move_big_ms:.1f} ms",
            f"{move_big_ms / move_small_ms:.2f}× the 10-card move ({move_small_ms:.1f} ms)",
            move_big_ms <= 1.5 * move_small_ms,
        ),
        (
            "wall poll, unchanged",
            f"{poll_ms:.1f} ms",
            f"HTTP {status}, {poll_query_count} queries",
            status == 304 and poll_query_count <= 2,
        ),
    ]


def _report(results: list[tuple[str, str, str, bool]]) -> int:
    print(f"{connection.vendor}: {'measure':28} {'time':>10}  {'against the bar':46} result")
    for name, value, detail, ok in results:
        print(f"{name:36} {value:>10}  {detail:46} {'PASS' if ok else 'FAIL'}")
    failed = [name for name, _v, _d, ok in results if not ok]
    return 1 if failed and "--report" not in sys.argv else 0


if __name__ == "__main__":
    sys.exit(main())
