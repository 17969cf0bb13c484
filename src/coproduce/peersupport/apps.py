from django.apps import AppConfig


class PeersupportConfig(AppConfig):
    name = "coproduce.peersupport"
    label = "peersupport"
    verbose_name = "Peer support"
