"""The book's charts, one module per family (trade, security, events, maps, sanctions, outlook,
scorecard) over one shared style (``style``: palette, markers, axes). Chapters import the family
they draw from, so a change to one family re-executes only the pages that draw it."""
