"""The community resource directory: a Flask application factory."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask

from directory import config as config_module
from directory import db, limits, locales, privacy, security
from directory.errors import register_error_handlers
from directory.listings import changes, recording
from directory.listings.operations import DirectoryTotals
from directory.search import InMemoryIndex, SearchIndex, following
from directory.search.following import IndexFollower
from directory.search.operations import PageMemory


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app: defaults, then DIRECTORY_* environment variables, then `config` (what tests pass)."""
    app = Flask(__name__, instance_relative_config=True)
    instance_path = Path(app.instance_path)
    app.config.from_mapping(config_module.defaults(instance_path))
    app.config.from_prefixed_env("DIRECTORY")
    if config:
        app.config.from_mapping(config)
    config_module.settle(app.config)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = config_module.load_secret_key(instance_path)
    if app.config["DATABASE_URL"].startswith("sqlite:///") and not app.config.get("TESTING"):
        instance_path.mkdir(parents=True, exist_ok=True)

    privacy.install()
    engine = db.init_app(app)
    changes.install()
    recording.install()
    index = build_index(app.config)
    app.extensions["directory.index"] = index
    app.extensions["directory.follower"] = follower = IndexFollower(index)
    following.follow_commits(engine, follower)
    app.extensions["directory.search_pages"] = PageMemory(int(app.config["SEARCH_PAGE_MEMORY"]))
    app.extensions["directory.totals"] = DirectoryTotals(enabled=bool(app.config["DIRECTORY_TOTALS_MEMORY"]))
    locales.install(app)
    register_blueprints(app)
    security.install(app)
    limits.install(app)
    register_error_handlers(app)
    register_cli(app)
    return app


def build_index(config: Mapping[str, Any]) -> SearchIndex:
    """The configured search index; nothing is opened until the first search or write."""
    backend = config["INDEX_BACKEND"]
    if backend == "memory":
        return InMemoryIndex()
    if backend == "whoosh":
        from directory.search.whoosh_index import WhooshIndex

        return WhooshIndex(config["INDEX_DIR"], results_cache=int(config["SEARCH_RESULTS_CACHE"]))
    raise ValueError(f"DIRECTORY_INDEX_BACKEND must be 'whoosh' or 'memory', not {backend!r}")


def register_blueprints(app: Flask) -> None:
    from flask_wtf.csrf import CSRFProtect

    from directory.accounts.views import bp as accounts_bp
    from directory.api.match import bp as match_api_bp
    from directory.api.services import bp as api_bp
    from directory.casework.views import bp as casework_bp
    from directory.coordinator.interchange import bp as interchange_bp
    from directory.coordinator.views import bp as coordinator_bp
    from directory.health import bp as health_bp
    from directory.public.views import bp as public_bp

    csrf = CSRFProtect(app)
    for blueprint in (api_bp, match_api_bp, public_bp):  # JSON APIs and the public pages change nothing
        csrf.exempt(blueprint)
    app.register_blueprint(health_bp)
    app.register_blueprint(api_bp)
    app.register_blueprint(match_api_bp)
    app.register_blueprint(public_bp)
    app.register_blueprint(accounts_bp)
    app.register_blueprint(casework_bp)
    app.register_blueprint(coordinator_bp)
    app.register_blueprint(interchange_bp)


def register_cli(app: Flask) -> None:
    from directory.accounts.cli import users
    from directory.cli import commands

    for command in commands:
        app.cli.add_command(command)
    app.cli.add_command(users)
