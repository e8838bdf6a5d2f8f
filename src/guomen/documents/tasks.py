"""Background tasks: thin wrappers that load by id and call the service."""

from django_tasks import task

from guomen.core.leases import on_worker_lost


@task()
def document_index_task(document_id: int, generation: int) -> str:
    """Extract and index one document's text (see indexing); a stale or repeated request does nothing."""
    from .indexing import document_index_run

    return document_index_run(document_id=document_id, generation=generation)


@on_worker_lost("guomen.documents.tasks.document_index_task")
def _index_lost(*, reason: str, document_id: int, generation: int) -> None:
    from .indexing import document_index_abandon

    document_index_abandon(document_id=document_id, generation=generation)
