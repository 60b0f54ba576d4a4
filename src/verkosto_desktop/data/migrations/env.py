"""Alembic environment: always runs on the connection handed over by ``migrate.upgrade``."""

from alembic import context

from verkosto_desktop.data.models import Base
from verkosto_desktop.data.storage.schema_extras import include_object

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    include_object=include_object,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
