from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "opencex.cases"
    label = "cases"
    verbose_name = "Cases"

    def ready(self) -> None:
        # Search terms kept for the web measures lose anything shaped like a case reference.
        from opencex.cases.references import ALPHABET, PREFIXES, RANDOM_LENGTH
        from opencex.search.terms import ReferenceShape, register_reference_shape

        shape = ReferenceShape(tuple(PREFIXES.values()), ALPHABET, RANDOM_LENGTH // 2)
        register_reference_shape(shape)
