// pydata-sphinx-theme reads the colour mode from localStorage, falling back to an empty
// default that sphinx-book-theme leaves unset, and logs an error on a reader's first visit.
// Start from the reader's system setting instead.
if (!document.documentElement.dataset.mode) {
  document.documentElement.dataset.mode = "auto";
}
