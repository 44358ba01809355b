"""The analyst's workbench: a local web app and JSON API over one veille database, read-only.

``app.build_app`` assembles it (Starlette); ``api`` holds the JSON routes,
``pages`` the HTML ones, ``params`` the validation of every query parameter.
Everything it loads is vendored in ``static/``: it works without a network.
"""
