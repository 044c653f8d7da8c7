"""The form builder: administrators build, publish and roll back forms (the preview, in the
citizen site's look, is opencex.web.form_preview_views)."""

from django.urls import path

from opencex.staff.formbuilder import views

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
    path(f"{P}texts/", views.form_texts, name="formbuilder-texts"),
    path(f"{P}publish/", views.publish, name="formbuilder-publish"),
    path(f"{P}discard/", views.discard, name="formbuilder-discard"),
    path(f"{P}live/", views.set_live, name="formbuilder-live"),
    path(f"{P}versions/<int:number>/roll-back/", views.roll_back, name="formbuilder-roll-back"),
]
