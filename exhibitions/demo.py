"""Demo exhibitions: a touring 广图展览 exhibition with stops, and a local one."""

import datetime

from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale

from alliance_site.public import public_url
from events.demo import english_strings, ensure_index_page, translate_into_english
from events.models import Audience, EventSession
from home.models import MemberLibraryPage

from .models import ExhibitionIndexPage, ExhibitionPage, TourStop

ENGLISH = {
    "广图展览：壮锦之美——广西非物质文化遗产巡展": "Guangxi Library Exhibitions: the beauty of Zhuang brocade, a touring exhibition of Guangxi's intangible heritage",
    "广西壮族自治区图书馆展览部": "Exhibitions Department, Guangxi Zhuang Autonomous Region Library",
    "以图文和实物展示壮锦的纹样、工艺与传承，展后赴各市馆巡展。": "Patterns, craft and transmission of Zhuang brocade in pictures and objects; afterwards the exhibition tours the city libraries.",
    "一楼展厅": "Ground-floor gallery",
    "海上丝绸之路文献展": "Documents of the Maritime Silk Road",
    "北海市图书馆地方文献部": "Local Documents Department, Beihai Library",
    "展出合浦汉代海上丝绸之路始发港相关文献与图片。": "Documents and pictures of Hepu, the Han-dynasty port where the Maritime Silk Road began.",
}


def load_demo_exhibitions(home, stdout, translate=None):
    locale = Locale.get_default()
    libraries = {
        page.slug: page
        for page in MemberLibraryPage.objects.filter(
            locale=locale, slug__in=["gxlib", "liuzhou", "guilin", "baise", "beihai"]
        )
    }
    if "gxlib" not in libraries:
        return
    today = timezone.localdate()
    created = 0
    with transaction.atomic():
        gxlib = libraries["gxlib"]
        if not ExhibitionPage.objects.child_of(gxlib).filter(slug="zhuang-brocade").exists():
            opening = today - datetime.timedelta(days=20)
            exhibition = ExhibitionPage(
                title="广图展览：壮锦之美——广西非物质文化遗产巡展",
                slug="zhuang-brocade",
                opening_date=opening,
                closing_date=opening + datetime.timedelta(days=45),
                curator="广西壮族自治区图书馆展览部",
                introduction="以图文和实物展示壮锦的纹样、工艺与传承，展后赴各市馆巡展。",
                room="一楼展厅",
                available_to_tour=True,
            )
            start = timezone.make_aware(datetime.datetime.combine(opening, datetime.time(10)))
            exhibition.event_sessions = [
                EventSession(start=start, end=start + datetime.timedelta(hours=1), capacity=80)
            ]
            stops, begin = [], opening + datetime.timedelta(days=50)
            for slug in ("liuzhou", "guilin", "baise"):
                if slug in libraries:
                    stops.append(
                        TourStop(
                            host=libraries[slug],
                            starts_on=begin,
                            ends_on=begin + datetime.timedelta(days=27),
                        )
                    )
                    begin += datetime.timedelta(days=30)
            exhibition.tour_stops = stops
            exhibition.audiences = list(Audience.objects.filter(code__in=["adults", "families"]))
            gxlib.add_child(instance=exhibition)
            exhibition.save_revision().publish()
            created += 1
        beihai = libraries.get("beihai")
        if (
            beihai
            and not ExhibitionPage.objects.child_of(beihai).filter(slug="sea-silk-road").exists()
        ):
            opening = today + datetime.timedelta(days=12)
            exhibition = ExhibitionPage(
                title="海上丝绸之路文献展",
                slug="sea-silk-road",
                opening_date=opening,
                closing_date=opening + datetime.timedelta(days=60),
                curator="北海市图书馆地方文献部",
                introduction="展出合浦汉代海上丝绸之路始发港相关文献与图片。",
            )
            beihai.add_child(instance=exhibition)
            exhibition.save_revision().publish()
            created += 1
    index = ensure_index_page(
        home,
        ExhibitionIndexPage,
        translate,
        title="展览",
        slug="exhibitions",
        introduction="成员馆的展览与巡展。",
    )
    stdout.write(f"  exhibitions: {created} created; index at {public_url(index)}")
    exhibitions = ExhibitionPage.objects.filter(
        locale=locale, slug__in=["zhuang-brocade", "sea-silk-road"]
    )
    done = translate_into_english(translate, exhibitions, english_strings(ENGLISH))
    stdout.write(f"  exhibitions: {done} translated into English")
    load_demo_hosting(libraries)


def load_demo_hosting(libraries):
    """A pending request from 北海 to host the touring exhibition after its tour, so that
    the moderators of 广西图书馆 have one to answer."""
    from .models import HostingRequest

    exhibition = ExhibitionPage.objects.filter(
        locale=Locale.get_default(), slug="zhuang-brocade"
    ).first()
    host = libraries.get("beihai")
    if exhibition is None or host is None or exhibition.hosting_requests.exists():
        return
    last_stop = max((stop.ends_on for stop in exhibition.tour_stops.all()), default=None)
    starts_on = (last_stop or exhibition.closing_date) + datetime.timedelta(days=7)
    HostingRequest.objects.create(
        exhibition=exhibition,
        host=host,
        starts_on=starts_on,
        ends_on=starts_on + datetime.timedelta(days=27),
        message="北海市图书馆希望在二楼展厅承接壮锦巡展，可负责往返运输。",
    )
