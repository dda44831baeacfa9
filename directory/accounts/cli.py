"""`flask --app app users create EMAIL --role ROLE` (the password from a prompt, or stdin)."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from directory.accounts import operations
from directory.accounts.models import Role
from directory.db import Session
from directory.errors import InvalidInput

users = AppGroup("users", help="Manage accounts.")


@users.command("create")
@click.argument("email")
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.password_option(help="Read from a prompt, or from stdin when piped.")
def create_command(email: str, role: str, password: str) -> None:
    """Create an account."""
    try:
        user = operations.create_user(Session(), email, password, Role(role))
    except InvalidInput as error:
        for field, problems in (error.errors or {}).items():
            click.echo(f"{field}: {'; '.join(problems)}", err=True)
        raise click.ClickException(error.message) from None
    click.echo(f"Created {user.role.value} account {user.email}.")
