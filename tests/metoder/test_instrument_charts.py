"""The radar gives each line a distinct style the legend draws the same way, and that survives
grey print: every member's line is solid, in its own colour with its own mark at every point;
the group's average is thick and dark; only the previous round is dashed."""

from __future__ import annotations

import re

from django.urls import reverse
from django.utils import timezone

from metoder.instruments import charts
from metoder.instruments import services as rounds

SIX = ("aabenhed", "innovation", "motivation", "tid_ressourcer", "systematik", "teknikker_viden")
LABELS = ["Åbenhed", "Innovation", "Motivation", "Tid", "Systematik", "Viden"]
LINE = re.compile(
    r'<(?:polygon|polyline) points="[^"]+" fill="[^"]+" fill-opacity="[^"]+" stroke="([^"]+)"'
    r' stroke-width="([^"]+)" stroke-dasharray="([^"]+)"[^>]*><title>([^<]+)</title>'
)
KEY_LINE = re.compile(
    r'<line x1="2" y1="8" x2="34" y2="8" stroke="([^"]+)" stroke-width="([^"]+)"'
    r' stroke-dasharray="([^"]+)"'
)


def series(members: int) -> list[charts.Series]:
    made = [
        charts.Series(f"Medlem {i}", [1 + (i + j) % 5 for j in range(6)], index=i)
        for i in range(members)
    ]
    made.append(charts.Series("Forrige runde", [3] * 6, kind="previous"))
    made.append(charts.Series("Gennemsnit", [3.5] * 6, kind="average"))
    return made


def test_eight_members_each_have_their_own_colour_and_mark_and_only_previous_is_dashed():
    drawn = series(8)
    looks = [charts.style(s) for s in drawn]
    members = looks[:8]
    assert len({look.stroke for look in members}) == 8
    assert len({look.mark for look in members}) == 8  # apart in grey print too
    assert all(look.dash == "" for look in members)
    assert [look.dash for look in looks if look.dash] == [charts.PREVIOUS_DASH]
    average = looks[-1]
    assert float(average.width) > max(float(look.width) for look in members)


def test_the_radar_draws_each_line_as_its_legend_key_does():
    drawn = series(4)
    svg = str(charts.radar(LABELS, drawn, minimum=1, maximum=5, title="Profil"))
    lines = {name: (stroke, width, dash) for stroke, width, dash, name in LINE.findall(svg)}
    assert set(lines) == {s.name for s in drawn}
    for s in drawn:
        key = str(charts.legend_key(s))
        assert KEY_LINE.search(key).groups() == lines[s.name], s.name
        look = charts.style(s)
        if look.mark:  # the key shows the mark the line has at every point
            assert str(charts.mark(look.mark, 18, 8, look.stroke)) in key


def test_a_members_mark_sits_on_every_point_of_their_line():
    member = charts.Series("Anne", [2, 3, 4, 5, 1, 2], index=1)  # a square
    svg = str(charts.radar(LABELS, [member], minimum=1, maximum=5, title="Profil"))
    assert svg.count('<rect x="') == 6


def test_the_round_page_legend_uses_the_charts_keys_not_css_lines(world):
    now = timezone.now()
    round_ = rounds.open_round(
        amg=world.amg,
        instrument_key="kompetencemodel",
        by=world.leder,
        participants=[world.leder, world.amr],
        now=now,
    )
    for member, value in ((world.leder, "4"), (world.amr, "2")):
        rounds.save_answers(
            participant=round_.participants.get(membership=member),
            answers={k: {"value": value} for k in SIX},
            now=now,
            submit=True,
        )
    html = (
        world.client_for("leder")
        .get(reverse("instrument_round", args=[world.amg.pk, round_.pk]))
        .content.decode()
    )
    legend = re.search(r'<ul class="chart-legend">.*?</ul>', html, re.S).group(0)
    assert legend.count('class="legend-key"') == 3  # two members and the average
    assert "legend-line" not in html
    assert html.count('class="legend-mark"') >= 4  # beside the names, in the list and the table
