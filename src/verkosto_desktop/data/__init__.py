"""Everything stored: SQLAlchemy models, the store, migrations, queries and operations.

The UI calls the functions here and receives plain frozen values, never live ORM objects.
"""
