"""Writes for accounts: sign-up, profile changes, language, passwords and API tokens."""

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from knox.models import AuthToken

from coproduce.accounts.models import User
from coproduce.accounts.names import name_key

NAME_TAKEN = gettext_lazy(
    "Someone is already shown by that name. Choose another, for example with your surname "
    "or the area you live in."
)


def _name_free(shown: str, person_pk: int | None = None) -> None:
    """Refuse ``shown`` (the name a person will be shown by) if it looks like another
    person's (``accounts.names``): whoever took a coordinator's or a councillor's name
    could post as them."""
    others = User.objects.exclude(pk=person_pk) if person_pk else User.objects.all()
    if others.filter(name_key=name_key(shown)).exists():
        raise ValidationError({"display_name": NAME_TAKEN})


@transaction.atomic
def user_sign_up(*, username: str, email: str, password: str, display_name: str = "") -> User:
    """Create an account after checking the name is free and the password strong enough."""
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("That username is taken; please choose another.")})
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": _("An account with that e-mail address already exists.")})
    display_name = " ".join(display_name.split())
    if display_name:
        _name_free(display_name)
    elif User.objects.filter(name_key=name_key(username)).exists():  # shown by the username
        raise ValidationError({"username": _("That username is taken; please choose another.")})
    user = User(username=username, email=email, display_name=display_name)
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise ValidationError({"password1": error.messages}) from None
    user.set_password(password)
    user.full_clean()
    user.save()
    return user


@transaction.atomic
def user_update_profile(
    *,
    actor: User,
    display_name: str,
    locality: str,
    bio: str,
    email: str,
    birth_year: int | None = None,
    skills: str = "",
    availability: str = "",
) -> User:
    """Let a person change their own profile."""
    if User.objects.filter(email__iexact=email).exclude(pk=actor.pk).exists():
        raise ValidationError({"email": _("An account with that e-mail address already exists.")})
    if birth_year is not None and birth_year > timezone.localdate().year:
        raise ValidationError({"birth_year": _("Your year of birth cannot be in the future.")})
    display_name = " ".join(display_name.split())
    shown_by = display_name or actor.username
    # a name kept is never refused (the form may already have set it on ``actor``)
    stored = User.objects.filter(pk=actor.pk).values_list("display_name", "username").get()
    if shown_by != (stored[0] or stored[1]):
        _name_free(shown_by, actor.pk)
    actor.display_name, actor.locality, actor.bio, actor.email = display_name, locality, bio, email
    actor.birth_year, actor.skills, actor.availability = birth_year, skills, availability
    actor.full_clean()
    actor.save(
        update_fields=[
            "display_name",
            "locality",
            "bio",
            "email",
            "birth_year",
            "skills",
            "availability",
        ]
    )
    return actor


@transaction.atomic
def user_password_save(*, user: User) -> User:
    """Store the password just set on ``user`` (by a reset link, the person, or staff) and
    revoke every API token they hold: whoever had a token obtained with the old password,
    or stolen with it, must ask again with the new one."""
    user.save(update_fields=["password"])
    tokens_revoke_all(user=user)
    return user


def tokens_revoke_all(*, user: User) -> int:
    """Revoke every API token of this person; the number revoked."""
    revoked, _ = AuthToken.objects.filter(user=user).delete()
    return revoked


@transaction.atomic
def token_create(*, actor: User) -> tuple[AuthToken, str]:
    """A new API token for this person, expiring after ``REST_KNOX["TOKEN_TTL"]``
    (``COPRODUCE_TOKEN_TTL_DAYS``), and the token itself, which is shown this once: only its
    hash is stored. The person's expired tokens are deleted on the way."""
    AuthToken.objects.filter(user=actor, expiry__lte=timezone.now()).delete()
    token: tuple[AuthToken, str] = AuthToken.objects.create(user=actor)
    return token


@transaction.atomic
def token_revoke(*, actor: User, token: AuthToken) -> None:
    """Revoke one of the person's own tokens (``selectors.token_of`` found it among them)."""
    if token.user_id != actor.pk:
        raise ValidationError({"token": _("You can only revoke your own tokens.")})
    token.delete()


def user_set_language(*, user: User, language: str) -> bool:
    """Keep the language a person chose, for the e-mails they are sent; a code the site
    does not offer changes nothing. True if it was kept."""
    if language not in dict(settings.LANGUAGES) or user.language == language:
        return False
    user.language = language
    user.save(update_fields=["language"])
    return True
