"""The demo's organisations: the bodies that lead, fund or partner its initiatives."""

from typing import TYPE_CHECKING

from coproduce.organisations.models import OrganisationKind as K
from coproduce.organisations.services import organisation_get_or_create

if TYPE_CHECKING:
    from coproduce.portal.demo import Demo

# (key, name, kind, locality)
ORGANISATIONS = [
    ("cherwell", "Cherwell District Council", K.PUBLIC_AGENCY, ""),
    # Tackley's hall was paid for 20% by the village and 80% by 14 outside bodies (seed 002)
    (
        "tackley_village",
        "Tackley villagers' fundraising",
        K.COMMUNITY_GROUP,
        "Tackley",
    ),
    ("tackley_funders", "Tackley village shop's 14 outside funders", K.FUNDER, ""),
    ("spice", "Spice", K.THIRD_SECTOR, ""),
    ("taff_housing", "Taff Housing Association", K.THIRD_SECTOR, "Cardiff"),
    ("leisure_centre", "Cardiff leisure centre", K.PUBLIC_AGENCY, "Cardiff"),
    (
        "caterham_developers",
        "Caterham Barracks site developers",
        K.BUSINESS,
        "Caterham",
    ),
    ("riverside_council", "Riverside Borough Council", K.PUBLIC_AGENCY, ""),
]


def load(demo: "Demo") -> None:
    for key, name, kind, locality in ORGANISATIONS:
        demo.organisations[key] = organisation_get_or_create(
            name=name, kind=kind, locality=locality
        )
