"""Alembic environment: always runs on the connection handed over by ``migrate.upgrade``."""

from collections.abc import Collection, Mapping
from typing import Any

from alembic import context
from alembic.runtime.migration import MigrationContext, MigrationInfo

from verkosto_desktop.data.models import Base
from verkosto_desktop.data.storage.coverage_cells import TriggersSetAside
from verkosto_desktop.data.storage.schema_extras import include_object

connection = context.config.attributes["connection"]
# The coverage triggers would stop a migration from rebuilding the tables they watch.
aside = TriggersSetAside(connection)


def _after_each_step(
    ctx: MigrationContext,
    step: MigrationInfo,
    heads: Collection[Any],
    run_args: Mapping[str, Any],
) -> None:
    aside.take()


context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    include_object=include_object,
    compare_type=True,
    on_version_apply=_after_each_step,
)
with context.begin_transaction():
    context.run_migrations()
    aside.restore()
