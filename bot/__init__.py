"""The channels and the command line around the core: `python -m bot`.

conversation.py (what every channel shares) and render.py (the one renderer of an Answer) are used by every
room here; channels/, staff/ and web/ hold the channels, the staff pages and the web process; cli.py sits on top.
"""
