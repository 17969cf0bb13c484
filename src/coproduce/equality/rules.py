"""Every permission decision about equality monitoring.

There is no permission to see anyone's profile: its owner reads it through their own page,
which asks only that they are signed in. The figures made from profiles are part of the
initiative's diagnostics, open to whoever may view the initiative (they count groups of 5
or more)."""

import rules

from coproduce.initiatives.rules import can_manage_initiative, can_view_initiative

# Keeping (answering, changing, withdrawing) one's own profile.
rules.add_perm("equality.keep_profile", rules.is_authenticated)
rules.add_perm("equality.view_baseline", can_view_initiative)
rules.add_perm("equality.enter_baseline", can_manage_initiative)
