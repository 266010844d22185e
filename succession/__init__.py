"""succession-kb: a sourced knowledge graph of who holds power in Central Asia.

The package is the library behind ``cli.py``: loading the knowledge base (``kb``), validating it
(``validate``), answering named queries (``queries``), resolving names (``resolve``), recording
changes (``edit``) and reporting coverage (``coverage``). It never imports typer.
"""

__version__ = "1.0.0"
