"""The demo city: a believable regency built through the apps' services from data files.

The project package composes the apps, so the demo that calls every app's services lives here;
no app imports it. ``builder.build`` runs the steps in order (``manage.py seed_demo`` is its
command line); the words and numbers are YAML files in ``data/``, read by ``loader``.
"""
