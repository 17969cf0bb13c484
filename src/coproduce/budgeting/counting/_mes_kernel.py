"""The Method of Equal Shares' inner loop, compiled with numba.

Projects' supporters are in compressed rows: supporters of project j are
``groups[start[j]:start[j + 1]]`` with satisfactions ``sats[...]``; ``counts`` is how many
voters share each ballot group. The logic is ``EqualShares.run``'s, step for step.
"""

import numpy as np
from numba import njit

SLACK = 1e-12  # relative tolerance for "can afford" in floating point


@njit(cache=True)
def affordability(j, budgets, counts, start, groups, sats, costs, total_sat, rich):
    """Price per unit of satisfaction the supporters of ``j`` can pay, or -1.0 if none."""
    first, last = start[j], start[j + 1]
    money = 0.0
    for k in range(first, last):
        money += budgets[groups[k]] * counts[groups[k]]
    cost = costs[j]
    if money < cost * (1.0 - SLACK):
        return -1.0
    for k in range(first, last):
        rich[k - first] = True
    paid = 0.0
    unpaid = total_sat[j]
    rho = cost / unpaid
    while True:
        any_poor = False
        for k in range(first, last):
            if rich[k - first]:
                g = groups[k]
                if budgets[g] < rho * sats[k] * (1.0 - SLACK):
                    rich[k - first] = False
                    any_poor = True
                    paid += budgets[g] * counts[g]
                    unpaid -= counts[g] * sats[k]
        if not any_poor:
            return rho
        if unpaid <= 0.0:
            return -1.0
        rho = (cost - paid) / unpaid


@njit(cache=True)
def run(per_voter, counts, start, groups, sats, costs, total_sat, candidates, stop_above):
    """MES with every voter starting at ``per_voter``: the funded projects in order."""
    budgets = np.full(counts.shape[0], per_voter)
    projects = costs.shape[0]
    afford = np.full(projects, np.inf)
    active = np.zeros(projects, dtype=np.bool_)
    for j in candidates:
        active[j] = True
        afford[j] = costs[j] / total_sat[j]
    widest = 0
    for j in range(projects):
        widest = max(widest, start[j + 1] - start[j])
    rich = np.zeros(widest + 1, dtype=np.bool_)
    chosen = np.empty(projects, dtype=np.int64)
    picked = 0
    spent = 0.0
    while spent <= stop_above:
        keys = np.where(active, afford, np.inf)
        order = np.argsort(keys, kind="mergesort")  # ties keep id order
        best = np.inf
        pick = -1
        for j in order:
            if not active[j]:
                break
            if afford[j] > best:
                break
            rho = affordability(j, budgets, counts, start, groups, sats, costs, total_sat, rich)
            if rho < 0.0:
                active[j] = False
                continue
            afford[j] = rho
            if rho < best:
                best = rho
                pick = j
            elif rho == best and j < pick:
                pick = j
        if pick < 0:
            break
        chosen[picked] = pick
        picked += 1
        spent += costs[pick]
        active[pick] = False
        for k in range(start[pick], start[pick + 1]):
            g = groups[k]
            budgets[g] -= min(budgets[g], best * sats[k])
    return chosen[:picked]
