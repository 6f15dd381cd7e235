"""Create an editor (or make an existing user one): a member of the Editors group.

    python manage.py create_editor amina --email amina@example.org
    NEWSDESK_EDITOR_PASSWORD=... python manage.py create_editor amina --no-input

Without --no-input the password is asked for twice; with it, it comes from
NEWSDESK_EDITOR_PASSWORD (or the user is left without a usable password).
"""

import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.management.arguments import add_switch
from articles.permissions import editors_group


class Command(BaseCommand):
    help = "Create an editor, or add an existing user to the Editors group."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="The editor's user name.")
        parser.add_argument("--email", default="", help="Their e-mail address.")
        add_switch(parser, "--no-input", "Do not ask for a password.")

    def handle(
        self, *args: str, username: str, email: str = "", no_input: bool = False, **options: object
    ) -> None:
        User = get_user_model()
        user, created = User.objects.get_or_create(username=username, defaults={"email": email})
        if created:
            password = os.environ.get("NEWSDESK_EDITOR_PASSWORD", "")
            if not password and not no_input:
                password = getpass.getpass("Password: ")
                if password != getpass.getpass("Password again: "):
                    raise CommandError("The passwords differ; nothing was changed.")
            if password:
                try:
                    validate_password(password, user)
                except ValidationError as error:
                    user.delete()
                    raise CommandError(" ".join(error.messages)) from error
                user.set_password(password)
            else:
                user.set_unusable_password()
            user.save()
        user.groups.add(editors_group())
        what = "Created editor" if created else "Made editor"
        self.stdout.write(f"{what} {username}.")
