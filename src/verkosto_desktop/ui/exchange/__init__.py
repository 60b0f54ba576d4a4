"""Bringing lists in: the import wizard, the register's import bar with Undo, and the imports;
sharing between laptops: send, receive and the conflicts view."""
