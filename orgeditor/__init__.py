"""orgeditor: an org-chart editor for matrix machine-learning organisations.

The package root stays light: importing it loads no Qt and no networkx. The public names
(``Document``, ``Org``, ...) are resolved lazily on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["Document", "Org", "Person", "Pipeline", "Role", "Team", "__version__"]

if TYPE_CHECKING:
    from orgeditor.document import Document
    from orgeditor.model.entities import Person, Pipeline, Role, Team
    from orgeditor.model.org import Org


def __getattr__(name: str) -> Any:
    if name == "Document":
        from orgeditor.document import Document

        return Document
    if name == "Org":
        from orgeditor.model.org import Org

        return Org
    if name in {"Person", "Pipeline", "Role", "Team"}:
        from orgeditor.model import entities

        return getattr(entities, name)
    raise AttributeError(f"module 'orgeditor' has no attribute {name!r}")
