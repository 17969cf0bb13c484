from coproduce.initiatives.api import InitiativeChildViewSet


class IdeaViewSet(InitiativeChildViewSet):
    pass
