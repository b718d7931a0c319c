"""iCalendar (RFC 5545, built with the icalendar library) and RSS for event listings."""

import datetime

from django.http import HttpResponse
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.html import strip_tags
from icalendar import Calendar
from icalendar import Event as ICalEvent

from alliance_site.exports import content_disposition

from .models import EventStatus

EPOCH = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)


def sequence_of(page):
    """SEQUENCE must rise whenever the event changes: minutes since 2020 at the last
    publication (a publish is the only way a public event changes)."""
    published = page.last_published_at or page.first_published_at
    if published is None:
        return 0
    return int((published - EPOCH).total_seconds() // 60)


def location_of(page):
    parts = [page.room, page.venue_address]
    if page.library_id and not page.other_address:
        parts.insert(0, page.library.title)
    return ", ".join(part for part in parts if part)


def calendar_for(pages, request, name):
    calendar = Calendar()
    calendar.add("prodid", "-//Guangxi Reading Promotion Alliance//reading.alliance//ZH")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    host = request.get_host().split(":")[0]
    stamp = datetime.datetime.now(datetime.UTC)
    for page in pages:
        url = request.build_absolute_uri(page.get_url(request=request))
        for uid, start, end in page.calendar_entries():
            event = ICalEvent()
            event.add("uid", f"{uid}@{host}")
            event.add("dtstamp", stamp)
            event.add("dtstart", start)
            event.add("dtend", end)
            event.add("summary", page.title)
            if page.introduction:
                event.add("description", page.introduction)
            location = location_of(page)
            if location:
                event.add("location", location)
            event.add("url", url)
            event.add("sequence", sequence_of(page))
            event.add(
                "status",
                "CANCELLED" if page.status == EventStatus.CANCELLED else "CONFIRMED",
            )
            calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar


def ics_response(pages, request, name, filename):
    response = HttpResponse(
        calendar_for(pages, request, name).to_ical(), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = content_disposition(filename, as_attachment=False)
    return response


def rss_response(pages, request, title, link, description, language):
    feed = Rss201rev2Feed(
        title=title,
        link=request.build_absolute_uri(link),
        description=description,
        language=language,
        feed_url=request.build_absolute_uri(),
    )
    for page in pages:
        url = request.build_absolute_uri(page.get_url(request=request))
        feed.add_item(
            title=page.title,
            link=url,
            description=strip_tags(page.introduction),
            unique_id=url,
            pubdate=page.first_published_at,
            updateddate=page.last_published_at,
            categories=[str(page.get_kind_display())],
        )
    return HttpResponse(
        feed.writeString("utf-8"), content_type="application/rss+xml; charset=utf-8"
    )


# A feed lists at most this many events. Feeds are stored by the page cache with the
# listing page's tags, so a publication refreshes them at once.
FEED_LIMIT = 500


def feed_response(request, owner, events, fmt, *, title=None, description=""):
    """The iCalendar ("ics") or RSS ("xml") feed of `events` (a lazy queryset) for the listing page `owner`."""
    title = title or owner.title
    if fmt == "ics":
        return ics_response(events, request, title, f"{owner.slug}.ics")
    return rss_response(
        events,
        request,
        title,
        owner.get_url(request=request),
        description or title,
        owner.locale.language_code,
    )
