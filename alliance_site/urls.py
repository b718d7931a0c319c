from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.documents import urls as wagtaildocs_urls

from . import admin_fences, admin_pages, shortlinks, views
from .search import views as search_views
from .sitemaps import sitemap_view

urlpatterns = [
    # Staff log in through allauth (rate limits, one login form for everyone).
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
        name="admin_login_redirect",
    ),
    # …and reset their password through allauth's (rate-limited, the same mail for a
    # known and an unknown address): Wagtail's own reset and its later steps lead there.
    # It only redirects, so an old form posted without a token gets there too.
    re_path(
        r"^admin/password_reset/",
        csrf_exempt(RedirectView.as_view(pattern_name="account_reset_password")),
        name="admin_password_reset_redirect",
    ),
    # Admin views fenced to what the user may see of other libraries (admin_fences.py).
    path("admin/", include(admin_fences.urlpatterns)),
    # The page create view, one request at a time per parent (alliance_site/admin_pages.py).
    path(
        "admin/pages/add/<slug:content_type_app_name>/<slug:content_type_model_name>/"
        "<int:parent_page_id>/",
        never_cache(
            wagtailadmin_urls.display_custom_404(require_admin_access(admin_pages.create_page))
        ),
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap_view, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("healthz/", views.healthz, name="healthz"),
    path("readyz/", views.readyz, name="readyz"),
    # Short, language-neutral links printed on posters and certificates.
    path("e/<str:page_id>/", shortlinks.short_page_link, name="short_page_link"),
    path("", include("volunteers.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path("search/", search_views.search, name="search"),
    path(
        "e/<str:page_id>/",
        shortlinks.short_page_link,
        {"localized": True},
        name="short_page_link_localized",
    ),
    path("", include("events.urls")),
    path("", include("accounts.urls")),
    re_path(
        rf"^((?:[\w\-]+/)*)({views.PAGE_FILES_PATTERN})$",
        views.serve_page_file,
        name="page_file",
    ),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler404 = "alliance_site.views.page_not_found"
handler500 = "alliance_site.views.server_error"
