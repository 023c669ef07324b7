import os

import googlemaps

_gmaps = googlemaps.Client(key=os.environ.get("GOOGLE_MAPS_KEY", ""))


def locate(address: str) -> dict | None:
    results = _gmaps.geocode(address)  # LEAK(exposure): patient home address sent to Google Maps (no BAA)
    if not results:
        return None
    loc = results[0]["geometry"]["location"]
    return {"lat": loc["lat"], "lng": loc["lng"]}


def drive_minutes(origin_office: str, dest_lat: float, dest_lng: float) -> int:
    # origin is a branch office; destination is rounded to ~1 km so no home address leaves us
    dest = (round(dest_lat, 2), round(dest_lng, 2))
    matrix = _gmaps.distance_matrix(origins=[origin_office], destinations=[dest], mode="driving")  # SAFE(exposure): office address and coarsened coordinates only
    return matrix["rows"][0]["elements"][0]["duration"]["value"] // 60
