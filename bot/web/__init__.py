"""The web process: the app that assembles every channel's routes (app.py), the public ask page (ask_page.py with
templates/ and static/), the worker processes (serving.py, workers.py)."""
