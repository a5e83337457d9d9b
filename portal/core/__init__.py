"""The kernel: what every app needs, importing no app.

- ``audit``: the one audit trail (Wagtail's log) and the registration of action labels.
- ``roles``: the portal's groups and the role checks that need only the user account.
- ``tables``: reading CSV/XLSX uploads and the one safe writer for every CSV/XLSX the portal
  writes (formula cells neutralised).
- ``http``: small view helpers (a safe ``?next=``, a domain error as a message).

Dependencies point down: ``penilaian``, ``pelatihan``, ``home`` and the project package may
import from here; nothing here imports them (``tests/test_architecture.py`` checks it).
"""
