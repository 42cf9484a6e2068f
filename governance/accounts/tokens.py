"""The invitation link: a signed token that sets a first password, valid for a limited time.

Django's password-reset token generator with its own salt, so an invitation link is never a
password-reset link. It is valid for `settings.PASSWORD_RESET_TIMEOUT` seconds (the environment's
`INVITATION_VALID_HOURS`, 72 by default) and becomes invalid once the password is set or the user
logs in, because both change what the token is computed from.
"""

from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "jeugdregio.accounts.invitation"


invitation_tokens = InvitationTokenGenerator()


def invitation_path_kwargs(user) -> dict[str, str]:
    return {
        "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": invitation_tokens.make_token(user),
    }
