"""The analysis layer: everything that computes from the data or judges a statement by it.

What belongs here: the metrics of trade (``trade``), of security (``security``) and of sanctions
(``sanctions``), the claims ledger and its verdicts (``claims``), and the scorecard of what
happened (``scorecard``). Results are values traced to their rows and words with typed slots for
numbers (``claims.Phrase``): how a number is written for a reader is the render layer's
business.

It may import: ``belarus_book.data``. Never ``render`` or ``build``.
"""
