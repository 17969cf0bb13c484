"""The demo's people: a curator for the case library and a few people on each side."""

from typing import TYPE_CHECKING

from coproduce.accounts.models import User

if TYPE_CHECKING:
    from coproduce.portal.demo import Demo

DEMO_PASSWORD = "coproduce-demo"  # noqa: S105 - published on purpose: demo accounts only

# (username, display name, locality); the curator first, who does not sign in
PEOPLE = [
    ("curator", "Case library curator", ""),
    ("amara", "Amara Okafor (co-production officer)", "Oxfordshire"),
    ("jo", "Jo Bright", "Tackley"),
    ("sam", "Sam Patel", "Tackley"),
    ("priya", "Priya Shah", "Oxfordshire"),
    ("cllr_hughes", "Cllr Dylan Hughes", "Cherwell"),
    ("rhian", "Rhian Evans", "Cardiff"),
    ("tom", "Tom Price (Taff Housing)", "Cardiff"),
    ("kerry", "Kerry Moss", "Caterham"),
    ("lena", "Lena Novak (trust officer)", "Caterham"),
    ("cllr_ward", "Cllr Helen Ward", "Caterham"),
]


def load(demo: "Demo") -> None:
    for username, display_name, locality in PEOPLE:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "display_name": display_name,
                "locality": locality,
                "email": f"{username}@example.org",
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        demo.people[username] = user
    demo.counts["people"] = len(PEOPLE)
    demo.notes.append(
        f"Sign in as any of {', '.join(username for username, _, _ in PEOPLE[1:])} "
        f"with the password '{DEMO_PASSWORD}'."
    )
