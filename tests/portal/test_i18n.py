from pathlib import Path

import polib
from django.conf import settings
from django.urls import reverse

LOCALE = Path(settings.BASE_DIR) / "locale"


def test_every_message_has_an_indonesian_translation():
    po = polib.pofile(str(LOCALE / "id/LC_MESSAGES/django.po"))
    untranslated = [e.msgid for e in po.untranslated_entries()] + [e.msgid for e in po.fuzzy_entries()]
    assert untranslated == []


def test_the_compiled_catalogue_is_up_to_date():
    po = polib.pofile(str(LOCALE / "id/LC_MESSAGES/django.po"))
    mo = polib.mofile(str(LOCALE / "id/LC_MESSAGES/django.mo"))
    compiled = {(e.msgctxt, e.msgid): e.msgstr for e in mo}  # a context makes a separate message
    stale = [e.msgid for e in po.translated_entries()
             if not e.msgid_plural and compiled.get((e.msgctxt, e.msgid)) != e.msgstr]
    assert stale == [], "run `make messages` (compilemessages) and commit the .mo files"


def test_the_interface_is_indonesian_even_for_an_english_browser(client, db):
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    body = response.content.decode()
    assert '<html lang="id"' in body and "Masuk" in body


def test_the_language_switch_turns_english_on_and_off(client, db):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/accounts/login/"})
    assert response.status_code == 302
    body = client.get("/accounts/login/").content.decode()
    assert '<html lang="en"' in body and "Sign in" in body
    client.post(reverse("set_language"), {"language": "id", "next": "/"})
    assert "Masuk" in client.get("/accounts/login/").content.decode()
