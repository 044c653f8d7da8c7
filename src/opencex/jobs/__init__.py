"""Background work on django-tasks: transactional enqueueing, retries and the worker."""
