"""Training gives a versioned model, stored as plain arrays checked by their SHA-256; a
suggestion is the top 3 services with their probabilities; the switch turns it off."""

from __future__ import annotations

import dataclasses
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from opencex.textrouting import store, training
from opencex.textrouting.model import Example, RoutingModel, fit
from opencex.textrouting.models import TrainedModel
from opencex.textrouting.services import suggest

pytestmark = pytest.mark.django_db


def test_training_gives_a_versioned_model_with_what_it_learnt_from(trained):
    assert trained.version.startswith("routing-")
    assert trained.services == 5
    assert trained.examples["catalogue"] > 0
    assert trained.examples["history"] == 9
    assert store.load_current().version == trained.version


def test_a_second_training_is_a_new_version_and_becomes_the_current_one(trained, history_file):
    again = training.train(history_file=history_file)

    assert again.version != trained.version
    assert TrainedModel.objects.first() == again
    assert suggest("loud music next door").model_version == again.version


def test_a_model_file_changed_after_training_is_never_read(trained):
    store._loaded.clear()
    path = Path(store.models_dir()) / trained.file_name
    path.write_bytes(path.read_bytes() + b"\0")

    with pytest.raises(store.ModelFileChanged):
        store.load(trained)
    assert store.load_current() is None
    assert suggest("loud music next door") is None


def test_a_stored_model_reads_back_with_the_same_probabilities():
    examples = [
        Example("loud music at night", "noise", "catalogue"),
        Example("rats in the garden", "pests", "catalogue"),
        Example("bin not emptied", "bins", "catalogue"),
    ]
    model = fit(examples, version="routing-test")
    again = RoutingModel.from_bytes(model.to_bytes())

    assert again.version == "routing-test"
    assert [s for s, _ in again.ranked("music and rats")] == ["noise", "pests", "bins"]
    assert again.probabilities(["music and rats"]) == pytest.approx(
        model.probabilities(["music and rats"]), abs=1e-6
    )


def test_two_services_are_enough_to_train():
    model = fit(
        [Example("loud music", "noise", "catalogue"), Example("rats", "pests", "catalogue")],
        version="routing-two",
    )
    assert model.ranked("very loud music", n=1)[0][0] == "noise"


def test_a_suggestion_is_the_top_three_with_probabilities_summing_to_at_most_one(trained):
    suggestion = suggest("my neighbours play very loud music until 3am")

    assert suggestion.service.slug == "report-noise-nuisance"
    assert suggestion.team.slug == "environmental-protection"
    assert len(suggestion.choices) == 3
    probabilities = [choice.probability for choice in suggestion.choices]
    assert probabilities == sorted(probabilities, reverse=True)
    assert 0 < sum(probabilities) <= 1 + 1e-9
    assert suggestion.model_version == trained.version


def test_typos_polish_and_arabic_forms_still_read(services, history_file):
    extra = [
        Example("sąsiedzi puszczają głośną muzykę", "report-noise-nuisance", "catalogue"),
        Example("فئران في المطبخ", "report-rats-or-mice", "catalogue"),
    ]
    training.train(examples=training.training_examples(history_file) + extra)

    assert suggest("naighbours play lowd musik").service.slug == "report-noise-nuisance"
    assert suggest("głośna muzyka u sąsiadów").service.slug == "report-noise-nuisance"
    assert suggest("رأيت فأرا في المطبخ").service.slug == "report-rats-or-mice"


def test_with_routing_switched_off_there_is_no_suggestion(trained, settings):
    settings.COUNCIL_PROFILE = dataclasses.replace(
        settings.COUNCIL_PROFILE,
        ai=dataclasses.replace(settings.COUNCIL_PROFILE.ai, routing=False),
    )
    assert suggest("loud music next door") is None


def test_before_any_training_there_is_no_suggestion(services):
    assert suggest("loud music next door") is None


def test_an_empty_text_gets_no_suggestion(trained):
    assert suggest("   ") is None


def test_only_the_newest_model_files_are_kept_and_every_version_stays_listed(
    services, history_file
):
    rows = [training.train(history_file=history_file) for _ in range(store.FILES_KEPT + 1)]

    assert not (store.models_dir() / rows[0].file_name).exists()
    assert (store.models_dir() / rows[1].file_name).exists()
    assert TrainedModel.objects.count() == store.FILES_KEPT + 1


def test_the_command_trains_now_and_every_day_starts_the_daily_retraining_once(services):
    out = StringIO()
    call_command("train_routing", stdout=out)
    assert "Trained routing-" in out.getvalue()
    assert TrainedModel.objects.first().examples["history"] > 0  # the demo history's rows

    assert training.schedule_every_day() is not None
    assert training.schedule_every_day() is None
