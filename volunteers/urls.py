"""Language-neutral addresses of the volunteers app (no language prefix): the short
verification link printed on certificates. The prefixed ones are in accounts/urls.py."""

from django.urls import path

from . import views

urlpatterns = [
    path("v/<str:code>/", views.verify_short, name="certificate_short_link"),
]
