from django.urls import path

from volunteers import views as volunteer_views

from . import views

urlpatterns = [
    path("account/", views.overview, name="account_overview"),
    path("account/my-data.json", views.export, name="account_export"),
    path("account/delete/", views.delete, name="account_delete"),
    path("account/certificate.pdf", volunteer_views.certificate_pdf, name="volunteer_certificate"),
    path("volunteers/profile/", volunteer_views.profile, name="volunteer_profile"),
    path("volunteers/hours/", volunteer_views.log_hours, name="volunteer_log_hours"),
    path("volunteers/honour-roll/", volunteer_views.honour_roll, name="volunteer_honour_roll"),
    path("volunteers/verify/", volunteer_views.verify, name="volunteer_verify"),
    path(
        "volunteers/verify/<str:code>/",
        volunteer_views.verify,
        name="volunteer_verify_code",
    ),
]
