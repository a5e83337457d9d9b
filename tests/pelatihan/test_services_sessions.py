"""Sessions through the services: HR cancels a session and every participant is told."""

from django.core import mail

from pelatihan.services.sessions import session_cancel
from tests.pelatihan.factories import make_participants, register


def test_hr_cancels_a_session_and_everyone_is_told(session, hr_user, django_capture_on_commit_callbacks):
    people = make_participants(4)
    for p in people:
        register(session, p)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        session_cancel(session=session, actor=hr_user)
    assert len(mail.outbox) == 4
    assert all("METHOD:CANCEL" in str(m.attachments[0][1]) for m in mail.outbox)
    assert not session.enrolments.filter(status__in=["confirmed", "waiting"]).exists()
