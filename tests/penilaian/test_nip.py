import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from penilaian import nip as nip_rules


@pytest.mark.parametrize(
    "value",
    ["198609262015051001", "19860926 201505 1 001", "199308142023032001"],
)
def test_it_accepts_a_valid_pns_nip(value):
    parts = nip_rules.parse(value, nip_rules.PNS)
    assert parts.birth_date.year in (1986, 1993)
    assert parts.gender in (1, 2)


def test_it_reads_the_parts_of_a_nip():
    parts = nip_rules.parse("198609262015051001")
    assert str(parts.birth_date) == "1986-09-26"
    assert (parts.appointment_year, parts.appointment_month, parts.gender, parts.sequence) == (2015, 5, 1, 1)


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("198602302015051001", "birth_date"),  # 30 February
        ("198613262015051001", "birth_date"),  # month 13 in the birth date
        ("198609262015131001", "appointment"),  # appointment month 13
        ("198609262015001001", "appointment"),  # appointment month 00
        ("198609262015053001", "gender"),  # gender digit 3
        ("198609262015050001", "gender"),  # gender digit 0
        ("19860926201505100", "length"),  # 17 digits
        ("1986092620150510011", "length"),  # 19 digits
        ("19860926201505100A", "digits"),  # a letter
        ("abcdefghijklmnopqr", "digits"),
        ("198609262015051000", "sequence"),
        ("198609261995051001", "appointment"),  # appointed at 8 years old
    ],
)
def test_it_rejects_a_bad_pns_nip(value, code):
    with pytest.raises(ValidationError) as exc:
        nip_rules.parse(value, nip_rules.PNS)
    assert exc.value.code == code


def test_a_pppk_number_may_have_digits_13_14_that_are_not_a_month():
    nip = "199001012022211001"  # "21" where a PNS NIP has the month
    with pytest.raises(ValidationError):
        nip_rules.parse(nip, nip_rules.PNS)
    assert nip_rules.parse(nip, nip_rules.PPPK).appointment_month is None


def test_a_pppk_number_still_needs_a_real_birth_date_and_gender():
    with pytest.raises(ValidationError):
        nip_rules.parse("199002302022211001", nip_rules.PPPK)
    with pytest.raises(ValidationError):
        nip_rules.parse("199001012022215001", nip_rules.PPPK)


def test_it_shows_a_nip_grouped():
    assert nip_rules.format_nip("198609262015051001") == "19860926 201505 1 001"


def test_errors_are_in_indonesian_by_default_and_english_when_chosen():
    with translation.override("id"):
        with pytest.raises(ValidationError) as exc:
            nip_rules.parse("1986", nip_rules.PNS)
        assert "18 digit" in exc.value.messages[0]
    with translation.override("en"):
        with pytest.raises(ValidationError) as exc:
            nip_rules.parse("1986", nip_rules.PNS)
        assert "18 digits long" in exc.value.messages[0]
