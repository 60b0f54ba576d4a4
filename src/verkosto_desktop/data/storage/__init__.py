"""The file itself: opened safely, one window per file, migrations, seeding, backups, restore."""
