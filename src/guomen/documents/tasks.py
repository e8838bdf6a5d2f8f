"""Background tasks: thin wrappers that load by id and call the service."""

from django_tasks import task


@task()
def document_index_task(document_id: int, generation: int) -> str:
    """Extract and index one document's text (see indexing); a stale or repeated request does nothing."""
    from .indexing import document_index_run

    return document_index_run(document_id=document_id, generation=generation)
