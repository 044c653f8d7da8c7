"""One record per resident: the review queue, merging, the merge history and undo, and the
"someone we already know?" look-up."""

from django.urls import path

from opencex.staff.matching import views

urlpatterns = [
    path("residents/duplicates/", views.review_queue, name="resident-duplicates"),
    path("residents/duplicates/<int:pair_id>/", views.pair_detail, name="resident-duplicate"),
    path("residents/duplicates/<int:pair_id>/merge/", views.merge_pair, name="resident-merge"),
    path("residents/merges/", views.merge_history, name="resident-merges"),
    path("residents/merges/<int:merge_id>/undo/", views.undo_merge, name="resident-merge-undo"),
    path("residents/known/", views.known_residents, name="known-residents"),
]
