"""Who may do what with organisations."""

import rules

rules.add_perm("organisations.view_organisation", rules.always_allow)
rules.add_perm("organisations.add_organisation", rules.is_authenticated)
rules.add_perm("organisations.change_organisation", rules.is_staff)
