"""No admin pages. A person's equality profile is seen by its owner alone, so it has no
ModelAdmin, not even a read-only one (ADR 0027); baselines are entered on the initiative's
page by its coordinators."""
