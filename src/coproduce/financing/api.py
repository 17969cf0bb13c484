from coproduce.initiatives.api import InitiativeChildViewSet


class CampaignViewSet(InitiativeChildViewSet):
    pass


PledgeViewSet = ShareOfferViewSet = GrantViewSet = CampaignViewSet
