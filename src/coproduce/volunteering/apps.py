from django.apps import AppConfig


class VolunteeringConfig(AppConfig):
    name = "coproduce.volunteering"
    label = "volunteering"
    verbose_name = "Volunteering"
