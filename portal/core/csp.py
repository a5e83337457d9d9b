"""The Content-Security-Policy of every page (django-csp), and the one exception.

Every portal page gets the strict policy of ``settings.CONTENT_SECURITY_POLICY``: scripts and
styles only from our own static files, no inline script, no inline event handler, nothing
from another site. The portal's own templates have no inline script (``static/js/`` files
instead) and no ``style=`` attribute, so they need no nonce — and a page without a nonce can
come from the shared page cache.

The exception is Wagtail's admin (``/admin/``): Wagtail 8 still writes inline ``<script>`` in
some of its own widgets (inline panels, date pickers) and inline styles (Wagtail's open GitHub
report "CSP compatibility issues", number 1288), so there scripts and styles may also be inline. Everything
else stays as strict — no other origin, no plugins, no framing by other sites — and the admin
is only for signed-in editors.
"""

from __future__ import annotations

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware

ADMIN_PREFIX = "/admin/"
ADMIN_EXTRA = {"script-src": [UNSAFE_INLINE], "style-src": [UNSAFE_INLINE], "img-src": ["blob:"]}


class PortalCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if request.path_info.startswith(ADMIN_PREFIX) and not report_only:
            update = dict(parts.update or {})
            for directive, sources in ADMIN_EXTRA.items():
                update[directive] = [*update.get(directive, []), *sources]
            parts.update = update
        return parts
