"""What each article and profile is shared with: the request for its share image.

The words on a generated card are the ones the page shows: an article's category and date;
the movement, a model's first field and the year it began. The alt text is the cover's
caption, or the title the card shows.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..media.photos import Photo
from ..media.share_images import CardText, ShareRequest
from ..site.views import ArticleView, ModelView
from ..text.vietnamese import format_date

MODELS_KICKER = "Mô hình Dân vận khéo"
"""What a profile's kicker starts with, before its first field."""


def share_requests(
    views: Mapping[str, ArticleView | ModelView], site_name: str, photos: Mapping[str, Photo]
) -> list[ShareRequest]:
    """One request per page, by its source path, in a stable order."""
    return [_request(page, views[page], site_name, photos) for page in sorted(views)]


def _request(
    page: str, view: ArticleView | ModelView, site_name: str, photos: Mapping[str, Photo]
) -> ShareRequest:
    if isinstance(view, ArticleView):
        item = view.article
        card = CardText(item.title, view.category.title, format_date(item.date), site_name)
    else:
        started = view.model.started
        fields = view.card.fields
        kicker = f"{MODELS_KICKER} · {fields[0].title}" if fields else MODELS_KICKER
        card = CardText(view.model.title, kicker, f"Từ năm {started}" if started else "", site_name)
    picture = view.picture
    photo = photos.get(picture.url) if picture else None
    if picture is None or photo is None:
        return ShareRequest(page, card, card.title)
    return ShareRequest(page, card, picture.caption or card.title, picture.url, photo.key)
