"""Running an import: all or nothing, in one transaction after a backup.

``preview`` reads what a plan would bring (the wizard's mapping and duplicates pages);
``run_import`` does it. The test run (``dry_run=True``) is the very same work, rolled back at the
end: what it reports is exactly what the import would do. A problem anywhere stops the import
with every problem named by row and column, and nothing changes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import update
from sqlalchemy.orm import Session

from verkosto_desktop.data.catalogues import entries_in
from verkosto_desktop.data.exchange.bulk import large_cache
from verkosto_desktop.data.exchange.cells import Vocabulary
from verkosto_desktop.data.exchange.duplicates import Matching, match_actors
from verkosto_desktop.data.exchange.incoming import Gathered, gather
from verkosto_desktop.data.exchange.mapping import headers_signature
from verkosto_desktop.data.exchange.results import (
    ImportPlan,
    ImportProblems,
    ImportResult,
)
from verkosto_desktop.data.exchange.table import Problem
from verkosto_desktop.data.exchange.writer import Writer
from verkosto_desktop.data.models import ImportBatch
from verkosto_desktop.data.models.types import new_id
from verkosto_desktop.data.register import search_index
from verkosto_desktop.data.storage.store import ChangeKind, Store, record_change
from verkosto_desktop.domain.catalogues import names_by_key
from verkosto_desktop.domain.vocabulary import entry_table
from verkosto_desktop.i18n import _

# done, total: called as the work goes on; it may raise to stop the import (the transaction
# is then rolled back).
Progress = Callable[[int, int], None]
IMPORT_CACHE_KIB = 16 * 1024


@dataclass(frozen=True)
class Preview:
    """What a plan would bring in, before anything is written."""

    gathered: Gathered
    matching: Matching
    vocabulary: Vocabulary

    @property
    def problems(self) -> list[Problem]:
        return self.gathered.problems + self.matching.problems


class _RolledBack(Exception):
    """Ends a test run's transaction (rolled back) carrying its result."""

    def __init__(self, result: ImportResult) -> None:
        super().__init__()
        self.result = result


def vocabulary_in(session: Session, plan: ImportPlan) -> Vocabulary:
    """The words this import's cells may use: the file's catalogues and the mapping's meanings."""
    situations, categories = entries_in(session)
    return Vocabulary(
        categories=entry_table(categories),
        situations=entry_table(situations),
        values=plan.mapping.values,
        category_names=names_by_key(categories),
    )


def prepare_in(session: Session, plan: ImportPlan) -> Preview:
    """Read the plan's rows and match them against the register, in ``session``."""
    vocabulary = vocabulary_in(session, plan)
    gathered = gather(plan.table, plan.mapping, vocabulary)
    matching = match_actors(session, gathered, plan.decisions, plan.default_action, plan.table.unit)
    return Preview(gathered, matching, vocabulary)


def preview(store: Store, plan: ImportPlan) -> Preview:
    """Read what ``plan`` would bring in and what it matches; writes nothing."""
    with store.read() as session:
        return prepare_in(session, plan)


def run_import(
    store: Store,
    plan: ImportPlan,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
    backup: bool = True,
) -> ImportResult:
    """Import ``plan`` (or, with ``dry_run``, do the same work and roll it back). A real import
    first makes a checked backup (reason ``import``) unless ``backup`` is False. Raises
    ``ImportProblems`` (nothing written) when any row has a problem; whatever ``progress``
    raises stops the import and is raised again (nothing written)."""
    if not plan.mapping.has_name(plan.table.headers):
        raise _no_name(plan)
    report = progress or (lambda _done, _total: None)
    # The regional register is backed up by its administrator, not into this computer.
    if not dry_run and backup and not store.is_server:
        from verkosto_desktop.data.storage.backups import make_backup

        make_backup(store.path, "import")
    try:
        with store.write() as session:
            if store.is_server:
                result = _run(session, plan, dry_run, report)
            else:
                result = _run_with_large_cache(session, plan, dry_run, report)
            if dry_run:
                raise _RolledBack(result)
    except _RolledBack as rolled_back:
        return rolled_back.result
    return result


def _no_name(plan: ImportPlan) -> ImportProblems:
    return ImportProblems(
        [
            Problem(
                None,
                None,
                _(
                    "No column gives the actor's or the person's name. Choose the column with "
                    "the names."
                ),
            )
        ]
    )


def _run(session: Session, plan: ImportPlan, dry_run: bool, report: Progress) -> ImportResult:
    prepared = prepare_in(session, plan)
    gathered, matching = prepared.gathered, prepared.matching
    problems = prepared.problems
    if problems:
        raise ImportProblems(problems, gathered.unknown)
    batch = ImportBatch(
        id=new_id(),
        file_name=plan.file_name[:300],
        file_kind=plan.table.kind,
        headers_key=headers_signature(plan.table.headers),
        mapping={
            "columns": plan.mapping.columns,
            "defaults": plan.mapping.defaults,
            "values": plan.mapping.values,
        },
        counts={},
    )
    session.add(batch)
    session.flush()
    batch_id = batch.id
    writer = Writer(session, plan, batch_id, matching.erased, prepared.vocabulary.category_names)
    writer.apply_all(matching.matches, report)
    if writer.problems:
        raise ImportProblems(writer.problems, gathered.unknown)
    writer.counts["rows"] = gathered.rows
    session.execute(
        update(ImportBatch).where(ImportBatch.id == batch_id).values(counts=dict(writer.counts))
    )
    search_index.reindex(session, writer.touched)
    report(len(matching.matches), len(matching.matches) + 1)
    record_change(session, ChangeKind.ACTOR, *writer.touched)
    for entity, ids in writer.changed.items():
        record_change(session, ChangeKind(entity), *ids)
    record_change(session, ChangeKind.IMPORT_BATCH, batch_id)
    return ImportResult(
        batch_id=None if dry_run else batch_id,
        dry_run=dry_run,
        file_name=plan.file_name,
        counts=dict(writer.counts),
        lines=tuple(writer.lines),
        warnings=tuple(gathered.warnings),
        unit=plan.table.unit,
    )


def _run_with_large_cache(
    session: Session, plan: ImportPlan, dry_run: bool, report: Progress
) -> ImportResult:
    with large_cache(session.connection(), IMPORT_CACHE_KIB):
        return _run(session, plan, dry_run, report)
