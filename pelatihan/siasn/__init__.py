"""The adapter to SIASN, the national civil-service register: a verified development record is
sent to SIASN's training-history endpoint ("riwayat kursus") in SIASN's own shape.

- ``codes`` — the shipped defaults of the code table (route and competency kind → SIASN's
  ``jenisDiklatId`` and the label sent as ``jenisKursusSertipikat``), for BKPSDM to confirm.
- ``mapping`` — pure: a development record to SIASN's record, the hold rule, the retry delays.
- ``client`` — HTTP with SIASN's two bearer tokens (the API gateway's and the SSO's).
- ``tasks`` — the background tasks (one send; the sweep of sends whose retry is due).

Where the shapes come from. SIASN publishes no open specification; the payload, the endpoints
and the token flows follow several independent public API clients that agree with each other:
a PHP SDK for SIASN's web services (its ``kursus`` resource and its copy of SIASN's reference
tables, among them ``jenisDiklat`` with ids 1–25), a Laravel package for SIASN's API (its
configuration of the production and training environments and its ``Auth`` header for the SSO
token next to the gateway's ``Authorization``), and the synchronisation code of several regional
HR systems that post to ``kursus/save`` and keep ``mapData.rwKursusId``. From them:

- Gateway token: OAuth2 client credentials — ``POST <token URL>`` with HTTP Basic
  ``consumer key:consumer secret`` and ``grant_type=client_credentials``; the answer has
  ``access_token`` and ``expires_in``. Sent as ``Authorization: Bearer <token>``.
- SSO token: Keycloak's password grant for the agency operator's account — ``POST
  <realm>/protocol/openid-connect/token`` with ``grant_type=password``, ``client_id``,
  ``username``, ``password``. Sent as ``Auth: bearer <token>``.
- ``GET <API>/pns/data-utama/{nip}`` answers ``{"code": 1, "data": {"id": …, "nipBaru": …,
  "nama": …}}``; ``data.id`` is the ``pnsOrangId``.
- ``GET <API>/pns/rw-kursus/{nip}`` answers the employee's training history in SIASN, entries
  with the same field names as the record below (``id``, ``namaKursus``, ``tanggalKursus`` …).
- ``POST <API>/kursus/save`` takes the JSON record of ``mapping.FIELDS`` and answers
  ``{"success": true, "message": "success", "mapData": {"rwKursusId": "…"}}``; sending the
  record again with ``id`` set to that value updates it.
- BKN's training environment: gateway ``https://training-apimws.bkn.go.id`` (API under
  ``:8243/api/1.0``), SSO ``https://iam-siasn.bkn.go.id``; production: ``https://apimws.bkn.go.id``
  (API under ``:8243/apisiasn/1.0``), SSO ``https://sso-siasn.bkn.go.id``.

Choices the sources leave open, made here and marked *(check)*: unknown references (``id`` of a
new record, ``jenisKursus``, ``lokasiId``) are sent as JSON ``null``; ``path`` (attached
documents) is an empty list — the portal does not upload certificates to SIASN;
``jenisKursusSertipikat`` carries the label of the code table (SIASN's reference also has a
one-letter class, T/F/P, that some clients send instead).
"""
