"""The Content-Security-Policy of the public site (settings: CONTENT_SECURITY_POLICY).

django-csp's middleware, less Wagtail's previews: the admin renders a page's preview by
sending a made-up request for the page's own address through the middleware (the
preview panel frames it, the admin's scripts reach into it), and the admin, which has
no policy (EXCLUDE_URL_PREFIXES), serves the result."""

import base64
import hashlib

from csp.middleware import CSPMiddleware


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def process_response(self, request, response):
        if getattr(request, "is_dummy", False):  # Wagtail's preview request
            response._csp_exempt = True  # what django-csp's @csp_exempt() sets
        return super().process_response(request, response)


def csp_hash(text):
    """A policy source that allows exactly this inline text (a <style> or <script>)."""
    digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
    return f"'sha256-{digest}'"
