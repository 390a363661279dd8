"""The channels: each turns what it receives into a question, calls the core's Service and renders the Answer.

terminal.py (`ask`, `chat`), telegram.py (polling, and telegram_webhook.py's route), api.py (the JSON API's
routes), wechat/ (the protocol, and route.py's webhook); http.py and queue.py are what the web channels share
(their settings and the queue that runs the core's calls one at a time on the event loop).
"""
