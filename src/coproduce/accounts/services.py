"""Writes for accounts: sign-up and profile changes."""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from coproduce.accounts.models import User


@transaction.atomic
def user_sign_up(*, username: str, email: str, password: str, display_name: str = "") -> User:
    """Create an account after checking the name is free and the password strong enough."""
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": "That username is taken; please choose another."})
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": "An account with that e-mail address already exists."})
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
        raise ValidationError({"email": "An account with that e-mail address already exists."})
    if birth_year is not None and birth_year > timezone.localdate().year:
        raise ValidationError({"birth_year": "Your year of birth cannot be in the future."})
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
