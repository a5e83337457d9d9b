"""Mail and reminders: every registration mail carries an .ics; reminders go out once."""

from django.core import mail

from pelatihan.services.notifications import send_reminders
from tests.pelatihan.factories import make_participants, make_session, register


def test_every_registration_mail_carries_an_ics(session, django_capture_on_commit_callbacks):
    people = make_participants(4)
    with django_capture_on_commit_callbacks(execute=True):
        for p in people:
            register(session, p)
    assert len(mail.outbox) == 4
    for message in mail.outbox:
        (name, content, mimetype) = message.attachments[0]
        assert name.endswith(".ics") and mimetype.startswith("text/calendar")
        assert "BEGIN:VEVENT" in str(content)


def test_reminders_are_sent_once(db, django_capture_on_commit_callbacks):
    session = make_session(start_in_days=1, capacity=5)
    for p in make_participants(3):
        register(session, p)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_reminders() == 3
    with django_capture_on_commit_callbacks(execute=True):
        assert send_reminders() == 0
    assert len(mail.outbox) == 3


def test_the_management_command_sends_reminders(db):
    from django.core.management import call_command

    session = make_session(start_in_days=1)
    register(session, make_participants(1)[0])
    call_command("send_reminders", stdout=open("/dev/null", "w"))
    call_command("send_reminders", stdout=open("/dev/null", "w"))
    assert session.enrolments.get().reminders.count() == 1
