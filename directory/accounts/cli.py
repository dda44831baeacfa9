"""`flask --app app users create EMAIL --role ROLE` (the password from a prompt, or stdin)."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from directory.accounts import operations
from directory.accounts.models import Role
from directory.db import Session
from directory.errors import InvalidInput, NotFound

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


@users.command("token")
@click.argument("email")
def token_command(email: str) -> None:
    """Make a new API token; it is printed once, as the last line."""
    try:
        token = operations.issue_token(Session(), email)
    except NotFound as error:
        raise click.ClickException(error.message) from None
    click.echo("Keep this token secret; it will not be shown again:")
    click.echo(token)


@users.command("revoke-tokens")
@click.argument("email")
def revoke_command(email: str) -> None:
    """Revoke every API token of an account."""
    try:
        count = operations.revoke_tokens(Session(), email)
    except NotFound as error:
        raise click.ClickException(error.message) from None
    click.echo(f"Revoked {count} token{'s' if count != 1 else ''}.")
