"""Names of places and issuing bodies: China's divisions, an issuer read as place + department, the bodies held.

No SQL and no question words: the store gives this room the issuers, understanding asks it which stretches of a
question name a place or a department (`Directory.mentions`) and which bodies they resolve to.
"""

from knowledge.names.bodies import BodyName, read_issuer
from knowledge.names.directory import GOVERNMENT_FORMS, Body, Directory, Mention, Resolution
from knowledge.names.places import Place, gazetteer

__all__ = ["GOVERNMENT_FORMS", "Body", "BodyName", "Directory", "Mention", "Place", "Resolution", "gazetteer",
           "read_issuer"]
