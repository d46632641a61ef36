"""Shared test setup.

mideast-model's pytest plugin (``mideast_model.testing.fixtures``, loaded automatically
through its ``pytest11`` entry point) provides the fixtures ``plugin_manager`` and
``builtin_plugin_manager``.
"""
