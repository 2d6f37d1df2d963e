"""``python -m belarus_book.build``: build the book (see ``belarus_book.build.book``)."""

import sys

from .book import main

sys.exit(main())
