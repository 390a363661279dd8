"""The WeChat service account: protocol.py (signatures, safe-mode crypto, XML) and route.py (the webhook)."""
