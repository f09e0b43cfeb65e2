"""The phone page: `diary serve` serves a private page from the patient's own computer.

A front end beside `diary/cli`: its handlers parse a form, call one domain function and
render a template (`app.py` builds the Starlette application, `security.py` holds the
pairing, cookie, CSRF and header rules). Importing this package loads nothing heavy;
`diary.web.app` imports Starlette and Jinja2.
"""
