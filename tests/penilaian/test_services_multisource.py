"""Input from peers, subordinates and the public, with the personas: the school head invites the
teacher's peers and external stakeholders; answers are anonymous and only a group of three or
more shows; a stakeholder's link works once, expires and cannot be forged."""

import datetime as dt

import pytest
from django.core import mail, signing
from django.utils import timezone

from penilaian.exceptions import AppraisalError
from penilaian.models import MultisourceResponse, RaterGroup, RaterInvitation
from penilaian.selectors import expectations as expectation_selectors
from penilaian.selectors import multisource as multisource_selectors
from penilaian.services import multisource as multisource_services
from tests import factories as f


def all_values(score):
    return {v.pk: score for v in expectation_selectors.behaviour_values()}


def token_of(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1]


@pytest.fixture
def feedback_round(period, city, supervisor_user):
    return multisource_services.round_open(employee=city.teacher, period=period, actor=supervisor_user)


def test_peers_answer_anonymously_and_a_group_shows_from_three(feedback_round, city, supervisor_user,
                                                               colleague_user, django_capture_on_commit_callbacks):
    peers = [city.fellow_teacher] + [f.make_employee(unit=city.school, supervisor=city.school_head) for _ in range(2)]
    users = [colleague_user] + [f.give_account(p) for p in peers[1:]]
    with django_capture_on_commit_callbacks(execute=True):
        n = multisource_services.invite_colleagues(feedback_round=feedback_round, actor=supervisor_user,
                                                   group=RaterGroup.PEER, raters=peers)
    assert n == 3 and len(mail.outbox) == 3
    assert "/kinerja/masukan/" in mail.outbox[0].body and city.teacher.full_name in mail.outbox[0].subject

    for i, (peer, user) in enumerate(zip(peers, users, strict=True)):
        invitation = RaterInvitation.objects.get(rater=peer)
        multisource_services.response_submit(invitation=invitation, actor=user, scores=all_values(3 + i % 2),
                                             comment=f"komentar {i}")
        (peers_group,) = [g for g in multisource_selectors.aggregate(feedback_round) if g.group == RaterGroup.PEER]
        assert peers_group.visible == (i == 2)  # hidden with one or two answers
    assert peers_group.responses == 3 and set(peers_group.means.values()) == {round((3 + 4 + 3) / 3, 1)}
    assert peers_group.comments == ["komentar 0", "komentar 1", "komentar 2"]
    # Nothing in a response points back to who gave it or when.
    names = {field.name for field in MultisourceResponse._meta.get_fields()}
    assert names == {"id", "round", "group", "comment", "ratings"}
    with pytest.raises(AppraisalError) as exc:
        multisource_services.response_submit(invitation=RaterInvitation.objects.get(rater=peers[0]),
                                             actor=users[0], scores=all_values(5))
    assert exc.value.code == "used"


def test_only_real_peers_and_subordinates_can_be_invited(feedback_round, city, supervisor_user):
    with pytest.raises(AppraisalError) as exc:
        multisource_services.invite_colleagues(feedback_round=feedback_round, actor=supervisor_user,
                                               group=RaterGroup.PEER, raters=[city.nurse])
    assert exc.value.code == "not_colleague"
    with pytest.raises(AppraisalError) as exc:  # the teacher has no subordinates
        multisource_services.invite_colleagues(feedback_round=feedback_round, actor=supervisor_user,
                                               group=RaterGroup.SUBORDINATE, raters=[city.fellow_teacher])
    assert exc.value.code == "not_colleague"


def test_a_rater_answers_only_their_own_invitation_and_all_seven_values(feedback_round, city, supervisor_user,
                                                                         colleague_user, employee_user):
    multisource_services.invite_colleagues(feedback_round=feedback_round, actor=supervisor_user, group=RaterGroup.PEER,
                                           raters=[city.fellow_teacher])
    invitation = RaterInvitation.objects.get()
    with pytest.raises(AppraisalError) as exc:
        multisource_services.response_submit(invitation=invitation, actor=employee_user, scores=all_values(5))
    assert exc.value.code == "not_rater"
    partial = dict(list(all_values(4).items())[:6])
    with pytest.raises(AppraisalError) as exc:
        multisource_services.response_submit(invitation=invitation, actor=colleague_user, scores=partial)
    assert exc.value.code == "incomplete"


@pytest.mark.parametrize("persona", ["employee_user", "colleague_user", "indirect_supervisor_user", "trainer_user"])
def test_only_the_supervisor_or_bkpsdm_asks_for_input(request, period, city, persona, hr_user):
    with pytest.raises(AppraisalError) as exc:
        multisource_services.round_open(employee=city.teacher, period=period, actor=request.getfixturevalue(persona))
    assert exc.value.code == "not_allowed"
    assert multisource_services.round_open(employee=city.teacher, period=period, actor=hr_user)


def test_a_stakeholder_link_works_once(feedback_round, supervisor_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invitation, url = multisource_services.invite_stakeholder(feedback_round=feedback_round, actor=supervisor_user,
                                                                  email="kepala.desa@desa.example")
    assert url in mail.outbox[0].body and mail.outbox[0].to == ["kepala.desa@desa.example"]
    token = token_of(url)
    assert multisource_selectors.invitation_for_token(token) == invitation
    multisource_services.stakeholder_submit(token=token, scores=all_values(5), comment="Sangat membantu warga.")
    assert MultisourceResponse.objects.get().group == RaterGroup.STAKEHOLDER
    with pytest.raises(AppraisalError) as exc:
        multisource_services.stakeholder_submit(token=token, scores=all_values(1))
    assert exc.value.code == "invalid_link" and MultisourceResponse.objects.count() == 1


def test_a_stakeholder_link_expires_and_cannot_be_forged(feedback_round, supervisor_user):
    invitation, url = multisource_services.invite_stakeholder(feedback_round=feedback_round, actor=supervisor_user)
    token = token_of(url)
    forged = signing.dumps([invitation.pk, "0" * 32], salt="penilaian.multisource.stakeholder", key="not-the-key")
    guessed = signing.dumps([invitation.pk, "0" * 32], salt=multisource_selectors.TOKEN_SALT, compress=True)
    assert multisource_selectors.invitation_for_token(forged) is None
    assert multisource_selectors.invitation_for_token(guessed) is None  # right key, wrong nonce
    assert multisource_selectors.invitation_for_token(token[:-2] + "xx") is None
    RaterInvitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    with pytest.raises(AppraisalError) as exc:
        multisource_services.stakeholder_submit(token=token, scores=all_values(4))
    assert exc.value.code == "invalid_link"
