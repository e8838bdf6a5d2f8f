"""A task for the worker-crash test: reports 50 %, then waits while a hold file exists (bounded), then finishes."""

import os
import time

from django_tasks import task

from guomen.core.tasks import job_finish, job_progress


@task()
def slow_job(job_id: int, hold_file: str) -> str:
    job_progress(job_id, progress=50, line="half way")
    deadline = time.monotonic() + 120
    while os.path.exists(hold_file) and time.monotonic() < deadline:
        time.sleep(0.1)
    job_finish(job_id, ok=True, result={"done": True}, line="done")
    return "done"
