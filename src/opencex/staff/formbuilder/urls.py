"""The form builder: administrators build, preview, publish and roll back forms."""

from django.urls import path

from opencex.staff.formbuilder import preview, views

P = "form-builder/<int:pk>/"
urlpatterns = [
    path("form-builder/", views.form_list, name="formbuilder"),
    path("form-builder/new/", views.new_form, name="formbuilder-new"),
    path(P, views.form_detail, name="formbuilder-form"),
    path(f"{P}draft/", views.start_draft, name="formbuilder-start-draft"),
    path(f"{P}pages/", views.add_page, name="formbuilder-add-page"),
    path(f"{P}pages/<slug:page_id>/remove/", views.remove_page, name="formbuilder-remove-page"),
    path(
        f"{P}pages/<slug:page_id>/questions/",
        views.add_question,
        name="formbuilder-add-question",
    ),
    path(f"{P}questions/<str:question_id>/", views.edit_question, name="formbuilder-question"),
    path(
        f"{P}questions/<str:question_id>/move/",
        views.move_question,
        name="formbuilder-move-question",
    ),
    path(
        f"{P}questions/<str:question_id>/remove/",
        views.remove_question,
        name="formbuilder-remove-question",
    ),
    path(f"{P}case/", views.case_mapping, name="formbuilder-case"),
    path(f"{P}publish/", views.publish, name="formbuilder-publish"),
    path(f"{P}discard/", views.discard, name="formbuilder-discard"),
    path(f"{P}live/", views.set_live, name="formbuilder-live"),
    path(f"{P}versions/<int:number>/roll-back/", views.roll_back, name="formbuilder-roll-back"),
    path(f"{P}preview/", preview.preview_start, name="formbuilder-preview"),
    path(
        f"{P}preview/check-your-answers/",
        preview.preview_check,
        name="formbuilder-preview-check",
    ),
    path(f"{P}preview/<slug:page_id>/", preview.preview_page, name="formbuilder-preview-page"),
]
