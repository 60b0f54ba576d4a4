"""What ``vulture src packaging/vulture_whitelist.py --min-confidence 80`` may not call dead, and
why (``make lint`` and tests/test_static_checks.py run it). Each name is used here so that vulture
counts it as used; this file is never imported or run."""

# Parameters that a library's signature requires, unused in our implementation:
dialect  # SQLAlchemy TypeDecorator.process_bind_param/process_result_value (data/models/types.py)
compare_to  # Alembic's include_object(object, name, type_, reflected, compare_to) hook
reflected  # the same hook (data/storage/schema_extras.py)
run_args  # Alembic's on_version_apply(ctx, step, heads, run_args) hook, called by keyword
ctx  # the same hook (data/migrations/env.py)
exc  # Store.__exit__(*exc): the context-manager protocol (data/storage/store.py)
disambiguation  # QTranslator.translate's signature, which Qt calls (ui/qt_words.py)
kw  # Tracked.__init__(**kw), declared for the type checker only (data/models/base.py)

# Used only in a string annotation, which vulture does not read:
DataclassInstance  # the bound of from_model's TypeVar (data/details.py)
