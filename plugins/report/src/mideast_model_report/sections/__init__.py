"""The built-in report sections, one module each with ``render(dataset, context)``."""
