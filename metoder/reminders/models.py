"""E-mail reminders: what each member wants to receive, and what has been sent.

`ReminderSent` is the sent-log: one row per member and reminder key (the key names the thing and
the date it is about, e.g. ``action-deadline:12:2026-05-01:soon``), unique, so running
`manage.py send_reminders` twice sends nothing new while a moved deadline is a new reminder. A
row is written in the same transaction as the e-mail is handed to the mail server: a failing
server rolls it back, so the reminder is tried again next run.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from forkant.models import Membership, Role

__all__ = ["REMINDER_KINDS", "ReminderPreference", "ReminderSent", "default_preferences"]

# (field, label, help) in the order the preferences page shows them.
REMINDER_KINDS = [
    (
        "meetings",
        _("Møder"),
        _("Et tavlemøde eller AMG-møde inden for de næste to døgn, med link til mødet."),
    ),
    (
        "actions",
        _("Mine handlinger"),
        _(
            "Når fristen eller opfølgningen på en handling, du rykker, nærmer sig "
            "eller er passeret."
        ),
    ),
    (
        "apv",
        _("APV’ens 3-årsgrænse"),
        _("Når et område skal vurderes igen inden for 90 dage, eller fristen er passeret."),
    ),
    (
        "training",
        _("Arbejdsmiljøuddannelse"),
        _("Når din uddannelse forfalder. Lederen får også besked om gruppens medlemmer."),
    ),
    (
        "ideas",
        _("Idéer, der venter"),
        _("Nye idéer fra arbejdspladsen, der venter på, at gruppen behandler dem."),
    ),
    (
        "tilsyn",
        _("Klar til tilsyn"),
        _(
            "Når noget, Arbejdstilsynet spørger efter, nærmer sig sin frist, er overskredet "
            "eller mangler – fx en ulykke, der ikke er anmeldt i EASY."
        ),
    ),
    (
        "rounds",
        _("Selvevalueringer"),
        _(
            "Når en runde venter på dit svar – og igen et par dage før fristen, "
            "hvis du ikke har svaret."
        ),
    ),
]


def default_preferences(membership: Membership) -> dict[str, bool]:
    """What a member gets until they choose: meetings, their own actions and their training;
    the APV's limit and what an inspection would find for the leder and the AMR; ideas for those
    who can moderate them."""
    manager = membership.role in {Role.LEDER, Role.AMR}
    return {
        "meetings": True,
        "actions": True,
        "apv": manager and not membership.read_only,
        "training": True,
        "ideas": not membership.read_only,
        "tilsyn": manager and not membership.read_only,
        "rounds": True,
    }


class ReminderPreference(models.Model):
    membership = models.OneToOneField(
        Membership, on_delete=models.CASCADE, related_name="reminder_preference"
    )
    meetings = models.BooleanField(_("møder"), default=True)
    actions = models.BooleanField(_("mine handlinger"), default=True)
    apv = models.BooleanField(_("APV’ens 3-årsgrænse"), default=True)
    training = models.BooleanField(_("arbejdsmiljøuddannelse"), default=True)
    ideas = models.BooleanField(_("idéer, der venter"), default=True)
    tilsyn = models.BooleanField(_("klar til tilsyn"), default=True)
    rounds = models.BooleanField(_("selvevalueringer"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("valg af påmindelser")
        verbose_name_plural = _("valg af påmindelser")

    def __str__(self) -> str:
        return str(self.membership)

    def as_dict(self) -> dict[str, bool]:
        return {field: getattr(self, field) for field, _label, _help in REMINDER_KINDS}


class ReminderSent(models.Model):
    membership = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="reminders_sent"
    )
    key = models.CharField(max_length=200)
    sent_at = models.DateTimeField()

    class Meta:
        verbose_name = _("sendt påmindelse")
        verbose_name_plural = _("sendte påmindelser")
        constraints = [
            models.UniqueConstraint(fields=["membership", "key"], name="unique_reminder_sent")
        ]

    def __str__(self) -> str:
        return self.key
