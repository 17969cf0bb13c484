"""Writes for time credits: every movement of credit goes through ``_move``, or, for a gift
or an exchange between two open accounts on PostgreSQL, through ``ledger.move_at_once``.

``_move`` locks both accounts (lowest id first, so concurrent transfers never deadlock; a
gift hands them over already locked the same way), checks limits, updates both balances and
appends the transfer, in one transaction. ``ledger.move_at_once`` does the same in one
statement, the accounts' check constraints holding the limits; whenever it cannot (an
account not yet opened, a limit in the way, a key used before) nothing is written and
``_move`` answers. An idempotency key makes a retried request return the transfer it
already made. The SQL these run is in ``ledger``; this module keeps the checks.
"""

import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coproduce.accounts.people import NO_SUCH_MEMBER
from coproduce.core import gate
from coproduce.core.errors import Conflict
from coproduce.core.queries import one_or_none
from coproduce.initiatives.models import Initiative
from coproduce.initiatives.selectors import standing, standings_of
from coproduce.organisations.models import Organisation
from coproduce.timecredits import ledger
from coproduce.timecredits.models import (
    Account,
    AccountKind,
    CreditPolicy,
    Offer,
    Partner,
    Transfer,
    TransferKind,
    Voucher,
)

MAX_MINUTES = 1_000_000  # about two years of one person's time: far above any real transfer


def policy_of(initiative: Initiative) -> CreditPolicy:
    """The initiative's policy, or the default (one credit an hour, no overdraft) unsaved."""
    return CreditPolicy.objects.filter(initiative=initiative).first() or CreditPolicy(
        initiative=initiative
    )


@transaction.atomic
def policy_set(
    *,
    actor: Any,
    initiative: Initiative,
    minutes_per_hour: int,
    floor: int,
    ceiling: int | None,
) -> CreditPolicy:
    """Set the earning rate and people's limits; existing balances must fit the new limits."""
    gate.require(actor, "timecredits.manage_credits", initiative)
    if floor > 0:
        raise ValidationError({"floor": _("The floor is zero or an overdraft (below zero).")})
    if ceiling is not None and ceiling <= 0:
        raise ValidationError({"ceiling": _("The ceiling must be above zero, or left empty.")})
    if not 1 <= minutes_per_hour <= 600:
        raise ValidationError({"minutes_per_hour": _("Give between 1 and 600 minutes an hour.")})
    people = Account.objects.select_for_update().filter(
        initiative=initiative, kind=AccountKind.PERSON
    )
    outside = people.exclude(balance__gte=floor)
    if ceiling is not None:
        outside = outside | people.filter(balance__gt=ceiling)
    if outside.exists():
        raise ValidationError(
            {
                "floor": _("%(count)s people's balances are outside these limits now.")
                % {"count": outside.count()}
            }
        )
    policy = policy_of(initiative)
    policy.minutes_per_hour, policy.floor, policy.ceiling = minutes_per_hour, floor, ceiling
    policy.full_clean()
    policy.save()
    people.update(floor=floor, ceiling=ceiling)
    return policy


def _is_member(initiative: Initiative, user: Any) -> bool:
    return standing(user, initiative).active


def _account(initiative: Initiative, **owner: Any) -> Account:
    """The owner's account in the initiative, opened on first use (a concurrent opening
    meets the unique constraint, and the loser reads the winner's)."""
    found = one_or_none(Account.objects.filter(initiative=initiative, **owner))
    if found is not None:
        return found
    if "user" in owner:
        policy = policy_of(initiative)
        limits: dict[str, Any] = {"floor": policy.floor, "ceiling": policy.ceiling}
        kind = AccountKind.PERSON
    elif "organisation" in owner:
        limits, kind = {"floor": 0, "ceiling": None}, AccountKind.ORGANISATION
    else:
        limits, kind = {"floor": None, "ceiling": None}, AccountKind.INITIATIVE
    try:
        with transaction.atomic():
            return Account.objects.create(
                initiative=initiative, **{"kind": kind, **owner}, **limits
            )
    except IntegrityError:
        return Account.objects.get(initiative=initiative, **owner)


def person_account(initiative: Initiative, user: Any) -> Account:
    """A member's account, opened on first use, with its owner attached."""
    if not _is_member(initiative, user):
        raise ValidationError({"person": NO_SUCH_MEMBER})
    account = ledger.member_accounts(initiative, user, user, lock=False).get(user.pk)
    if account is None:
        account = _account(initiative, user=user)
        account.user = user
    return account


def own_account(*, actor: Any, initiative: Initiative) -> Account:
    """The caller's own account (members only), with one read of their membership for both
    the permission and the account's checks."""
    gate.require(actor, "timecredits.use_credits", initiative)
    return person_account(initiative, actor)


def organisation_account(initiative: Initiative, organisation: Organisation) -> Account:
    return _account(initiative, organisation=organisation)


def issuing_account(initiative: Initiative) -> Account:
    return _account(initiative, kind=AccountKind.INITIATIVE)


def _move(
    *,
    actor: Any,
    kind: str,
    debit: Account,
    credit: Account,
    minutes: int,
    description: str = "",
    key: str = "",
    reverses: Transfer | None = None,
    reason: str = "",
    locked: bool = False,
) -> tuple[Transfer, bool]:
    """Move ``minutes`` from ``debit`` to ``credit``. Returns the transfer and whether it
    was made now (False: the same request, by its idempotency key, was made before).

    It runs in its caller's transaction (every caller is atomic; the row locks need one),
    and any error it raises rolls that back whole: no savepoint round trips on this path.
    ``locked``: the caller has already locked both accounts, lowest id first, with their
    owners (a gift finds and locks both in one read)."""
    _check_terms(minutes, key)
    if debit.initiative_id != credit.initiative_id:
        raise ValidationError({"account": _("Both accounts must be in the same initiative.")})
    if debit.pk == credit.pk:
        raise ValidationError({"account": _("Credits cannot move from an account to itself.")})
    if not locked:  # lowest id first, as every transfer locks them: no deadlock
        rows = {
            a.pk: a
            for a in Account.objects.select_for_update(of=("self",))
            .select_related("user", "organisation")
            .filter(pk__in=[debit.pk, credit.pk])
            .order_by("pk")
        }
        debit, credit = rows[debit.pk], rows[credit.pk]
    broken = _limit_broken(debit, credit, minutes)
    if broken:  # unless this is a retry of a transfer made when there was room
        earlier = ledger.made_before(actor, key, (kind, debit.pk, credit.pk, minutes))
        if earlier is None:
            raise ValidationError({"minutes": broken})
        return earlier, False
    transfer = Transfer(
        initiative_id=debit.initiative_id,
        kind=kind,
        debit=debit,
        credit=credit,
        minutes=minutes,
        description=description[:300],
        created_by=actor,
        created_at=timezone.now(),
        reverses=reverses,
        reason=reason[:300],
        idempotency_key=key,
    )
    if not ledger.write(transfer):  # the key was used before: that transfer, nothing moved now
        earlier = ledger.made_before(actor, key, (kind, debit.pk, credit.pk, minutes))
        if earlier is None:  # a key used twice at once, the other not committed: not here
            raise Conflict(
                _("This was already done by another request (the same idempotency key).")
            )
        return earlier, False
    debit.balance -= minutes
    credit.balance += minutes
    return transfer, True


def _check_terms(minutes: int, key: str) -> None:
    """The amount and the idempotency key, as every movement takes them."""
    if isinstance(minutes, bool) or not isinstance(minutes, int) or not 0 < minutes <= MAX_MINUTES:
        raise ValidationError(
            {
                "minutes": _("Give a whole number of minutes from 1 to %(most)s.")
                % {"most": MAX_MINUTES}
            }
        )
    if len(key) > 100:
        raise ValidationError(
            {"idempotency_key": _("An idempotency key has at most 100 characters.")}
        )


def _limit_broken(debit: Account, credit: Account, minutes: int) -> str:
    """What moving ``minutes`` would break (a floor, a ceiling), or "" if nothing."""
    if debit.floor is not None and debit.balance - minutes < debit.floor:
        return _(
            "Not enough credit: %(owner)s has %(balance)s minutes and may go down to %(floor)s."
        ) % {"owner": debit.owner_name, "balance": debit.balance, "floor": debit.floor}
    if credit.ceiling is not None and credit.balance + minutes > credit.ceiling:
        return _("%(owner)s can hold at most %(ceiling)s minutes of credit.") % {
            "owner": credit.owner_name,
            "ceiling": credit.ceiling,
        }
    return ""


NOT_YOUR_OWN_CREDITS = gettext_lazy(
    "You cannot credit your own time: another coordinator credits it, or log your hours "
    "for approval."
)


@transaction.atomic
def credits_earn(
    *,
    actor: Any,
    initiative: Initiative,
    person: Any,
    minutes_given: int,
    description: str = "",
    key: str = "",
) -> tuple[Transfer, bool]:
    """Credit a person for time given, at the initiative's rate; the initiative issues it.
    Never oneself: as with a contribution's verification, someone else confirms one's time."""
    gate.require(actor, "timecredits.manage_credits", initiative)
    if getattr(person, "pk", None) == actor.pk:
        raise ValidationError({"person": NOT_YOUR_OWN_CREDITS})
    return credits_for_confirmed_time(
        actor=actor,
        initiative=initiative,
        person=person,
        minutes_given=minutes_given,
        description=description,
        key=key,
    )


@transaction.atomic
def credits_for_confirmed_time(
    *,
    actor: Any,
    initiative: Initiative,
    person: Any,
    minutes_given: int,
    description: str = "",
    key: str = "",
) -> tuple[Transfer, bool]:
    """Earn credits for time another capability has confirmed under its own permission
    (hours approved by a coordinator or by the person served)."""
    rate = policy_of(initiative).minutes_per_hour
    if isinstance(minutes_given, bool) or not isinstance(minutes_given, int) or minutes_given <= 0:
        raise ValidationError({"minutes_given": _("Give the time in whole minutes, more than 0.")})
    earned = minutes_given * rate // 60
    if earned == 0:
        raise ValidationError({"minutes_given": _("That time earns less than a minute of credit.")})
    return _move(
        actor=actor,
        kind=TransferKind.EARN,
        debit=issuing_account(initiative),
        credit=person_account(initiative, person),
        minutes=earned,
        description=description or f"{minutes_given} minutes given",
        key=key,
    )


def credits_gift(
    *,
    actor: Any,
    initiative: Initiative,
    to: Any,
    minutes: int,
    message: str = "",
    key: str = "",
) -> tuple[Transfer, bool]:
    """A member gives some of their credit to another member."""
    return _member_to_member(TransferKind.GIFT, actor, initiative, to, minutes, message, key)


def credits_pay_for_service(
    *,
    actor: Any,
    initiative: Initiative,
    to: Any,
    minutes: int,
    description: str = "",
    key: str = "",
) -> tuple[Transfer, bool]:
    """A member pays another for a service they received (an exchange, as in a time bank)."""
    return _member_to_member(
        TransferKind.EXCHANGE, actor, initiative, to, minutes, description, key
    )


def _member_to_member(
    kind: str, actor: Any, initiative: Initiative, to: Any, minutes: int, text: str, key: str
) -> tuple[Transfer, bool]:
    """A gift or an exchange: on PostgreSQL, when both accounts are open and there is room,
    one statement (``ledger.move_at_once``); otherwise, and for every refusal's message or a
    retry's first answer, ``_move`` in a transaction."""
    # both memberships in one read, remembered for the rest of the request (the gate asks)
    standings = standings_of(initiative, [actor, to])
    gate.require(actor, "timecredits.use_credits", initiative)
    if to == actor:
        raise ValidationError({"to": _("Choose someone other than yourself.")})
    receiver_standing = standings.get(to.pk)
    if receiver_standing is None or not receiver_standing.active:
        raise ValidationError({"to": NO_SUCH_MEMBER})  # as for a username no one has
    _check_terms(minutes, key)
    transfer = Transfer(
        initiative_id=initiative.pk,
        kind=kind,
        minutes=minutes,
        description=text[:300],
        created_by=actor,
        created_at=timezone.now(),
        idempotency_key=key,
    )
    if connection.vendor == "postgresql" and ledger.move_at_once(transfer, actor, to):
        return transfer, True
    with transaction.atomic():
        # the gate has just found the giver a member; an account opened now, on first use,
        # is locked by _move
        found = ledger.member_accounts(initiative, actor, to, lock=True)
        giver, receiver = found.get(actor.pk), found.get(to.pk)
        return _move(
            actor=actor,
            kind=kind,
            debit=giver or _account(initiative, user=actor),
            credit=receiver or _account(initiative, user=to),
            locked=giver is not None and receiver is not None,
            minutes=minutes,
            description=text,
            key=key,
        )


@transaction.atomic
def transfer_reverse(
    *, actor: Any, transfer: Transfer, reason: str, key: str = ""
) -> tuple[Transfer, bool]:
    """Correct a transfer by moving its minutes back, with the reason; never twice."""
    gate.require(actor, "timecredits.manage_credits", transfer.debit.initiative)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the transfer is corrected.")})
    if transfer.reverses_id is not None:
        raise ValidationError(
            {"transfer": _("A correction is not corrected; make a new transfer.")}
        )
    if Transfer.objects.filter(reverses=transfer).exists():
        raise ValidationError({"transfer": _("That transfer was corrected already.")})
    return _move(
        actor=actor,
        kind=TransferKind.CORRECTION,
        debit=transfer.credit,
        credit=transfer.debit,
        minutes=transfer.minutes,
        description=f"Correction of transfer {transfer.pk}",
        key=key,
        reverses=transfer,
        reason=reason.strip(),
    )


# --- partners: spending credits ---------------------------------------------------------

VOUCHER_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread


@transaction.atomic
def partner_add(
    *, actor: Any, initiative: Initiative, organisation: Organisation, representatives: list[Any]
) -> Partner:
    """A coordinator signs up an organisation that takes credits, and who redeems them."""
    gate.require(actor, "timecredits.manage_credits", initiative)
    partner, _created = Partner.objects.get_or_create(
        initiative=initiative, organisation=organisation
    )
    partner.representatives.add(*representatives)
    organisation_account(initiative, organisation)
    return partner


@transaction.atomic
def offer_add(
    *, actor: Any, partner: Partner, title: str, price: int, description: str = ""
) -> Offer:
    gate.require(actor, "timecredits.manage_credits", partner.initiative)
    if not 0 < price <= MAX_MINUTES:
        raise ValidationError(
            {"price": _("The price is from 1 to %(most)s minutes.") % {"most": MAX_MINUTES}}
        )
    offer = Offer(partner=partner, title=title, description=description, price=price)
    offer.full_clean()
    offer.save()
    return offer


@transaction.atomic
def offer_buy(*, actor: Any, offer: Offer, key: str = "") -> tuple[Voucher, bool]:
    """Spend credits at a partner: they move to the partner's account, and the member gets
    a voucher with a code the partner redeems."""
    initiative = offer.partner.initiative
    gate.require(actor, "timecredits.use_credits", initiative)
    if not offer.is_active:
        raise ValidationError({"offer": _("This offer has ended.")})
    transfer, made = _move(
        actor=actor,
        kind=TransferKind.SPEND,
        debit=person_account(initiative, actor),
        credit=organisation_account(initiative, offer.partner.organisation),
        minutes=offer.price,
        description=offer.title,
        key=key,
    )
    if not made:
        return Voucher.objects.get(transfer=transfer), False
    code = "".join(secrets.choice(VOUCHER_ALPHABET) for _ in range(10))
    return Voucher.objects.create(offer=offer, holder=actor, transfer=transfer, code=code), True


@transaction.atomic
def voucher_redeem(*, actor: Any, partner: Partner, code: str) -> Voucher:
    """The partner takes a voucher at the door: each code works once, and only there."""
    gate.require(actor, "timecredits.redeem_vouchers", partner)
    cleaned = "".join(code.split()).upper().replace("-", "")
    voucher = (
        Voucher.objects.select_for_update()
        .select_related("offer", "holder")
        .filter(code=cleaned, offer__partner=partner)
        .first()
    )
    if voucher is None:
        raise ValidationError({"code": _("That code is not a voucher for this partner.")})
    if voucher.redeemed_at is not None:
        used = timezone.localtime(voucher.redeemed_at)
        raise ValidationError(
            {
                "code": _("That voucher was used on %(day)s at %(time)s.")
                % {"day": f"{used:%d %b %Y}", "time": f"{used:%H:%M}"}
            }
        )
    voucher.redeemed_at, voucher.redeemed_by = timezone.now(), actor
    voucher.save(update_fields=["redeemed_at", "redeemed_by"])
    return voucher
