"""Marks that carry provenance: a chart's drawing code attaches to each mark drawn from data the
records it shows, and publishing the chart gives each mark a link of its own (``link``), which the
book's extension (``build.chart_marks``) turns into the way to the records' sources and words."""

from __future__ import annotations

MARKS = "_bb_marks"


def ids_of(rows) -> list[str]:
    """The identifiers of a table's rows: its identifier column, or its index where it is indexed by them."""
    for column in ("record_id", "event_id", "package_id", "place_id", "claim_id"):
        if column in rows.columns:
            return [str(i) for i in rows[column]]
    return [str(i) for i in rows.index]


def _ids(records) -> list[str]:
    """One mark's records: an identifier, or several for a mark the book computes from them; none
    for a point drawn with another mark (the far end of a span), which links nowhere of its own."""
    if records is None:
        return []
    if isinstance(records, str):
        return records.split()
    return [str(i) for i in records]


def attach(artist, record_ids, labels, field: str) -> None:
    """Record that ``artist`` draws the rows ``record_ids``: one entry per point of a collection, or
    one for a single patch or line. An entry may name several records (a tuple, or identifiers
    separated by spaces) for a mark computed from them, or None for a point that is part of another
    mark. Each mark is described for a reader by its label ('Zapad-2021 begins, 10 September 2021');
    ``field`` is the column the mark's position shows."""
    groups, labels = [_ids(i) for i in record_ids], [str(label) for label in labels]
    if len(groups) != len(labels):
        raise ValueError(f"a mark needs one label per mark: {groups} against {labels}")
    if not any(groups):  # only parts of other marks
        return
    artist.figure.__dict__.setdefault(MARKS, []).append((artist, groups, labels, field))


def attach_each(artists, record_ids, labels, field: str) -> None:
    """``attach`` for artists drawn one per mark, such as the bars of a bar chart."""
    artists, record_ids, labels = list(artists), list(record_ids), list(labels)
    if not len(artists) == len(record_ids) == len(labels):
        raise ValueError(f"{len(artists)} marks, {len(record_ids)} records and {len(labels)} labels")
    for artist, ids, label in zip(artists, record_ids, labels, strict=True):
        attach(artist, [ids], [label], field)


def link(figure, name: str) -> list[dict]:
    """Give every attached mark of ``figure`` its own link (``#mark-<chart>-<n>``, in drawing
    order) and return what each mark shows."""
    shown: list[dict] = []
    for artist, groups, labels, field in figure.__dict__.get(MARKS, []):
        urls = []
        for ids, label in zip(groups, labels, strict=True):
            if not ids:
                urls.append(None)
                continue
            mark_id = f"mark-{name.replace('_', '-')}-{len(shown) + 1}"
            urls.append("#" + mark_id)
            shown.append({"id": mark_id, "record_ids": ids, "field": field, "label": label})
        if hasattr(artist, "set_urls"):  # a collection: one link per point
            artist.set_urls(urls)
        else:
            artist.set_url(urls[0])
    return shown
