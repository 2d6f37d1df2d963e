"""Marks that carry provenance: a chart's drawing code attaches to each mark drawn from data the
record it shows, and publishing the chart gives each mark a link of its own (``link``), which the
book's extension (``build.chart_marks``) turns into the way to the record's sources and words."""

from __future__ import annotations

MARKS = "_bb_marks"


def attach(artist, record_ids, labels, field: str) -> None:
    """Record that ``artist`` draws the rows ``record_ids`` (one per point of a collection, or one
    for a single patch or line), each described for a reader by its label ('Zapad-2021 begins,
    10 September 2021'); ``field`` is the column the mark's position shows."""
    ids, labels = [str(i) for i in record_ids], [str(label) for label in labels]
    if len(ids) != len(labels) or not ids:
        raise ValueError(f"a mark needs one label per record: {ids} against {labels}")
    artist.figure.__dict__.setdefault(MARKS, []).append((artist, ids, labels, field))


def link(figure, name: str) -> list[dict]:
    """Give every attached mark of ``figure`` its own link (``#mark-<chart>-<n>``, in drawing
    order) and return what each mark shows."""
    shown: list[dict] = []
    for artist, ids, labels, field in figure.__dict__.get(MARKS, []):
        urls = []
        for record_id, label in zip(ids, labels, strict=True):
            mark_id = f"mark-{name.replace('_', '-')}-{len(shown) + 1}"
            urls.append("#" + mark_id)
            shown.append({"id": mark_id, "record_id": record_id, "field": field, "label": label})
        if hasattr(artist, "set_urls"):  # a collection: one link per point
            artist.set_urls(urls)
        else:
            artist.set_url(urls[0])
    return shown
