"""Answering: an understood Query and the reports it names → an Answer (typed data; it sends nothing).

answerer.py takes one turn's question (with the chat's context) to operations.py, which chooses what is asked: one
figure, a list or sum (readings.py, figures.py, cells.py), a difference, series or superlative (comparisons.py), a
figure of the prose (prose.py); notes.py says what the original table gets wrong about a figure.
"""

from knowledge.answering.answerer import MAX_QUESTION, Answerer

__all__ = ["MAX_QUESTION", "Answerer"]
