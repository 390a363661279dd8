"""Understanding a question: segment it into spans (lexicon, years, names), compose the concepts into a Query.

`lexicon.toml` beside the code is the data: the template's own labels plus the everyday words for each concept.
"""

from knowledge.understanding.applicants import ORGANISATIONS
from knowledge.understanding.compose import Measure
from knowledge.understanding.followups import is_followup, merge_followup
from knowledge.understanding.lexicon import CONTENT_ROLES, Meaning
from knowledge.understanding.query import STRUCTURAL, Query, understand, warm

__all__ = ["CONTENT_ROLES", "ORGANISATIONS", "STRUCTURAL", "Meaning", "Measure", "Query", "is_followup",
           "merge_followup", "understand", "warm"]
