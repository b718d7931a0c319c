from django.urls import path

from . import views

urlpatterns = [
    path("bookings/cancel/<str:token>/", views.cancel_booking, name="booking_cancel"),
]
