"""Every permission decision about co-management."""

from typing import Any

import rules

from coproduce.initiatives.rules import can_view_initiative, is_coordinator


@rules.predicate
def chairs_the_board(user: Any, target: Any) -> bool:
    """The user chairs the board this meeting (or board) belongs to."""
    board = getattr(target, "board", target)
    if not user.is_authenticated or not hasattr(board, "seats"):
        return False
    return board.seats.filter(person=user, role="chair", left_on__isnull=True).exists()


can_manage = is_coordinator | rules.is_staff

rules.add_perm("comanagement.view", can_view_initiative)
rules.add_perm("comanagement.manage_boards", can_manage)
rules.add_perm("comanagement.run_meeting", can_manage | chairs_the_board)
