"""The reminders through a REAL SMTP server on loopback (aiosmtpd, started here on a free port):
the messages are read back as the server received them, and a server that is down and then
back loses nothing."""

from __future__ import annotations

import datetime
import email
import socket
from email import policy

import pytest
from aiosmtpd.controller import Controller
from django.core.management import CommandError, call_command
from django.utils import timezone

from metoder.reminders.models import ReminderSent
from tests import builders


class Inbox:
    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        self.messages.append(email.message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp(settings):  # type: ignore[no-untyped-def]
    port = free_port()
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    settings.SITE_URL = "https://forkant.example"
    yield controller, inbox
    controller.stop(no_assert=True)


def test_reminders_go_through_a_real_smtp_server_and_survive_it_being_down(world, smtp):
    controller, inbox = smtp
    meeting = builders.make_meeting(world.amg, days=1, moedeleder="Mette")
    builders.make_action(world.amg, world.theme, title="Støjmåling", responsible=world.amr,
                         deadline=timezone.localdate() + datetime.timedelta(days=2))  # fmt: skip

    # The server is down: reported, nothing marked sent.
    with pytest.raises(CommandError, match="retried next run"):
        call_command("send_reminders")
    assert ReminderSent.objects.count() == 0

    # The server is up: everything arrives.
    controller.start()
    call_command("send_reminders")
    school = [m for m in inbox.messages if "fra Skolen" in m["Subject"]]
    by_address = {m["To"]: m for m in school}
    assert len(school) == 3
    assert sorted(by_address) == ["amr@example.dk", "laeser@example.dk", "leder@example.dk"]
    message = by_address["amr@example.dk"]
    assert "påmindelser fra Skolen" in message["Subject"]
    assert message.get_content_type() == "multipart/alternative"
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    link = f"https://forkant.example/amg/{world.amg.pk}/aarshjul/moede/{meeting.pk}/dagsorden/"
    assert link in text and f'href="{link}"' in html
    assert "Fristen for „Støjmåling“" in text  # the AMR is responsible
    assert "Støjmåling" not in by_address["leder@example.dk"].get_body(("plain",)).get_content()
    assert "Kære" in text and "Venlig hilsen" in text

    # A second run sends nothing new.
    received = len(inbox.messages)  # (the other group's AMR got one about their training)
    call_command("send_reminders")
    assert len(inbox.messages) == received
