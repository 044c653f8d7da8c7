"""In-process subscribers: apps above `events` (the back-office adapters in
`opencex.integrations`) that react to events without a webhook.

An app registers a task for its topics when Django starts; the fan-out enqueues that task with
the event's id for every matching event, in the same transaction that marks the event fanned
out. The task must apply each event once (`receiving.receive_once` with `event.webhook_id`),
because a fan-out may run again after a worker dies."""

from __future__ import annotations

from dataclasses import dataclass

from django_tasks.base import Task

from opencex.events.topics import matches


@dataclass(frozen=True)
class Consumer:
    name: str
    topics: tuple[str, ...]
    task: Task


_consumers: dict[str, Consumer] = {}


def register(*, name: str, topics: tuple[str, ...], task: Task) -> None:
    _consumers[name] = Consumer(name=name, topics=topics, task=task)


def consumers_of(topic: str) -> list[Consumer]:
    return [c for c in _consumers.values() if matches(c.topics, topic)]
