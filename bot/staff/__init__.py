"""The staff pages behind XXGK_STAFF_TOKEN: routes (routes.py), the token and session cookie (auth.py), the pages
(pages.py with templates/ and static/)."""
