from coproduce.initiatives.api import InitiativeChildViewSet


class JourneyMapViewSet(InitiativeChildViewSet):
    pass


class JourneyStageViewSet(InitiativeChildViewSet):
    pass


class JourneyNoteViewSet(InitiativeChildViewSet):
    pass
