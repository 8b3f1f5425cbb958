"""What a page of the domain shows beside its own fields. The page models ask this registry; the builders,
which read through the selectors (and the selectors import the models), are registered at start-up
(MatchingConfig.ready, matching/page_contexts.py). So a model never imports a selector, even inside a method."""

from collections.abc import Callable

Builder = Callable[[object, object], dict]
_builders: dict[str, Builder] = {}


def page_context_register(model_name: str, builder: Builder) -> None:
    _builders[model_name] = builder


def page_context_extra(page, request) -> dict:
    """The registered builder's context for the page (nothing when none is registered)."""
    builder = _builders.get(type(page).__name__)
    return builder(page, request) if builder is not None else {}
