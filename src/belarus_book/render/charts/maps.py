"""The map of the places the commentaries name."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns


def places_map(places: pd.DataFrame, title: str = "Places named in the commentaries") -> plt.Figure:
    """The places the commentaries name, on an offline basemap (boundaries from basemap-data)."""
    from mpl_toolkits.basemap import Basemap

    figure, axes = plt.subplots(figsize=(7, 6))
    world = Basemap(projection="lcc", lat_0=52, lon_0=28.5, width=1100e3, height=900e3, resolution="i", ax=axes)
    world.drawmapboundary(fill_color="#dceef8")
    world.fillcontinents(color="#f2f2ee", lake_color="#dceef8")
    world.drawcountries(linewidth=1.2, color="#555555")
    world.drawcoastlines(linewidth=0.5, color="#777777")
    kinds = list(dict.fromkeys(places["kind"]))
    markers = dict(zip(kinds, ["*", "o", "s", "^", "D", "v"], strict=False))
    colours = dict(zip(kinds, sns.color_palette("colorblind", len(kinds)), strict=True))
    for row in places.itertuples():
        x, y = world(row.longitude, row.latitude)
        axes.scatter(x, y, marker=markers[row.kind], color=colours[row.kind], s=90, zorder=5, edgecolor="black")
        axes.annotate(
            row.name,
            (x, y),
            xytext=(6, -12 if row.kind == "airfield" else 5),
            textcoords="offset points",
            fontsize=9,
            fontweight="bold",
        )
    for country, lon, lat in (("BELARUS", 26.5, 53.0), ("UKRAINE", 29.0, 49.6), ("RUSSIA", 33.3, 53.9)):
        x, y = world(lon, lat)
        axes.text(x, y, country, fontsize=10, color="#888888", ha="center")
    for kind in kinds:
        axes.scatter([], [], marker=markers[kind], color=colours[kind], label=kind, edgecolor="black")
    axes.legend(fontsize=8, loc="lower left")
    axes.set_title(title)
    figure.tight_layout()
    return figure


# --- Part IV: what happened next -------------------------------------------------------------
