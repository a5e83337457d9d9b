from django.urls import path

from . import views

urlpatterns = [
    path("aktivasi/", views.activation_request, name="account_activation"),
    path("aktivasi/<uidb64>/<token>/", views.activation_confirm, name="account_activation_confirm"),
]
