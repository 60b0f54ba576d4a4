"""Bringing lists in: the import wizard, the register's import bar with Undo, and the imports."""
