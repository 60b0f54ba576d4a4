"""The regional register on PostgreSQL: its address, the store over it, its schema and roles."""
