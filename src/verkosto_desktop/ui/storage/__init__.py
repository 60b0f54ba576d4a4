"""The database file in the window (``data/storage`` on the floor below): the last good backup
in the status bar, File → "Backup to…" and "Restore…", automatic backups (on open, daily, on
exit), and what to do when a file cannot be opened (in use, read-only, damaged)."""
